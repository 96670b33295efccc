// Staff pages checked by axe-core against WCAG 2.2 AA, signed in as an organizer, in English and
// in Arabic (right to left); young people's pages are checked in both in languages.spec.js. This
// file runs first, so the moderation queue is still empty and opening it claims nothing another
// test needs.
const { test, expect } = require('@playwright/test');
const { secondFactor } = require('./second-factor');
const { axeProblems } = require('./helpers');

test('axe finds no accessibility problem on staff pages, in English and Arabic', async ({ page }) => {
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
    '/admin/helplines', '/moderate', '/moderate/history'];
  for (const lang of ['en', 'ar']) {
    for (const path of pages) {
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      problems.push(...await axeProblems(page, `${path}?lang=${lang}`));
    }
  }
  await page.goto(`${admin}?lang=ar`);
  await expect(page.getByRole('heading', { name: 'الأسئلة' })).toBeVisible();
  expect(problems).toEqual([]);
});
