// Test fixtures: every test gets a fresh data folder, a fresh web-mode server, and a page signed in to it.
import { test as base, expect } from '@playwright/test';
import { startWorkbenchServer, type WorkbenchServer } from './web-server';

export const test = base.extend<{ workbench: WorkbenchServer }>({
  workbench: async ({}, use, testInfo) => {
    const server = await startWorkbenchServer();
    try {
      await use(server);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('web-mode output', { body: server.output(), contentType: 'text/plain' });
      await server.stop();
    }
  },
  page: async ({ page, workbench }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The URL's token is traded for an HttpOnly cookie and dropped from the address bar.
    await page.goto(workbench.url);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
