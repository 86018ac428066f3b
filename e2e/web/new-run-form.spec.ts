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
