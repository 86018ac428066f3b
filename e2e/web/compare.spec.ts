// Pick two runs in the table, compare them: curves overlaid, configs diffed.
import { trainedRun } from '../support/api';
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
  await expect(page.getByTestId('compare-left').locator('canvas').first()).toBeVisible();

  const diff = page.getByTestId('config-diff');
  const lrRow = diff.locator('tr', { has: page.locator('td', { hasText: /^lr$/ }) });
  await expect(lrRow).toContainText('0.01');
  await expect(lrRow).toContainText('0.1');
  // Fields that agree are hidden until asked for.
  await expect(diff.locator('td', { hasText: /^batchSize$/ })).toHaveCount(0);
  await page.getByLabel('Show all fields').check();
  await expect(diff.locator('td', { hasText: /^batchSize$/ })).toHaveCount(1);
});
