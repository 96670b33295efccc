// The staff member's phone: an authenticator app (RFC 6238, as the server expects) whose secret
// the test types in from the setup page's key, the way a person without a camera would. Kept in
// a file beside the test database, so every spec in the run uses the same app for an account.
const { expect } = require('@playwright/test');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const STEP = 30;

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/\s+/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g).map((b) => parseInt(b, 2));
  return Buffer.from(bytes);
}

/** The app's six-digit code for a 30-second step. */
function codeAt(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const appFile = (email) => path.join(path.dirname(process.env.YC_E2E_DB), `app-${email}.json`);

/**
 * A code no earlier sign-in used: the server takes each step once, and a step either side of
 * now. Waits for the next step only when both are used.
 */
async function freshCode(email) {
  const app = JSON.parse(fs.readFileSync(appFile(email), 'utf8'));
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / STEP);
    const step = [now, now + 1].find((s) => s > app.last);
    if (step !== undefined) {
      fs.writeFileSync(appFile(email), JSON.stringify({ ...app, last: step }));
      return codeAt(app.secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * After the password: sets the app up the first time (from the key shown as text) and returns
 * the recovery codes, shown this once, after passing their page with its Continue link; else
 * types the app's code. Keys only.
 */
async function secondFactor(page, email) {
  await expect(page).toHaveURL(/\/login\/(setup|code)/);
  const settingUp = /\/login\/setup/.test(page.url());
  if (settingUp) {
    const secret = (await page.locator('.setup-key').textContent()).replace(/\s+/g, '');
    fs.writeFileSync(appFile(email), JSON.stringify({ secret, last: 0 }));
  }
  await page.locator('#code').focus();
  await page.keyboard.type(await freshCode(email));
  await page.keyboard.press('Enter');
  if (!settingUp) {
    await expect(page).not.toHaveURL(/\/login\/code/);
    return [];
  }
  await expect(page.locator('.recovery-codes code')).toHaveCount(10);
  const codes = await page.locator('.recovery-codes code').allTextContents();
  await page.locator('main a.button.primary').click();
  await expect(page).not.toHaveURL(/\/login\/setup/);
  return codes;
}

/** Signs in with the e-mail address and password typed in, then the second factor. */
async function signIn(page, email, password) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, email);
}

module.exports = { secondFactor, signIn };
