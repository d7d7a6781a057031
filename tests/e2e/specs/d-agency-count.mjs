// d-agency-count — the agency admin reloads the agency's page and sees the one IIT response of
// spec c counted (the refused form of spec c is not). Also shows the page on a 360-px phone
// for the screenshots (sideways scrolling there is reported, not failed: wide tables scroll in
// their own box by design).
import { check, expectStatus, expectVisible, horizontalOverflow, login,
  newContext } from '../lib.mjs';

export default async function ({ browser, base, state, shot, env }) {
  const code = env.E2E_AGENCY_CODE || state.get('agencyCode') || 'E2E01';
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, base, env.E2E_AGENCY_USER, env.E2E_AGENCY_PASSWORD);
  const r = await page.goto(`${base}/agency/${code}`);
  expectStatus(r, 200, `GET /agency/${code}`);
  await page.reload();
  const iit = page.getByRole('region', { name: /^IIT/ });
  await expectVisible(iit.getByText(/ผู้ตอบแล้ว\s*1\s*คน\s*จากขั้นต่ำ\s*30\s*คน/),
    'IIT: "ผู้ตอบแล้ว 1 คน จากขั้นต่ำ 30 คน"');
  const eit = page.getByRole('region', { name: /^EIT/ });
  await expectVisible(eit.getByText(/ผู้ตอบแล้ว\s*0\s*คน/), 'EIT: "ผู้ตอบแล้ว 0 คน"');
  await shot(page, 'd1-agency-count');

  // The same page on a phone, logged in with the same cookies.
  const phone = await newContext(browser, {
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
    storageState: await context.storageState(),
  });
  const small = await phone.newPage();
  expectStatus(await small.goto(`${base}/agency/${code}`), 200, `GET /agency/${code} at 360 px`);
  const overflow = await horizontalOverflow(small);
  if (overflow > 0) console.log(`  note: /agency/${code} is ${overflow} px wider than 360 px`);
  await shot(small, 'd2-agency-dashboard-360');
  await phone.close();
  await context.close();
}
