// Refused at the door: after far more answers a minute from one address than any school sends, a
// young person's send is refused with a page (or message) in their language that keeps what they
// typed and says when to try again. Runs after every other test (its own project in
// playwright.config.js): the flood leaves this address refused for a minute and a burst for ten.
const { test, expect } = require('@playwright/test');
const { ready, answerAll } = require('./helpers');

const TYPED = 'I typed this and the site must not lose it.';

/** 300 scripted posts from this address within seconds, as the report's laptop sent them: one
 * complete form, filled once, sent again and again. */
async function flood(browser, request) {
  const script = await browser.newPage({ javaScriptEnabled: false });
  await script.goto('/c/demo?step=answer');
  await answerAll(script, 'Scripted answer.');
  let body;
  // The form posts to /c/demo?lang=en: caught by its path, whatever the query.
  await script.route((url) => url.pathname === '/c/demo', (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    body = route.request().postData();
    return route.abort();
  });
  await script.getByRole('button', { name: 'Send my answers' }).click().catch(() => {});
  await expect.poll(() => body).toBeTruthy();
  await script.close();
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://127.0.0.1:3100' };
  for (let i = 0; i < 300; i += 30) {
    await Promise.all(Array.from({ length: 30 }, () => request.post('/c/demo', { data: body, headers })));
  }
}

for (const javaScriptEnabled of [false, true]) {
  test(`a refused send keeps the typed text ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/c/demo?step=answer');
    if (javaScriptEnabled) await ready(page);
    await answerAll(page, TYPED);
    await flood(browser, request);

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/c/demo')),
      page.getByRole('button', { name: 'Send my answers' }).click(),
    ]);
    expect(response.status()).toBe(429);
    // Seconds until the oldest of the last minute's 300 is a minute old (`integrity::bursts`).
    const wait = Number(response.headers()['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    await expect(page.getByText(/Too many answers have come from your network/)).toBeVisible();
    await expect(page.getByText(`Seconds to wait: ${wait}.`)).toBeVisible();
    await expect(page.getByLabel(/one thing governments or companies should do/)).toHaveValue(TYPED);
    await context.close();
  });
}
