// Contract tests: every malformed argument is refused with the field named, before the service sees it.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { apiCalls, type ApiClient, type CallInput, type WorkbenchApi } from './api-contract';
import { createDispatcher } from './api-dispatch';
import { callNames, eventNames } from './api-names';
import type { RunSummary } from './api-types';
import type { ApiResult } from './api-wire';
import { createFakeWorkbench } from './testing/fake-workbench';
import { tinyConfig } from './testing/configs';

function setup() {
  const fake = createFakeWorkbench();
  return { fake, dispatch: createDispatcher(fake) };
}

/** Dispatches a call that must be refused; returns the error after checking the service never saw it. */
async function refused(call: string, input: unknown) {
  const { fake, dispatch } = setup();
  const result = await dispatch(call, input);
  expect(result.ok, `${call}(${JSON.stringify(input)?.slice(0, 200)}) should be refused`).toBe(false);
  expect(fake.received).toEqual([]);
  return (result as Extract<ApiResult, { ok: false }>).error;
}

const long = (n: number) => 'x'.repeat(n);

describe('contract shape', () => {
  it('names exactly the calls it has schemas for', () => {
    expect(Object.keys(apiCalls).sort()).toEqual([...callNames].sort());
    expect(new Set(eventNames).size).toBe(eventNames.length);
  });

  it('types the service and the client from the schemas', () => {
    expectTypeOf<CallInput<'listRuns'>['limit']>().toEqualTypeOf<number>();
    expectTypeOf<Parameters<ApiClient['listRuns']>>().toEqualTypeOf<[input?: Parameters<ApiClient['listRuns']>[0]]>();
    expectTypeOf<ReturnType<WorkbenchApi['startRun']>>().toEqualTypeOf<Promise<RunSummary>>();
    expectTypeOf<ApiClient['onRunUpdated']>().parameter(0).parameter(0).toEqualTypeOf<RunSummary>();
  });
});

describe('input validation (field named, service untouched)', () => {
  it.each([
    ['getRun', { id: 'x' }, 'id'],
    ['getRun', { id: 0 }, 'id'],
    ['getRun', { id: 1.5 }, 'id'],
    ['getRun', { id: 2 ** 60 }, 'id'],
    ['getRun', {}, 'id'],
    ['getRun', { id: 1, extra: true }, 'extra'],
    ['deleteRun', { id: -3 }, 'id'],
    ['renameRun', { id: 1, name: '' }, 'name'],
    ['renameRun', { id: 1, name: '   ' }, 'name'],
    ['renameRun', { id: 1, name: 'a\nb' }, 'name'],
    ['renameRun', { id: 1, name: long(201) }, 'name'],
    ['renameRun', { id: 1 }, 'name'],
    ['tagRun', { id: 1, tag: long(65) }, 'tag'],
    ['tagRun', { id: 1, tag: 7 }, 'tag'],
    ['setRunNotes', { id: 1, notes: long(100_001) }, 'notes'],
    ['listRuns', { limit: 0 }, 'limit'],
    ['listRuns', { limit: 1e9 }, 'limit'],
    ['listRuns', { status: ['done'] }, 'status.0'],
    ['listRuns', { ids: new Array(10_001).fill(1) }, 'ids'],
    ['listRuns', { text: long(201) }, 'text'],
    ['getMetrics', { runId: 1, keys: [] }, 'keys'],
    ['getMetrics', { runId: 1, keys: new Array(65).fill('train/loss') }, 'keys'],
    ['getMetrics', { runId: 1, keys: ['train loss'] }, 'keys.0'],
    ['getMetrics', { runId: 1, keys: ['train/loss'], maxPoints: 1 }, 'maxPoints'],
    ['getMetrics', { runId: 1, keys: ['train/loss'], maxPoints: 10_000_000 }, 'maxPoints'],
    ['getMetrics', { keys: ['train/loss'] }, 'runId'],
    ['getRunsMetrics', { runIds: [], keys: ['train/loss'] }, 'runIds'],
    ['getRunsMetrics', { runIds: new Array(101).fill(0).map((_, i) => i + 1), keys: ['train/loss'] }, 'runIds'],
    ['getRunsMetrics', { runIds: [1, 2, 1], keys: ['train/loss'] }, 'runIds'],
    ['getRunsMetrics', { runIds: [1, 'two'], keys: ['train/loss'] }, 'runIds.1'],
    ['getRunsMetrics', { runIds: [1], keys: [] }, 'keys'],
    ['getRunsMetrics', { runIds: [1], keys: ['train loss'] }, 'keys.0'],
    ['getRunsMetrics', { runIds: [1], keys: ['train/loss'], maxPoints: 1 }, 'maxPoints'],
    ['getRunsMetrics', { runIds: new Array(100).fill(0).map((_, i) => i + 1), keys: ['train/loss', 'train/accuracy'], maxPoints: 20_000 }, 'maxPoints'],
    ['getRunsMetrics', { runId: 1, keys: ['train/loss'] }, 'runIds'],
    ['getHistograms', { runId: 1, epoch: -1 }, 'epoch'],
    ['getWeightImages', { runId: 1, maxImages: 1e6 }, 'maxImages'],
    ['getWeightImages', { runId: 1, normalize: 'both' }, 'normalize'],
    ['getConfusion', { runId: 1, split: 'train' }, 'split'],
    ['getMisclassified', { runId: 1, trueClass: 1, predictedClass: 2, limit: 10_000 }, 'limit'],
    ['predict', { runId: 1, pixels: new Array(783).fill(0) }, 'pixels'],
    ['predict', { runId: 1, pixels: [...new Array(783).fill(0), 2] }, 'pixels.783'],
    ['predict', { runId: 1, pixels: new Array(1e6).fill(0) }, 'pixels'],
    ['predict', { runId: 1, width: 0, pixels: [] }, 'width'],
    ['exportRun', { runId: 1, format: 'pdf' }, 'format'],
    ['exportTable', { runIds: [1], gridId: 2, format: 'csv' }, 'runIds'],
    ['exportTable', { format: 'csv' }, 'runIds'],
    ['exportFigure', { runIds: new Array(51).fill(1), figure: 'loss', format: 'svg' }, 'runIds'],
    ['exportFigure', { runIds: [1], figure: 'loss', format: 'svg', width: 100_000 }, 'width'],
    ['checkDataset', { name: 'cifar-10' }, 'name'],
    ['checkDataset', { name: 'folder', path: '' }, 'path'],
    ['startReproduction', {}, 'scale'],
    ['cancelReproduction', { id: 'reports/2026' }, 'id'],
    ['getReportFile', { id: '2026-11-26T20-20-27', file: 'figures/../../x.svg' }, 'file'],
    ['getReportFile', { id: '2026-11-26T20-20-27T', file: 'report.md' }, 'id'],
  ])('%s(%j) names %s', async (call, input, field) => {
    const error = await refused(call, input);
    expect(error.name).toBe('ValidationError');
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses a missing argument and an unknown call', async () => {
    expect((await refused('getRun', undefined)).name).toBe('ValidationError');
    const unknown = await refused('dropDatabase', {});
    expect(unknown.name).toBe('NotFoundError');
    expect((await refused('__proto__', {})).name).toBe('NotFoundError');
  });
});

