// e-agency-plan — from result to action: the agency admin follows the workspace's link to last
// year's result, types the ten indicator scores from the result sheet (one of them first over
// 100, which is refused with the field named and what was typed kept), marks a failed OIT item
// with the assessors' comment, and reads the analysis; drafts this year's plan from it; edits the
// first measure; and records its 6-month progress using the keyboard only (Tab, arrows, Space,
// Enter). Screenshots of each step go to build/e2e-artifacts/.
import { check, expectStatus, expectVisible, fiscalYearBE, login, newContext,
  postFrom } from '../lib.mjs';

const scores = ['95.5', '92', '70.25', '96', '91', '80', '85', '75', '93', '40'];

export default async function ({ browser, base, state, shot, env }) {
  const code = env.E2E_AGENCY_CODE || state.get('agencyCode') || 'E2E01';
  const fy = fiscalYearBE();
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, base, env.E2E_AGENCY_USER, env.E2E_AGENCY_PASSWORD);
  expectStatus(await page.goto(`${base}/agency/${code}`), 200, `GET /agency/${code}`);

  // The result sheet, reached from the workspace.
  await page.getByRole('link', { name: `ผลการประเมินปี ${fy - 1} และการวิเคราะห์` }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: `ผลการประเมินปี ${fy - 1}` }),
    'the result page heading');
  const sheet = page.getByRole('group', { name: /คะแนนรายตัวชี้วัด/ });
  for (let i = 0; i < 10; i++) {
    await sheet.getByLabel(new RegExp(`^${i + 1}\\. `)).fill(i === 2 ? '170.25' : scores[i]);
  }
  let r = await postFrom(page,
    () => page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click());
  expectStatus(r, 422, 'POST result with 170.25');
  await expectVisible(page.getByRole('alert').filter({ hasText: 'ตัวชี้วัดที่ 3' }),
    'the refusal naming indicator 3');
  const third = sheet.getByLabel(/^3\. /);
  check(await third.inputValue() === '170.25', 'the refused value was not kept in the form');
  check(await third.getAttribute('aria-invalid') === 'true', 'indicator 3 is not marked invalid');
  await shot(page, 'e1-result-refused', false);

  await third.fill(scores[2]);
  const oit = page.getByRole('group', { name: /ข้อ OIT ที่ไม่ผ่าน/ });
  if (!(await oit.getByRole('checkbox').first().isVisible()))
    await page.getByText('รายการข้อ OIT ทั้งหมด').click();
  await oit.getByRole('checkbox').first().check();
  await oit.getByRole('textbox').first().fill('ไม่พบรายงานผลการดำเนินงานรอบ 6 เดือน');
  const prev = page.getByRole('group', { name: /คะแนนปีก่อน/ });
  await prev.getByLabel(/^1\. /).fill('90');
  await prev.getByLabel(/^3\. /).fill('60');
  r = await postFrom(page,
    () => page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click());
  expectStatus(r, 303, 'POST result');
  await expectVisible(page.getByRole('status').filter({ hasText: 'บันทึกผลการประเมินแล้ว' }),
    'the notice that the result was saved');
  await expectVisible(page.getByRole('heading', { name: 'ผลการวิเคราะห์' }), 'the analysis');
  const table = page.getByRole('table', { name: 'คะแนนรายตัวชี้วัด' });
  await expectVisible(table.getByRole('row', { name: /^3\. .*70\.25/ }), 'indicator 3 at 70.25');
  await expectVisible(table.getByText('+10.25'), 'the change of indicator 3 since last year');
  await expectVisible(page.getByText('ไม่พบรายงานผลการดำเนินงานรอบ 6 เดือน'),
    'the assessors\' comment among the failed items');
  await shot(page, 'e2-result-analysis', false);
  await shot(page, 'e2b-result-analysis-full');

  // Draft this year's plan.
  await page.getByRole('link', { name: `แผนมาตรการปี ${fy}` }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: `แผนมาตรการปีงบประมาณ ${fy}` }),
    'the plan page heading');
  r = await postFrom(page,
    () => page.getByRole('button', { name: 'ร่างแผนจากผลการวิเคราะห์' }).click());
  expectStatus(r, 303, 'POST plan/draft');
  const measures = page.getByRole('table', { name: /มาตรการส่งเสริมคุณธรรม/ });
  await expectVisible(measures, 'the measures table');
  const rows = await measures.getByRole('row').count();
  check(rows >= 3, `the draft has ${rows - 1} measures, expected at least 2`);
  await expectVisible(page.getByRole('heading', { name: 'เอกสาร' }), 'the documents section');
  await shot(page, 'e3-plan-drafted');

  // Edit the first measure.
  await measures.getByRole('row').nth(1).getByRole('link').first().click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'มาตรการที่ 1' }),
    'the measure page');
  await page.getByLabel('ผู้รับผิดชอบ').fill('กลุ่มงานบริหารทั่วไป');
  await page.getByLabel('วิธีการดำเนินการ').fill(
    'ประกาศเจตนารมณ์ของผู้บริหาร\nอบรมบุคลากรทุกกลุ่มงาน\nติดตามผลรายไตรมาส');
  r = await postFrom(page, () => page.getByRole('button', { name: 'บันทึกมาตรการ' }).click());
  expectStatus(r, 303, 'POST measure 1');
  await expectVisible(page.getByRole('status').filter({ hasText: 'บันทึกมาตรการแล้ว' }),
    'the notice that the measure was saved');
  check(await page.getByLabel('ผู้รับผิดชอบ').inputValue() === 'กลุ่มงานบริหารทั่วไป',
    'the responsible unit was not saved');
  await shot(page, 'e4-measure-edited');

  // The 6-month progress, by keyboard only.
  await page.getByRole('link', { name: 'รอบ 6 เดือน' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: /รอบ 6 เดือน/ }),
    'the progress page');
  await page.getByRole('radio').first().focus();
  await page.keyboard.press('ArrowDown');          // ยังไม่ดำเนินการ → อยู่ระหว่างดำเนินการ
  await page.keyboard.press('Tab');
  await page.keyboard.type('อบรมบุคลากรแล้ว 2 รุ่น รวม 85 คน');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ควรเพิ่มช่องทางออนไลน์');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://www.example.go.th/ita/progress-6m');
  // The report date is today's by default; Enter in the address field submits the form.
  r = await postFrom(page, () => page.keyboard.press('Enter'));
  expectStatus(r, 303, 'POST progress 6 months');
  await expectVisible(page.getByRole('status').filter({ hasText: 'บันทึกความก้าวหน้าแล้ว' }),
    'the notice that the progress was saved');
  check(await page.getByRole('radio', { name: 'อยู่ระหว่างดำเนินการ' }).isChecked(),
    'the status chosen with the arrow key was not saved');
  await shot(page, 'e5-progress-6m');

  expectStatus(await page.goto(`${base}/agency/${code}/plan`), 200, 'GET plan');
  await expectVisible(measures.getByRole('row').nth(1).getByText('อยู่ระหว่างดำเนินการ'),
    'the first measure\'s 6-month status in the table');
  await shot(page, 'e6-plan-with-progress');
  expectStatus(await page.goto(`${base}/agency/${code}/plan/committees`), 200, 'GET committees');
  await shot(page, 'e7-committees');

  // The plan on a phone (wide tables scroll in their own box).
  const phone = await newContext(browser, {
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
    storageState: await context.storageState(),
  });
  const small = await phone.newPage();
  expectStatus(await small.goto(`${base}/agency/${code}/plan`), 200, 'GET plan at 360 px');
  await shot(small, 'e8-plan-360');
  await phone.close();
  await context.close();
}
