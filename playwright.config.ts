// End-to-end tests: the built renderer in Debian's Chromium against web mode (a fresh server and data folder per
// test), and the packaged Electron app where its binary exists. Never downloads browsers.
import { chromium, defineConfig } from '@playwright/test';
import { chromiumArgs, findBrowser, runningAsRoot } from './e2e/support/browser';

// `npm test` runs scripts/ensure-browser.ts first, which installs one where it can; this only looks.
const browser = findBrowser({ playwrightPath: () => chromium.executablePath() });
if (!browser) throw new Error('no Chromium for the e2e tests: run `node --import tsx scripts/ensure-browser.ts`, or set CHROMIUM_PATH');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Each test trains real (tiny) runs: give them room on a shared 2-core machine.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // One worker: each test already runs a server and training processes.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 900 },
  },
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: browser.path, args: chromiumArgs(runningAsRoot()) },
        acceptDownloads: true,
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
