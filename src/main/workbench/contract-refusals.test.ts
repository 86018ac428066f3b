// Every malformed argument is refused with the field named, before the service acts: nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../shared/api-dispatch';
import { parseRunConfig } from '../../shared/run-config';
import { createWorkbench, type Workbench } from './create-workbench';
import { storeFingerprint, tempDataDir, tinyRun } from './testing/fixtures';

let temp: ReturnType<typeof tempDataDir>;
let wb: Workbench;
let dispatch: Dispatch;
let runId: number;

beforeAll(async () => {
  temp = tempDataDir();
  wb = createWorkbench({ dataDir: temp.dir, mode: 'web', concurrency: 1 });
  dispatch = createDispatcher(wb);
  const run = await wb.startRun(parseRunConfig(tinyRun({ epochs: 1 })));
  runId = run.id;
  await wb.manager!.waitFor(runId);
  await wb.tagRun({ id: runId, tag: 'kept' });
}, 60_000);

afterAll(async () => {
  await wb?.close();
  temp?.remove();
});

const good = () => tinyRun({ epochs: 1 });
const absurdModel = { input: [1, 28, 28], layers: Array.from({ length: 65 }, () => ({ type: 'relu' })) };

// [call, input, the field the error must name]
const MALFORMED: [string, unknown, string][] = [
  ['startRun', undefined, ''],
  ['startRun', { ...good(), lr: 'fast' }, 'lr'],
  ['startRun', { ...good(), lr: -0.1 }, 'lr'],
  ['startRun', { ...good(), lr: 1e6 }, 'lr'],
  ['startRun', { ...good(), batchSize: 1e9 }, 'batchSize'],
  ['startRun', { ...good(), epochs: 0 }, 'epochs'],
  ['startRun', { ...good(), seed: 1.5 }, 'seed'],
  ['startRun', { ...good(), dataset: { name: 'cifar' } }, 'dataset.name'],
  ['startRun', { ...good(), model: absurdModel }, 'model.layers'],
  ['startRun', { ...good(), model: { input: [1, 28, 28], layers: [{ type: 'linear', units: 1e7 }] } }, 'model.layers.0.units'],
  ['startRun', { ...good(), optimizer: { type: 'adam', beta1: 2 } }, 'optimizer.beta1'],
  ['startRun', { ...good(), surprise: true }, 'surprise'],
  ['startRun', { ...good(), epochs: undefined }, 'epochs'],
  ['startGrid', { base: good(), parameters: {} }, 'parameters'],
  ['startGrid', { base: good(), parameters: { lr: { values: [0.1, -1] } } }, 'parameters.lr.values.1'],
  ['startGrid', { base: good(), parameters: { lr: { min: 1, max: 0.1, count: 3 } } }, 'parameters.lr.max'],
  ['startGrid', { base: good(), parameters: { 'bad path!': { values: [1] } } }, 'parameters.bad path!'],
  ['renameRun', { id: 1, name: '' }, 'name'],
  ['renameRun', { id: 1, name: 'a\u0007b' }, 'name'],
  ['renameRun', { id: 'one', name: 'x' }, 'id'],
  ['renameRun', { id: 1, name: 'x'.repeat(201) }, 'name'],
  ['tagRun', { id: 1, tag: 't'.repeat(65) }, 'tag'],
  ['setRunNotes', { id: 1, notes: 'n'.repeat(100_001) }, 'notes'],
  ['forkRun', { id: 1, overrides: { lr: 0 } }, 'overrides.lr'],
  ['forkRun', { id: 1, overrides: { nonsense: 1 } }, 'overrides.nonsense'],
  ['deleteRun', { id: -1 }, 'id'],
  ['cancelRun', {}, 'id'],
  ['getMetrics', { runId: 1, keys: [] }, 'keys'],
  ['getMetrics', { runId: 1, keys: ['train/loss'], maxPoints: 1 }, 'maxPoints'],
  ['getMetrics', { runId: 1, keys: ['bad key'] }, 'keys.0'],
  ['getRunsMetrics', { runIds: [1, 1], keys: ['train/loss'] }, 'runIds'],
  ['getRunsMetrics', { runIds: [1], keys: ['train/loss'], maxPoints: 0 }, 'maxPoints'],
  ['predict', { runId: 1, pixels: [0.5, 0.5] }, 'pixels'],
  ['predict', { runId: 1, width: 2, height: 1, pixels: [0.5, 2] }, 'pixels.1'],
  ['exportTable', { runIds: [1], gridId: 1, format: 'csv' }, 'runIds'],
  ['exportTable', { runIds: [1], format: 'xlsx' }, 'format'],
  ['exportFigure', { runIds: [1], figure: 'loss', format: 'svg', width: 1e6 }, 'width'],
  ['checkDataset', { name: 'folder' }, 'path'],
  ['listRuns', { status: ['done'] }, 'status.0'],
  ['startReproduction', { scale: 'huge' }, 'scale'],
  ['startReproduction', { scale: 'quick', dataset: { name: 'cifar' } }, 'dataset.name'],
  ['cancelReproduction', { id: '../..' }, 'id'],
  ['writeReproductionReport', {}, 'id'],
  ['getReportFile', { id: '2026-11-26T20-20-27', file: '../workbench.sqlite' }, 'file'],
  ['getReportFile', { id: '2026-11-26T20-20-27', file: '/etc/passwd' }, 'file'],
  ['getReportFile', { id: '2026-11-26T20-20-27', file: 'figures/x.exe' }, 'file'],
];

describe('malformed arguments', () => {
  const cases = MALFORMED.map(([call, input, field], i) => ({ i, call, input, field }));
  it.each(cases)('#$i $call: refused naming "$field", nothing written', async ({ call, input, field }) => {
    const before = storeFingerprint(wb.store);
    const result = await dispatch(call, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.name).toBe('ValidationError');
    expect(result.error.field ?? '').toBe(field);
    expect(storeFingerprint(wb.store)).toBe(before);
  });

  it('calls the service refuses (a missing run, a fork into a config that cannot train) write nothing either', async () => {
    const before = storeFingerprint(wb.store);
    const missing = await dispatch('forkRun', { id: 999, overrides: { lr: 0.1 } });
    expect(missing).toMatchObject({ ok: false, error: { name: 'NotFoundError' } });
    // The schema accepts these models; the engine could never train them, so they are refused before a row exists.
    const noFlatten = {
      input: [1, 28, 28],
      layers: [
        { type: 'linear', units: 4 },
        { type: 'linear', units: 10 },
      ],
    };
    expect(await dispatch('forkRun', { id: runId, overrides: { model: noFlatten } })).toMatchObject({
      ok: false,
      error: { name: 'ValidationError', field: 'overrides.model.layers.0' },
    });
    const threeOutputs = { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 3 }] };
    expect(await dispatch('forkRun', { id: runId, overrides: { model: threeOutputs } })).toMatchObject({
      ok: false,
      error: {
        name: 'ValidationError',
        field: 'overrides.model.layers',
        message: expect.stringMatching(/the last layer has 3 outputs but folder .*mnist-tiny has 10 classes/),
      },
    });
    expect(await dispatch('renameRun', { id: 12345, name: 'x' })).toMatchObject({ ok: false, error: { name: 'NotFoundError' } });
    expect(await dispatch('startGrid', { base: good(), parameters: { lr: { values: [0.1] } }, parentGridId: 77 })).toMatchObject({
      ok: false,
      error: { name: 'NotFoundError' },
    });
    expect(storeFingerprint(wb.store)).toBe(before);
  });
});
