// An organizer publishes the summary of a closed consultation and later says what the meeting did
// with it; delegates read it on a phone and a desktop, without JavaScript, and print it to PDF
// with every question in it.
const { test, expect } = require('@playwright/test');
const { secondFactor, signIn } = require('./second-factor');
const { shot, seed, axeProblems, axeProblemsWithoutJavaScript } = require('./helpers');

const PASSWORD = 'e2e admin passphrase';
const SAMPLES = 30;
const NEXT = ['The meeting asked app makers for safer settings by default.', 'Your words were quoted in its report.'];
const RECEIVED = 'The 25th meeting of the working group.';
const UPDATE = 'In June, after the Council meets.';

/** Every word of a PDF, in reading order, spaces collapsed. */
async function pdfText(buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: true }).promise;
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => item.str).join(' '));
  }
  return { pages: pdf.numPages, text: pages.join(' ').replace(/\s+/g, ' ') };
}

// PDF text extraction splits words at ligatures ("fi rst"): compare without any spaces.
const squeeze = (text) => text.replace(/\s+/g, '');

test('an organizer publishes, delegates read and print the summary', async ({ page, browser, request }, testInfo) => {
  seed('results', '--opens-in-minutes', '-2880', '--length-minutes', '1440', '--sample-answers', String(SAMPLES));

  // Nothing is public before publication.
  expect((await request.get('/c/results/summary')).status()).toBe(404);

  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, 'admin@example.org');
  const row = page.locator('tr', { has: page.locator('a[href="/c/results"]') });
  await row.locator('a[href^="/admin/consultations/"]').click();
  const consultationPage = page.url();
  await page.getByRole('link', { name: 'Summary for delegates' }).click();
  await expect(page.getByText(`${SAMPLES} young people took part.`)).toBeVisible();
  await expect(page.getByText('Draft, not published.')).toBeVisible();
  await expect(page.getByLabel('Summary (one paragraph)')).toBeVisible();
  const draftProblems = await axeProblems(page, 'the draft and the brief form');
  await shot(page, testInfo, '1-draft');
  // The same form without JavaScript, as an organizer on a locked-down laptop gets it.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const plainPage = await plain.newPage();
  await signIn(plainPage, 'admin@example.org', PASSWORD);
  await plainPage.goto(page.url());
  await expect(plainPage.getByLabel('Action requested of the meeting (one line)')).toBeVisible();
  draftProblems.push(...await axeProblemsWithoutJavaScript(plainPage, 'the brief form without JavaScript'));
  await plain.close();
  expect(draftProblems).toEqual([]);
  await page.getByRole('button', { name: 'Publish' }).click();

  await expect(page).toHaveURL(/\/c\/results\/summary$/);
  await expect(page.getByText(/Version 1, published/)).toBeVisible();
  const summary = await (await request.get('/c/results/summary.json')).json();
  const prompts = summary.summary.questions.map((q) => q.prompt);
  expect(prompts).toHaveLength(6);

  // A phone: every question there, nothing wider than the screen.
  await expect(page.getByText(`${SAMPLES} young people took part.`)).toBeVisible();
  for (const prompt of prompts) {
    await expect(page.getByRole('heading', { level: 2, name: prompt })).toBeVisible();
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(page.locator('svg.chart').first()).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await shot(page, testInfo, '2-phone');
  const problems = await axeProblems(page, 'the summary');

  // After the meeting, the organizer tells young people what it did with their views.
  await page.goto(consultationPage);
  await page.getByLabel('Who received your views').fill(RECEIVED);
  await page.getByLabel('What was decided, and why').fill(NEXT.join('\n\n'));
  await page.getByLabel('When the next update comes').fill(UPDATE);
  await page.getByRole('button', { name: 'Save what happened next' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The consultation\'s page and the summary show it now.' })).toBeVisible();
  problems.push(...await axeProblems(page, 'what happened next, for organizers'));
  await page.goto('/c/results');
  await expect(page.getByRole('heading', { level: 2, name: 'What happened next' })).toBeVisible();
  for (const part of ['Who received your views', 'What was decided, and why', 'When the next update comes']) {
    await expect(page.getByRole('heading', { level: 3, name: part })).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 3, name: 'What was not taken up, and why' })).toHaveCount(0);
  for (const paragraph of [RECEIVED, ...NEXT, UPDATE]) await expect(page.getByText(paragraph)).toBeVisible();
  problems.push(...await axeProblems(page, 'what happened next, for young people'));
  await shot(page, testInfo, '2-what-happened-next');

  // A delegate who reads Arabic: the page's words, the organizers' Arabic, charts right to left.
  await page.goto('/c/results/summary?lang=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('النشأة على الإنترنت: ما الذي يحميك؟');
  await expect(page.getByText(`شارك ${SAMPLES} شابًا.`)).toBeVisible(); // 11 to 99: the singular, accusative
  await expect(page.getByRole('heading', { level: 2, name: /كم من الوقت تقضي على الإنترنت/ })).toBeVisible();
  await expect(page.locator('svg.chart').first()).toHaveAttribute('direction', 'rtl');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  problems.push(...await axeProblems(page, 'the summary in Arabic'));
  expect(problems).toEqual([]);
  await shot(page, testInfo, '2-phone-arabic');

  // A desktop, without JavaScript: the same document.
  const desktop = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 }, isMobile: false });
  const wide = await desktop.newPage();
  await wide.goto('/c/results/summary');
  for (const prompt of prompts) {
    await expect(wide.getByRole('heading', { level: 2, name: prompt })).toBeVisible();
  }
  await expect(wide.getByRole('link', { name: 'CSV' })).toBeVisible();
  await expect(wide.getByText(NEXT[0])).toBeVisible();
  await shot(wide, testInfo, '3-desktop');

  // Chromium's print: a clean brief with every question, one per page, no site furniture.
  const pdf = await wide.pdf({ format: 'A4', printBackground: true });
  testInfo.attach('summary.pdf', { body: pdf, contentType: 'application/pdf' });
  const printed = await pdfText(pdf);
  for (const prompt of prompts) {
    expect(squeeze(printed.text), 'the PDF has every question').toContain(squeeze(prompt));
  }
  expect(printed.text).toContain(`${SAMPLES} young people took part.`);
  expect(squeeze(printed.text), 'what happened next is in the brief').toContain(squeeze(NEXT[0]));
  expect(printed.text).not.toContain('An open-source tool');
  expect(printed.text).not.toContain('Download the numbers');
  expect(printed.pages, 'each question starts a page').toBeGreaterThanOrEqual(prompts.length + 1);
  await desktop.close();
});

