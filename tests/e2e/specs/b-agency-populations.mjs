// b-agency-populations — the agency admin (created by run.sh with `openita user add --role
// agency_admin --agency E2E01` after spec a) logs in, lands on the agency's page, enters its
// populations, sees the minimum samples they give, and reads the IIT link from the page.
import { check, expectStatus, expectVisible, login, newContext, postFrom } from '../lib.mjs';

export default async function ({ browser, base, state, shot, env }) {
  const code = env.E2E_AGENCY_CODE || state.get('agencyCode') || 'E2E01';
  const context = await newContext(browser);
  const page = await context.newPage();
  const landed = await login(page, base, env.E2E_AGENCY_USER, env.E2E_AGENCY_PASSWORD);
  check(new URL(landed).pathname === `/agency/${code}`,
    `the agency admin landed on ${landed}, expected /agency/${code}`);
  await expectVisible(page.getByRole('heading', { level: 1, name: 'สำนักงานเกษตรจังหวัดพะเยา' }),
    'the agency name as the page heading');

  // 250 staff: 10 % is 25, below the floor of 30 → 30. 1,200 service users: 120, capped at 100.
  await page.getByLabel('บุคลากรภายในที่ปฏิบัติงานมาไม่น้อยกว่า 1 ปี (IIT)').fill('250');
  await page.getByLabel('ผู้รับบริการภายนอกในปีงบประมาณ (EIT)').fill('1200');
  const r = await postFrom(page,
    () => page.getByRole('button', { name: 'บันทึกจำนวนประชากร' }).click());
  expectStatus(r, 303, `POST /agency/${code}/populations`);
  await expectVisible(page.getByRole('status').filter({ hasText: 'บันทึกจำนวนประชากรแล้ว' }),
    'the notice that the populations were saved');

  const table = page.getByRole('table', { name: /ขนาดตัวอย่างขั้นต่ำ/ });
  const iitRow = table.getByRole('row', { name: /^IIT/ });
  const eitRow = table.getByRole('row', { name: /^EIT/ });
  await expectVisible(iitRow.getByRole('cell', { name: '250', exact: true }), 'IIT population 250');
  await expectVisible(iitRow.getByRole('cell', { name: '30 คน', exact: true }),
    'IIT minimum sample 30 คน');
  await expectVisible(eitRow.getByRole('cell', { name: '1,200', exact: true }),
    'EIT population 1,200');
  await expectVisible(eitRow.getByRole('cell', { name: '100 คน', exact: true }),
    'EIT minimum sample 100 คน');

  const iit = page.getByRole('region', { name: /^IIT/ });
  await expectVisible(iit.getByText(/ผู้ตอบแล้ว\s*0\s*คน\s*จากขั้นต่ำ\s*30\s*คน/),
    'IIT: "ผู้ตอบแล้ว 0 คน จากขั้นต่ำ 30 คน"');
  const link = iit.getByRole('link', { name: /\/s\/[A-Za-z0-9_-]+$/ });
  await expectVisible(link, 'the IIT survey link');
  const href = await link.first().getAttribute('href');
  check(/^https?:\/\/[^/]+\/s\/[A-Za-z0-9_-]{16,}$/.test(href), `odd IIT link "${href}"`);
  check((await link.first().textContent()).trim() === href,
    'the IIT link shows a text other than its address');
  state.set('iitLink', href);
  await shot(page, 'b1-agency-populations');
  await context.close();
}
