// Tests for the runs repository on a real file: creation, lifecycle, progress, filters, tags and cascading deletes.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/validation';
import { IllegalTransitionError, NotFoundError } from './errors';
import { REOPENABLE } from './run-history.repo';
import { RUN_STATUSES, TRANSITIONS, type RunStatus } from './run-status';
import type { Store } from './store';
import { freshStore, sampleConfig, tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-runs-');
afterAll(() => temp.remove());
let store: Store;
beforeEach(() => (store = freshStore(temp)));
afterEach(() => store.close());

/** A run brought to `status` along legal transitions. */
function runAt(status: RunStatus, name?: string): number {
  const id = store.runs.create({ config: sampleConfig(), name }).id;
  if (status === 'queued') return id;
  if (status === 'cancelled') return store.runs.setStatus(id, 'cancelled').id;
  store.runs.setStatus(id, 'running');
  if (status !== 'running') store.runs.setStatus(id, status);
  return id;
}

const count = (table: string, runId: number) => store.db.prepare(`SELECT count(*) FROM ${table} WHERE run_id = ?`).pluck().get(runId) as number;

describe('creating runs', () => {
  it('creates a queued run in its own experiment, named after its id unless named', () => {
    const run = store.runs.create({ config: sampleConfig({ seed: 42 }), tags: ['b', 'a'], notes: 'first try' });
    expect(run).toMatchObject({ name: `run ${run.id}`, status: 'queued', seed: 42, dataset: 'mnist', tags: ['a', 'b'], notes: 'first try' });
    expect(run.config.lr).toBe(0.1);
    expect(run).toMatchObject({ startedAt: null, finishedAt: null, epochsDone: 0, stepsDone: 0, testAccuracy: null, parentRunId: null });
    expect(store.experiments.get(run.experimentId)).toMatchObject({ kind: 'run', name: `run ${run.id}`, runCount: 1 });
    expect(store.runs.create({ config: sampleConfig({ name: 'from config' }) }).name).toBe('from config');
    expect(store.runs.create({ config: sampleConfig({ name: 'from config' }), name: '  given  ' }).name).toBe('given');
  });

  it('adds runs to an existing experiment, with lineage', () => {
    const grid = store.experiments.create({ kind: 'grid', name: 'lr sweep', spec: { parameters: { lr: { values: [0.1, 0.01] } } } });
    const a = store.runs.create({ config: sampleConfig(), experimentId: grid.id });
    const b = store.runs.create({ config: sampleConfig(), experimentId: grid.id, parentRunId: a.id });
    expect(b).toMatchObject({ experimentId: grid.id, parentRunId: a.id });
    expect(store.experiments.get(grid.id)).toMatchObject({ runCount: 2, spec: { parameters: { lr: { values: [0.1, 0.01] } } } });
  });

  it('refuses a missing experiment or parent, and a blank name, writing nothing', () => {
    expect(() => store.runs.create({ config: sampleConfig(), experimentId: 99 })).toThrow(NotFoundError);
    expect(() => store.runs.create({ config: sampleConfig(), parentRunId: 99 })).toThrow('run 99 does not exist');
    expect(() => store.runs.create({ config: sampleConfig(), name: '   ' })).toThrow(ValidationError);
    expect(() => store.runs.create({ config: sampleConfig(), tags: ['ok', ''] })).toThrow(/tag: must not be empty/);
    expect(store.runs.count()).toBe(0);
    expect(store.experiments.list()).toEqual([]);
  });
});

describe('run status', () => {
  it('allows exactly the lifecycle transitions, stamping start and finish times', () => {
    for (const from of RUN_STATUSES) {
      for (const to of RUN_STATUSES) {
        const id = runAt(from);
        const before = store.runs.get(id)!;
        if (TRANSITIONS[from].includes(to)) {
          const after = store.runs.setStatus(id, to);
          expect(after.status).toBe(to);
          if (to === 'running') expect(after.startedAt).toBeGreaterThan(before.createdAt);
          if (to !== 'running') expect(after.finishedAt).toBeGreaterThan(before.startedAt ?? before.createdAt);
        } else {
          expect(() => store.runs.setStatus(id, to), `${from} → ${to}`).toThrow(IllegalTransitionError);
          expect(store.runs.get(id)).toEqual(before);
        }
      }
    }
    const done = runAt('completed');
    expect(() => store.runs.setStatus(done, 'running')).toThrow(`run ${done} cannot go from completed to running`);
    expect(() => store.runs.setStatus(1234, 'running')).toThrow(NotFoundError);
  });

  it('is guarded by the database too: the trigger agrees with TRANSITIONS', () => {
    const update = store.db.prepare('UPDATE runs SET status = ? WHERE id = ?');
    for (const from of RUN_STATUSES) {
      for (const to of RUN_STATUSES) {
        if (from === to) continue;
        const id = runAt(from);
        // 0006: resume and extend queue a stopped or finished run again (RunHistoryRepo.reopen, not setStatus).
        const legal = TRANSITIONS[from].includes(to) || (REOPENABLE.includes(from) && to === 'queued');
        if (legal) expect(() => update.run(to, id)).not.toThrow();
        else expect(() => update.run(to, id), `${from} → ${to}`).toThrow(/illegal run status transition/);
      }
    }
  });

  it('keeps the error a failed run gives', () => {
    const id = runAt('running');
    expect(store.runs.setStatus(id, 'failed', { error: 'loss became NaN at step 312' }).error).toBe('loss became NaN at step 312');
    const long = runAt('running');
    const tail = store.runs.setStatus(long, 'failed', { error: `${'x'.repeat(30_000)}the end` }).error!;
    expect(tail.length).toBeLessThan(20_010);
    expect(tail.endsWith('the end')).toBe(true);
  });

  it('marks runs left running as interrupted at start-up, keeping their metrics', () => {
    const a = runAt('running');
    const b = runAt('running');
    const queued = runAt('queued');
    const done = runAt('completed');
    store.metrics.append(a, [
      { key: 'train/loss', step: 1, epoch: 0, value: 2.3 },
      { key: 'train/loss', step: 2, epoch: 0, value: 2.1 },
    ]);
    store.runs.recordEpoch(a, { epoch: 0, stepsDone: 2, trainLoss: 2.1, trainAccuracy: 0.3, testLoss: 2, testAccuracy: 0.35 });
    expect(store.runs.interruptRunning()).toBe(2);
    expect(store.runs.interruptRunning()).toBe(0);
    for (const id of [a, b]) {
      expect(store.runs.get(id)).toMatchObject({ status: 'interrupted', error: 'the workbench stopped while the run was in progress' });
      expect(store.runs.get(id)!.finishedAt).not.toBeNull();
    }
    expect(store.runs.get(queued)!.status).toBe('queued');
    expect(store.runs.get(done)!.status).toBe('completed');
    expect(store.metrics.series(a, 'train/loss').values).toEqual([2.3, 2.1]);
    expect(store.runs.get(a)).toMatchObject({ epochsDone: 1, stepsDone: 2, testAccuracy: 0.35 });
  });
});

describe('progress', () => {
  it('records each epoch as the latest metrics and tracks the best test accuracy', () => {
    const id = runAt('running');
    const epoch = (e: number, testAccuracy: number, trainLoss = 0.5) =>
      store.runs.recordEpoch(id, { epoch: e, stepsDone: (e + 1) * 100, trainLoss, trainAccuracy: 0.8, testLoss: 0.4, testAccuracy });
    epoch(0, 0.9);
    expect(store.runs.get(id)).toMatchObject({ bestTestAccuracy: 0.9, bestEpoch: 0, epochsDone: 1, stepsDone: 100, validationLoss: null });
    epoch(1, 0.95);
    epoch(2, 0.93, NaN);
    epoch(3, 0.95);
    expect(store.runs.get(id)).toMatchObject({
      epochsDone: 4,
      stepsDone: 400,
      testAccuracy: 0.95,
      bestTestAccuracy: 0.95,
      bestEpoch: 1,
    });
    store.runs.recordEpoch(id, {
      epoch: 4,
      stepsDone: 500,
      trainLoss: NaN,
      trainAccuracy: 0.1,
      testLoss: NaN,
      testAccuracy: 0.1,
      validationLoss: 0.7,
      validationAccuracy: 0.6,
    });
    expect(store.runs.get(id)).toMatchObject({ trainLoss: null, testLoss: null, validationAccuracy: 0.6, bestEpoch: 1 });
  });

  it('records the environment and steps without going backwards', () => {
    const id = runAt('running');
    store.runs.recordEnvironment(id, { engineVersion: '0.1.0', kernels: 'wasm-simd' });
    store.runs.recordEnvironment(id, { datasetHash: 'ab12' });
    store.runs.setStepsDone(id, 50);
    store.runs.setStepsDone(id, 40);
    expect(store.runs.get(id)).toMatchObject({ engineVersion: '0.1.0', kernels: 'wasm-simd', datasetHash: 'ab12', stepsDone: 50 });
    expect(() => store.runs.recordEnvironment(999, { kernels: 'x' })).toThrow(NotFoundError);
  });
});

describe('listing and filtering', () => {
  beforeEach(() => {
    const grid = store.experiments.create({ kind: 'grid', name: 'sweep' }).id;
    const mk = (name: string, status: RunStatus, tags: string[], testAccuracy?: number, notes = '') => {
      const id = store.runs.create({ config: sampleConfig(), name, tags, notes, experimentId: name.startsWith('grid') ? grid : undefined }).id;
      if (status !== 'queued') store.runs.setStatus(id, 'running');
      if (status !== 'queued' && status !== 'running') store.runs.setStatus(id, status);
      if (testAccuracy !== undefined) store.runs.recordEpoch(id, { epoch: 0, stepsDone: 1, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy });
      return id;
    };
    mk('baseline MLP', 'completed', ['mlp', 'report'], 0.97, 'the one from the report');
    mk('grid lr=0.1', 'completed', ['mlp', 'grid'], 0.98);
    mk('grid lr=1', 'failed', ['mlp', 'grid'], 0.1);
    mk('cnn 100% aug', 'running', ['cnn']);
    mk('queued one', 'queued', []);
  });

  const names = (runs: { name: string }[]) => runs.map((r) => r.name);

  it('lists newest first by default and counts', () => {
    expect(names(store.runs.list())).toEqual(['queued one', 'cnn 100% aug', 'grid lr=1', 'grid lr=0.1', 'baseline MLP']);
    expect(store.runs.count()).toBe(5);
  });

  it('filters by status, tags (all of them), experiment, ids and parent', () => {
    expect(names(store.runs.list({ status: 'completed' }))).toEqual(['grid lr=0.1', 'baseline MLP']);
    expect(names(store.runs.list({ status: ['failed', 'running'] }))).toEqual(['cnn 100% aug', 'grid lr=1']);
    expect(names(store.runs.list({ tags: ['mlp'] }))).toHaveLength(3);
    expect(names(store.runs.list({ tags: ['mlp', 'grid'], status: 'completed' }))).toEqual(['grid lr=0.1']);
    expect(store.runs.count({ tags: ['nope'] })).toBe(0);
    const grid = store.experiments.list({ kind: 'grid' })[0]!;
    expect(names(store.runs.list({ experimentId: grid.id }))).toEqual(['grid lr=1', 'grid lr=0.1']);
    const [first] = store.runs.list({ orderBy: 'id', descending: false });
    expect(names(store.runs.list({ ids: [first!.id] }))).toEqual(['baseline MLP']);
    const child = store.runs.create({ config: sampleConfig(), name: 'fork', parentRunId: first!.id });
    expect(store.runs.list({ parentRunId: first!.id })).toEqual([child]);
  });

  it('searches names and notes case-insensitively, with % and _ taken literally', () => {
    expect(names(store.runs.list({ search: 'GRID' }))).toEqual(['grid lr=1', 'grid lr=0.1']);
    expect(names(store.runs.list({ search: 'from the REPORT' }))).toEqual(['baseline MLP']);
    expect(names(store.runs.list({ search: '100%' }))).toEqual(['cnn 100% aug']);
    expect(names(store.runs.list({ search: '%' }))).toEqual(['cnn 100% aug']);
    expect(store.runs.count({ search: 'lr_0' })).toBe(0);
  });

  it('orders by a metric with runs lacking it last, and pages', () => {
    expect(names(store.runs.list({ orderBy: 'testAccuracy' }))).toEqual(['grid lr=0.1', 'baseline MLP', 'grid lr=1', 'queued one', 'cnn 100% aug']);
    expect(names(store.runs.list({ orderBy: 'testAccuracy', descending: false })).slice(0, 3)).toEqual(['grid lr=1', 'baseline MLP', 'grid lr=0.1']);
    expect(names(store.runs.list({ orderBy: 'name', descending: false, limit: 2, offset: 1 }))).toEqual(['cnn 100% aug', 'grid lr=0.1']);
    expect(() => store.runs.list({ orderBy: 'config' as never })).toThrow(/cannot order runs by 'config'/);
  });
});

describe('editing and deleting', () => {
  it('renames, writes notes, tags and untags', () => {
    const id = runAt('completed', 'old');
    store.runs.rename(id, 'new name');
    store.runs.setNotes(id, 'lr too high?');
    store.runs.tag(id, 'keep');
    store.runs.tag(id, 'keep');
    store.runs.tag(id, ' best ');
    store.runs.untag(id, 'nothing');
    expect(store.runs.get(id)).toMatchObject({ name: 'new name', notes: 'lr too high?', tags: ['best', 'keep'] });
    store.runs.untag(id, 'keep');
    expect(store.runs.get(id)!.tags).toEqual(['best']);
    expect(store.runs.allTags()).toEqual([{ tag: 'best', runs: 1 }]);
    expect(() => store.runs.tag(id, 'x'.repeat(65))).toThrow(ValidationError);
    expect(() => store.runs.tag(id, 'a\nb')).toThrow(/control characters/);
    expect(() => store.runs.rename(999, 'x')).toThrow(NotFoundError);
    expect(() => store.runs.tag(999, 'x')).toThrow(NotFoundError);
  });

  it('deletes a run with everything it recorded, its lone experiment, and only that', () => {
    const id = runAt('completed');
    const other = runAt('completed');
    const child = store.runs.create({ config: sampleConfig(), parentRunId: id }).id;
    const experimentId = store.runs.get(id)!.experimentId;
    for (const runId of [id, other]) {
      store.runs.tag(runId, 't');
      store.metrics.append(runId, [{ key: 'loss', step: 1, epoch: 0, value: 1 }]);
      store.artifacts.putEpoch(runId, {
        histograms: [{ epoch: 0, param: 'fc.bias', min: -1, max: 1, counts: new Uint32Array([1, 2]) }],
        snapshots: [{ epoch: 0, param: 'fc.bias', shape: [2], values: new Float32Array([1, 2]) }],
        confusion: [{ epoch: 0, split: 'test', classes: 2, counts: new Uint32Array([5, 1, 0, 4]) }],
      });
      store.artifacts.putWeights(runId, new Uint8Array([1, 2, 3]));
    }
    const tables = ['run_tags', 'metrics', 'histograms', 'weight_snapshots', 'confusion', 'weights'];
    for (const t of tables) expect(count(t, id), t).toBe(1);

    expect(store.runs.delete(id)).toBe(true);
    expect(store.runs.delete(id)).toBe(false);
    expect(store.runs.get(id)).toBeUndefined();
    for (const t of tables) expect(count(t, id), t).toBe(0);
    for (const t of tables) expect(count(t, other), t).toBe(1);
    expect(store.experiments.get(experimentId)).toBeUndefined();
    expect(store.runs.get(child)!.parentRunId).toBeNull();
  });

  it('keeps a grid experiment when one of its runs is deleted, and deletes its runs with it', () => {
    const grid = store.experiments.create({ kind: 'grid', name: 'g' }).id;
    const a = store.runs.create({ config: sampleConfig(), experimentId: grid }).id;
    const b = store.runs.create({ config: sampleConfig(), experimentId: grid }).id;
    store.metrics.append(b, [{ key: 'loss', step: 1, epoch: 0, value: 1 }]);
    store.runs.delete(a);
    expect(store.experiments.get(grid)!.runCount).toBe(1);
    expect(store.experiments.delete(grid)).toBe(true);
    expect(store.runs.get(b)).toBeUndefined();
    expect(count('metrics', b)).toBe(0);
  });
});
