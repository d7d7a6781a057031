#!/usr/bin/env python3
"""
update_formats.py - re-run every example of docs/formats.md and paste the real output in.

docs/formats.md marks its examples with an HTML comment on the line before a fenced block:

  <!-- example NAME -->      the block is replaced by the contents of docs/examples/NAME
  <!-- run -->               the block holds commands ("$ " lines), run one after the other by
  <!-- run examples -->      one bash in a scratch folder (kept for the whole document, so files
                             written by one block are there for the next) or in docs/examples;
                             the lines after each are replaced by what it printed (stdout and
                             stderr)

`openita` is the program of build/ (make first). Usage, from the repository root:

  python3 docs/examples/update_formats.py          # rewrite docs/formats.md
  python3 docs/examples/update_formats.py --check  # exit 1 when the document is out of date
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(ROOT, "docs", "formats.md")
EXAMPLES = os.path.join(ROOT, "docs", "examples")
MARK = re.compile(r"^<!-- (example|run)(?: (\S+))? -->$")


def run_block(cmds, cwd):
    """Run the commands in one bash (so a variable set by one is seen by the next); return
    each one's output lines."""
    mark = "@@openita-formats-end@@"
    script = "".join(f"{{ {c}\n}} 2>&1; echo {mark}\n" for c in cmds)
    env = dict(os.environ, PATH=os.path.join(ROOT, "build") + os.pathsep + os.environ["PATH"],
               LC_ALL="C.UTF-8")
    p = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE)
    parts = p.stdout.decode("utf-8", "replace").split(mark + "\n")
    if len(parts) != len(cmds) + 1:
        sys.exit(f"a command failed to run: {cmds}")
    return [part.rstrip("\n").split("\n") if part else [] for part in parts[:-1]]


def main():
    lines = open(DOC, encoding="utf-8").read().split("\n")
    out = []
    scratch = tempfile.mkdtemp(prefix="openita-formats-")
    i = 0
    while i < len(lines):
        m = MARK.match(lines[i])
        out.append(lines[i])
        i += 1
        if not m:
            continue
        if not lines[i].startswith("```"):
            sys.exit(f"formats.md:{i + 1}: a fenced block must follow {m.group(0)}")
        fence = lines[i]
        out.append(fence)
        i += 1
        body = []
        while lines[i] != "```":
            body.append(lines[i])
            i += 1
        if m.group(1) == "example":
            text = open(os.path.join(EXAMPLES, m.group(2)), encoding="utf-8").read()
            out.extend(text.rstrip("\n").split("\n"))
        else:
            cwd = EXAMPLES if m.group(2) == "examples" else scratch
            cmds = [line for line in body if line.startswith("$ ")]
            for cmd, output in zip(cmds, run_block([c[2:] for c in cmds], cwd)):
                out.append(cmd)
                out.extend(output)
        out.append("```")
        i += 1
    shutil.rmtree(scratch)
    new = "\n".join(out)
    if "--check" in sys.argv:
        if new != "\n".join(lines):
            print("docs/formats.md is out of date: run python3 docs/examples/update_formats.py")
            sys.exit(1)
        return
    open(DOC, "w", encoding="utf-8").write(new)


if __name__ == "__main__":
    main()
