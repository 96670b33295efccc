const { expect } = require('@playwright/test');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const artifacts = path.join(__dirname, '..', 'artifacts');

/** Screenshot of the whole page, kept as a test artifact. */
async function shot(page, testInfo, step) {
  const name = `${testInfo.title.replace(/\W+/g, '-')}/${step}.png`;
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
}

/** The island has hydrated: its effects ran in the browser. */
async function hydrated(page) {
  await expect(page.locator('.flow[data-hydrated="true"]')).toBeVisible();
}

/** Seeds another consultation in the test server's database. */
function seed(slug, ...args) {
  execFileSync(path.join(process.env.CARGO_TARGET_DIR, 'release', 'server'),
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

/** The demo's own questions (written in English whatever the page's language). */
async function answerQuestions(page, text = ARABIC) {
  await group(page, /how long are you online/).getByLabel('1 to 3 hours').check();
  const happened = group(page, /have any of these happened/);
  await happened.getByLabel('We saw false information that looked true').check();
  await happened.getByLabel('An app used our data in a way we did not expect').check();
  await group(page, /How safe do you feel online/).getByLabel('4', { exact: true }).check();
  await group(page, /who would you tell first/).getByLabel('A friend').check();
  await group(page, /trust apps that use AI/).getByLabel('2', { exact: true }).check();
  await page.getByLabel(/one thing governments or companies should do/).fill(text);
}

/** What axe-core finds against WCAG 2.2 AA on the page as it is now, one line per problem. */
async function axeProblems(page, where) {
  const AxeBuilder = require('@axe-core/playwright').default;
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map((v) => `${where}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

module.exports = { shot, hydrated, seed, group, answerAll, answerQuestions, axeProblems };
