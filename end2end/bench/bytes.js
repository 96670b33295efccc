// Bytes a phone downloads to answer the demo consultation, cold cache, as Chromium received them
// (compressed, headers included), with JavaScript and without; then the time until the answer form
// is usable on a slow link (400 kbit/s down, 400 ms latency) with a CPU 4x slower than this one.
// Usage: node bench/bytes.js URL
const { chromium } = require('@playwright/test');
const { answerAll } = require('../tests/helpers');

const base = process.argv[2] ?? 'http://127.0.0.1:3200';

const launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function measure(javaScriptEnabled) {
  const browser = await launch();
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const kinds = new Map();
  const totals = {};
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, kind(e.response.mimeType, e.response.url)));
  cdp.on('Network.loadingFinished', (e) => {
    const k = kinds.get(e.requestId) ?? 'other';
    totals[k] = (totals[k] ?? 0) + e.encodedDataLength;
  });

  await page.goto(`${base}/c/demo`);
  if (javaScriptEnabled) await page.locator('main[data-ready="true"]').waitFor({ state: 'attached' });
  await page.getByRole('link', { name: 'I want to take part' }).click();
  await answerAll(page);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByRole('heading', { name: /Your answers were sent/ }).waitFor();
  await page.waitForLoadState('networkidle');
  await browser.close();
  return totals;
}

function kind(mime, url) {
  if (mime.includes('html')) return 'html';
  if (mime.includes('css')) return 'css';
  if (mime.includes('wasm')) return 'wasm';
  if (mime.includes('javascript')) return 'js';
  if (mime.includes('json')) return 'json (answers sent)';
  return `other (${url})`;
}

function report(title, totals, goalKb) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const sum = Object.values(totals).reduce((a, b) => a + b, 0);
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(totals).sort()) console.log(`  ${k.padEnd(22)} ${kb(v).padStart(9)}`);
  console.log(`  ${'everything'.padEnd(22)} ${kb(sum).padStart(9)}   goal <= ${goalKb} KB`);
}

/** Seconds from asking for the answer form, cold, to a form that works: its button shown without
 * JavaScript; with it, the page's script run too (before that the form still posts, as without). */
async function timeToForm(javaScriptEnabled) {
  const browser = await launch();
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const started = Date.now();
  await page.goto(`${base}/c/demo?step=answer`, { waitUntil: 'commit', timeout: 120_000 });
  const ready = javaScriptEnabled
    ? page.locator('main[data-ready="true"] button.primary[type="submit"]')
    : page.getByRole('button', { name: 'Send my answers' });
  await ready.waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  await browser.close();
  return seconds;
}

(async () => {
  report('With JavaScript (answers sent without a reload)', await measure(true), 100);
  report('Without JavaScript (plain form posts)', await measure(false), 25);
  console.log('\nTime to a usable answer form, cold: 400 kbit/s down, 400 ms latency, CPU 4x slower');
  for (const js of [true, false]) {
    const runs = [];
    for (let i = 0; i < 3; i += 1) runs.push(await timeToForm(js));
    const shown = runs.map((s) => `${s.toFixed(1)} s`).join(', ');
    console.log(`  ${(js ? 'with JavaScript' : 'without JavaScript').padEnd(22)} ${shown}   goal <= 5 s`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