// The demo `scripts/run.sh` seeds, as a newcomer finds it: the brief first, young people's words
// in the reader's language with the original a step away, on a phone and on a desktop.
test('the published demo opens with its brief, quotes in the reader\'s language', async ({ page, browser }, testInfo) => {
  seed('brief', '--opens-in-minutes', '-2880', '--length-minutes', '1440', '--sample-answers', '60', '--published');

  await page.goto('/c/brief/summary');
  await expect(page.getByRole('heading', { level: 2, name: 'Summary', exact: true })).toBeInViewport();
  await expect(page.getByText(/^Young people who answered in six languages/)).toBeInViewport();
  await expect(page.locator('#key-messages .key-message')).toHaveCount(4);
  const photos = page.locator('.evidence-quote').first();
  await expect(photos.locator('blockquote[lang="en"]')).toHaveText('Apps should ask before they share photos of us.');
  await expect(photos.getByText(/Translated by the organizers from/)).toBeVisible();
  const original = photos.locator('details blockquote[lang="ar"]');
  await expect(original).toBeHidden();
  await photos.locator('details summary').click();
  await expect(original).toHaveText('يجب أن تسألنا التطبيقات قبل أن تشارك صورنا.');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, testInfo, '1-phone');
  const problems = await axeProblems(page, 'the demo brief');

  // A desktop without JavaScript: the summary, the action and every key message at first sight.
  const desktop = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 }, isMobile: false });
  const wide = await desktop.newPage();
  await wide.goto('/c/brief/summary');
  await expect(wide.locator('#summary p').first()).toBeInViewport({ ratio: 1 });
  await expect(wide.locator('#action .action')).toBeInViewport({ ratio: 1 });
  for (const message of await wide.locator('.key-message').all()) {
    await expect(message).toBeInViewport({ ratio: 1 });
  }
  await shot(wide, testInfo, '2-desktop');

  // A delegate who reads Arabic: the brief in Arabic, a Spanish quote translated into it.
  await wide.goto('/c/brief/summary?lang=ar');
  await expect(wide.locator('#summary p').first()).toContainText('طلب الشباب الذين أجابوا بست لغات');
  await expect(wide.locator('.evidence-quote blockquote[lang="ar"]').nth(1)).toHaveText('يجب أن يكون الإبلاغ عن شخص غريب سهلًا مثل حظره.');
  problems.push(...await axeProblemsWithoutJavaScript(wide, 'the demo brief in Arabic, without JavaScript'));
  await shot(wide, testInfo, '3-desktop-arabic');

  // Printed (or saved as PDF) in each language: a brief of two A4 pages at most, the key messages
  // and the quick facts in it, the detail left to the web page whose address it ends with.
  for (const lang of ['en', 'fr', 'es', 'ar', 'ru', 'zh']) {
    await wide.goto(`/c/brief/summary?lang=${lang}`);
    const messages = await wide.locator('.key-message').allTextContents();
    const facts = await wide.locator('#facts figcaption').first().textContent();
    const pdf = await wide.pdf({ format: 'A4', printBackground: true });
    testInfo.attach(`brief-${lang}.pdf`, { body: pdf, contentType: 'application/pdf' });
    const printed = await pdfText(pdf);
    expect(printed.pages, `the ${lang} brief prints on two pages at most`).toBeLessThanOrEqual(2);
    // pdf.js gives right-to-left text in visual order: the Arabic brief is checked by its pages.
    if (lang !== 'ar') {
      for (const message of messages) {
        expect(squeeze(printed.text), `${lang}: every key message`).toContain(squeeze(message));
      }
      expect(squeeze(printed.text), `${lang}: the quick facts`).toContain(squeeze(facts));
    }
    expect(squeeze(printed.text), `${lang}: where the rest is`).toContain('/c/brief/summary');
    expect(printed.text).not.toContain('Download the numbers');
  }

  // Projected in the meeting: the room view, the brief once published, the answers so far before.
  const published = await wide.goto('/c/brief/room');
  await expect(wide.getByText('Reporting a stranger should be as easy as blocking one.')).toBeVisible();
  expect(published.headers().refresh).toBeUndefined();
  problems.push(...await axeProblemsWithoutJavaScript(wide, 'the room view, published'));
  await shot(wide, testInfo, '4-room-published');
  const open = await wide.goto('/c/demo/room');
  expect(open.headers().refresh, 'reloads itself without a script').toBe('30');
  await expect(wide.getByRole('link', { name: 'Stop reloading' })).toBeVisible();
  await expect(wide.getByText(/^Answers so far:/)).toBeVisible();
  problems.push(...await axeProblemsWithoutJavaScript(wide, 'the room view, open'));
  await shot(wide, testInfo, '5-room-open');
  expect(problems).toEqual([]);
  await desktop.close();
});
