// a-admin-import — the administrator logs in, opens this fiscal year on ita-2565 with its
// windows around today, imports three agencies (Thai names) from a CSV file through the file
// input and sees the summary; then a file with one bad row is refused with its line number and
// nothing of it is stored.
import { check, expectStatus, expectVisible, fiscalYearBE, login, newContext, postFrom,
  thaiDate } from '../lib.mjs';

const GOOD_CSV = [
  'code,name,type,province,parent',
  'E2E01,สำนักงานเกษตรจังหวัดพะเยา,ส่วนภูมิภาค,พะเยา,',
  'E2E02,เทศบาลตำบลหนองปลาไหล,องค์กรปกครองส่วนท้องถิ่น,ชลบุรี,',
  'E2E03,องค์การบริหารส่วนตำบลบางเสาธง,องค์กรปกครองส่วนท้องถิ่น,สมุทรปราการ,',
  '',
].join('\n');

// Line 3 has a space in its code; lines 2 and 4 are fine but must not be stored either.
const BAD_CSV = [
  'code,name,type,province,parent',
  'E2E11,สำนักงานพาณิชย์จังหวัดตราด,ส่วนภูมิภาค,ตราด,',
  'E2E 12,เทศบาลตำบลท่าช้าง,องค์กรปกครองส่วนท้องถิ่น,จันทบุรี,',
  'E2E13,องค์การบริหารส่วนตำบลเนินพระ,องค์กรปกครองส่วนท้องถิ่น,ระยอง,',
  '',
].join('\n');

const WINDOWS = [
  ['วันเปิดรับแบบสำรวจ IIT/EIT', -7],
  ['วันปิดรับแบบสำรวจ IIT/EIT', 30],
  ['วันเปิดส่งข้อมูล OIT', -7],
  ['วันปิดส่งข้อมูล OIT', 30],
  ['วันเริ่มตรวจ OIT ของผู้ประเมิน', -7],   // open today: spec f reviews (windows may overlap)
  ['วันสิ้นสุดการตรวจ OIT ของผู้ประเมิน', 60],
  ['วันเริ่มช่วงชี้แจงเพิ่มเติม', 61],
  ['วันสิ้นสุดช่วงชี้แจงเพิ่มเติม', 75],
  ['วันประกาศผล', 90],
];

async function upload(page, base, filename, csv) {
  const r = await page.goto(`${base}/admin/agencies/import`);
  expectStatus(r, 200, 'GET /admin/agencies/import');
  await page.getByLabel('เลือกไฟล์ CSV').setInputFiles({
    name: filename, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8'),
  });
  return postFrom(page, () => page.getByRole('button', { name: 'ตรวจและนำเข้า' }).click());
}

export default async function ({ browser, base, state, shot, env }) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const landed = await login(page, base, 'admin', env.E2E_ADMIN_PASSWORD);
  check(!landed.includes('/login'), `admin login failed (still at ${landed})`);

  // Open the fiscal year.
  const fy = fiscalYearBE();
  let r = await page.goto(`${base}/admin/assessments`);
  expectStatus(r, 200, 'GET /admin/assessments');
  await page.getByLabel('ปีงบประมาณ (พ.ศ.)', { exact: true }).fill(String(fy));
  await page.getByLabel('กรอบการประเมิน', { exact: true }).selectOption('ita-2565');
  for (const [label, days] of WINDOWS)
    await page.getByLabel(label, { exact: true }).fill(thaiDate(days));
  r = await postFrom(page, () => page.getByRole('button', { name: 'เปิดปีการประเมิน' }).click());
  expectStatus(r, 303, 'POST /admin/assessments');
  await expectVisible(page.getByRole('status').filter({ hasText: `เปิดปีงบประมาณ ${fy} แล้ว` }),
    `the notice that fiscal year ${fy} was opened`);
  await expectVisible(page.getByRole('rowheader', { name: String(fy), exact: true }),
    `fiscal year ${fy} in the list of years`);
  await shot(page, 'a1-admin-assessment-opened');

  // Import three agencies from a file.
  r = await upload(page, base, 'agencies.csv', GOOD_CSV);
  expectStatus(r, 200, 'POST /admin/agencies/import (good file)');
  await expectVisible(page.getByRole('heading', { name: 'นำเข้า 3 หน่วยงาน' }),
    'the heading "นำเข้า 3 หน่วยงาน"');
  await expectVisible(page.getByRole('status').filter({
    hasText: `นำเข้า 3 หน่วยงานเรียบร้อยแล้ว และทุกหน่วยงานเข้าร่วมการประเมินปีงบประมาณ ${fy} แล้ว`,
  }), 'the import summary naming the fiscal year');
  await expectVisible(page.getByText('หน่วยงานทั้งหมดในระบบตอนนี้: 3'), 'the agency total 3');
  await shot(page, 'a2-admin-import-summary');

  // A file with a bad row: the line-numbered error, and nothing imported.
  r = await upload(page, base, 'agencies-bad.csv', BAD_CSV);
  expectStatus(r, 422, 'POST /admin/agencies/import (file with a bad row)');
  await expectVisible(page.getByRole('heading', { name: 'นำเข้าหน่วยงานไม่สำเร็จ' }),
    'the heading "นำเข้าหน่วยงานไม่สำเร็จ"');
  await expectVisible(page.getByRole('alert').filter({ hasText: 'ยังไม่ได้นำเข้าหน่วยงานใดเลย' }),
    'the alert saying nothing was imported');
  const problems = page.getByRole('table', { name: /ปัญหาที่พบ/ });
  await expectVisible(problems.getByRole('cell', { name: 'บรรทัด 3', exact: true }),
    'a problem on line 3 (บรรทัด 3)');
  const rows = await problems.locator('tbody tr').count();
  check(rows === 1, `expected 1 problem (line 3), the table lists ${rows}`);
  await shot(page, 'a3-admin-import-bad-row');
  for (const code of ['E2E11', 'E2E13']) {
    r = await page.goto(`${base}/agency/${code}`);
    check(r.status() === 404, `agency ${code} of the refused file exists (GET /agency/${code} ` +
      `answered ${r.status()}, expected 404)`);
  }
  r = await page.goto(`${base}/agency/E2E01`);
  expectStatus(r, 200, 'GET /agency/E2E01 (imported)');
  state.set('fiscalYear', fy);
  state.set('agencyCode', 'E2E01');
  await context.close();
}
