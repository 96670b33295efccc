const { expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const artifacts = path.join(__dirname, '..', 'artifacts');

/** Screenshot of the whole page, kept as a test artifact. */
async function shot(page, testInfo, step) {
  const name = `${testInfo.title.replace(/\W+/g, '-')}/${step}.png`;
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
}

/** The page's script has run (`respond.js`): from here on, its steps change in place. */
async function ready(page) {
  await expect(page.locator('main[data-ready="true"]')).toHaveCount(1);
}

/** Seeds another consultation in the test server's database. */
function seed(slug, ...args) {
  execFileSync(process.env.YC_E2E_SERVER_BIN,
    ['seed-demo', '--slug', slug, ...args],
    { env: { ...process.env, DATABASE_URL: `sqlite://${process.env.YC_E2E_DB}`, RUST_LOG: 'warn' } });
}

const group = (page, name) => page.getByRole('group', { name });

const ARABIC = 'يجب على الشركات حماية بيانات الأطفال وعدم عرض الإعلانات لهم.';

/** Answers every demo question; Arabic free text unless given. */
async function answerAll(page, text = ARABIC) {
  await group(page, 'How old are you?').getByLabel('13–15').check();
  await group(page, 'Where do you live?').getByLabel('Arab States').check();
  await group(page, 'How do you describe yourself?').getByLabel('Prefer not to say').check();
  await answerQuestions(page, text);
}

/** The demo's questions and the answers tests choose: as written (English), and in the demo's
 * Arabic translation. Other languages have no translation of the questions: they read English. */
const DEMO = {
  en: {
    online: /how long are you online/, hours: '1 to 3 hours',
    happened: /have any of these happened/, seen: 'We saw false information that looked true',
    data: 'An app used our data in a way we did not expect', safe: /How safe do you feel online/,
    tell: /who would you tell first/, friend: 'A friend', ai: /trust apps that use AI/,
    text: /one thing governments or companies should do/,
  },
  ar: {
    online: /كم من الوقت تقضي على الإنترنت/, hours: 'من ساعة إلى 3 ساعات',
    happened: /هل حدث لك أو لأحد أصدقائك/, seen: 'رأينا معلومات كاذبة بدت صحيحة',
    data: 'استخدم تطبيق بياناتنا بطريقة لم نتوقعها', safe: /ما مدى شعورك بالأمان/,
    tell: /فمن ستخبر أولًا/, friend: 'صديق', ai: /إلى أي مدى تثق بالتطبيقات/,
    text: /ما الشيء الذي ينبغي للحكومات/,
  },
};

/** Answers the demo's own questions as they read in `lang`. */
async function answerQuestions(page, text = ARABIC, lang = 'en') {
  const q = DEMO[lang] || DEMO.en;
  await group(page, q.online).getByLabel(q.hours).check();
  const happened = group(page, q.happened);
  await happened.getByLabel(q.seen).check();
  await happened.getByLabel(q.data).check();
  await group(page, q.safe).getByLabel('4', { exact: true }).check();
  await group(page, q.tell).getByLabel(q.friend, { exact: true }).check();
  await group(page, q.ai).getByLabel('2', { exact: true }).check();
  await page.getByLabel(q.text).fill(text);
}

/** Young people answer a consultation without JavaScript (plain form posts), one per text, each
 * on their own phone and at a person's pace. */
async function sendAnswers(browser, texts, slug = 'demo') {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const pages = [];
  for (const text of texts) {
    const page = await context.newPage();
    await page.goto(`/c/${slug}?step=answer`);
    await answerAll(page, text);
    pages.push(page);
  }
  await atPersonsPace(pages[0]);
  for (const page of pages) {
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
  }
  await context.close();
}

/** Waits the least time a person takes over the demo's form (`domain::integrity::fill_time`: 4 s
 * and 2 s a question) since it was loaded: sent back sooner, an answer is held out of every count
 * and of the moderation queue as too fast. */
async function atPersonsPace(page) {
  await page.waitForTimeout((4 + 2 * 6 + 1) * 1000);
}

/** What axe-core finds against WCAG 2.2 AA on the page as it is now, one line per problem. */
async function axeProblems(page, where) {
  const AxeBuilder = require('@axe-core/playwright').default;
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${where}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The same for a page opened without JavaScript. axe is a script and waits on timers, which such
 * a page never runs; so the page as it stands (its DOM, which no script of ours changed) is loaded
 * in a page that runs scripts, at the same address so its styles load alike, with a policy that
 * lets no script of the page itself run: only axe, which Playwright injects. */
async function axeProblemsWithoutJavaScript(page, where) {
  const dom = await page.content();
  const context = await page.context().browser().newContext({ javaScriptEnabled: true });
  const copy = await context.newPage();
  await copy.route((url) => url.href === page.url(), (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': "script-src 'none'" },
    body: dom,
  }));
  await copy.goto(page.url());
  const problems = await axeProblems(copy, where);
  await context.close();
  return problems;
}

module.exports = {
  shot, ready, seed, group, answerAll, answerQuestions, atPersonsPace, sendAnswers, axeProblems,
  axeProblemsWithoutJavaScript, DEMO,
};
