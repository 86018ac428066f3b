// A grid switched to "run on workers" in its form: a real redis-server, two real worker processes (w1, w2) and the
// workbench served with --redis; its runs appear in the runs table with their worker's name and complete.
import type { Page } from '@playwright/test';
import { call } from '../support/api';
import { test as base, expect } from '../support/fixtures';
import { fillTinyGrid } from '../support/ui';
import { hasRedis, type Started, startTestRedis, startWorker } from '../support/remote-workers';
import { startWorkbenchServer, type WorkbenchServer } from '../support/web-server';

const test = base.extend<{ redis: Started & { url: string }; workers: Started[]; workbench: WorkbenchServer }>({
  redis: async ({}, use) => {
    const redis = await startTestRedis();
    try {
      await use(redis);
    } finally {
      await redis.stop();
    }
  },
  workers: async ({ redis }, use, testInfo) => {
    const workers = [startWorker(redis.url, 'w1'), startWorker(redis.url, 'w2')];
    try {
      await use(workers);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('workers', { body: workers.map((w) => w.output()).join('\n') });
      await Promise.all(workers.map((w) => w.stop()));
    }
  },
  workbench: async ({ redis }, use, testInfo) => {
    const server = await startWorkbenchServer(['--redis', redis.url]);
    try {
      await use(server);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('web-mode output', { body: server.output(), contentType: 'text/plain' });
      await server.stop();
    }
  },
});

test.skip(!hasRedis, 'redis-server is not installed (apt-get install redis-server)');

const rows = (page: Page) => page.getByTestId('runs-table').locator('tbody tr');

test('a grid switched to "run on workers" trains on them, its runs showing their worker', async ({ page, workbench, workers }) => {
  test.setTimeout(150_000);
  expect(workers).toHaveLength(2);
  // With --redis the workbench sends runs to the workers; set it back to local, so the form starts from local.
  await call(workbench, 'setRunPlacement', { placement: 'local' });

  await page.getByTestId('nav-grids').click();
  await page.getByTestId('new-grid').click();
  await fillTinyGrid(page, 'on workers');

  await expect(page.getByTestId('placement-local')).toBeChecked();
  await expect(page.getByTestId('placement')).toContainText('redis://nnwb:***@127.0.0.1');
  await page.getByTestId('placement-workers').check();
  await page.getByTestId('start-grid').click();
  await expect(page.getByTestId('grid-title')).toHaveText('on workers #1');

  // The runs table with its Worker column: every run trained on w1 or w2, and completed.
  await page.getByTestId('nav-runs').click();
  await expect(rows(page)).toHaveCount(4);
  await page.getByTestId('pick-columns').click();
  await page.getByLabel('Find a column').fill('worker');
  await page.getByTestId('column-picker').locator('button[data-column="worker"]').click();
  await page.keyboard.press('Escape');
  const workerCells = rows(page).locator('td[data-column="worker"]');
  await expect(workerCells).toHaveCount(4);
  await expect(workerCells).toHaveText([/^w[12]$/, /^w[12]$/, /^w[12]$/, /^w[12]$/], { timeout: 90_000 });
  await expect(rows(page).locator('td.status')).toHaveText(['Completed', 'Completed', 'Completed', 'Completed'], { timeout: 90_000 });

  // The service agrees: placed on workers, trained by one of them; the workbench's own setting is untouched.
  const runs = await call(workbench, 'listRuns', {});
  expect(runs.map((r) => [r.placement, r.status, ['w1', 'w2'].includes(r.worker ?? '')])).toEqual(runs.map(() => ['workers', 'completed', true]));
  expect(await call(workbench, 'getRunPlacement')).toMatchObject({ placement: 'local' });
});
