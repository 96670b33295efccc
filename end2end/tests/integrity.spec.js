// The honeypot: a field young people never see, never reach with the keyboard, and that screen
// readers never announce, with and without JavaScript; the answer form stays axe-clean with it.
const { test, expect } = require('@playwright/test');
const { ready, axeProblems, axeProblemsWithoutJavaScript } = require('./helpers');

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('the honeypot is invisible, unreachable by keyboard and silent', async ({ page }) => {
      await page.goto('/c/demo?step=answer');
      if (javaScriptEnabled) await ready(page);
      const trap = page.locator('input[name="leave_empty"]');
      await expect(trap).toHaveCount(1);
      // Out of sight: no more than a clipped pixel, and nothing of it painted.
      const box = await trap.evaluate((e) => {
        const r = e.closest('.hp').getBoundingClientRect();
        return { width: r.width, height: r.height, clip: getComputedStyle(e.closest('.hp')).clipPath };
      });
      expect(box.width).toBeLessThanOrEqual(1);
      expect(box.height).toBeLessThanOrEqual(1);
      expect(box.clip).toContain('inset(50%)');
      // Not in the accessibility tree: no role, label or name reaches a screen reader.
      await expect(page.getByRole('textbox', { name: /leave this empty/i })).toHaveCount(0);
      const wrapper = page.locator('.hp');
      await expect(wrapper).toHaveAttribute('aria-hidden', 'true');
      await expect(wrapper).toHaveAttribute('inert', '');

      // Tab through every control of the page: the honeypot never takes the focus.
      // (Locators, not page.evaluate: without JavaScript the page's own world does not run.)
      const focusedNow = () => page.locator(':focus').evaluateAll((es) => es.map((e) => e.name || e.id || e.tagName));
      const focused = new Set();
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        for (const name of await focusedNow()) focused.add(name);
      }
      expect(focused.has('leave_empty')).toBe(false);
      expect(focused.size).toBeGreaterThan(10); // the tour did reach the form's controls
      // And the trap cannot be focused even on purpose (inert).
      await trap.evaluate((e) => e.focus());
      expect(await focusedNow()).not.toContain('leave_empty');

      const axe = javaScriptEnabled ? axeProblems : axeProblemsWithoutJavaScript;
      expect(await axe(page, 'answer form')).toEqual([]);
    });
  });
}
