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
  await expect(page.getByTestId('form-error-count')).toContainText('2 fields need fixing');
  await expect(page).toHaveURL(/#\/runs\/new/);
  expect(await call(workbench, 'listRuns')).toEqual([]);

  // Fixing one field clears its message as you type.
  await page.getByLabel('Learning rate').fill('0.05');
  await expect(page.getByTestId('error-f-lr')).toHaveCount(0);
  await expect(page.getByTestId('error-f-batchSize')).toBeVisible();
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

test('the course report\'s setup from the form: N(0, 0.01²) init, standardized inputs, the decay per epoch', async ({ page, workbench }) => {
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
  expect(run!.config).toMatchObject({ model: { init: { type: 'normal', std: 0.01 } }, normalize: 'standardize', schedule: { type: 'inverse_time', per: 'epoch' } });

  // Once trained, the run page shows the statistics it standardized with, and both train accuracies.
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('tile-train-pass')).toContainText('full pass');
  await page.getByTestId('tab-details').click();
  await expect(page.getByTestId('input-scaling')).toContainText(/standardized on its training images: \(x\/255 − 0\.1\d+\) \/ 0\.3\d+/);
  await expect(page.getByTestId('epoch-table').locator('thead')).toContainText('Train acc. (full pass)');
});
