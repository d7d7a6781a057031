// runner.mjs — a tiny test runner: `node runner.mjs SPEC…` runs specs/SPEC.mjs in order in one
// Debian chromium (/usr/bin/chromium, driven by playwright-core; no browser is downloaded),
// prints one line per spec and appends "pass SPEC" / "fail SPEC" to $E2E_RESULTS for run.sh to
// count. A failing spec also leaves a screenshot of every page it had open
// (SPEC-failure-N.png). Exit status: 0 when every spec passed.
//
// Environment (set by run.sh): E2E_BASE (http://127.0.0.1:PORT), E2E_ARTIFACTS (screenshot
// folder), E2E_STATE (JSON file the specs share), E2E_RESULTS, E2E_ADMIN_PASSWORD,
// E2E_AGENCY_USER, E2E_AGENCY_PASSWORD, E2E_AGENCY_CODE; CHROMIUM overrides the browser path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { State, shooter } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const names = process.argv.slice(2);
const results = env.E2E_RESULTS;

function record(name, ok) {
  if (results) fs.appendFileSync(results, `${ok ? 'pass' : 'fail'} ${name}\n`);
}

if (!names.length) {
  console.error('usage: node runner.mjs SPEC... (names of files in specs/, without .mjs)');
  process.exit(2);
}
if (!env.E2E_BASE) {
  console.error('runner: E2E_BASE is not set (run the specs through tests/e2e/run.sh)');
  process.exit(2);
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--font-render-hinting=none'],
  });
} catch (e) {
  console.error(`runner: cannot start chromium: ${e.message.split('\n')[0]}`);
  for (const name of names) record(name, false);
  process.exit(1);
}

const state = new State(env.E2E_STATE);
const artifacts = env.E2E_ARTIFACTS || path.join(here, '../../build/e2e-artifacts');
const shot = shooter(artifacts);
let failed = 0;

for (const name of names) {
  const started = Date.now();
  const contextsBefore = new Set(browser.contexts());
  let ok = true;
  try {
    const spec = await import(path.join(here, 'specs', `${name}.mjs`));
    await spec.default({ browser, base: env.E2E_BASE, state, shot, env, name });
  } catch (e) {
    ok = false;
    failed++;
    console.log(`not ok ${name}: ${e.message.split('\n')[0]}`);
    if (e.stack && env.E2E_VERBOSE) console.log(e.stack);
    let n = 0;
    for (const context of browser.contexts()) {
      if (contextsBefore.has(context)) continue;
      for (const page of context.pages()) {
        try { await shot(page, `${name}-failure-${++n}`); } catch { /* page gone */ }
      }
    }
  }
  for (const context of browser.contexts())
    if (!contextsBefore.has(context)) await context.close().catch(() => {});
  if (ok) console.log(`ok ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  record(name, ok);
}

await browser.close();
process.exit(failed ? 1 : 0);
