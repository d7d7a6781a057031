"""Checks that score tables agree: every CSV given must have the columns `agency`
and `total` (others are ignored), the same set of agencies, and totals within
1e-6 of the first file's.  Prints a one-line summary of the first table
(agencies, mean total, share at 85 or above) and exits 1 on any disagreement,
listing the first differences.

    compare.py REFERENCE.csv OTHER.csv...
"""

import csv
import math
import sys

TOLERANCE = 1e-6


def totals(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.DictReader(f)
        if not rows.fieldnames or "agency" not in rows.fieldnames or "total" not in rows.fieldnames:
            sys.exit(f"compare: {path}: no agency and total columns")
        return {row["agency"]: float(row["total"]) if row["total"] else math.nan for row in rows}


def main():
    ref_path, others = sys.argv[1], sys.argv[2:]
    ref = totals(ref_path)
    failed = False
    for path in others:
        other = totals(path)
        problems = [f"  agency {a}: missing from {path}" for a in sorted(ref.keys() - other.keys())]
        problems += [f"  agency {a}: missing from {ref_path}" for a in sorted(other.keys() - ref.keys())]
        problems += [f"  agency {a}: {ref[a]!r} in {ref_path}, {other[a]!r} in {path}"
                     for a in sorted(ref.keys() & other.keys())
                     if not abs(ref[a] - other[a]) <= TOLERANCE]
        if problems:
            failed = True
            print(f"compare: {path} DISAGREES with {ref_path} on {len(problems)} agencies:", file=sys.stderr)
            print("\n".join(problems[:10]), file=sys.stderr)
    if failed:
        sys.exit(1)
    values = list(ref.values())
    passing = sum(v >= 85 for v in values)
    print(f"{len(values)} agencies agree within {TOLERANCE:g}; mean total {sum(values) / len(values):.2f}, "
          f"{100 * passing / len(values):.1f} % at 85 or above")


if __name__ == "__main__":
    main()
