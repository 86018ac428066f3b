// Steps through the UI that several tests share.
import { expect, type Page } from '@playwright/test';
import { TINY_DATASET } from './paths';

/** Fills the new-run form for a small MLP on the tiny fixture (the page must be on the form). */
export async function fillTinyRun(page: Page, options: { name: string; epochs: number; batchSize?: number }): Promise<void> {
  await page.getByTestId('dataset-folder').check();
  await page.getByRole('textbox', { name: 'Folder' }).fill(TINY_DATASET);
  await page.getByLabel('Training images').fill('');
  await page.getByLabel('Test images').fill('');
  await page.getByTestId('model-mlp').click();
  await page.getByLabel('Hidden layer sizes').fill('32');
  await page.getByLabel('Batch size').fill(String(options.batchSize ?? 32));
  await page.getByLabel('Epochs').fill(String(options.epochs));
  await page.getByLabel('Run name').fill(options.name);
}

/**
 * Fills the new-grid form (the page must be on it) from its quick preset: lr 0.01, 0.1 × L2 0, 0.001 on the tiny
 * fixture, 1 epoch, named `name`: 4 cells, not started.
 */
export async function fillTinyGrid(page: Page, name: string): Promise<void> {
  await page.getByTestId('grid-preset-quick').click();
  await page.getByTestId('dataset-folder').check();
  await page.getByRole('textbox', { name: 'Folder' }).fill(TINY_DATASET);
  await page.getByLabel('Training images').fill('');
  await page.getByLabel('Test images').fill('');
  await page.getByLabel('Epochs').fill('1');
  await page.getByTestId('grid-values-0').fill('0.01, 0.1');
  await page.getByTestId('grid-values-1').fill('0, 0.001');
  await page.getByTestId('grid-name').fill(name);
  await expect(page.getByTestId('grid-cell-count')).toHaveText('4');
}

/** Opens the form, fills it, starts the run, and waits for its page. Returns the run id. */
export async function startTinyRunFromForm(page: Page, options: { name: string; epochs: number; batchSize?: number }): Promise<number> {
  await page.getByTestId('nav-new-run').click();
  await expect(page.getByRole('heading', { name: 'New run' })).toBeVisible();
  await fillTinyRun(page, options);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-title')).toHaveText(options.name);
  const id = Number(new URL(page.url()).hash.match(/#\/runs\/(\d+)/)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** The number of loss points the run page's chart holds. */
export async function pointCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('point-count').getAttribute('data-points'));
}
