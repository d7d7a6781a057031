// f-oit-assessor-keyboard — the OIT cycle in the browser (issue 4): the agency admin submits
// three items through the OIT form (the required elements beside it), the NACC admin assigns
// the assessor to the agency on the assignments page, and the assessor reviews the three items
// with the keyboard only: the verdict is autofocused, Space or the arrow keys choose pass or
// fail, Tab reaches the comment and the button, Enter saves and lands on the next item that
// needs review; the counters count down; rel=prev/next links carry accesskeys. Finally the
// agency sees its failed item with the assessor's comment. The evidence URLs point at the
// server itself (run.sh allows loopback captures): O1 its login page, O2 a page that is not
// there, O3 its health check; the assessor opens O1's stored copy (our page with the banner,
// then the copy itself, sandboxed), and the agency's link monitor lists O2 as broken.
// Screenshots: f1…f10.
import { check, expectFocus, expectStatus, expectVisible, login, newContext,
  postFrom } from '../lib.mjs';

const ITEMS = ['O1', 'O2', 'O3'];
const EVIDENCE = { O1: '/login', O2: '/no-such-page', O3: '/healthz' };

async function submitItem(page, base, code, item) {
  const r = await page.goto(`${base}/agency/${code}/oit/${item}`);
  expectStatus(r, 200, `GET /agency/${code}/oit/${item}`);
  await page.getByLabel('มี', { exact: true }).check();
  await page.getByLabel('URL ที่ 1', { exact: true }).fill(`${base}${EVIDENCE[item]}`);
  await page.getByLabel('คำอธิบาย', { exact: true }).fill(`หน้าเว็บไซต์ข้อ ${item}`);
  const p = await postFrom(page, () => page.getByRole('button', { name: 'ส่งข้อมูล' }).click());
  expectStatus(p, 303, `POST /agency/${code}/oit/${item}`);
  await expectVisible(page.getByRole('status').filter({ hasText: 'ส่งข้อมูลแล้ว' }),
    `the notice that ${item} was submitted`);
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.id);
}

