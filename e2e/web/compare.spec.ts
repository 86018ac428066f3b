// Compare runs: pick them in the table, see their curves overlaid and their configs diffed; group them by a
// parameter and see a mean ± std band per group, with one cursor across the charts.
import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { trainedRun, trainedRuns } from '../support/api';
import { expect, test } from '../support/fixtures';

test('compare two runs', async ({ page, workbench }) => {
  const a = await trainedRun(workbench, { name: 'slow lr', lr: 0.01, epochs: 2 });
  const b = await trainedRun(workbench, { name: 'fast lr', lr: 0.1, epochs: 2 });
  await page.getByTestId('nav-runs').click();
  await page.getByTestId(`run-row-${a.id}`).getByRole('checkbox').check();
  await page.getByTestId(`run-row-${b.id}`).getByRole('checkbox').check();
  await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
  await page.getByTestId('compare-selected').click();

  await expect(page).toHaveURL(/#\/compare\?ids=/);
  expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/compare?ids=${a.id},${b.id}`);
  await expect(page.getByTestId(`compare-chip-${a.id}`)).toContainText('slow lr');
  await expect(page.getByTestId(`compare-chip-${b.id}`)).toContainText('fast lr');
  await expect(page.getByTestId('compare-panel-0').locator('canvas').first()).toBeVisible();

  const diff = page.getByTestId('config-diff');
  const lrRow = diff.locator('tr', { has: page.locator('td', { hasText: /^lr$/ }) });
  await expect(lrRow).toContainText('0.01');
  await expect(lrRow).toContainText('0.1');
  // Fields that agree are hidden until asked for.
  await expect(diff.locator('td', { hasText: /^batchSize$/ })).toHaveCount(0);
  await page.getByLabel('Show all fields').check();
  await expect(diff.locator('td', { hasText: /^batchSize$/ })).toHaveCount(1);
});

test('grouping by the optimizer draws a mean ± std band per group, with one cursor across charts', async ({ page, workbench }) => {
  const runs = await trainedRuns(workbench, [
    { name: 'momentum s1', epochs: 2, seed: 1 },
    { name: 'momentum s2', epochs: 2, seed: 2 },
    { name: 'adam s1', optimizer: { type: 'adam' }, lr: 0.001, epochs: 2, seed: 1 },
    { name: 'adam s2', optimizer: { type: 'adam' }, lr: 0.001, epochs: 2, seed: 2 },
  ]);
  await page.goto(`${workbench.origin}/#/compare?ids=${runs.map((r) => r.id).join(',')}`);
  await expect(page.getByTestId('compare-panel-0').locator('canvas').first()).toBeVisible();
  await page.getByTestId('compare-group').selectOption('optimizer.type');
  await expect(page).toHaveURL(/group=optimizer\.type/);

  // What the chart draws, as the panel saves it: two filled bands and their mean lines, named by group.
  await page.getByTestId('compare-panel-0-save').click();
  const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, page.getByRole('menuitem', { name: 'SVG (vector)' }).click()]);
  const svg = readFileSync(await file.path(), 'utf8');
  expect(svg.match(/fill-opacity="0\.18"/g)?.length).toBe(2);
  expect(svg).toContain('optimizer = momentum (2)');
  expect(svg).toContain('optimizer = adam (2)');

  // Hovering one chart shows the cursor's tooltip on the other too.
  const first = (await page.getByTestId('compare-panel-0').locator('canvas').first().boundingBox())!;
  await page.mouse.move(first.x + first.width * 0.6, first.y + first.height * 0.5);
  await expect(page.getByTestId('compare-panel-1').getByText(/optimizer = adam \(2\):/)).toBeVisible();
});
