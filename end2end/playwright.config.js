// Playwright drives Debian's Chromium (no browser download) against the server `cargo test` built
// (YC_E2E_SERVER=release for the release one), serving the release wasm.
const { defineConfig } = require('@playwright/test');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const port = 3100;
// Set once in the main process; workers inherit it, so tests and server share one database.
process.env.YC_E2E_DB ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yc-e2e-')), 'e2e.db');
process.env.CARGO_TARGET_DIR ??= path.join(os.homedir(), '.cache/youth-consult/target');
// The one binary the web server runs and the tests seed with.
process.env.YC_E2E_SERVER_BIN ??=
  path.join(process.env.CARGO_TARGET_DIR, process.env.YC_E2E_SERVER ?? 'debug', 'server');
// The server's log, scanned after everything else for anything about a person (log.spec.js).
process.env.YC_E2E_LOG ??= path.join(path.dirname(process.env.YC_E2E_DB), 'server.log');

module.exports = defineConfig({
  testDir: './tests',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // As in people's browsers: Back may bring a page back as it was (Playwright turns it off).
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  // The flood runs after the rest: it leaves this address refused for a minute and bursting
  // for ten. The log is read last, when every other test has left its traces in it.
  projects: [
    { name: 'phone', testIgnore: /(flood|log)\.spec\.js/ },
    { name: 'flood', testMatch: /flood\.spec\.js/, dependencies: ['phone'] },
    { name: 'log', testMatch: /log\.spec\.js/, dependencies: ['flood'] },
  ],
  webServer: {
    command: 'bash ../scripts/e2e-server.sh',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: `sqlite://${process.env.YC_E2E_DB}`,
      YC_LISTEN: `127.0.0.1:${port}`,
      CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR,
      YC_E2E_SERVER_BIN: process.env.YC_E2E_SERVER_BIN,
      RUST_LOG: 'info',
      YC_E2E_LOG: process.env.YC_E2E_LOG,
      E2E_STAFF_PASSWORD: 'e2e admin passphrase',
    },
  },
});
