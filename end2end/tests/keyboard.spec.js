// WCAG 2.2 beyond what axe can see: the young people's flow with the keyboard alone and the
// focus always visible, text at 200 % on a phone without sideways scrolling, and no motion for
// people who ask their system for less.
const { test, expect } = require('@playwright/test');
const { secondFactor } = require('./second-factor');
const { ready, group, shot, seed, axeProblems } = require('./helpers');

/** Presses Tab until the focused element matches `wanted`; fails on any element reached on the
 * way that shows no focus indicator, or when `wanted` is never reached. */
async function tabTo(page, wanted, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      return {
        tag: e.tagName,
        type: e.type || '',
        text: (e.innerText || e.value || '').trim(),
        legend: e.closest('fieldset')?.querySelector('legend')?.textContent || '',
        label: e.labels?.[0]?.textContent || '',
        outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    expect(focused.outlined, `the focus shows on ${focused.tag} “${focused.text || focused.label}”`).toBe(true);
    if (wanted(focused)) return;
  }
  throw new Error(`Tab never reached the element after ${limit} presses`);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a young person answers with the keyboard alone, always seeing where the focus is', async ({ page }, testInfo) => {
      await page.goto('/c/demo');
      if (javaScriptEnabled) await ready(page);
      await tabTo(page, (e) => e.tag === 'A' && e.text === 'I want to take part');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name: 'Send my answers' })).toBeVisible();

      await tabTo(page, (e) => e.type === 'radio' && /how long are you online/.test(e.legend));
      await page.keyboard.press('Space');
      const online = group(page, /how long are you online/);
      await expect(online.getByLabel('Less than 1 hour')).toBeChecked();
      await page.keyboard.press('ArrowDown');
      await expect(online.getByLabel('1 to 3 hours')).toBeChecked();
      await tabTo(page, (e) => e.tag === 'TEXTAREA');
      await page.keyboard.type('Teach online safety at school every year.');
      await shot(page, testInfo, '1-typed');
      await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Send my answers');
      await page.keyboard.press('Enter');

      await expect(page.getByRole('heading', { name: 'Thank you! Your answers were sent.' })).toBeVisible();
    });
  });
}

/** Pages a young person or a delegate reads on a phone, with a long Arabic one among them. */
const READ = ['/c/demo', '/c/demo?step=answer', '/c/demo?step=answer&lang=ar', '/c/demo/withdraw?lang=ru', '/?lang=fr'];

test('text at 200 % still fits a phone: everything grows, nothing scrolls sideways', async ({ page }, testInfo) => {
  for (const path of READ) {
    await page.goto(path);
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize));
    // What a phone's "larger text" setting does: the root size doubles, rem and em follow.
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
    const after = await page.evaluate(() => ({
      h1: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    expect(after.h1 / before, `${path}: the heading doubles`).toBeCloseTo(2, 1);
    expect(after.overflow, `${path}: no sideways scrolling`).toBeLessThanOrEqual(0);
  }
  await shot(page, testInfo, '1-large-text');
});

test('with less motion asked for, nothing on the page moves', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const path of ['/c/demo', '/c/demo?step=answer', '/c/soon']) {
    await page.goto(path);
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    const moving = await page.evaluate(() => [...document.querySelectorAll('*')]
      .filter((e) => {
        const s = getComputedStyle(e);
        const animated = s.animationName !== 'none' && parseFloat(s.animationDuration) > 0;
        return animated || parseFloat(s.transitionDuration) > 0 || s.scrollBehavior === 'smooth';
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
    expect(moving, path).toEqual([]);
  }
});

test('an organizer signs in and creates a consultation with the keyboard alone', async ({ page }) => {
  await page.goto('/login');
  await tabTo(page, (e) => e.tag === 'INPUT' && e.label === 'E-mail address');
  await page.keyboard.type('admin@example.org');
  await tabTo(page, (e) => e.tag === 'INPUT' && e.label === 'Password');
  await page.keyboard.type('e2e admin passphrase');
  await page.keyboard.press('Enter');
  await secondFactor(page, 'admin@example.org');
  await expect(page.getByRole('heading', { name: 'Consultations' })).toBeVisible();

  await tabTo(page, (e) => e.tag === 'A' && e.text === 'New consultation');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New consultation' })).toBeVisible();
  const typeInto = async (label, text) => {
    await tabTo(page, (e) => e.label.startsWith(label));
    await page.keyboard.type(text);
  };
  await typeInto('Title', 'Keyboard only');
  await typeInto('Address', `keys-${Date.now()}`);
  await typeInto('Description for young people', 'Made without a mouse.');
  await typeInto('Meeting it serves', 'CWG-COP 27');
  await tabTo(page, (e) => e.label === 'Meeting date');
  await page.keyboard.type('01202027');
  // Into the radio group on its checked choice; arrows move the choice to "Not yet".
  await tabTo(page, (e) => e.type === 'radio' && e.legend === 'When it is open');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#window-draft')).toBeChecked();
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Save');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyboard only');
});

test('an organizer closes a consultation early and reopens it with the keyboard alone', async ({ page, browser }, testInfo) => {
  seed('window-keys', '--opens-in-minutes', '-30');
  const closedHeading = (p) => p.getByRole('heading', { name: 'This consultation has closed' });
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill('e2e admin passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, 'admin@example.org');
  const admin = await page.getByRole('row').filter({ hasText: '/c/window-keys' }).getByRole('link').first().getAttribute('href');
  await page.goto(admin);
  await expect(page.getByText(/^Open until/)).toBeVisible();

  // Sent without the box ticked: nothing closes, and the page says what is missing.
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Close now');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Tick the box to confirm closing now.')).toBeVisible();
  const problems = await axeProblems(page, 'window, unconfirmed');
  await tabTo(page, (e) => e.type === 'checkbox' && e.label.startsWith('Yes, close it now'));
  await page.keyboard.press('Space');
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Close now');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'The window was changed' })).toBeVisible();
  await expect(page.getByText(/^Closed at/)).toBeVisible();
  problems.push(...await axeProblems(page, 'window, closed'));
  await shot(page, testInfo, '1-closed-early');
  const young = await browser.newPage();
  await young.goto('/c/window-keys');
  await expect(closedHeading(young)).toBeVisible();

  await tabTo(page, (e) => e.tag === 'INPUT' && e.label === 'Minutes to add');
  await page.keyboard.type('45');
  await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Reopen');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'The window was changed' })).toBeVisible();
  await expect(page.getByText(/^Open until/)).toBeVisible();
  problems.push(...await axeProblems(page, 'window, reopened'));
  await shot(page, testInfo, '2-reopened');
  await young.reload();
  await expect(young.getByRole('link', { name: 'I want to take part' })).toBeVisible();
  await expect(closedHeading(young)).toHaveCount(0);
  await young.close();
  expect(problems).toEqual([]);
});
