// Staff pages checked by axe-core against WCAG 2.2 AA, signed in as an organizer, in English and
// in Arabic (right to left); young people's pages are checked in both in languages.spec.js. This
// file runs first, so the moderation queue is still empty and opening it claims nothing another
// test needs. The one answer it sends has the honeypot filled: held back, it never reaches the
// queue, and the lane of held responses has a group to show.
const { test, expect } = require('@playwright/test');
const { secondFactor } = require('./second-factor');
const { answerAll, axeProblems } = require('./helpers');

test('axe finds no accessibility problem on staff pages, in English and Arabic', async ({ page, browser }) => {
  const script = await browser.newPage({ javaScriptEnabled: false });
  await script.goto('/c/demo?step=answer');
  await answerAll(script, 'Sent by a script that fills in every field.');
  await script.locator('input[name="leave_empty"]').evaluate((e) => { e.value = 'filled'; });
  await script.getByRole('button', { name: 'Send my answers' }).click();
  await expect(script.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
  await script.close();

  await page.goto('/login');
  const problems = await axeProblems(page, '/login');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill('e2e admin passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, 'admin@example.org');
  await expect(page.getByRole('heading', { name: 'Consultations' })).toBeVisible();
  const admin = await page.getByRole('row').filter({ hasText: '/c/demo' }).getByRole('link').first().getAttribute('href');
  const pages = ['/admin', admin, `${admin}/live`, `${admin}/preview`, `${admin}/summary`,
    `${admin}/translations/ar`, '/admin/consultations/new', '/admin/staff', '/admin/audit',
    '/admin/helplines', '/moderate', '/moderate/held', '/moderate/history'];
  for (const lang of ['en', 'ar']) {
    for (const path of pages) {
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      problems.push(...await axeProblems(page, `${path}?lang=${lang}`));
    }
  }
  await page.goto(`${admin}?lang=ar`);
  await expect(page.getByRole('heading', { name: 'الأسئلة' })).toBeVisible();
  // The lane was checked with a group in it, not only as "nothing is held back".
  await page.goto('/moderate/held');
  await expect(page.locator('.held-group').first()).toBeVisible();
  expect(problems).toEqual([]);
});