export default async function ({ browser, base, shot, env }) {
  const code = env.E2E_AGENCY_CODE || 'E2E01';

  // The agency submits O1–O3.
  const agencyCtx = await newContext(browser);
  const officer = await agencyCtx.newPage();
  await login(officer, base, env.E2E_AGENCY_USER, env.E2E_AGENCY_PASSWORD);
  await officer.goto(`${base}/agency/${code}/oit/O1`);
  await expectVisible(officer.getByText('องค์ประกอบที่ต้องมี'), 'the required elements checklist');
  await shot(officer, 'f1-agency-oit-form');
  for (const item of ITEMS) await submitItem(officer, base, code, item);
  let r = await officer.goto(`${base}/agency/${code}/oit`);
  expectStatus(r, 200, `GET /agency/${code}/oit`);
  await expectVisible(officer.getByRole('heading', { name: /ยังขาด 40 ข้อ/ }),
    'the summary "ยังขาด 40 ข้อ"');
  await shot(officer, 'f2-agency-oit-summary');

  // The NACC admin assigns the assessor to the agency.
  const adminCtx = await newContext(browser);
  const admin = await adminCtx.newPage();
  await login(admin, base, 'admin', env.E2E_ADMIN_PASSWORD);
  r = await admin.goto(`${base}/admin/assignments`);
  expectStatus(r, 200, 'GET /admin/assignments');
  await admin.getByLabel('ผู้ประเมิน', { exact: true }).selectOption({ label: env.E2E_ASSESSOR_USER });
  await admin.getByLabel('หน่วยงาน (รหัส)', { exact: true }).fill(code);
  r = await postFrom(admin, () => admin.getByRole('button', { name: 'มอบหมาย' }).click());
  expectStatus(r, 303, 'POST /admin/assignments');
  await expectVisible(admin.getByRole('cell', { name: env.E2E_ASSESSOR_USER }),
    'the assignment in the table');
  await shot(admin, 'f3-admin-assignments');

  // The assessor reviews by keyboard.
  const assessorCtx = await newContext(browser);
  const page = await assessorCtx.newPage();
  await login(page, base, env.E2E_ASSESSOR_USER, env.E2E_ASSESSOR_PASSWORD);
  r = await page.goto(`${base}/review`);
  expectStatus(r, 200, 'GET /review');
  await page.getByRole('link', { name: new RegExp(`^${code}`) }).click();
  await page.waitForURL(`**/review/${code}`);
  await page.getByRole('link', { name: /^O1 / }).click();
  await page.waitForURL(`**/review/${code}/O1`);
  await expectVisible(page.getByText(/เหลือต้องตรวจ\s*3/), 'the counter "เหลือต้องตรวจ 3"');
  await expectFocus(page, 'v-pass', 'the verdict on O1 is not autofocused');
  const next = page.locator('a[rel="next"]');
  check(await next.getAttribute('accesskey') === 'n', 'rel=next has accesskey n');
  await shot(page, 'f4-workbench-O1');

  // The stored copy of O1's evidence: our page with the banner, then the copy, sandboxed.
  const copyLink = page.getByRole('link', { name: 'สำเนาเมื่อส่ง' });
  await expectVisible(copyLink, "the link to O1's stored copy");
  const copyHref = await copyLink.getAttribute('href');
  const copyPage = await assessorCtx.newPage();
  r = await copyPage.goto(`${base}${copyHref}`);
  expectStatus(r, 200, `GET ${copyHref}`);
  await expectVisible(copyPage.getByRole('note').filter({ hasText: 'ไม่ใช่หน้าเว็บจริง' }),
    'the banner saying it is a stored copy');
  await shot(copyPage, 'f8-stored-copy');
  r = await copyPage.goto(`${base}${copyHref}/raw?as=original`);
  expectStatus(r, 200, `GET ${copyHref}/raw?as=original`);
  const csp = (await r.allHeaders())['content-security-policy'] || '';
  check(/(^|,\s*)sandbox/.test(csp), `the copy is served without "sandbox" (CSP: ${csp})`);
  await expectVisible(copyPage.getByText('openita: สำเนาที่ระบบเก็บไว้'), 'the banner on the copy');
  await shot(copyPage, 'f9-stored-copy-sandboxed');
  await copyPage.close();
  await page.bringToFront();
  await page.locator('#v-pass').focus();

  // O1: pass — Space, Tab to the comment, type, Tab to the button, Enter.
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  check(await focusedId(page) === 'v-comment', `Tab from the verdict reaches ${await focusedId(page)}, not the comment`);
  await page.keyboard.type('ครบถ้วน');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'v-submit', 'Tab from the comment on O1');
  let p = await postFrom(page, () => page.keyboard.press('Enter'));
  expectStatus(p, 303, 'POST /review O1 by keyboard');
  check(new URL(page.url()).pathname === `/review/${code}/O2`, `after O1 the page is ${page.url()}, not O2`);
  await expectVisible(page.getByText(/เหลือต้องตรวจ\s*2/), 'the counter "เหลือต้องตรวจ 2"');
  await expectFocus(page, 'v-pass', 'the verdict on O2 is not autofocused');

  // O2: fail — ArrowDown moves to "ไม่ผ่าน", a comment is required and typed.
  await page.keyboard.press('ArrowDown');
  check(await page.locator('#v-fail').isChecked(), 'ArrowDown chose "ไม่ผ่าน"');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ไม่พบแผนผังโครงสร้างหน่วยงาน');
  await shot(page, 'f5-workbench-O2-fail');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'v-submit', 'Tab from the comment on O2');
  p = await postFrom(page, () => page.keyboard.press('Enter'));
  expectStatus(p, 303, 'POST /review O2 by keyboard');
  check(new URL(page.url()).pathname === `/review/${code}/O3`, `after O2 the page is ${page.url()}, not O3`);

  // O3: pass; nothing left, the page stays with the notice.
  await expectFocus(page, 'v-pass', 'the verdict on O3 is not autofocused');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'v-submit', 'Tab, Tab from the verdict on O3');
  p = await postFrom(page, () => page.keyboard.press('Enter'));
  expectStatus(p, 303, 'POST /review O3 by keyboard');
  await expectVisible(page.getByText('ไม่มีข้ออื่นที่รอตรวจ'), 'the notice that nothing is left');
  await expectVisible(page.getByText(/เหลือต้องตรวจ\s*0/), 'the counter "เหลือต้องตรวจ 0"');
  await shot(page, 'f6-workbench-done');

  // Back to the previous item with the keyboard: Shift+Tab from the autofocused verdict up to
  // the rel=prev link, then Enter. (Its accesskey, Alt+P, is checked as an attribute: headless
  // Chromium does not act on accesskeys from synthetic key events.)
  check(await page.locator('a[rel="prev"]').getAttribute('accesskey') === 'p',
    'rel=prev has accesskey p');
  await page.locator('#v-pass').focus();
  for (let i = 0; i < 40 && await focusedId(page) !== 'prev'; i++)
    await page.keyboard.press('Shift+Tab');
  check(await focusedId(page) === 'prev', 'Shift+Tab never reached the rel=prev link');
  await Promise.all([page.waitForURL(`**/review/${code}/O2`), page.keyboard.press('Enter')]);
  await expectVisible(page.locator('#status').filter({ hasText: 'ไม่ผ่าน' }), 'O2 shown as failed');

  // The agency sees the failed item with the comment.
  r = await officer.goto(`${base}/agency/${code}/oit`);
  expectStatus(r, 200, `GET /agency/${code}/oit after the review`);
  await expectVisible(officer.getByText('ไม่พบแผนผังโครงสร้างหน่วยงาน'), "the assessor's comment");
  await shot(officer, 'f7-agency-failed-with-comment');

  // The agency's link monitor: O2's evidence is broken, with no good capture to fall back on.
  r = await officer.goto(`${base}/agency/${code}/evidence`);
  expectStatus(r, 200, `GET /agency/${code}/evidence`);
  await expectVisible(officer.getByRole('cell', { name: /ลิงก์เสีย/ }), 'O2 listed as broken');
  await shot(officer, 'f10-agency-link-monitor');
}
