// Exports land as files: a chart as PNG and SVG, a table as CSV and LaTeX, a run's metrics as CSV.
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { trainedRun } from '../support/api';
import { expect, test } from '../support/fixtures';

async function download(page: Page, open: () => Promise<void>, item: string): Promise<{ name: string; bytes: Buffer }> {
  await open();
  const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, page.getByRole('menuitem', { name: item }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test('export a chart and a table, and check the files', async ({ page, workbench }) => {
  const run = await trainedRun(workbench, { name: 'export me', epochs: 2 });
  await page.goto(`${workbench.origin}/#/runs/${run.id}`);
  await expect(page.getByTestId('chart-loss').locator('canvas').first()).toBeVisible();

  // A chart as on screen, named as the service names its figures, with the run's name and what it shows above it.
  const png = await download(page, () => page.getByTestId('chart-loss-save').click(), 'PNG image');
  expect(png.name).toBe(`run-${run.id}-export-me-loss.png`);
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const chartBox = (await page.getByTestId('chart-loss').locator('canvas').first().boundingBox())!;
  // 2× the chart, plus the 32 px caption band: IHDR holds the height at byte 20.
  expect(png.bytes.readUInt32BE(20)).toBe(2 * (Math.round(chartBox.height) + 32));

  const svg = await download(page, () => page.getByTestId('chart-loss-save').click(), 'SVG (vector)');
  expect(svg.name).toBe(`run-${run.id}-export-me-loss.svg`);
  expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.bytes.toString('utf8')).toContain('<path');
  expect(svg.bytes.toString('utf8')).toMatch(/<text[^>]*>export me — Loss<\/text>/);

  const metrics = await download(page, () => page.getByTestId('export-run').click(), 'Metrics (every step)');
  expect(metrics.name).toMatch(/\.csv$/);
  const lines = metrics.bytes.toString('utf8').trim().split('\n');
  expect(lines.length).toBeGreaterThan(10);

  // A report-ready figure drawn by the service, as SVG or PNG, titled with the run's name.
  const figure = await download(page, () => page.getByTestId('export-figure').click(), 'Loss curves, SVG');
  expect(figure.name).toBe(`run-${run.id}-export-me-loss.svg`);
  expect(figure.bytes.toString('utf8')).toMatch(/^<svg/);
  expect(figure.bytes.toString('utf8')).toContain('Loss — export me');
  const figurePng = await download(page, () => page.getByTestId('export-figure').click(), 'Accuracy curves, PNG');
  expect(figurePng.name).toBe(`run-${run.id}-export-me-accuracy.png`);
  expect(figurePng.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

  await page.getByTestId('nav-runs').click();
  const csv = await download(page, () => page.getByTestId('export-table').click(), 'CSV');
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.bytes.toString('utf8')).toContain('export me');

  const tex = await download(page, () => page.getByTestId('export-table').click(), 'LaTeX (booktabs)');
  expect(tex.name).toMatch(/\.tex$/);
  const latex = tex.bytes.toString('utf8');
  expect(latex).toContain('\\toprule');
  expect(latex).toContain('\\bottomrule');
});
