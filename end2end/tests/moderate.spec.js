// A moderator clears the queue with the keyboard alone; without JavaScript the same forms work.
const { test, expect } = require('@playwright/test');
const { secondFactor } = require('./second-factor');
const { shot, sendAnswers, axeProblems, axeProblemsWithoutJavaScript, seed } = require('./helpers');

const PASSWORD = 'e2e admin passphrase';

/** Signs in by typing and pressing Enter. */
async function signInWithKeys(page, email) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await secondFactor(page, email);
  await expect(page.getByRole('heading', { name: 'Moderation', exact: true })).toBeVisible();
}

const current = (page) => page.locator('form#review').getAttribute('action');
const pending = async (page) => Number(await page.locator('.counts li').first().locator('strong').textContent());

/** Key press to the next page loaded, in ms, for the figure printed at the end (not a check). */
const timings = [];

/** Presses a key and waits for the page it leads to. */
async function press(page, key) {
  const started = Date.now();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
  timings.push(Date.now() - started);
}

test('a moderator clears the queue with the keyboard alone', async ({ page, browser }, testInfo) => {
  await sendAnswers(browser, [
    'Apps should ask before sharing photos of us',
    'My name is Zara Quill and I want games to have a report button',
    'buy cheap followers here',
  ]);
  await signInWithKeys(page, 'moderator@example.org');
  await expect(page).toHaveURL(/\/moderate(\?lang=en)?$/);
  const start = await pending(page);
  expect(start).toBeGreaterThanOrEqual(3);
  await expect(page.locator('.shortcuts')).toContainText('approve');
  await shot(page, testInfo, '1-queue');

  // Skip one and come back to it: N moves on, the skipped one stays pending.
  const first = await current(page);
  await press(page, 'n');
  expect(await current(page)).not.toBe(first);

  // Work through everything: tag, quote and approve the first; reject one with a reason key;
  // redact one by editing the text; approve the rest.
  let decided = 0;
  let tagged = false;
  while (await page.locator('form#review').count()) {
    const text = await page.locator('#review-text').inputValue();
    if (text.includes('followers')) {
      await press(page, '3');
    } else if (text.includes('Zara Quill')) {
      await page.keyboard.press('e');
      await expect(page.locator('#review-text')).toBeFocused();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('[name removed] I want games to have a report button');
      await page.keyboard.press('Escape');
      await press(page, 'a');
    } else if (!tagged) {
      tagged = true;
      await page.keyboard.press('t');
      await expect(page.locator('#new-themes')).toBeFocused();
      await page.keyboard.type('privacy, games');
      await page.keyboard.press('Escape');
      await page.keyboard.press('q');
      await expect(page.locator('#quote')).toBeChecked();
      await shot(page, testInfo, '2-tagged');
      await press(page, 'a');
    } else {
      await press(page, 'a');
    }
    decided += 1;
    expect(decided).toBeLessThanOrEqual(start);
  }
  expect(decided).toBe(start);
  await expect(page.getByText('Nothing left to review here')).toBeVisible();
  expect(await pending(page)).toBe(0);
  await shot(page, testInfo, '3-cleared');
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(`decision to next answer: median ${sorted[sorted.length >> 1]} ms, max ${sorted[sorted.length - 1]} ms over ${sorted.length} keys`);

  // P opens the last decision to look again; the redaction kept no trace of the name.
  await press(page, 'p');
  await expect(page.locator('form#review')).toBeVisible();
  await page.goto('/moderate?status=approved');
  await expect(page.locator('.listed')).toContainText('[name removed] I want games');
  await expect(page.locator('.listed')).not.toContainText('Zara Quill');
  await page.goto('/moderate?status=rejected');
  await expect(page.locator('.listed')).toContainText('rejected: Spam');
  await page.goto('/moderate/history');
  await expect(page.locator('table')).toContainText('redacted answer');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a decision is a plain form post and a bad one keeps the edit', async ({ page, browser }) => {
    await sendAnswers(browser, ['From age nine we should learn at school how to stay safe online']);
    await page.goto('/login');
    await page.getByLabel('E-mail address').fill('moderator@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await secondFactor(page, 'moderator@example.org');

    await page.getByLabel(/edit it to redact/).fill('Teach online safety at school');
    await page.getByLabel(/Safeguarding concern/).selectOption('bullying');
    await page.getByLabel(/Quote this answer/).check();
    await page.getByRole('button', { name: /^Approve/ }).click();
    await expect(page.getByRole('alert')).toContainText('cannot be a quote');
    await expect(page.getByLabel(/edit it to redact/)).toHaveValue('Teach online safety at school');

    await page.getByLabel(/Safeguarding concern/).selectOption('');
    await page.getByRole('button', { name: /^Approve/ }).click();
    await expect(page).toHaveURL(/\/moderate\?/);
    await expect(page.getByText('Nothing left to review here')).toBeVisible();
  });
});

