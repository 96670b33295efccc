// A young person answers the demo consultation on a phone, with and without JavaScript.
const { test, expect } = require('@playwright/test');
const { shot, ready, seed, group, answerAll } = require('./helpers');

const RECEIPT = /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/;

test.describe('with JavaScript', () => {
  test('answers the whole consultation without a page reload', async ({ page }, testInfo) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const wasm = [];
    page.on('request', (r) => r.url().includes('.wasm') && wasm.push(r.url()));

    await page.goto('/c/demo');
    await ready(page);
    await shot(page, testInfo, '1-intro');
    // Survives only if the page is never reloaded.
    await page.evaluate(() => { window.sameDocument = true; });

    await page.getByRole('link', { name: 'I want to take part' }).click();
    await expect(page.getByRole('heading', { name: 'About you (optional)' })).toBeVisible();
    await expect(page).toHaveURL(/\/c\/demo$/);
    await answerAll(page);
    await shot(page, testInfo, '2-answered');

    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
    await expect(page.locator('.receipt code')).toHaveText(RECEIPT);
    await expect(page.getByRole("link", { name: /child helpline/ })).toBeVisible();
    // When and where to come back for what the meeting did with the answers.
    await expect(page.getByText(/Delegates meet on .*2026-12-08/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Add a reminder to my calendar' })).toHaveAttribute('href', '/c/demo/come-back.ics?lang=en');
    expect(await page.evaluate(() => window.sameDocument)).toBe(true);
    await shot(page, testInfo, '3-thanks');
    expect(errors).toEqual([]);
    expect(wasm, 'answering loads no wasm').toEqual([]);
  });

  test('an answer that may disclose harm puts urgent help before the receipt', async ({ page }, testInfo) => {
    await page.goto('/c/demo?step=answer');
    await ready(page);
    await answerAll(page, 'Someone online is blackmailing me with a photo and I am scared.');
    await page.getByRole('button', { name: 'Send my answers' }).click();

    const urgent = page.getByRole('heading', { name: 'You deserve to be safe' });
    await expect(urgent).toBeVisible();
    const [helpTop, thanksTop] = await Promise.all([
      urgent.evaluate((e) => e.getBoundingClientRect().top),
      page.getByRole('heading', { name: /Your answers were sent/ }).evaluate((e) => e.getBoundingClientRect().top),
    ]);
    expect(helpTop).toBeLessThan(thanksTop);
    await shot(page, testInfo, '1-urgent-help');
  });

  test('a validation error is shown next to the field and keeps the typed text', async ({ page }, testInfo) => {
    await page.goto('/c/demo?step=answer');
    await ready(page);
    await page.getByLabel(/one thing governments or companies should do/).fill('Teach online safety in every school.');
    await group(page, 'Where do you live?').getByLabel('Europe').check();

    await page.getByRole('button', { name: 'Send my answers' }).click();

    const required = group(page, /how long are you online/);
    await expect(required.getByText('This question needs an answer.')).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Nothing was sent yet');
    await expect(page.getByLabel(/one thing governments or companies should do/)).toHaveValue('Teach online safety in every school.');
    await expect(group(page, 'Where do you live?').getByLabel('Europe')).toBeChecked();
    await shot(page, testInfo, '1-error');

    await required.getByLabel('Less than 1 hour').check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
    await shot(page, testInfo, '2-thanks');
  });

  test('a send that fails offline is sent by itself once back online, and counted once', async ({ page, context }, testInfo) => {
    await page.goto('/c/demo?step=answer');
    await ready(page);
    await answerAll(page, 'Sent from a bus with no signal.');
    const posts = [];
    page.on('response', (r) => r.request().method() === 'POST' && posts.push([r.status(), r.request().postData()]));

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.getByRole('alert')).toContainText('we will send it by ourselves as soon as your connection is back');
    const text = page.getByLabel(/one thing governments or companies should do/);
    await expect(text).toHaveValue('Sent from a bus with no signal.');
    await text.fill('Sent from a bus with no signal. Typed more while waiting.');
    await shot(page, testInfo, '1-offline');
    // Nothing of it is left in the browser's storage, where a shared phone would keep it.
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    await context.setOffline(false);
    await expect(page.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
    await expect(page.locator('.receipt code')).toHaveText(RECEIPT);
    expect(posts.length, 'one send reached the server').toBe(1);
    const [status, body] = posts[0];
    expect(status).toBe(200);
    expect([...new URLSearchParams(body).values()], 'with what was typed while waiting')
      .toContain('Sent from a bus with no signal. Typed more while waiting.');
    await shot(page, testInfo, '2-sent-when-back-online');
  });

  test('a form sent after the consultation closed is refused and the text stays', async ({ page }, testInfo) => {
    seed('closing', '--length-minutes', '0.1', '--grace-minutes', '0'); // open for 6 seconds
    await page.goto('/c/closing?step=answer');
    await ready(page);
    await answerAll(page, 'I typed this in the last seconds.');
    await page.waitForTimeout(7_000);

    await page.getByRole('button', { name: 'Send my answers' }).click();

    await expect(page.getByRole('alert')).toContainText('This consultation has closed');
    await expect(page.getByLabel(/one thing governments or companies should do/)).toHaveValue('I typed this in the last seconds.');
    await shot(page, testInfo, '1-refused');
  });

  test('before opening, the time is shown in the reader\'s time zone with a countdown', async ({ browser }, testInfo) => {
    const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/c/soon');
    await expect(page.getByRole('heading', { name: 'Not open yet' })).toBeVisible();
    await expect(page.locator('.opens time')).toContainText('(your time)');
    await expect(page.locator('.countdown')).toContainText(/Time left: 3 hours \d+ minutes?/);
    await expect(page.getByRole('link', { name: 'Add it to my calendar' })).toHaveAttribute('href', '/c/soon/calendar.ics');
    await shot(page, testInfo, '1-countdown');
    await context.close();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('answers the whole consultation with plain form posts', async ({ page }, testInfo) => {
    await page.goto('/c/demo');
    await shot(page, testInfo, '1-intro');
    await page.getByRole('link', { name: 'I want to take part' }).click();
    await expect(page).toHaveURL(/\/c\/demo\?step=answer&lang=en$/);
    await answerAll(page);
    await shot(page, testInfo, '2-answered');

    await page.getByRole('button', { name: 'Send my answers' }).click();

    await expect(page.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
    await expect(page.locator('.receipt code')).toHaveText(RECEIPT);
    await shot(page, testInfo, '3-thanks');
  });

  test('a validation error keeps everything typed', async ({ page }, testInfo) => {
    await page.goto('/c/demo?step=answer');
    await page.getByLabel(/one thing governments or companies should do/).fill('نريد تطبيقات أكثر أمانا <للأطفال> & الشباب');
    await group(page, 'How old are you?').getByLabel('16–18').check();

    await page.getByRole('button', { name: 'Send my answers' }).click();

    await expect(group(page, /how long are you online/).getByText('This question needs an answer.')).toBeVisible();
    await expect(page.getByLabel(/one thing governments or companies should do/)).toHaveValue('نريد تطبيقات أكثر أمانا <للأطفال> & الشباب');
    await expect(group(page, 'How old are you?').getByLabel('16–18')).toBeChecked();
    await shot(page, testInfo, '1-error');
  });

  test('a send that fails on a dropped connection, then Back, shows the form as typed', async ({ page, context }, testInfo) => {
    const words = 'كتبت هذا في الحافلة والاتصال ضعيف';
    await page.goto('/c/demo?step=answer');
    await answerAll(page, words);
    // The page as it was, from the back-forward cache: this mark survives only there. (Chromium
    // now keeps even a no-store page there, where other browsers keep none: the header that lets
    // them is checked in server/tests/api/respond.rs.)
    await page.evaluate(() => { document.body.dataset.kept = 'yes'; });

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Send my answers' }).click().catch(() => {});
    await page.waitForLoadState();
    await expect(page).not.toHaveURL(/\/c\/demo\?step=answer/);
    await context.setOffline(false);
    await page.goBack({ waitUntil: 'commit' }); // a page from the back-forward cache fires no load

    await expect(page.getByLabel(/one thing governments or companies should do/)).toHaveValue(words);
    await expect(group(page, 'How old are you?').getByRole('radio', { checked: true })).toHaveCount(1);
    await expect(page.locator('body')).toHaveAttribute('data-kept', 'yes');
    await shot(page, testInfo, '1-back-after-a-dropped-send');
  });

  test('a closed consultation says so and offers no form', async ({ page }, testInfo) => {
    await page.goto('/c/old');
    await expect(page.getByRole('heading', { name: 'This consultation has closed' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send my answers' })).toHaveCount(0);
    await shot(page, testInfo, '1-closed');
  });

  test('answers can be withdrawn with the receipt code', async ({ page }, testInfo) => {
    await page.goto('/c/demo?step=answer');
    await answerAll(page, 'I will take this back.');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    const receipt = await page.locator('.receipt code').textContent();

    await page.getByRole('link', { name: 'withdraw your answers' }).click();
    await page.getByLabel('Your receipt code').fill(receipt.toLowerCase());
    await page.getByRole('button', { name: 'Withdraw my answers' }).click();

    await expect(page.getByRole('status')).toContainText('Your answers were withdrawn');
    await shot(page, testInfo, '1-withdrawn');
  });
});
