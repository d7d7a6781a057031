// lib.mjs — what the browser specs share: a browser context set up as a Thai user's, logging
// in, waiting for what a page must show (with a message that says what was expected),
// full-page screenshots into build/e2e-artifacts, Thai calendar dates, and the state the
// specs hand on to each other (the survey link, …) in a JSON file between runner processes.
import fs from 'node:fs';
import path from 'node:path';

export const TIMEOUT_MS = 10000;

/** A fresh context (cookies of its own) that reads Thai and lives in Bangkok. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  return context;
}

/** Fail with `what` unless `cond`. */
export function check(cond, what) {
  if (!cond) throw new Error(what);
}

/** Wait until the locator is visible; fail naming what should have been there. */
export async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  } catch {
    throw new Error(`not shown: ${what}`);
  }
}

/** The response's status must be `status`. */
export function expectStatus(response, status, what) {
  check(response, `${what}: no response`);
  check(response.status() === status,
    `${what}: HTTP ${response.status()} from ${response.url()}, expected ${status}`);
}

/**
 * Run action (a click, a key press) that submits a form; wait until the page it leads to (after
 * any redirect) has loaded, and return the response to the POST itself (303, 422, …).
 */
export async function postFrom(page, action) {
  const where = page.url();
  let focus = '';
  try {
    focus = await page.evaluate(() => {
      const e = document.activeElement;
      return e ? `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}` : 'nothing';
    });
  } catch { /* the page is going away: leave the focus out of any message */ }
  try {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' &&
        r.request().resourceType() === 'document'),
      page.waitForNavigation({ waitUntil: 'load' }),
      action(),
    ]);
    return response;
  } catch (err) {
    throw new Error(`no form was posted from ${where} (focus was on ${focus}): ${err.message}`);
  }
}

/**
 * Wait until the element with id `id` has the keyboard focus (autofocus is applied when the
 * browser next renders, which may come after the load event); fail naming `what`.
 */
export async function expectFocus(page, id, what) {
  try {
    await page.waitForFunction((want) => document.activeElement &&
      document.activeElement.id === want, id, { timeout: TIMEOUT_MS });
  } catch {
    const got = await page.evaluate(() => document.activeElement && document.activeElement.id);
    throw new Error(`${what}: the focus is on ${got || 'no element with an id'}, not #${id}`);
  }
}

/** Log in through the login form; returns the page's URL afterwards. */
export async function login(page, base, username, password) {
  check(password, `no password for ${username}`);
  const r = await page.goto(`${base}/login`);
  expectStatus(r, 200, 'GET /login');
  await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill(username);
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click(),
  ]);
  return page.url();
}

/** ISO date (YYYY-MM-DD) of today + days in Bangkok (UTC+7, no daylight saving). */
export function thaiDate(days = 0) {
  const t = new Date(Date.now() + 7 * 3600 * 1000 + days * 86400 * 1000);
  return t.toISOString().slice(0, 10);
}

/** The Buddhist Era fiscal year of today in Bangkok: October starts the next one. */
export function fiscalYearBE() {
  const [y, m] = thaiDate(0).split('-').map(Number);
  return (m >= 10 ? y + 1 : y) + 543;
}

/** State handed from one spec to the next (the specs run in separate runner processes). */
export class State {
  constructor(file) {
    this.file = file;
    this.data = {};
    if (file && fs.existsSync(file)) this.data = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  get(key) { return this.data[key]; }
  set(key, value) {
    this.data[key] = value;
    if (this.file) fs.writeFileSync(this.file, JSON.stringify(this.data, null, 2));
  }
}

/** Full-page screenshot to ARTIFACTS/name.png (fullPage false: just the viewport). */
export function shooter(dir) {
  return async (page, name, fullPage = true) => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    return file;
  };
}

/**
 * How many CSS pixels the page is wider than the context's viewport (0 or less: no sideways
 * scrolling). Measured against the configured width, not window.innerWidth: a mobile browser
 * widens its layout viewport to fit content that overflows.
 */
export async function horizontalOverflow(page) {
  const width = page.viewportSize().width;
  const content = await page.evaluate(() => Math.max(document.documentElement.scrollWidth,
    document.body ? document.body.scrollWidth : 0));
  return content - width;
}
