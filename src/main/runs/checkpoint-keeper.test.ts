// Checkpoint files and rows: atomic writes, the last-and-best retention, checks against the row, and a run cut back
// to a checkpoint (resume) or its history copied (fork) in real SQLite.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db';
import { freshStore, sampleConfig, tempFolder, type TempFolder } from '../db/testing/fixtures';
import { readCheckpointFile } from './checkpoint-files';
import { recordCheckpoint, staleCheckpoints } from './checkpoint-keeper';

const folder = tempFolder('nnwb-ckpt-');
afterAll(() => folder.remove());
let store: Store;
/** The data folder of one test (run ids start at 1 in each fresh store). */
let data: TempFolder;
beforeEach(() => {
  store = freshStore(folder);
  data = tempFolder('nnwb-ckpt-data-');
});
afterEach(() => {
  store.close();
  data.remove();
});

const message = (runId: number, epochsDone: number, score: number) => ({
  type: 'checkpoint' as const,
  runId: String(runId),
  epochsDone,
  step: epochsDone * 10,
  score,
  elapsedSeconds: epochsDone,
  data: new Uint8Array(64).fill(epochsDone),
});

describe('recordCheckpoint', () => {
  it('keeps the last and the best (lowest score), deleting the others’ files', () => {
    const run = store.runs.create({ config: sampleConfig() });
    const scores = [0.9, 0.5, 0.7, 0.8];
    scores.forEach((s, i) => recordCheckpoint(store, data.dir, run, message(run.id, i + 1, s)));
    expect(store.checkpoints.list(run.id).map((c) => c.epochsDone)).toEqual([2, 4]);
    const files = readdirSync(path.join(data.dir, 'checkpoints', `run-${run.id}`));
    // No temporary file is left behind.
    expect(files.sort()).toEqual(['epoch-2.ckpt', 'epoch-4.ckpt']);
    expect(new Uint8Array(readCheckpointFile(data.dir, store.checkpoints.get(run.id, 2)!))).toEqual(new Uint8Array(64).fill(2));
  });

  it('keeps every one for a run that asks', () => {
    const run = store.runs.create({ config: sampleConfig({ keepCheckpoints: 'all' }) });
    [0.9, 0.5, 0.7].forEach((s, i) => recordCheckpoint(store, data.dir, run, message(run.id, i + 1, s)));
    expect(store.checkpoints.list(run.id).map((c) => c.epochsDone)).toEqual([1, 2, 3]);
  });

  it('treats a NaN score as never best', () => {
    const rows = [1, 2, 3].map((e) => ({
      runId: 1,
      epochsDone: e,
      step: e,
      score: e === 1 ? null : 1,
      elapsedSeconds: 0,
      file: '',
      bytes: 0,
      sha256: '',
      createdAt: 0,
    }));
    expect(staleCheckpoints(rows).map((r) => r.epochsDone)).toEqual([1]);
  });

  it('refuses a file that does not match its row, naming it', () => {
    const run = store.runs.create({ config: sampleConfig() });
    recordCheckpoint(store, data.dir, run, message(run.id, 1, 0.5));
    const row = store.checkpoints.get(run.id, 1)!;
    writeFileSync(path.join(data.dir, row.file), new Uint8Array(64).fill(9));
    expect(() => readCheckpointFile(data.dir, row)).toThrow(
      `the checkpoint of run ${run.id} after epoch 1 is corrupt: ${path.join(data.dir, row.file)} has 64 bytes`,
    );
    expect(() => readCheckpointFile(data.dir, { ...row, file: 'nowhere.ckpt' })).toThrow(`is missing: ${path.join(data.dir, 'nowhere.ckpt')}`);
  });
});

describe('RunHistoryRepo', () => {
  function recorded(): number {
    const run = store.runs.create({ config: sampleConfig() });
    store.runs.setStatus(run.id, 'running');
    const points = [1, 2, 3, 4].flatMap((step) => [{ key: 'train/loss', step, epoch: step > 2 ? 1 : 0, value: step, wallTime: step }]);
    store.metrics.append(run.id, points);
    store.predictions.put(run.id, { epoch: 1, split: 'test', predicted: new Uint8Array([1]), confidence: new Uint8Array([2]) });
    store.runs.recordEpoch(run.id, { epoch: 1, stepsDone: 4, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5 });
    store.runs.interruptRunning();
    return run.id;
  }

  it('cuts an interrupted run back to a checkpoint and queues it again', () => {
    const id = recorded();
    store.transaction(() => {
      store.history.truncate(id, 1, 2);
      store.history.reopen(id, 5);
    });
    expect(store.metrics.series(id, 'train/loss').steps).toEqual([1, 2]);
    expect(store.predictions.get(id, 'test', 1)).toBeUndefined();
    expect(store.runs.get(id)).toMatchObject({ status: 'queued', epochsDone: 0, error: null, finishedAt: null, config: { epochs: 5 } });
    expect(store.history.facts(id)).toMatchObject({ resumeCount: 1 });
    expect(() => store.history.reopen(id, 5)).toThrow(`run ${id} cannot go from queued to queued`);
  });

  it('copies a run’s first epochs to another', () => {
    const id = recorded();
    const child = store.runs.create({ config: sampleConfig(), parentRunId: id });
    store.history.copy(id, child.id, 1, 2);
    expect(store.metrics.series(child.id, 'train/loss').steps).toEqual([1, 2]);
    expect(store.predictions.get(child.id, 'test', 1)).toBeUndefined();
    expect(store.history.facts(child.id)).toMatchObject({ forkEpoch: 1 });
    store.runs.delete(id);
    expect(store.metrics.series(child.id, 'train/loss').steps).toEqual([1, 2]);
  });
});
