// The reproduction as a preset experiment of the app: a bad dataset starts nothing; a quick reproduction on the
// tiny fixture runs every experiment through the queue, then its report, tables and figures can be read and saved.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Download, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { TINY_DATASET } from '../support/paths';

async function save(page: Page, button: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, button()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('reproduce the report on the fixture, then read its report, tables and figures', async ({ page }) => {
  // 44 small runs on two workers; generous, as the machine may be shared.
  test.setTimeout(600_000);
  await page.getByTestId('nav-reproduce').click();
  await expect(page.getByRole('heading', { name: 'Reproduce the report' })).toBeVisible();

  // A folder with no path: refused beside the field, nothing started.
  await page.getByTestId('reproduce-dataset').selectOption('folder');
  await page.getByTestId('reproduce-run').click();
  await expect(page.getByTestId('error-reproduce-dataset')).toContainText('give the folder');
  await expect(page.locator('[data-testid^="reproduction-2"]')).toHaveCount(0);

  await page.getByTestId('reproduce-folder').fill(TINY_DATASET);
  await page.getByTestId('reproduce-scale-quick').check();
  await page.getByTestId('reproduce-run').click();
  const card = page.locator('[data-testid^="reproduction-2"]');
  await expect(card).toHaveCount(1);
  await expect(page.getByTestId('reproduce-run')).toBeDisabled();
  await expect(card.getByTestId('reproduction-cancel')).toBeVisible();
  // Progress arrives as it happens: the first experiments' runs queue and stop.
  await expect(card.locator('[data-testid^="experiment-"][data-status="finished"]').first()).toBeVisible({ timeout: 60_000 });
  await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 540_000 });
  await expect(card.locator('[data-testid^="experiment-"][data-status="finished"]')).toHaveCount(10);
  await expect(card.getByTestId('experiment-stage1-report')).toContainText("Grid search, stage 1 — the report's setup");
  await expect(page.getByTestId('reproduce-run')).toBeEnabled();

  // The headline numbers, ours beside the report's.
  const headline = card.getByTestId('reproduction-headline');
  await expect(headline.locator('tbody tr')).toHaveCount(10);
  await expect(headline).toContainText('best MLP: test accuracy');
  await expect(headline).toContainText('best MLP: train accuracy (full pass)');
  await expect(headline).toContainText('97.46%');

  // Tables 2 and 3 in three columns: the report, ours under its setup, ours modern; its stuck cells marked.
  const stage1 = card.getByTestId('compare-grid-stage1');
  await expect(stage1.locator('thead th')).toHaveText(['Cell', 'report', 'ours, report’s setup', 'ours, modern']);
  await expect(stage1.locator('tbody tr')).toHaveCount(8);
  await expect(stage1.locator('tbody tr').filter({ hasText: 'lr 0.01 · [128, 64] · L2 0.001' }).locator('[data-column="report"]')).toHaveText('97.18%');
  // The quick grid holds four of the report's L2 0.1 cells, all at chance in the report.
  await expect(stage1.locator('[data-column="report"] .chance')).toHaveCount(4);
  await expect(stage1.locator('[data-column="reportSetup"]').first()).toHaveText(/\d+\.\d\d%/);
  await expect(card.getByTestId('compare-grid-stage2').locator('tbody tr')).not.toHaveCount(0);

  const html = await save(page, () => card.getByTestId('report-html').click());
  expect(html.name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-report\.html$/);
  expect(html.text).toContain('<img src="data:image/svg+xml;base64,');
  expect(html.text).toContain('Grid search, stage 1');
  expect(html.text).toContain('Why our numbers differ');
  const csv = await save(page, () => card.getByTestId('table-grid-stage1-csv').click());
  expect(csv.text.trim().split('\n').length).toBeGreaterThan(4);

  // Saved on its own, report.html has no dead link: each table and figure link saves the file it carries.
  expect(html.text).not.toMatch(/href="(?!data:|#|https?:)/);
  const alone = path.join(test.info().outputDir, 'report.html');
  mkdirSync(path.dirname(alone), { recursive: true });
  writeFileSync(alone, html.text);
  const reader = await page.context().newPage();
  await reader.goto(pathToFileURL(alone).href);
  const stage1Caption = reader.locator('p.caption', { hasText: 'Grid search, stage 1' });
  const linked = await save(reader, () => stage1Caption.getByRole('link', { name: 'CSV' }).click());
  expect(linked).toEqual({ name: 'grid-stage1.csv', text: csv.text });
  const png = await reader
    .locator('figcaption')
    .first()
    .getByRole('link', { name: 'PNG' })
    .evaluate((a: HTMLAnchorElement) => a.href.slice(0, 22));
  expect(png).toBe('data:image/png;base64,');
  await reader.close();

  await card.getByText(/figures, each as SVG and PNG/).click();
  const kernels = card.getByTestId('figure-cnn-kernels').locator('img');
  await kernels.scrollIntoViewIfNeeded();
  await expect(kernels).toBeVisible();
  await expect.poll(() => kernels.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);

  await kernels.click();
  await expect(page.getByRole('dialog').locator('img.full')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Its runs, in the runs table: filtered by its tag.
  await card.getByTestId('reproduction-runs').click();
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await expect(page.locator('[data-testid^="run-row-"]')).toHaveCount(44);
});
