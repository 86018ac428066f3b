// Looking inside a trained run: first-layer weights as images with their stats, scrubbing back through the epochs,
// per-layer histograms, and a confusion matrix whose mistakes open the misclassified test images.
import { trainedRun } from '../support/api';
import { expect, test } from '../support/fixtures';

test('inspect a trained run: weights by epoch, histograms, confusion and its mistakes', async ({ page, workbench }) => {
  const run = await trainedRun(workbench, { name: 'inspect me', epochs: 3 });

  await page.goto(`${workbench.origin}/#/runs/${run.id}?tab=weights`);
  const images = page.getByTestId('weight-images');
  await expect(images.locator('canvas')).toBeVisible();
  await expect(images).toContainText('layers.1.weight');
  await expect(page.getByTestId('weight-stats')).toBeVisible();
  // The pictures fill the card's width on a wide screen (they stayed ~55 px with most of it empty).
  await page.setViewportSize({ width: 1920, height: 1000 });
  const body = (await images.locator('.card-body').boundingBox())!;
  await expect.poll(async () => (await images.locator('canvas').boundingBox())!.width).toBeGreaterThan(0.9 * (body.width - 28));
  await page.setViewportSize({ width: 1400, height: 900 });
  const scrubber = page.getByTestId('epoch-scrubber');
  await expect(scrubber).toContainText('Epoch 3 / 3');
  // Back to the first epoch: the pictures are redrawn from that epoch's snapshot.
  const before = await images.locator('canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await scrubber.getByLabel('Previous epoch').click();
  await scrubber.getByLabel('Previous epoch').click();
  await expect(scrubber).toContainText('Epoch 1 / 3');
  await expect.poll(() => images.locator('canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);

  await page.getByRole('tab', { name: 'Histograms' }).click();
  await expect(page.getByTestId('histograms').locator('canvas').first()).toBeVisible();

  // One parameter over time: a ridge per epoch (labelled epoch 1…3), and its quantile bands.
  await page.getByRole('radio', { name: 'Over time' }).click();
  await expect(page.getByTestId('history-param')).toHaveValue('layers.1.weight');
  const ridges = page
    .getByTestId('ridge-plot')
    .locator('svg text')
    .filter({ hasText: /^epoch \d+$/ });
  await expect(ridges).toHaveCount(3);
  expect((await ridges.allTextContents()).sort()).toEqual(['epoch 1', 'epoch 2', 'epoch 3']);
  await expect(page.getByTestId('distribution-bands').locator('canvas').first()).toBeVisible();
  await page.getByTestId('history-param').selectOption('layers.3.bias');
  await expect(ridges).toHaveCount(3);
  await page.getByRole('radio', { name: 'By epoch' }).click();
  await expect(page.getByTestId('histograms').locator('canvas').first()).toBeVisible();

  await page.getByRole('tab', { name: 'Confusion' }).click();
  await expect(page.getByTestId('chart-confusion').locator('canvas').first()).toBeVisible();
  const mistake = page.locator('[data-testid^="mistake-"]').first();
  await expect(mistake).toBeVisible();
  await mistake.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/True \S+, predicted \S+/);
  await expect(dialog.getByTestId('misclassified').locator('figure').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // At an earlier epoch a mistake's images are that epoch's: as many as its matrix counts.
  const confusionScrubber = page.getByTestId('epoch-scrubber');
  await confusionScrubber.getByLabel('Previous epoch').click();
  await confusionScrubber.getByLabel('Previous epoch').click();
  await expect(confusionScrubber).toContainText('Epoch 1 / 3');
  const early = page.locator('[data-testid^="mistake-"]').first();
  await expect(early).toBeVisible();
  const count = Number(await early.locator('.num').textContent());
  await early.click();
  await expect(dialog).toContainText(/True \S+, predicted \S+ · epoch 1/);
  await expect(dialog.getByTestId('misclassified-count')).toHaveText(`${count} test ${count === 1 ? 'image' : 'images'} with this mistake at epoch 1.`);
  await expect(dialog.getByTestId('misclassified').locator('figure')).toHaveCount(Math.min(count, 64));
  await expect(dialog.getByTestId('misclassified-final-only')).toHaveCount(0);
});
