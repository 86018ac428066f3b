// Draw a digit on a trained run's page and read the model's prediction.
import { trainedRun } from '../support/api';
import { expect, test } from '../support/fixtures';

test('draw a digit and get a prediction', async ({ page, workbench }) => {
  const run = await trainedRun(workbench, { name: 'reader', epochs: 3 });
  await page.goto(`${workbench.origin}/#/runs/${run.id}?tab=draw`);
  const canvas = page.getByTestId('draw-canvas');
  await expect(canvas).toBeVisible();
  await expect(page.getByTestId('prediction')).toContainText("Draw in the box to see the model's probabilities");

  // A "1": one vertical stroke down the middle.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 6, box.y + box.height * 0.85, { steps: 12 });
  await page.mouse.up();

  await expect(page.getByTestId('predicted-class')).toHaveText(/^[0-9]$/);
  const bars = page.getByTestId('prediction').locator('li');
  await expect(bars).toHaveCount(10);
  // The probabilities shown add up to 100%.
  const shares = (await bars.locator('.num').allTextContents()).map((t) => Number(t.replace('%', '')));
  expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThan(99);
  expect(shares.reduce((a, b) => a + b, 0)).toBeLessThan(101);

  await page.getByTestId('clear-drawing').click();
  await expect(page.getByTestId('predicted-class')).toHaveCount(0);
});
