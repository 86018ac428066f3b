// The runs table as a query tool: a typed query narrows it (a bad one says why), columns picked and saved with a
// view come back after a reload, the export has the table's columns, and the columns fit the window.
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { TINY_CNN, trainedRuns } from '../support/api';
import { expect, test } from '../support/fixtures';

const rows = (page: Page) => page.getByTestId('runs-table').locator('tbody tr');
const headerIds = (page: Page) =>
  page
    .getByTestId('runs-table')
    .locator('thead th[data-column]')
    .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column')));

test('a typed query narrows the table, a bad one says why, and a saved view keeps picked columns', async ({ page, workbench }) => {
  await trainedRuns(workbench, [
    { name: 'momentum a', lr: 0.05, epochs: 1 },
    { name: 'momentum b', lr: 0.02, epochs: 1, seed: 2 },
    { name: 'adam a', optimizer: { type: 'adam' }, lr: 0.001, epochs: 1 },
    { name: 'adam b', optimizer: { type: 'adam' }, lr: 0.002, epochs: 1, seed: 2 },
  ]);
  await page.getByTestId('nav-runs').click();
  await expect(rows(page)).toHaveCount(4);

  const query = page.getByTestId('run-query');
  await query.fill('optimizer = adam');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('runs-table').locator('td[data-column="optimizer"]')).toHaveText(['Adam', 'Adam']);
  await query.fill('lr > 0.01');
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).locator('.title')).toHaveText(['momentum b', 'momentum a']);

  // A misspelt field: the error names it and where it is, and the table is not filtered by it.
  await query.fill('tset_acc >= 0.5');
  await expect(page.getByTestId('run-query-error')).toContainText('unknown field "tset_acc" at 1');
  await expect(query).toHaveAttribute('aria-invalid', 'true');
  await expect(rows(page)).toHaveCount(4);

  // Clauses from the builder become chips; a chip's × takes its clause out.
  await query.fill('test_acc >= 0%');
  await page.getByTestId('add-filter').click();
  await page.getByLabel('Filter field').selectOption('optimizer');
  await page.getByLabel('Comparison').selectOption('=');
  await page.getByLabel('Filter value').fill('momentum');
  await page.getByRole('button', { name: 'Add filter' }).click();
  await expect(query).toHaveValue('test_acc >= 0% and optimizer = momentum');
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Remove filter optimizer = momentum' }).click();
  await expect(query).toHaveValue('test_acc >= 0%');
  await expect(rows(page)).toHaveCount(4);

  // A config column picked, then saved with the view (in the database): it is there after a reload.
  await page.getByTestId('pick-columns').click();
  await page.getByLabel('Find a column').fill('seed');
  await page.getByTestId('column-picker').locator('button[data-column="seed"]').click();
  await expect.poll(() => headerIds(page)).toContain('seed');
  await page.getByTestId('run-views').click();
  await page.getByTestId('run-view-name').fill('with seeds');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('run-views')).toHaveText(/View: with seeds/);

  await page.reload();
  await expect(rows(page)).toHaveCount(4);
  expect(await headerIds(page)).not.toContain('seed');
  await page.getByTestId('run-views').click();
  await page.getByTestId('run-view-with seeds').click();
  await expect.poll(() => headerIds(page)).toContain('seed');
  await expect(query).toHaveValue('test_acc >= 0%');
});

test('brushing a parallel axis filters the table', async ({ page, workbench }) => {
  // Learning rates a decade apart: the worst one trains to far lower accuracy in one epoch.
  await trainedRuns(workbench, [
    { name: 'lr 1e-4', lr: 0.0001, epochs: 1 },
    { name: 'lr 1e-3', lr: 0.001, epochs: 1 },
    { name: 'lr 0.01', lr: 0.01, epochs: 1 },
    { name: 'lr 0.1', lr: 0.1, epochs: 1 },
  ]);
  await page.getByTestId('nav-runs').click();
  await expect(rows(page)).toHaveCount(4);
  await page.getByTestId('toggle-params').click();
  const parallel = page.getByTestId('params-parallel');
  await expect(parallel).toHaveAttribute('data-lines', '4');
  const canvas = parallel.locator('canvas').first();
  await expect(canvas).toBeVisible();

  // The metric's axis is the last one, 72 px from the chart's right edge (lib/parallel-options); drag down its top third.
  const box = (await parallel.locator('div').first().boundingBox())!;
  const x = box.x + box.width - 72;
  const top = box.y + 44;
  const bottom = box.y + box.height - 64;
  await page.mouse.move(x, top - 2);
  await page.mouse.down();
  await page.mouse.move(x, top + (bottom - top) / 3, { steps: 8 });
  await page.mouse.up();

  const chip = page.getByTestId('brush-chip-best.testAccuracy');
  await expect(chip).toBeVisible();
  await expect.poll(() => rows(page).count()).toBeLessThan(4);
  expect(await rows(page).count()).toBeGreaterThan(0);
  // Every run left is inside the brushed range the chip names.
  const [lo, hi] = (await chip.innerText()).match(/[\d.]+(?=%)/g)!.map(Number);
  const shown = (await page.getByTestId('runs-table').locator('td[data-column="best.testAccuracy"]').allInnerTexts()).map((t) => Number(t.replace('%', '')));
  for (const v of shown) expect(v >= lo! - 0.05 && v <= hi! + 0.05, `${v}% inside ${lo}–${hi}%`).toBe(true);
  // The chip's × gives every run back.
  await chip.getByRole('button').click();
  await expect(rows(page)).toHaveCount(4);
});

