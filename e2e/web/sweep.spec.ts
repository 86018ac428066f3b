// A small random sweep with ASHA from the form, on the fixture: bad input refused on its field, trials pruned with
// their reason, the importance plot with the method that computed it, and the runs table filtered to the pruned runs.
import { call } from '../support/api';
import { TINY_DATASET } from '../support/paths';
import { expect, test } from '../support/fixtures';

test('start a random sweep with early termination, watch trials get pruned, open the importance plot', async ({ page, workbench }) => {
  test.setTimeout(420_000);
  await page.getByTestId('nav-sweeps').click();
  await expect(page.getByTestId('empty-state')).toContainText('No sweeps yet');
  await page.getByTestId('new-sweep').click();
  await page.getByTestId('sweep-preset-random-asha').click();

  await page.getByTestId('dataset-folder').check();
  await page.getByRole('textbox', { name: 'Folder' }).fill(TINY_DATASET);
  await page.getByLabel('Training images').fill('');
  await page.getByLabel('Test images').fill('');
  // 100 steps an epoch: long enough that a prune reaches the trial before it ends by itself.
  await page.getByLabel('Batch size').fill('10');
  await page.getByTestId('field-epochs').fill('4');
  await page.getByRole('button', { name: 'Remove parameter 2' }).click();
  await page.getByTestId('sweep-min-0').fill('0.00001');
  await page.getByTestId('sweep-run-cap').fill('8');
  await page.getByTestId('sweep-seed').fill('5');
  await page.getByTestId('sweep-name').fill('e2e asha');

  // ASHA keeps 1 in eta: 1 is refused on its field, and nothing starts.
  await page.getByTestId('sweep-eta').fill('1');
  await page.getByTestId('start-sweep').click();
  await expect(page.getByTestId('error-sw-eta')).toHaveText('a whole number ≥ 2');
  await expect(page.getByTestId('sweep-eta')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('sweep-problems')).toHaveText('1 field needs fixing.');
  expect(await call(workbench, 'listSweeps')).toEqual([]);
  await page.getByTestId('sweep-eta').fill('2');
  await expect(page.getByTestId('sweep-eta')).not.toHaveAttribute('aria-invalid');
  await expect(page.getByTestId('sweep-trial-count')).toHaveText('8');
  await page.getByTestId('start-sweep').click();

  await expect(page.getByTestId('sweep-title')).toHaveText('e2e asha #1');
  const [sweep] = await call(workbench, 'listSweeps');
  expect(sweep).toMatchObject({ method: 'random', earlyTerminate: 'hyperband', runCap: 8 });
  expect(sweep!.spec).toMatchObject({ run_cap: 8, seed: 5, early_terminate: { type: 'hyperband', min_iter: 1, eta: 2 } });

  // Trials get pruned as they train: shown as such in the table, with the rule's reason, and counted.
  const pruned = page.locator('[data-testid^="sweep-trial-"][data-status="pruned"]');
  await expect(pruned.first()).toBeVisible({ timeout: 300_000 });
  await expect(pruned.first().getByTestId('pruned-reason')).toHaveText(/^ASHA rung \d+ \(epoch \d+\): .+ below the top 1\/2/);
  await expect(page.getByTestId('sweep-pruned')).not.toHaveText('0');
  await expect(page.getByTestId('sweep-history').locator('canvas').first()).toBeVisible();

  // Importance appears once four trials have a score, with the method named under it.
  const importance = page.getByTestId('sweep-importance');
  await importance.scrollIntoViewIfNeeded();
  await expect(importance.getByTestId('importance-method')).toContainText('random-forest', { timeout: 300_000 });
  await expect(importance.locator('canvas').first()).toBeVisible();
  await expect(importance).not.toContainText('Importance appears once');

  // What the page shows is what the service says.
  const detail = await call(workbench, 'getSweep', { id: sweep!.id });
  expect(detail.importance.length).toBeGreaterThan(0);
  for (const t of detail.trials.filter((x) => x.run.status === 'pruned')) {
    await expect(page.getByTestId(`sweep-trial-${t.number}`)).toHaveAttribute('data-status', 'pruned');
  }

  // Cancel stops what is left (if anything is).
  const state = (await call(workbench, 'getSweep', { id: sweep!.id })).state;
  if (state === 'running') {
    await page.getByTestId('cancel-sweep').click();
    await expect(page.getByTestId('sweep-state')).toHaveText('cancelled');
  } else {
    await expect(page.getByTestId('sweep-state')).toHaveText('finished');
  }
  await page.getByTestId('nav-sweeps').click();
  await expect(page.getByTestId(`sweep-row-${sweep!.id}`)).toContainText('pruned');

  // The runs table filters on the status: exactly the pruned trials' runs.
  const prunedIds = (await call(workbench, 'getSweep', { id: sweep!.id })).trials.filter((t) => t.run.status === 'pruned').map((t) => t.run.id);
  await page.getByTestId('nav-runs').click();
  await page.getByTestId('run-query').fill('status = pruned');
  const rows = page.getByTestId('runs-table').locator('tbody tr');
  await expect(rows).toHaveCount(prunedIds.length);
  await expect(rows.locator('td.status')).toHaveText(prunedIds.map(() => /^pruned$/i));
});
