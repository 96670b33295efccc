// Young people answer in their own language on a phone: Arabic right to left, Chinese without
// JavaScript; switching language keeps what they typed; axe finds nothing on any of their pages,
// in English or Arabic.
const { test, expect } = require('@playwright/test');
const { shot, ready, group, answerQuestions, axeProblems, DEMO } = require('./helpers');

/** From the ITU circular letter on child online protection in ../shared/seeds/ (004). */
const SEED = 'لضمان بيئة رقمية أكثر أماناً للأطفال والشباب.';

test.describe('with JavaScript', () => {
  test('answers the consultation in Arabic, right to left', async ({ page }, testInfo) => {
    await page.goto('/c/demo?lang=ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await ready(page);
    await shot(page, testInfo, '1-intro');
    // Right to left: the heading starts at the right edge.
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(main.x + main.width - (heading.x + heading.width)).toBeLessThan(24);

    await page.getByRole('link', { name: 'أريد أن أشارك' }).click();
    await group(page, 'كم عمرك؟').getByLabel('16–18').check();
    await group(page, 'أين تعيش؟').getByLabel('الدول العربية').check();
    await group(page, 'كيف تصف نفسك؟').getByLabel('أفضّل عدم الإجابة').check();
    await answerQuestions(page, SEED, 'ar');
    await shot(page, testInfo, '2-answered');
    await page.getByRole('button', { name: 'أرسل إجاباتي' }).click();

    await expect(page.getByRole('heading', { name: 'شكرًا لك! أُرسلت إجاباتك.' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'هل تحتاج إلى التحدّث مع أحد؟' })).toBeVisible();
    await shot(page, testInfo, '3-thanks');
  });

  test('switching language keeps what was typed', async ({ page }, testInfo) => {
    await page.goto('/c/demo?step=answer');
    await ready(page);
    await group(page, 'How old are you?').getByLabel('13–15').check();
    await page.getByLabel(/one thing governments or companies should do/).fill(SEED);

    await page.getByRole('group', { name: /another language/ }).getByRole('button', { name: '中文' }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    await expect(group(page, '你几岁？').getByLabel('13–15')).toBeChecked();
    await expect(page.getByLabel(/one thing governments or companies should do/)).toHaveValue(SEED);
    await expect(page.getByRole('button', { name: '提交我的回答' })).toBeVisible();
    await shot(page, testInfo, '1-in-chinese');
  });
});

test('a French reader sees what is not translated yet as written, marked and noted', async ({ page }, testInfo) => {
  // The demo's French translation has its title and description, not yet its questions.
  await page.goto('/c/demo?step=answer&lang=fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grandir en ligne : qu’est-ce qui te protège ?');
  await expect(page.getByRole('note')).toContainText(/langue d’origine \(.?English.?\)/);
  const prompt = group(page, DEMO.en.online).locator('legend span[lang="en"]');
  await expect(prompt).toHaveText(/how long are you online/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await shot(page, testInfo, '1-partly-translated');
});

test.describe('in Riyadh', () => {
  test.use({ timezoneId: 'Asia/Riyadh' });

  test('times are shown in the reader\'s own time zone, and in UTC without JavaScript', async ({ page, browser }) => {
    await page.goto('/?lang=fr');
    const when = page.locator('.consultations .when time').first();
    await expect(when).toHaveText(/UTC\+3/);
    await expect(when).toHaveAttribute('datetime', /Z$/);
    const noScript = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'Asia/Riyadh' });
    const plain = await noScript.newPage();
    await plain.goto("/?lang=fr");
    await expect(plain.locator('.consultations .when time').first()).toHaveText(/^\S+ \d+ \S+ \d{4}, \d\d:\d\d UTC$/);
    await noScript.close();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('answers the consultation in Chinese', async ({ page }, testInfo) => {
    await page.goto('/c/demo?lang=zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    await page.getByRole('link', { name: '我想参加' }).click();
    await expect(page).toHaveURL(/step=answer&lang=zh$/);
    await group(page, '你几岁？').getByLabel('19–24').check();
    await group(page, '你住在哪里？').getByLabel('亚太').check();
    await answerQuestions(page, '学校应该教我们怎样安全上网。');
    await shot(page, testInfo, '1-answered');
    await page.getByRole('button', { name: '提交我的回答' }).click();

    await expect(page.getByRole('heading', { name: '谢谢！你的回答已提交。' })).toBeVisible();
    await shot(page, testInfo, '2-thanks');
  });

  test('switching language keeps what was typed', async ({ page }) => {
    await page.goto('/c/demo?step=answer&lang=fr');
    await page.getByLabel(/one thing governments or companies should do/).fill(SEED);
    await group(page, 'Où vis-tu ?').getByLabel('Afrique').check();

    await page.getByRole('button', { name: 'العربية' }).click();

    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(group(page, 'أين تعيش؟').getByLabel('أفريقيا')).toBeChecked();
    await expect(page.getByLabel(DEMO.ar.text)).toHaveValue(SEED);
  });
});

/** The young people's pages, each as a person reaches it. */
const PAGES = ['/', '/c/demo', '/c/demo?step=answer', '/c/soon', '/c/old', '/c/demo/withdraw', '/no-such-page'];

for (const lang of ['en', 'ar']) {
  test(`axe finds no accessibility problem on young people's pages in ${lang}`, async ({ page }) => {
    const problems = [];
    const check = async (where) => problems.push(...await axeProblems(page, where));
    for (const path of PAGES) {
      await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      await check(path);
    }
    // The form with its errors, and the thank-you page.
    await page.goto(`/c/demo?step=answer&lang=${lang}`);
    await ready(page);
    await page.locator('button.primary[type="submit"]').click();
    await expect(page.locator('.error-summary')).toBeVisible();
    await check('the form with errors');
    await page.goto(`/c/demo?step=answer&lang=${lang}`);
    await ready(page);
    await answerQuestions(page, undefined, lang);
    await page.locator('button.primary[type="submit"]').click();
    await expect(page.locator('.receipt code')).toBeVisible();
    await check('the thank-you page');
    expect(problems).toEqual([]);
  });
}
