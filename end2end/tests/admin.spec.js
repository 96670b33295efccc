// An organizer signs in, creates a consultation with each kind of question, previews it, opens
// it, and a young person answers it.
const { test, expect } = require('@playwright/test');
const { secondFactor } = require('./second-factor');
const { shot, ready, group } = require('./helpers');

/** `YYYY-MM-DDTHH:MM` in UTC, minutes from now, as a datetime-local input takes it. */
const utcInput = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

async function addQuestion(page, kind, prompt, fields = {}) {
  await page.locator('#new-kind').selectOption(kind);
  await page.locator('#new-prompt').fill(prompt);
  for (const [id, value] of Object.entries(fields)) await page.locator(`#new-${id}`).fill(value);
  await page.getByRole('button', { name: 'Add question' }).click();
  await expect(page.locator('ol.questions')).toContainText(prompt);
}

test('an organizer creates, previews and opens a consultation that a young person answers', async ({ page, browser }, testInfo) => {
  const slug = `e2e-${Date.now()}`;

  await page.goto('/login');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill('e2e admin passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, 'admin@example.org');
  await expect(page.getByRole('heading', { name: 'Consultations' })).toBeVisible();
  await shot(page, testInfo, '1-signed-in');

  await page.getByRole('link', { name: 'New consultation' }).click();
  await page.getByLabel('Title').fill('Apps and us');
  await page.getByLabel('Address').fill(slug);
  await page.getByLabel('Description for young people').fill('Which apps you use and what would make them safer.');
  await page.getByLabel('Meeting it serves').fill('CWG-COP 26');
  await page.getByLabel('Meeting date').fill('2027-01-20');
  await page.getByLabel('Opens at (local time)').fill(utcInput(24 * 60));
  await page.getByLabel('Time zone', { exact: true }).fill('UTC');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');

  await addQuestion(page, 'single_choice', 'Which app do you use most?', { options: 'Video\nGames\nChat' });
  await addQuestion(page, 'multiple_choice', 'What worries you online?', { options: 'Strangers\nBullying\nScams' });
  await addQuestion(page, 'scale', 'How safe do you feel in apps?', { low: 'not safe', high: 'very safe' });
  await addQuestion(page, 'free_text', 'What should apps change?', { max: '500' });
  await shot(page, testInfo, '2-questions');

  await page.getByRole('link', { name: 'Preview as a young person sees it' }).click();
  await ready(page);
  await page.getByRole('link', { name: 'I want to take part' }).click();
  await expect(group(page, 'Which app do you use most?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send my answers' })).toBeDisabled();
  await shot(page, testInfo, '3-preview');

  await page.getByRole('link', { name: 'Back to editing' }).click();
  await page.getByLabel('Opens at (local time)').fill(utcInput(-1));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Saved.');
  await expect(page.getByText('can no longer change')).toBeVisible();

  const young = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await young.newPage();
  await phone.goto(`/c/${slug}`);
  await ready(phone);
  await phone.getByRole('link', { name: 'I want to take part' }).click();
  await group(phone, 'Which app do you use most?').getByLabel('Games').check();
  await group(phone, 'What worries you online?').getByLabel('Scams').check();
  await group(phone, 'How safe do you feel in apps?').getByLabel('3', { exact: true }).check();
  await phone.getByLabel('What should apps change?').fill('Stop strangers from messaging kids.');
  await phone.getByRole('button', { name: 'Send my answers' }).click();
  await expect(phone.getByRole('heading', { name: /Your answers were sent/ })).toBeVisible();
  await shot(phone, testInfo, '4-answered');
  await young.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an organizer translates the title into Spanish and a Spanish reader sees it', async ({ page }, testInfo) => {
    await page.goto('/login');
    await page.getByLabel('E-mail address').fill('admin@example.org');
    await page.getByLabel('Password').fill('e2e admin passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await secondFactor(page, 'admin@example.org');
    await page.getByRole('row').filter({ hasText: '/c/demo' }).getByRole('link').first().click();

    const translations = page.getByRole('region', { name: 'Translations' });
    await expect(translations.getByRole('row').filter({ hasText: 'العربية' })).toContainText(/(\d+) of \1/);
    await translations.getByRole('link', { name: 'Español' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Translate into .?Español.?$/);
    await page.getByLabel('Title', { exact: true }).fill('Crecer en línea: ¿qué te protege?');
    await page.getByRole('button', { name: 'Save translations' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Crecer en línea: ¿qué te protege?');
    await shot(page, testInfo, '1-translated');

    await page.goto('/c/demo?lang=es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crecer en línea: ¿qué te protege?');
    await expect(page.getByRole('note')).toContainText('idioma original');
  });
});
