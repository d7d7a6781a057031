// c-respondent-iit — a respondent on a 360×740 touch phone opens the IIT link and answers every
// question by keyboard alone: Tab moves from one question to the next, Space chooses the first
// option, the arrow keys move to (and choose) another, Enter on the submit button sends it; the
// thank-you page follows. Then a fresh copy of the form sent with one question unanswered comes
// back with the error summary, the message at that question, and every other answer still
// chosen. The page must never scroll sideways at 360 px.
import { check, expectStatus, expectVisible, horizontalOverflow, newContext,
  postFrom } from '../lib.mjs';

const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 1,
};

async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    return {
      tag: e ? e.tagName : '',
      type: (e && e.type) || '',
      name: (e && e.name) || '',
      value: (e && e.value) || '',
      checked: !!(e && e.checked),
      text: e ? (e.textContent || '').trim() : '',
    };
  });
}

/** Press Tab until pred(focused element) holds, at most `max` times. */
async function tabUntil(page, pred, max, what) {
  let f;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    f = await focused(page);
    if (pred(f)) return f;
  }
  throw new Error(`${what}: after ${max} Tab presses the focus is on ` +
    `<${f.tag.toLowerCase()} type=${f.type} name=${f.name}> "${f.text.slice(0, 40)}"`);
}

/** The option to choose for question i of n options (1-based): mostly favourable, varied. */
function choice(i, n) {
  if (n >= 4) return i % 3 === 0 ? n - 1 : n;
  return i % 5 === 0 ? 2 : 1;
}

/**
 * Answer the form by keyboard, skipping question `skip` (-1: none). Returns the chosen values
 * by question name.
 */
async function answerByKeyboard(page, skip, shotAt) {
  const groups = await page.$$eval('form input[type=radio]', (els) => {
    const order = [];
    const count = {};
    for (const e of els) {
      if (!(e.name in count)) { order.push(e.name); count[e.name] = 0; }
      count[e.name]++;
    }
    return order.map((name) => ({ name, n: count[name] }));
  });
  check(groups.length > 0, 'the form has no questions');
  const chosen = {};
  for (let i = 0; i < groups.length; i++) {
    const { name, n } = groups[i];
    // From the page top the skip link and the brand come first; after that one Tab per question.
    const f = await tabUntil(page, (x) => x.type === 'radio', i === 0 ? 12 : 1,
      `reaching question ${i + 1} (${name})`);
    check(f.name === name, `Tab went to question "${f.name}", expected "${name}"`);
    check(!f.checked, `question ${name} was already answered on a fresh form`);
    if (i === skip) continue;
    const want = choice(i, n);
    if (want === 1) {
      await page.keyboard.press('Space');
    } else {
      for (let k = 1; k < want; k++) await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowDown');
    }
    const after = await focused(page);
    check(after.name === name && after.checked && after.value === String(want),
      `question ${name}: expected option ${want} chosen, focus is on ${after.name}=` +
      `${after.value} (checked ${after.checked})`);
    chosen[name] = String(want);
    if (shotAt && i === shotAt.index) await shotAt.take();
  }
  return { groups, chosen };
}

/** Tab to the submit button and press Enter; the response to the POST. */
async function submitByKeyboard(page) {
  const f = await tabUntil(page, (x) => x.tag === 'BUTTON', 3, 'reaching the submit button');
  check(f.text === 'ส่งคำตอบ', `the button after the last question says "${f.text}"`);
  return postFrom(page, () => page.keyboard.press('Enter'));
}

export default async function ({ browser, state, shot }) {
  const link = state.get('iitLink');
  check(link, 'no IIT link from spec b-agency-populations');
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();

  // 1. The whole form by keyboard.
  let r = await page.goto(link);
  expectStatus(r, 200, `GET ${link}`);
  await expectVisible(page.getByRole('heading', { level: 1, name: /\(IIT\)$/ }), 'the IIT title');
  await expectVisible(page.getByText('สำนักงานเกษตรจังหวัดพะเยา'), "the agency's name");
  let overflow = await horizontalOverflow(page);
  check(overflow <= 0, `the survey form scrolls sideways at 360 px (${overflow} px too wide)`);
  const { groups } = await answerByKeyboard(page, -1, {
    index: 2,
    take: () => shot(page, 'c1-respondent-focus-360', false),
  });
  await shot(page, 'c2-respondent-answered-360');
  r = await submitByKeyboard(page);
  expectStatus(r, 303, 'POST of the completed IIT form');
  check(/\/thanks$/.test(new URL(page.url()).pathname), `after sending: ${page.url()}`);
  await expectVisible(page.getByRole('heading', { name: 'ขอบคุณที่ร่วมตอบแบบวัด' }),
    'the thank-you heading');
  await expectVisible(page.getByRole('status').filter({ hasText: 'ระบบบันทึกคำตอบ' }),
    'the status saying the answers were recorded');
  overflow = await horizontalOverflow(page);
  check(overflow <= 0, `the thank-you page scrolls sideways at 360 px (${overflow} px)`);
  await shot(page, 'c3-respondent-thanks-360');

  // 2. A fresh form sent with the fifth answer code unanswered: refused, answers kept. Not resent, so
  //    the agency still has exactly one response for spec d.
  r = await page.goto(link);
  expectStatus(r, 200, `GET ${link} (second time)`);
  const skip = 4;
  const { chosen } = await answerByKeyboard(page, skip, null);
  r = await submitByKeyboard(page);
  expectStatus(r, 422, 'POST of the form with a missing answer');
  // The wording is the survey page's to choose; what matters: an alert counting one gap.
  await expectVisible(page.getByRole('alert').filter({ hasText: /ยัง(ไม่ได้ตอบ|ตอบไม่ครบ)/ })
    .filter({ hasText: /\b1\s*(ข้อ|รายการ)/ }), 'an error summary counting 1 unanswered question');
  const missing = groups[skip].name;
  await expectVisible(page.locator(`fieldset[id="q-${missing}"]`)
    .getByText(/ยังไม่ได้ตอบข้อนี้/), `the message at question ${missing}`);
  await expectVisible(page.getByRole('alert').locator(`a[href="#q-${missing}"]`),
    `a link to question ${missing} in the error summary`);
  const kept = await page.$$eval('form input[type=radio]:checked',
    (els) => Object.fromEntries(els.map((e) => [e.name, e.value])));
  for (const [name, value] of Object.entries(chosen))
    check(kept[name] === value, `answer to ${name} not kept: was ${value}, now ${kept[name]}`);
  check(!(missing in kept), `question ${missing} shows an answer nobody gave`);
  check(Object.keys(kept).length === groups.length - 1,
    `expected ${groups.length - 1} answers kept, found ${Object.keys(kept).length}`);
  overflow = await horizontalOverflow(page);
  check(overflow <= 0, `the refused form scrolls sideways at 360 px (${overflow} px)`);
  await shot(page, 'c4-respondent-missing-answer-360');
  state.set('iitQuestions', groups.length);
  await context.close();
}
