// End-to-end tests: the built renderer in Debian's Chromium against web mode (a fresh server and data folder per
// test), and the packaged Electron app where its binary exists. Never downloads browsers.
import { defineConfig } from '@playwright/test';

// See docs/STACK.md: Debian's Chromium in containers and CI.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
        acceptDownloads: true,
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
