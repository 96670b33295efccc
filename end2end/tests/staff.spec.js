// A staff member's first sign-in sets up a second factor: the QR code and the same key as text,
// ten recovery codes shown once; every later sign-in asks for a code, and a recovery code works
// once. As on a phone, axe-clean, with and without JavaScript.
const { test, expect } = require('@playwright/test');
const { axeProblems } = require('./helpers');
const { secondFactor, signIn } = require('./second-factor');

// Made by e2e-server.sh, and signed in nowhere else.
const EMAIL = 'volunteer@example.org';
const PASSWORD = 'e2e admin passphrase';

async function password(page) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a first sign-in sets up an app from a QR code or its key, and a recovery code works once', async ({ page }) => {
  await password(page);
  await expect(page.getByRole('heading', { name: 'Set up your second factor' })).toBeVisible();
  const qr = page.getByRole('img', { name: 'QR code holding your setup key' });
  await expect(qr).toBeVisible();
  // Visible is not loaded: wait for the picture itself (the debug server draws it slower).
  await expect.poll(() => qr.evaluate((img) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  const key = await page.locator('.setup-key').textContent();
  expect(key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const problems = await axeProblems(page, 'setup');

  await page.getByLabel(/six-digit code/).fill('000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await expect(page.locator('.setup-key')).toHaveText(key);

  const codes = await secondFactor(page, EMAIL);
  expect(new Set(codes).size).toBe(10);
  await expect(page.getByRole('heading', { name: 'Moderation', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  const withRecoveryCode = async () => {
    await password(page);
    await expect(page.getByRole('heading', { name: 'Enter the code from your app' })).toBeVisible();
    await page.getByLabel('Code', { exact: true }).fill(codes[3]);
    await page.getByRole('button', { name: 'Continue' }).click();
  };
  await withRecoveryCode();
  await expect(page.getByRole('heading', { name: 'Moderation', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await withRecoveryCode();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  problems.push(...await axeProblems(page, 'code'));
  expect(problems).toEqual([]);
});

test('a later sign-in asks for the app\'s code, without JavaScript too', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, EMAIL, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Moderation', exact: true })).toBeVisible();
  await context.close();
});
