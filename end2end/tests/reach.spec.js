// More young people answering: a partner's link, the "share this with a friend" block, the
// organizers' partner codes and live counts; and no page ever asks another site for anything.
const { test, expect } = require('@playwright/test');
const { secondFactor } = require('./second-factor');
const { shot, ready, answerAll, atPersonsPace } = require('./helpers');

const PASSWORD = 'e2e admin passphrase';

async function signIn(page) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, 'admin@example.org');
  await expect(page.getByRole('heading', { name: 'Consultations' })).toBeVisible();
}

/** The demo's admin page, from the organizers' list. */
async function demoAdminPath(page) {
  await page.goto('/admin');
  const link = page.getByRole('row').filter({ hasText: '/c/demo' }).getByRole('link').first();
  return link.getAttribute('href');
}

/** The answers a partner's link brought so far, from the live counts. */
async function liveCount(page, adminPath, group) {
  await page.goto(`${adminPath}/live`);
  const row = page.locator('table', { hasText: 'Per partner link' }).getByRole('row', { name: group });
  return Number(await row.getByRole('cell').textContent());
}

test('no page asks any other site for anything', async ({ page }) => {
  const origin = new URL(test.info().project.use.baseURL).origin;
  const elsewhere = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) elsewhere.push(url);
  });
  const visit = async (path) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  };
  for (const path of ['/', '/c/demo', '/c/demo?step=answer&via=schools', '/c/soon', '/c/old', '/login']) {
    await visit(path);
  }
  await signIn(page);
  const admin = await demoAdminPath(page);
  for (const path of ['/admin', admin, `${admin}/live`, `${admin}/preview`, '/moderate', '/admin/staff']) {
    await visit(path);
  }
  expect(elsewhere).toEqual([]);
});

test.describe('with JavaScript', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a young person comes through a partner\'s link, answers and copies the link for a friend', async ({ page, browser }, testInfo) => {
    const staff = await browser.newPage();
    await signIn(staff);
    const admin = await demoAdminPath(staff);
    const before = await liveCount(staff, admin, /Schools network/);

    await page.goto('/c/demo?via=schools');
    await ready(page);
    await page.getByRole('link', { name: 'I want to take part' }).click();
    // Their own words, at a person's pace: a copy, or a form sent straight back, is held, not counted.
    await answerAll(page, 'My school network sent this link and I want safer group chats for everyone.');
    await atPersonsPace(page);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();

    const share = page.getByRole('region', { name: 'Share this with a friend' });
    const link = await share.getByLabel('Link to this consultation').inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/demo\?lang=en$/);
    await share.getByRole('button', { name: 'Copy the link' }).click();
    await expect(share.getByRole('status')).toHaveText('Copied. Paste it in a message.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await shot(page, testInfo, '1-shared');

    expect(await liveCount(staff, admin, /Schools network/)).toBe(before + 1);
    // It reloads itself every 30 s, until paused.
    await expect(staff.getByText('Updates itself every 30 seconds.')).toBeVisible();
    await staff.getByRole('button', { name: 'Pause updates' }).click();
    await expect(staff.getByText('Not updating by itself.')).toBeVisible();
    await shot(staff, testInfo, '2-live-counts');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the share block offers the link and a QR code that loads', async ({ page }, testInfo) => {
    await page.goto('/c/soon');
    const share = page.getByRole('region', { name: 'Share this with a friend' });
    await expect(share.getByLabel('Link to this consultation')).toHaveValue(/\/c\/soon\?lang=en$/);
    await expect(share.getByRole('button', { name: 'Copy the link' })).toBeHidden();
    const qr = share.getByRole('img', { name: /QR code/ });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
    await shot(page, testInfo, '1-invitation');
  });

  test('an organizer adds a partner, prints its QR code and retires it; its link still works', async ({ page, browser }, testInfo) => {
    await signIn(page);
    const admin = await demoAdminPath(page);
    await page.goto(admin);
    const code = `club-${Date.now() % 100000}`;

    await page.getByLabel("Partner's name").fill('Coding club');
    await page.getByLabel('Code in the link').fill('Not A Code');
    await page.getByRole('button', { name: 'Add partner' }).click();
    await expect(page.getByText('Use 2 to 32 lower-case letters').last()).toBeVisible();
    await expect(page.getByLabel("Partner's name")).toHaveValue('Coding club');
    await page.getByLabel('Code in the link').fill(code);
    await page.getByRole('button', { name: 'Add partner' }).click();

    const row = page.getByRole('row').filter({ hasText: code });
    await expect(row.getByRole('textbox')).toHaveValue(new RegExp(`/c/demo\\?via=${code}$`));
    const png = await page.request.get(await row.getByRole('link', { name: 'QR (PNG)' }).getAttribute('href'));
    expect(png.headers()['content-type']).toBe('image/png');
    await shot(page, testInfo, '1-partner-added');
    await row.getByRole('button', { name: 'Retire' }).click();
    await expect(page.getByRole('row').filter({ hasText: code })).toContainText('retired');

    const young = await browser.newPage({ javaScriptEnabled: false });
    await young.goto(`/c/demo?step=answer&via=${code}`);
    await answerAll(young, 'Schools should teach how to report.');
    await young.getByRole('button', { name: 'Send my answers' }).click();
    await expect(young.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
    await young.close();

    await page.goto(`${admin}/live`);
    await expect(page.getByRole('link', { name: 'Refresh now' })).toBeVisible();
    await expect(page.getByRole('button', { name: /updates/ })).toBeHidden();
    const retired = page.locator('table', { hasText: 'Per partner link' }).getByRole('row', { name: /Coding club/ });
    await expect(retired.getByRole('cell')).toHaveText('0');
  });
});
