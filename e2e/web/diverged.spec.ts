// A run that blows up (plain SGD at lr 10: the loss climbs far above its start) ends diverged, and says so:
// on its page with the reason and without a green score, and in the runs table.
import { endedRun } from '../support/api';
import { expect, test } from '../support/fixtures';

test('a diverged run shows its status and why, not "Completed" in green', async ({ page, workbench }) => {
  const run = await endedRun(workbench, { name: 'blows up', optimizer: { type: 'sgd' }, lr: 10, epochs: 3 });
  expect(run.status).toBe('diverged');

  await page.goto(`${workbench.origin}/#/runs/${run.id}`);
  await expect(page.getByTestId('run-status')).toHaveText('Diverged');
  const reason = page.getByTestId('run-error');
  await expect(reason).toContainText('The run diverged');
  await expect(reason).toContainText(/the training loss rose to \S+ in epoch 1, from \S+ at the first step: lower the learning rate/);
  await expect(page.getByTestId('tile-best')).not.toHaveClass(/good/);

  await page.getByTestId('nav-runs').click();
  const row = page.getByTestId(`run-row-${run.id}`);
  await expect(row.locator('[data-status]')).toHaveText('Diverged');
  await expect(row).toContainText('the training loss rose');
});
