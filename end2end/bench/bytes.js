// Bytes a phone downloads to answer the demo consultation, cold cache, as Chromium received them
// (compressed, headers included), with JavaScript and without. Usage: node bench/bytes.js URL
const { chromium } = require('@playwright/test');
const { answerAll } = require('../tests/helpers');

const base = process.argv[2] ?? 'http://127.0.0.1:3200';

async function measure(javaScriptEnabled) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
  if (javaScriptEnabled) await page.locator('.flow[data-hydrated="true"]').waitFor();
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

function report(title, totals) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const sum = Object.values(totals).reduce((a, b) => a + b, 0);
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(totals).sort()) console.log(`  ${k.padEnd(22)} ${kb(v).padStart(9)}`);
  console.log(`  ${'HTML+CSS'.padEnd(22)} ${kb((totals.html ?? 0) + (totals.css ?? 0)).padStart(9)}   goal <= 60 KB`);
  console.log(`  ${'everything'.padEnd(22)} ${kb(sum).padStart(9)}   goal <= 150 KB`);
}

(async () => {
  report('With JavaScript (islands hydrate; answers sent without a reload)', await measure(true));
  report('Without JavaScript (plain form posts)', await measure(false));
})().catch((e) => { console.error(e); process.exit(1); });
