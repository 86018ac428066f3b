// Continuing a run from its checkpoint in the app: a cancelled run's Resume button trains the same run on from its
// last end-of-epoch checkpoint; Extend… adds epochs to a completed one; a fork continues from the epoch shown.
import { call, tinyRunConfig, trainedRun } from '../support/api';
import { expect, test } from '../support/fixtures';

test('resume a cancelled run: the same run trains on and its epochs continue', async ({ page, workbench }) => {
  const run = await call(workbench, 'startRun', tinyRunConfig({ name: 'to resume', epochs: 300 }));
  await expect.poll(async () => (await call(workbench, 'getRun', { id: run.id })).epochsDone, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const cancelled = await call(workbench, 'cancelRun', { id: run.id });
  expect(cancelled.status).toBe('cancelled');
  const done = cancelled.epochsDone;

  await page.goto(`${workbench.origin}/#/runs/${run.id}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
  // Extend is for completed runs: disabled, saying why.
  await expect(page.getByTestId('extend-run')).toBeDisabled();
  await expect(page.getByTestId('extend-run')).toHaveAttribute('title', 'Only a completed run can be extended');
  const resume = page.getByTestId('resume-run');
  await expect(resume).toBeEnabled();
  await expect(resume).toHaveAttribute('title', `Continue this run from its last checkpoint (epoch ${done})`);
  await resume.click();

  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('run-progress')).toContainText(/Epoch \d+ \/ 300/);
  await expect.poll(async () => (await call(workbench, 'getRun', { id: run.id })).epochsDone, { timeout: 60_000 }).toBeGreaterThan(done + 1);
  const now = await call(workbench, 'getRun', { id: run.id });
  // Same run: its epoch rows run on without a gap or a repeat.
  expect(now.epochs.map((e) => e.epoch)).toEqual(now.epochs.map((_, i) => i));
  await call(workbench, 'cancelRun', { id: run.id });
});

test('extend a completed run, and fork one from an epoch', async ({ page, workbench }) => {
  const run = await trainedRun(workbench, { name: 'to extend', epochs: 2, keepCheckpoints: 'all' });
  await page.goto(`${workbench.origin}/#/runs/${run.id}`);
  await expect(page.getByTestId('resume-run')).toBeDisabled();
  await page.getByTestId('extend-run').click();
  await page.getByTestId('extend-epochs').fill('2');
  await page.getByTestId('confirm-extend').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect.poll(async () => (await call(workbench, 'getRun', { id: run.id })).epochsDone).toBe(4);

  await page.goto(`${workbench.origin}/#/runs/${run.id}?tab=weights`);
  const scrubber = page.getByTestId('epoch-scrubber');
  await expect(scrubber).toContainText('Epoch 4 / 4');
  await scrubber.getByLabel('Previous epoch').click();
  await scrubber.getByLabel('Previous epoch').click();
  await expect(scrubber).toContainText('Epoch 2 / 4');
  await page.getByTestId('fork-from-epoch').click();
  await page.getByTestId('fork-lr').fill('0.01');
  await page.getByTestId('confirm-fork-epoch').click();
  await expect(page.getByTestId('run-title')).toContainText('fork from epoch 2');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  const runs = await call(workbench, 'listRuns', {});
  const fork = runs.find((r) => r.parentId === run.id)!;
  expect(fork).toMatchObject({ epochsDone: 4, status: 'completed' });
  expect(fork.config.lr).toBe(0.01);
});