describe('startRun config validation', () => {
  it.each([
    [{ lr: -1 }, 'lr'],
    [{ lr: 'fast' }, 'lr'],
    [{ lr: 11 }, 'lr'],
    [{ batchSize: 1e9 }, 'batchSize'],
    [{ epochs: 0 }, 'epochs'],
    [{ seed: 1.5 }, 'seed'],
    [{ l2: -0.1 }, 'l2'],
    [{ dataset: { name: 'cifar-10' } }, 'dataset.name'],
    [{ dataset: undefined }, 'dataset'],
    [{ optimizer: { type: 'adam', beta1: 1 } }, 'optimizer.beta1'],
    [{ model: { input: [1, 28, 28], layers: [] } }, 'model.layers'],
    [{ model: { input: [1, 28, 28], layers: [{ type: 'linear', units: 1e9 }] } }, 'model.layers.0.units'],
    [{ name: long(10_000) }, 'name'],
    [{ learningRate: 0.1 }, 'learningRate'],
  ])('%j names %s', async (overrides, field) => {
    const error = await refused('startRun', { ...tinyConfig(), ...overrides });
    expect(error).toMatchObject({ name: 'ValidationError', field });
  });

  it('passes a valid config to the service with defaults filled', async () => {
    const { fake, dispatch } = setup();
    const result = await dispatch('startRun', tinyConfig());
    expect(result.ok).toBe(true);
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.input).toMatchObject({ lr: 0.1, l2: 0, schedule: { type: 'constant' }, validationSplit: 0 });
  });

  it('fills list defaults and trims names', async () => {
    const { fake, dispatch } = setup();
    await dispatch('listRuns', undefined);
    expect(fake.received[0]!.input).toEqual({ limit: 1000, offset: 0 });
    await dispatch('startRun', tinyConfig());
    expect(await dispatch('renameRun', { id: 1, name: '  best run ' })).toMatchObject({ ok: true, value: { name: 'best run' } });
  });

  it('validates fork overrides as config fields without filling defaults', async () => {
    expect((await refused('forkRun', { id: 1, overrides: { lr: 100 } })).field).toBe('overrides.lr');
    expect((await refused('forkRun', { id: 1, overrides: { lrr: 1 } })).field).toBe('overrides.lrr');
    const { fake, dispatch } = setup();
    await dispatch('forkRun', { id: 1, overrides: { lr: 0.5, optimizer: { type: 'adam' } } });
    // Defaults here would overwrite the forked run's own l2, schedule and augmentation.
    expect(fake.received[0]!.input).toEqual({ id: 1, overrides: { lr: 0.5, optimizer: { type: 'adam' } } });
  });
});
