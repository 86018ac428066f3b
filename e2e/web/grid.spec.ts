// A small grid search from the form: its cells train and its results table fills in.
import { call, tinyRunConfig } from '../support/api';
import { fillTinyGrid } from '../support/ui';
import { expect, test } from '../support/fixtures';

test('run a small grid and read its table, then refine it', async ({ page, workbench }) => {
  test.setTimeout(150_000);
  // A single run first: grids count apart from it (the first grid is #1, not #2).
  await call(workbench, 'startRun', tinyRunConfig({ epochs: 1 }));
  await page.getByTestId('nav-grids').click();
  await expect(page.getByTestId('empty-state')).toContainText('No grid searches yet');
  await page.getByTestId('new-grid').click();
  await fillTinyGrid(page, 'e2e lr x l2');
  await page.getByTestId('start-grid').click();

  await expect(page.getByTestId('grid-title')).toHaveText('e2e lr x l2 #1');
  await expect(page.getByTestId('grid-progress')).toHaveText('4 / 4', { timeout: 60_000 });
  const table = page.getByTestId('grid-results');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  // Header: the two varied parameters, then the scores.
  await expect(table.locator('thead')).toContainText('learning rate');
  await expect(table.locator('thead')).toContainText('L2');
  for (let i = 0; i < 4; i++) {
    const row = page.getByTestId(`grid-cell-${i}`);
    await expect(row).toContainText('Completed');
    await expect(row.locator('td').last()).toHaveText(/^\d{1,3}\.\d\d%$/);
  }
  // Same cells as the service reports, and a heatmap over lr × L2.
  const grids = await call(workbench, 'listGrids');
  expect(grids).toHaveLength(1);
  expect(grids[0]!.runCount).toBe(4);
  expect(grids[0]!.id).toBe(2);
  await expect(page.getByTestId('grid-heatmap').locator('canvas').first()).toBeVisible();

  // Refine proposes a finer grid around the best cell, linked to this one.
  await page.getByTestId('refine-grid').click();
  await expect(page.getByRole('heading', { name: 'Refine a grid' })).toBeVisible();
  await expect(page.getByTestId('grid-values-0')).not.toHaveValue('');

  // Started as proposed, it reuses the best cell's run instead of training it again.
  await page.getByTestId('start-grid').click();
  await expect(page.getByTestId('grid-title')).toContainText('(refined) #2');
  await expect(page.getByTestId('grid-parent')).toHaveText('grid #1');
  const refined = (await call(workbench, 'listGrids')).find((g) => g.parentGridId === grids[0]!.id)!;
  const cells = refined.runCount;
  await expect(page.getByTestId('grid-progress')).toHaveText(`${cells} / ${cells}`, { timeout: 60_000 });
  const reused = page.getByTestId('reused-cell');
  await expect(reused).toHaveCount(1);
  await expect(reused).toHaveText('from grid #1');
  await expect(page.getByTestId('grid-results').locator('tbody tr', { has: reused }).getByRole('link')).toHaveAttribute(
    'href',
    `#/runs/${grids[0]!.bestRunId}`,
  );
  expect(await call(workbench, 'listRuns')).toHaveLength(1 + 4 + cells - 1);
});

test("a grid of the report's cells reads beside its table 2, stuck cells marked", async ({ page, workbench }) => {
  // The report's MLP: 784–128–64–10 with ReLUs.
  const layers = [
    { type: 'flatten' },
    { type: 'linear', units: 128 },
    { type: 'relu' },
    { type: 'linear', units: 64 },
    { type: 'relu' },
    { type: 'linear', units: 10 },
  ] as const;
  const { grid } = await call(workbench, 'startGrid', {
    name: 'report cells',
    base: tinyRunConfig({ model: { input: [1, 28, 28], layers: [...layers] }, batchSize: 128, epochs: 5, normalize: 'standardize' }),
    parameters: { lr: { values: [0.01] }, l2: { values: [0.001, 0.1] } },
  });
  await page.goto(`${workbench.url}#/grids/${grid.id}`);
  await expect(page.getByTestId('grid-progress')).toHaveText('2 / 2', { timeout: 120_000 });
  const table = page.getByTestId('grid-results');
  await expect(table.locator('thead')).toContainText('Train acc. (batches)');
  await expect(table.locator('thead')).toContainText('Train acc. (full pass)');
  await expect(table.locator('thead')).not.toContainText('Report test');

  await page.getByTestId('grid-with-report').check();
  await expect(page.getByTestId('grid-with-report').locator('..')).toContainText('2 cells');
  const reportTest = table.getByTestId('report-test');
  // Cells sorted as the grid ran them: L2 0.001 (97.18 % in the report), then L2 0.1 (stuck at 11.49 %).
  await expect(reportTest.nth(0)).toHaveText('97.18%');
  await expect(reportTest.nth(1)).toHaveText(/11\.49%\s*chance/);
  await expect(table.locator('thead')).toContainText('Ours − report');
});
