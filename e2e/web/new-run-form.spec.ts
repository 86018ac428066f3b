// The form refuses bad values where they are, and nothing starts.
import { call } from '../support/api';
import { expect, test } from '../support/fixtures';
import { fillTinyRun } from '../support/ui';

test('a bad form value shows its error beside the field and starts nothing', async ({ page, workbench }) => {
  await page.getByTestId('nav-new-run').click();
  await fillTinyRun(page, { name: 'bad lr', epochs: 2 });
  await page.getByLabel('Learning rate').fill('-0.5');
  await page.getByLabel('Batch size').fill('12.5');
  await page.getByTestId('start-run').click();

  await expect(page.getByTestId('error-f-lr')).toHaveText('must be > 0');
  await expect(page.getByTestId('error-f-batchSize')).toHaveText('must be a whole number');
  await expect(page.getByLabel('Learning rate')).toHaveClass(/invalid/);
  await expect(page.getByLabel('Learning rate')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Learning rate')).toHaveAccessibleDescription('must be > 0');
  await expect(page.getByLabel('Epochs')).not.toHaveAttribute('aria-invalid', /./);
  await expect(page.getByTestId('form-error-count')).toContainText('2 fields need fixing');
  await expect(page).toHaveURL(/#\/runs\/new/);
  expect(await call(workbench, 'listRuns')).toEqual([]);

  // Fixing one field clears its message as you type.
  await page.getByLabel('Learning rate').fill('0.05');
  await expect(page.getByTestId('error-f-lr')).toHaveCount(0);
  await expect(page.getByLabel('Learning rate')).not.toHaveAttribute('aria-invalid', /./);
  await expect(page.getByTestId('error-f-batchSize')).toBeVisible();
});

test('before Start, the summary does not point at highlights that are not there', async ({ page }) => {
  await page.getByTestId('nav-new-run').click();
  await page.getByLabel('Learning rate').fill('abc');
  await expect(page.getByTestId('summary-pending')).toHaveText('No summary yet: 1 field does not read right. Start run shows which.');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('summary-pending')).toHaveText('Fix the highlighted fields to see a summary.');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(1);
});

test("switching the optimizer moves an untouched lr to the new one's default, and keeps a chosen one with a hint", async ({ page }) => {
  await page.getByTestId('nav-new-run').click();
  const lr = page.getByLabel('Learning rate');
  await expect(page.getByLabel('Optimizer')).toHaveValue('momentum');
  await expect(lr).toHaveValue('0.05');
  await page.getByLabel('Optimizer').selectOption('rmsprop');
  await expect(lr).toHaveValue('0.001');
  await page.getByLabel('Optimizer').selectOption('sgd');
  await expect(lr).toHaveValue('0.05');

  await lr.fill('0.1');
  await page.getByLabel('Optimizer').selectOption('adam');
  await expect(lr).toHaveValue('0.1');
  await expect(page.locator('#f-lr-message')).toHaveText('Kept your 0.1: Adam usually starts at 1e-3');
  await lr.fill('0.002');
  await expect(page.locator('#f-lr-message')).toHaveText('e.g. 0.05 or 1e-3');
});

test('the grid form shows every problem at once and counts only values that read', async ({ page, workbench }) => {
  await page.getByTestId('nav-grids').click();
  await page.getByTestId('new-grid').click();
  await page.getByTestId('grid-preset-quick').click();
  await page.getByTestId('grid-values-0').fill('0.01, abc, 0.1');
  await expect(page.getByTestId('grid-cell-count')).toHaveText('6');
  await page.getByTestId('grid-values-1').fill('-1, 0.001');
  await page.getByLabel('Epochs').fill('zero');
  await page.getByLabel('Run at most').fill('x');
  await page.getByTestId('start-grid').click();

  const rows = page.getByTestId('grid-row-0');
  await expect(rows.getByRole('alert')).toHaveText('not a number: “abc”');
  await expect(page.getByTestId('grid-row-1').getByRole('alert')).toHaveText('must be ≥ 0');
  await expect(page.getByTestId('error-f-epochs')).toBeVisible();
  await expect(page.getByTestId('error-g-cap')).toHaveText('a whole number ≥ 1');
  await expect(page.getByTestId('grid-values-0')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('grid-values-1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('4 fields need fixing.')).toBeVisible();
  expect(await call(workbench, 'listGrids')).toEqual([]);
});

test('a folder without a dataset shows the problem beside the folder and starts nothing', async ({ page, workbench }) => {
  await page.getByTestId('nav-new-run').click();
  await fillTinyRun(page, { name: 'no data', epochs: 1 });
  await page.getByRole('textbox', { name: 'Folder' }).fill('/nonexistent/nnwb-e2e');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('error-f-folderPath')).toContainText('not found');
  await expect(page).toHaveURL(/#\/runs\/new/);
  expect(await call(workbench, 'listRuns')).toEqual([]);
});

test("the course report's setup from the form: N(0, 0.01²) init, standardized inputs, the decay per epoch", async ({ page, workbench }) => {
  await page.getByTestId('nav-new-run').click();
  await fillTinyRun(page, { name: 'report setup', epochs: 2 });
  await page.getByTestId('field-init').selectOption('normal');
  // A bad std is refused beside its field, nothing starts.
  await page.getByTestId('field-initStd').fill('0');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('error-f-initStd')).toHaveText('must be > 0');
  expect(await call(workbench, 'listRuns')).toEqual([]);

  await page.getByTestId('field-initStd').fill('0.01');
  await page.getByTestId('field-normalize').selectOption('standardize');
  await page.getByLabel('LR schedule').selectOption('inverse_time');
  await page.getByTestId('field-decayPer').selectOption('epoch');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-title')).toHaveText('report setup');
  const [run] = await call(workbench, 'listRuns');
  expect(run!.config).toMatchObject({
    model: { init: { type: 'normal', std: 0.01 } },
    normalize: 'standardize',
    schedule: { type: 'inverse_time', per: 'epoch' },
  });

  // Once trained, the run page shows the statistics it standardized with, and both train accuracies.
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('tile-train-pass')).toContainText('full pass');
  await page.getByTestId('tab-details').click();
  await expect(page.getByTestId('input-scaling')).toContainText(/standardized on its training images: \(x\/255 − 0\.1\d+\) \/ 0\.3\d+/);
  await expect(page.getByTestId('epoch-table').locator('thead')).toContainText('Train acc. (full pass)');
});

test('without a workers’ queue the start forms offer no placement choice', async ({ page, workbench }) => {
  // The forms ask the workbench once; only its answer (no queue: started without --redis) may hide the choice.
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/getRunPlacement'));
  await page.getByTestId('nav-new-run').click();
  expect(await (await answered).json()).toEqual({ placement: 'local', workers: null });
  expect(await call(workbench, 'getRunPlacement')).toEqual({ placement: 'local', workers: null });
  await expect(page.getByTestId('start-run')).toBeVisible();
  await expect(page.getByTestId('placement')).toHaveCount(0);
  await page.getByTestId('nav-grids').click();
  await page.getByTestId('new-grid').click();
  await expect(page.getByTestId('start-grid')).toBeVisible();
  await expect(page.getByTestId('placement')).toHaveCount(0);
  await page.getByTestId('nav-sweeps').click();
  await page.getByTestId('new-sweep').click();
  await expect(page.getByTestId('start-sweep')).toBeVisible();
  await expect(page.getByTestId('placement')).toHaveCount(0);
});
