// A takeover's cut on a real run (trained 4 epochs by a real training process, every checkpoint kept): back to
// the checkpoint the new attempt names, refused past what the app holds, or back to nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteCheckpoint } from '../../shared/remote-protocol';
import type { CheckpointRow } from '../db';
import { managerFixture, type ManagerFixture, tinyConfig } from '../runs/testing/manager-fixtures';
import { replaceAttempt } from './replace-attempt';

let fx: ManagerFixture;
let id: number;
let rows: CheckpointRow[];
const meta = ({ epochsDone, step, score, elapsedSeconds, bytes, sha256 }: CheckpointRow): RemoteCheckpoint => ({
  epochsDone,
  step,
  score,
  elapsedSeconds,
  bytes,
  sha256,
});
const lastStep = (runId: number) => Math.max(...fx.store.metrics.keys(runId).map((k) => k.lastStep));

beforeAll(async () => {
  fx = managerFixture();
  id = fx.manager.startRun(tinyConfig({ epochs: 4, keepCheckpoints: 'all' })).id;
  await fx.manager.waitFor(id);
  rows = fx.store.checkpoints.list(id);
}, 120_000);

afterAll(() => fx?.dispose());

describe('replaceAttempt', () => {
  it('keeps the epochs up to the named checkpoint and cuts the rest, handing back the files to delete', () => {
    expect(rows.map((r) => r.epochsDone)).toEqual([1, 2, 3, 4]);
    const two = rows[1]!;
    const { outcome, staleFiles } = fx.store.transaction(() => replaceAttempt(fx.store, id, meta(two)));
    expect(outcome).toEqual({ resumedFrom: two });
    expect(staleFiles).toEqual([rows[2]!.file, rows[3]!.file]);
    expect(fx.store.checkpoints.list(id).map((r) => r.epochsDone)).toEqual([1, 2]);
    expect(fx.store.runs.get(id)).toMatchObject({ epochsDone: 2, stepsDone: two.step });
    expect(lastStep(id)).toBe(two.step);
    expect(fx.store.artifacts.weights(id)).toBeUndefined();
  });

  it('refuses a checkpoint past the epochs the app still holds, naming both', () => {
    const { outcome } = fx.store.transaction(() => replaceAttempt(fx.store, id, meta(rows[2]!)));
    expect(outcome).toEqual({
      refused: 'the worker resumed from the checkpoint after epoch 3, but this app holds only 2 epochs of the run; resume the run to continue it',
    });
  });

  it('starts over without a checkpoint: nothing of the run is kept but its initial snapshot', () => {
    const { outcome, staleFiles } = fx.store.transaction(() => replaceAttempt(fx.store, id, null));
    expect(outcome).toEqual({ resumedFrom: undefined });
    expect(staleFiles).toEqual([rows[0]!.file, rows[1]!.file]);
    expect(fx.store.checkpoints.list(id)).toEqual([]);
    expect(fx.store.runs.get(id)).toMatchObject({ epochsDone: 0, stepsDone: 0, testAccuracy: null });
    expect(fx.store.metrics.keys(id).every((k) => k.lastStep === 0)).toBe(true);
  });
});
