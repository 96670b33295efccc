// Stored XSS: what young people type is markup, script, links, bidi overrides and spreadsheet
// formulas, carried through moderation (approved, tagged, quoted), the draft and published
// summary, its JSON and CSV. No script of theirs may run anywhere, and every text must show as
// it was typed; in the CSV, formulas must not run.
const { test, expect } = require('@playwright/test');
const { secondFactor } = require('./second-factor');
const { seed, sendAnswers } = require('./helpers');

const PASSWORD = 'e2e admin passphrase';

/** Answers as typed; each survives the scrubber (no e-mail, phone, link or handle in it). */
const ANSWERS = [
  '<script>window.__xss = 1</script> schools should teach this',
  '<img src=x onerror="window.__xss = 2"> apps ask too much',
  '<svg onload="window.__xss = 3"><circle r="9"/></svg> games chat',
  '<a href="javascript:window.__xss = 4">click me</a> for help',
  'my friend \u202Eevil\u202C wrote this \u2066mixed\u2069 text',
  '=1+2*3 and +7 and -2 then =cmd|calc!A0',
];

/** Theme names a moderator types, copied from what they read: they reach the CSV as cells. */
const THEMES = ['=SUM(1+2)', '@cmd|calc!A0', '+1-1', '-2+3', '<b onmouseover="window.__xss=5">bold</b>', '=2*3'];

/** Fails the test if any script of theirs ran on the page. */
async function noScriptRan(page, where) {
  expect(await page.evaluate(() => window.__xss), `script ran on ${where}`).toBeUndefined();
}

test('hostile text is shown as typed and never runs, from the answer form to the CSV', async ({ browser, page, request }) => {
  test.setTimeout(240_000);
  // Open for a minute and a half, no grace: answered, moderated, then closed and published.
  // Twelve others answered too: a summary of fewer than ten young people shows nothing.
  seed('xss', '--opens-in-minutes', '0', '--length-minutes', '1.5', '--grace-minutes', '0',
    '--sample-answers', '12');
  const opened = Date.now();
  await sendAnswers(browser, ANSWERS, 'xss');

  const dialogs = [];
  page.on('dialog', (d) => dialogs.push(d.message()));
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, 'admin@example.org');
  const admin = await page.locator('tr', { has: page.locator('a[href="/c/xss"]') })
    .locator('a[href^="/admin/consultations/"]').first().getAttribute('href');
  const id = admin.split('/').pop();

  // Each hostile answer, as typed, approved as a quote under a theme typed from it; the others
  // approved as they are.
  await page.goto(`/moderate?consultation=${id}`);
  const seen = [];
  while (await page.locator('form#review').count()) {
    const text = await page.locator('#review-text').inputValue();
    await noScriptRan(page, `the review of ${text}`);
    if (ANSWERS.includes(text)) {
      seen.push(text);
      await page.locator('#new-themes').fill(THEMES[ANSWERS.indexOf(text)]);
      await page.getByLabel(/Quote this answer/).check();
    }
    await page.getByRole('button', { name: /^Approve/ }).click();
    await expect(page.locator('.error-summary')).toHaveCount(0);
  }
  expect(seen.sort()).toEqual([...ANSWERS].sort());
  await page.goto(`/moderate?consultation=${id}&status=approved`);
  for (const text of ANSWERS) await expect(page.locator('.listed')).toContainText(text);
  await noScriptRan(page, 'the approved list');

  await page.waitForTimeout(Math.max(0, opened + 95_000 - Date.now()));
  await page.goto(`${admin}/summary`);
  await noScriptRan(page, 'the draft summary');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/c\/xss\/summary$/);
  for (const text of [...ANSWERS, ...THEMES]) {
    await expect(page.getByText(text, { exact: true }).first()).toBeVisible();
  }
  await noScriptRan(page, 'the published summary');
  expect(await page.locator('main script:not([nonce]), main [onerror], main [onload], main [onmouseover]').count()).toBe(0);

  const json = JSON.stringify(await (await request.get('/c/xss/summary.json')).json());
  for (const text of [...ANSWERS, ...THEMES]) expect(json).toContain(JSON.stringify(text).slice(1, -1));

  // Every cell that a spreadsheet would run starts with an apostrophe instead.
  const csv = await (await request.get('/c/xss/summary.csv')).text();
  const cells = csv.split(/\r\n/).flatMap((line) => line.split(','));
  for (const theme of THEMES.filter((t) => /^[=+\-@]/.test(t))) {
    expect(csv).toContain(`'${theme}`);
  }
  expect(cells.filter((c) => /^"?[=+\-@\t]/.test(c))).toEqual([]);
  expect(dialogs).toEqual([]);
});
