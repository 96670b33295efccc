// After every other browser test: the server's log (at `info`, as it runs by default) holds
// nothing about a person: no client address, receipt code, session id, setup key or recovery
// code, password, or anything a young person or moderator typed.
const { test, expect } = require('@playwright/test');
const fs = require('node:fs');
const path = require('node:path');

const PASSWORDS = ['e2e admin passphrase', 'a volunteer moderator passphrase'];

test('the server log holds nothing about a person', async () => {
  const log = fs.readFileSync(process.env.YC_E2E_LOG, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  expect(log).toContain('response received');
  expect(log).toContain('second factor refused');
  // The one address the log may name is the server's own, where it listens.
  const lines = log.split('\n').filter((line) => !/ listening address=\S+$/.test(line));

  const found = (pattern) => lines.filter((line) => pattern.test(line));
  expect(found(/\b\d{1,3}(\.\d{1,3}){3}\b/), 'an IPv4 address').toEqual([]);
  expect(found(/(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}|(?<![\w:])::(?:ffff:)?[0-9a-f.]+/i), 'an IPv6 address').toEqual([]);
  expect(found(/\b[2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4}\b/), 'a receipt code').toEqual([]);
  // Session ids, tokens, keys and codes are long runs of letters and digits.
  expect(found(/[A-Za-z0-9_-]{20,}/), 'an id, token or key').toEqual([]);
  expect(found(/\b[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}\b/), 'a recovery code').toEqual([]);
  // The server logs in English only: any other script is someone's words.
  expect(found(/[^\x00-\x7F]/), 'text someone typed').toEqual([]);
  for (const password of PASSWORDS) expect(log).not.toContain(password);
  const dir = path.dirname(process.env.YC_E2E_DB);
  for (const app of fs.readdirSync(dir).filter((f) => f.startsWith('app-'))) {
    const { secret } = JSON.parse(fs.readFileSync(path.join(dir, app), 'utf8'));
    expect(log).not.toContain(secret);
  }
});