test('a moderator can work in Arabic, and axe finds nothing on an answer under review in either language', async ({ page, browser }) => {
  await sendAnswers(browser, ['يجب أن تسأل التطبيقات قبل مشاركة صورنا']);
  await page.goto('/login?lang=ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('دخول فريق العمل');
  const problems = await axeProblems(page, '/login?lang=ar');
  await page.getByLabel('عنوان البريد الإلكتروني').fill('moderator@example.org');
  await page.getByLabel('كلمة المرور').fill(PASSWORD);
  await page.getByRole('button', { name: 'دخول' }).click();
  await secondFactor(page, 'moderator@example.org');
  await expect(page.locator('form#review')).toBeVisible();
  problems.push(...await axeProblems(page, 'an answer under review'));

  // Staff pages follow the browser's language; `?lang=` picks another for a page.
  await page.goto('/moderate?lang=ar');
  await expect(page.getByRole('heading', { name: 'الإشراف', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('form#review')).toBeVisible();
  problems.push(...await axeProblems(page, 'an answer under review, in Arabic'));
  await page.getByRole('button', { name: /^اعتماد/ }).click();
  await expect(page.getByText('لم يبقَ شيء لمراجعته هنا')).toBeVisible();
  for (const path of ['/moderate/history?lang=ar', '/moderate?status=approved&lang=ar']) {
    await page.goto(path);
    problems.push(...await axeProblems(page, path));
  }
  expect(problems).toEqual([]);
});

/** Opens the theme suggestions whose largest suggestion has at least `minimum` answers: each
 * seeded demo has the same question, so the link is the one whose page shows that many. */
async function suggestionsOf(page, minimum) {
  await page.goto('/moderate');
  const links = await page.locator('#theme-suggestions a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const link of links) {
    await page.goto(link);
    const first = page.locator('section.suggestion').first();
    if (await first.count() && await sizeOf(first) >= minimum) return first;
  }
  throw new Error(`no suggestion of ${minimum} answers`);
}

/** How many answers a suggestion has, as its heading says. */
async function sizeOf(section) {
  const heading = await section.getByRole('heading').textContent();
  return Number(heading.match(/answers (\d+)/)[1]);
}

test('a moderator accepts a theme suggestion with the keyboard, tagging its answers across languages in one decision', async ({ page }, testInfo) => {
  // 128 answers: the demo's five ideas, each written in the six languages, four times over.
  seed('themes', '--sample-answers', '128');
  await signInWithKeys(page, 'moderator@example.org');
  const section = await suggestionsOf(page, 20);
  await expect(page.getByRole('heading', { level: 1, name: 'Theme suggestions' })).toBeVisible();
  const size = await sizeOf(section);
  for (const language of ['العربية', '中文', 'English', 'Français', 'Русский', 'Español']) {
    await expect(section.getByRole('heading')).toContainText(language);
  }
  const problems = await axeProblems(page, 'theme suggestions');
  await shot(page, testInfo, '1-suggestions');

  // Tab into the name field, type, Enter: one decision tags them all.
  await section.getByRole('button', { name: /^Accept/ }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(section.getByLabel('Name this theme, in your language')).toBeFocused();
  await page.keyboard.type('Online safety lessons');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page.locator('#theme-decided')).toContainText(`Tagged with “Online safety lessons”: ${size} answers.`);
  problems.push(...await axeProblems(page, 'a theme accepted'));
  await shot(page, testInfo, '2-accepted');
  expect(problems).toEqual([]);

  // Renamed with the keyboard: open the theme's changes, type the new name, Enter.
  const themes = page.locator('ul.carried > li').filter({ hasText: 'Online safety lessons' });
  await themes.locator('summary').focus();
  await page.keyboard.press('Enter');
  await themes.getByLabel(/^A new name/).focus();
  await page.keyboard.type('Safety lessons');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page.locator('#theme-decided')).toContainText(`Moved to “Safety lessons”: ${size} answers that carried “Online safety lessons”.`);
  expect(await axeProblems(page, 'a theme renamed')).toEqual([]);

  // Undo takes back exactly that move.
  await page.getByRole('button', { name: 'Undo' }).press('Enter');
  await expect(page.locator('#theme-decided')).toContainText(`carry “Online safety lessons” again`);
  await expect(page.locator('ul.carried')).not.toContainText('Safety lessons ·');
});

test.describe('theme suggestions without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a suggestion is accepted and undone with plain form posts, and axe finds nothing', async ({ page }) => {
    seed('themes-nojs', '--sample-answers', '64');
    await page.goto('/login');
    await page.getByLabel('E-mail address').fill('moderator@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await secondFactor(page, 'moderator@example.org');
    const section = await suggestionsOf(page, 10);
    const problems = await axeProblemsWithoutJavaScript(page, 'theme suggestions without JavaScript');
    const size = await sizeOf(section);
    await section.getByLabel('Name this theme, in your language').fill('Ask before sharing photos');
    await section.getByRole('button', { name: /^Accept/ }).click();
    await expect(page.locator('#theme-decided')).toContainText(`Tagged with “Ask before sharing photos”: ${size} answers.`);
    problems.push(...await axeProblemsWithoutJavaScript(page, 'a theme accepted without JavaScript'));
    expect(problems).toEqual([]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('#theme-decided')).toContainText('no longer carry');

    // Accepted again, then split: two of its answers ticked and moved to a theme of their own.
    await page.locator('section.suggestion').first().getByLabel('Name this theme, in your language').fill('Ask before sharing photos');
    await page.locator('section.suggestion').first().getByRole('button', { name: /^Accept/ }).click();
    const theme = page.locator('ul.carried > li').filter({ hasText: 'Ask before sharing photos' });
    await theme.locator('summary').click();
    await theme.getByRole('link', { name: /^Split/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Split a theme' })).toBeVisible();
    const boxes = page.locator('form.together input[type=checkbox]');
    expect(await boxes.count()).toBe(size);
    problems.push(...await axeProblemsWithoutJavaScript(page, 'a theme split without JavaScript'));
    // Nothing ticked: nothing moves, and the name typed comes back with why.
    await page.getByLabel('Move the ticked answers to the theme').fill('Photos of others');
    await page.getByRole('button', { name: 'Move the ticked answers' }).click();
    await expect(page.locator('#none-ticked')).toBeVisible();
    await expect(page.getByLabel('Move the ticked answers to the theme')).toHaveValue('Photos of others');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Move the ticked answers' }).click();
    await expect(page.locator('#theme-decided')).toContainText('Moved to “Photos of others”: 2 answers');
    await expect(page.locator('ul.carried')).toContainText(`Ask before sharing photos · ${size - 2} answers`);
    problems.push(...await axeProblemsWithoutJavaScript(page, 'themes after a split without JavaScript'));

    // Dropped: its answers carry it no more, until undone.
    const photos = page.locator('ul.carried > li').filter({ hasText: 'Photos of others' });
    await photos.locator('summary').click();
    await photos.getByRole('button', { name: /^Drop/ }).click();
    await expect(page.locator('#theme-decided')).toContainText('Dropped “Photos of others” from 2 answers.');
    await expect(page.locator('ul.carried')).not.toContainText('Photos of others');
    expect(problems).toEqual([]);
  });
});

test('alike answers in several languages are approved together, each in full, and axe finds nothing', async ({ page }, testInfo) => {
  seed('together', '--sample-answers', '64');
  await signInWithKeys(page, 'moderator@example.org');
  // An answer of the seeded consultation (its suggestions keep every answer's embedding).
  const section = await suggestionsOf(page, 10);
  const size = await sizeOf(section);
  const first = (await section.locator('input[name=answers]').getAttribute('value')).split(',')[0];
  await page.goto('/moderate');
  const approved = async () => Number(await page.locator('.counts li').nth(1).locator('strong').textContent());
  const before = await approved();
  await page.goto(`/moderate/items/${first}`);
  await page.getByRole('link', { name: 'Answers like this one, to decide together' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Answers like this one' })).toBeVisible();
  const ticked = page.locator('form.together input[type=checkbox]');
  expect(await ticked.count()).toBeGreaterThan(1);
  const problems = await axeProblems(page, 'answers like this one');
  await shot(page, testInfo, '1-alike');
  // Untick one with the keyboard, name a theme, send with Enter.
  await ticked.nth(1).focus();
  await page.keyboard.press('Space');
  await expect(ticked.nth(1)).not.toBeChecked();
  await page.getByLabel('Tag them all with a theme (optional)').focus();
  await page.keyboard.type('Decided together');
  const count = await ticked.count();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page).toHaveURL(/\/moderate/);
  expect(await approved()).toBe(before + count - 1);
  expect(problems).toEqual([]);
  expect(size).toBeGreaterThanOrEqual(10);
});
