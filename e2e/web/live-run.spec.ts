// The core loop: start a run from the form and watch it train; cancel a run.
import { call } from '../support/api';
import { expect, test } from '../support/fixtures';
import { pointCount, startTinyRunFromForm } from '../support/ui';

test('a short run on the tiny fixture: its curves gain points while it trains', async ({ page, workbench }) => {
  // Long enough to watch (small batches, many epochs: minutes), cancelled at the end.
  const id = await startTinyRunFromForm(page, { name: 'live tiny', epochs: 1000, batchSize: 4 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');

  await expect.poll(() => pointCount(page)).toBeGreaterThan(0);
  const first = await pointCount(page);
  await expect.poll(() => pointCount(page)).toBeGreaterThan(first);
  // The charts draw them, and the live progress shows where the run stands.
  await expect(page.getByTestId('chart-loss').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('run-progress')).toContainText(/Epoch \d+ \/ 1000/);
  // Its scores are the latest ones, not final.
  await expect(page.getByTestId('tile-test-label')).toHaveText('Latest test accuracy');
  await expect(page.getByTestId('tile-best-label')).toHaveText('Best test accuracy so far');

  // The runs table shows it running, with its progress.
  await page.getByTestId('nav-runs').click();
  const row = page.getByTestId(`run-row-${id}`);
  await expect(row).toContainText('live tiny');
  await expect(row.getByRole('progressbar')).toBeVisible();
  await call(workbench, 'cancelRun', { id });
});

test('cancel a running run', async ({ page, workbench }) => {
  const id = await startTinyRunFromForm(page, { name: 'to cancel', epochs: 1000, batchSize: 4 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('cancel-run')).toHaveCount(0);
  await expect(page.getByTestId('tile-test-label')).toHaveText('Final test accuracy');
  expect((await call(workbench, 'getRun', { id })).status).toBe('cancelled');

  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId(`run-row-${id}`)).toContainText('Cancelled');
});