async function download(page: Page, item: string): Promise<string> {
  await page.getByTestId('export-table').click();
  const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, page.getByRole('menuitem', { name: item }).click()]);
  return readFileSync(await file.path()).toString('utf8');
}

test('the export has the columns the table shows, in its order, for MLP and CNN runs; the columns fit the window', async ({ page, workbench }) => {
  const long = 'An MLP with a long descriptive name: momentum 0.9, lr 0.05, hidden 32, the tiny MNIST set, one epoch only';
  await trainedRuns(workbench, [
    { name: long, epochs: 1 },
    { name: 'small CNN', model: TINY_CNN, optimizer: { type: 'adam' }, lr: 0.001, epochs: 1 },
  ]);
  await page.setViewportSize({ width: 1920, height: 900 });
  await page.getByTestId('nav-runs').click();
  await expect(rows(page)).toHaveCount(2);
  const ids = await headerIds(page);
  expect(ids).toEqual([
    'name',
    'status',
    'best.testAccuracy',
    'final.testAccuracy',
    'model',
    'optimizer',
    'lr',
    'l2',
    'batchSize',
    'epochsDone',
    'seconds',
    'created',
  ]);

  const csv = (await download(page, 'CSV')).trim().split('\n');
  expect(csv[0]).toBe(ids.join(','));
  expect(csv.join('\n')).toContain('conv 8@5×5 relu · pool 2 · hidden 32 relu');
  const labels = await page.getByTestId('runs-table').locator('thead th[data-column]').allInnerTexts();
  const md = (await download(page, 'Markdown')).split('\n')[0]!;
  expect(
    md
      .replace(/ \((%|s)\)/g, '')
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean),
  ).toEqual(labels.map((l) => l.replace(/[▲▼]/g, '').trim()));

  // 1024 px: no sideways scroll, and the model, optimizer, lr and L2 are there.
  await page.setViewportSize({ width: 1024, height: 800 });
  const wrap = page.getByTestId('runs-table').locator('xpath=..');
  await expect.poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  await expect.poll(() => headerIds(page)).toEqual(expect.arrayContaining(['model', 'optimizer', 'lr', 'l2']));
  await expect(page.getByTestId('hidden-columns')).toContainText('(still exported)');
  // …and the long name wraps whole rather than being cut.
  const title = page.getByTestId('runs-table').getByRole('link', { name: long });
  // Whole: every line box of the name inside its cell, which does not scroll; and how many lines it takes.
  const whole = (el: Element) => {
    const cell = el.closest('td')!;
    const box = cell.getBoundingClientRect();
    return [...el.getClientRects()].every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5) && cell.scrollWidth <= cell.clientWidth;
  };
  const lines = (el: Element) => el.getClientRects().length;
  await expect.poll(() => title.evaluate(whole)).toBe(true);
  expect(await title.evaluate(lines)).toBeGreaterThan(1);
  // 1400 px: every column, duration and created whole.
  await page.setViewportSize({ width: 1400, height: 800 });
  await expect.poll(() => headerIds(page)).toEqual(ids);
  for (const id of ['seconds', 'created']) {
    for (const cell of await page.locator(`[data-testid="runs-table"] [data-column="${id}"]`).all()) {
      expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth), `${id} cut`).toBe(true);
    }
  }
  await expect.poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  // 2560 px: the long name is on one line.
  await page.setViewportSize({ width: 2560, height: 800 });
  await expect.poll(() => title.evaluate(whole)).toBe(true);
  await expect.poll(() => title.evaluate(lines)).toBe(1);
  // …and with room to spare, the CNN's layers are on one line too, not wrapped at the narrow width.
  const layers = page.getByTestId('runs-table').locator('[data-column="model"] .clamp', { hasText: 'conv 8@5×5' });
  await expect.poll(() => layers.evaluate((el) => el.getClientRects()[0]!.height < 25 && el.scrollHeight <= el.clientHeight)).toBe(true);
});
