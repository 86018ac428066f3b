// Two runs' insides next to each other at one epoch: first-layer weights, then confusion matrices; one scrubber.
import { call, trainedRun } from '../support/api';
import { expect, test } from '../support/fixtures';

test('first-layer weights and confusion matrices of runs side by side, at the same epoch', async ({ page, workbench }) => {
  const a = await trainedRun(workbench, { name: 'side a', epochs: 3 });
  const b = await trainedRun(workbench, { name: 'side b', epochs: 3, seed: 2, lr: 0.01 });

  await page.getByTestId('nav-side-by-side').click();
  await expect(page.getByRole('heading', { name: 'Side by side' })).toBeVisible();
  await expect(page.getByTestId('empty-state')).toContainText('Pick two runs or more');
  for (const r of [a, b]) {
    await page.getByTestId('compare-add').fill(`#${r.id}`);
    await page.getByTestId('compare-add').press('Enter');
  }

  const columns = page.getByTestId('side-by-side').locator('section');
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0)).toContainText('side a');
  await expect(columns.nth(1)).toContainText('side b');
  for (const r of [a, b]) {
    await expect(page.getByTestId(`side-weights-${r.id}`).locator('canvas')).toBeVisible();
    await expect(page.getByTestId(`side-weights-${r.id}`)).toContainText('epoch 3');
  }
  // Side by side, the two pictures are equally wide and share the row.
  const [boxA, boxB] = [await page.getByTestId(`side-weights-${a.id}`).boundingBox(), await page.getByTestId(`side-weights-${b.id}`).boundingBox()];
  expect(Math.abs(boxA!.y - boxB!.y)).toBeLessThan(2);
  expect(boxB!.x).toBeGreaterThan(boxA!.x + boxA!.width);

  // One scrubber moves both runs to epoch 2.
  const scrubber = page.getByTestId('epoch-scrubber');
  await scrubber.getByLabel('Previous epoch').click();
  await expect(scrubber).toContainText('Epoch 2 / 3');
  for (const r of [a, b]) await expect(page.getByTestId(`side-weights-${r.id}`)).toContainText('epoch 2');

  await page.getByRole('radio', { name: 'Confusion matrices' }).click();
  await expect(page).toHaveURL(/show=confusion/);
  for (const r of [a, b]) {
    const panel = page.getByTestId(`side-confusion-${r.id}`);
    await expect(panel.locator('canvas').first()).toBeVisible();
    const at2 = await call(workbench, 'getConfusion', { runId: r.id, epoch: 1 });
    await expect(panel).toContainText(`epoch 2 · test accuracy ${(at2.accuracy * 100).toFixed(2)}%`);
  }
});
