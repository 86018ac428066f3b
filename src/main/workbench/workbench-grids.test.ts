// A grid search through the service: every cell trains, the best is reported, and its table exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../shared/run-config';
import { createWorkbench, type Workbench } from './create-workbench';
import { tempDataDir, tinyRun } from './testing/fixtures';

let temp: ReturnType<typeof tempDataDir>;
let wb: Workbench;

beforeAll(() => {
  temp = tempDataDir();
  wb = createWorkbench({ dataDir: temp.dir, mode: 'cli', concurrency: 2, progressIntervalMs: 20 });
});

afterAll(async () => {
  await wb?.close();
  temp?.remove();
});

describe('grids', () => {
  it('runs every cell, reports the best, and exports its table', async () => {
    const { grid, runs } = await wb.startGrid({
      name: 'lr sweep',
      method: 'grid',
      base: parseRunConfig(tinyRun({ epochs: 1 })),
      parameters: { lr: { values: [0.1, 0.01] } },
    });
    expect(runs.map((r) => r.name)).toEqual(['lr=0.1', 'lr=0.01']);
    expect(runs.every((r) => r.gridId === grid.id)).toBe(true);
    await Promise.all(runs.map((r) => wb.manager!.waitFor(r.id)));
    const detail = await wb.getGrid({ id: grid.id });
    expect(detail.cells.map((c) => c.params)).toEqual([{ lr: 0.1 }, { lr: 0.01 }]);
    expect(detail.statusCounts).toEqual({ completed: 2 });
    expect(runs.map((r) => r.id)).toContain(detail.bestRunId);
    expect((await wb.listGrids(undefined)).map((g) => g.id)).toContain(grid.id);
    expect(await wb.listRuns({ gridId: grid.id, limit: 10, offset: 0 })).toHaveLength(2);
    const md = await wb.exportTable({ gridId: grid.id, format: 'markdown' });
    expect(md.data.split('\n')[0]).toBe(
      '| Run | LR | Final train (batches) (%) | Final train (full pass) (%) | Final test loss | Final test (%) | Best test (%) | Best epoch |',
    );
    expect((await wb.cancelGrid({ id: grid.id })).statusCounts).toEqual({ completed: 2 });
  });
});
