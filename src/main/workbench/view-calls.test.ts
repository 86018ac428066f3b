// Saved views of the runs table: kept in the data folder across restarts, and every malformed view refused by field.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../shared/api-dispatch';
import { parseRunConfig } from '../../shared/run-config';
import { createWorkbench, type Workbench } from './create-workbench';
import { tempDataDir, tinyRun } from './testing/fixtures';

let temp: ReturnType<typeof tempDataDir>;
let wb: Workbench;
beforeEach(() => {
  temp = tempDataDir();
  wb = createWorkbench({ dataDir: temp.dir, mode: 'web', readOnly: true });
});
afterEach(async () => {
  await wb.close();
  temp.remove();
});

const view = {
  name: 'Adam, good ones',
  query: 'optimizer = adam test_acc >= 97%',
  columns: ['name', 'status', 'optimizer.beta1', 'best.testAccuracy'],
  sort: { column: 'best.testAccuracy', direction: 'desc' as const },
};

describe('saved views', () => {
  it('saves, replaces by name, lists and deletes; they outlive the process', async () => {
    const dispatch = createDispatcher(wb);
    expect(await dispatch('saveRunView', view)).toMatchObject({ ok: true, value: { ...view, statuses: [], tags: [] } });
    await dispatch('saveRunView', { name: 'all', columns: ['name'] });
    await dispatch('saveRunView', { ...view, columns: ['name', 'lr'] });
    expect((await wb.listRunViews(undefined)).map((v) => [v.name, v.columns])).toEqual([
      ['Adam, good ones', ['name', 'lr']],
      ['all', ['name']],
    ]);
    await wb.close();
    wb = createWorkbench({ dataDir: temp.dir, mode: 'web', readOnly: true });
    expect((await wb.listRunViews(undefined)).map((v) => v.name)).toEqual(['Adam, good ones', 'all']);
    await wb.deleteRunView({ name: 'all' });
    expect((await wb.listRunViews(undefined)).map((v) => v.name)).toEqual(['Adam, good ones']);
    await expect(wb.deleteRunView({ name: 'all' })).rejects.toMatchObject({ name: 'NotFoundError', message: 'no saved view is called "all"' });
  });

  it.each([
    [{ ...view, name: '  ' }, 'name'],
    [{ ...view, name: 'n'.repeat(81) }, 'name'],
    [{ ...view, query: 'lr >' }, 'query', 'expected a value after ">" at 4'],
    [{ ...view, query: 'x'.repeat(1001) }, 'query'],
    [{ ...view, columns: [] }, 'columns'],
    [{ ...view, columns: ['name', 'name'] }, 'columns', 'must not name a column twice'],
    [{ ...view, columns: ['name', '__proto__'] }, 'columns.1'],
    [{ ...view, columns: ['constructor.x'] }, 'columns.0'],
    [{ ...view, columns: ['lr; DROP TABLE runs'] }, 'columns.0'],
    [{ ...view, sort: { column: 'lr', direction: 'up' } }, 'sort.direction'],
    [{ ...view, statuses: ['done'] }, 'statuses.0'],
    [{ ...view, brush: [] }, 'brush'],
    [{ ...view, name: 'half \ud800 a pair' }, 'name', 'valid Unicode'],
    [{ ...view, tags: ['ok', 'x\udfff'] }, 'tags.1'],
  ])('refuses %j naming %s, saving nothing', async (input, field, message?: string) => {
    const result = await createDispatcher(wb)('saveRunView', input);
    expect(result).toMatchObject({ ok: false, error: { name: 'ValidationError', field } });
    if (message && !result.ok) expect(result.error.message).toContain(message);
    expect(await wb.listRunViews(undefined)).toEqual([]);
  });
});

describe('exportTable columns', () => {
  it('refuses column ids that are not ids, or that no run has, by their place', async () => {
    await wb.close();
    wb = createWorkbench({ dataDir: temp.dir, mode: 'web', concurrency: 1 });
    const run = await wb.startRun(parseRunConfig(tinyRun({ epochs: 1 })));
    const dispatch = createDispatcher(wb);
    expect(await dispatch('exportTable', { runIds: [run.id], format: 'csv', columns: ['name', 'constructor'] })).toMatchObject({
      ok: false,
      error: { field: 'columns.1' },
    });
    expect(await dispatch('exportTable', { runIds: [run.id], format: 'csv', columns: ['name', 'toString'] })).toMatchObject({
      ok: false,
      error: { field: 'columns.1', message: expect.stringContaining('unknown column "toString"') },
    });
    expect(await dispatch('exportTable', { runIds: [run.id], format: 'csv', columns: ['name', 'optimizer.type'] })).toMatchObject({ ok: true });
    await wb.manager!.waitFor(run.id);
  });
});
