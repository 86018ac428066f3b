// Resume, extend and fork-from-epoch: a run's history cut back to (or copied up to) an end-of-epoch checkpoint,
// and the run queued to continue from it. Launching it is the run manager's: it sends the checkpoint along.
import { ConflictError } from '../../shared/api-wire';
import { toLabel } from '../../shared/text-rules';
import { ValidationError } from '../../shared/validation';
import { type CheckpointRow, NotFoundError, type Run, type Store } from '../db';
import { checkpointFile, readCheckpointFile, removeCheckpointFiles, writeCheckpointFile } from './checkpoint-files';
import { bestCheckpoint } from './checkpoint-keeper';
import { forkConfig } from './derived-runs';
import { readEpochRecords } from './run-metrics';

export const RESUMABLE = ['interrupted', 'failed', 'cancelled'] as const;
/** The most epochs a run may be planned for (the config's limit). */
const MAX_EPOCHS = 1000;

/**
 * Queues an interrupted, failed or cancelled run to continue from its last checkpoint (from the start when it
 * has none), deleting whatever it recorded after that checkpoint. @throws ConflictError, CheckpointFileError.
 */
export function reopenForResume(store: Store, dataDir: string | null, id: number): Run {
  const run = requireRun(store, id);
  if (!(RESUMABLE as readonly string[]).includes(run.status)) {
    const hint = run.status === 'completed' ? ' (a completed run can be extended)' : '';
    throw new ConflictError(`run ${id} is ${run.status}: only an interrupted, failed or cancelled run can be resumed${hint}`);
  }
  return reopen(store, dataDir, run, run.config.epochs);
}

/** Queues a completed run to train `epochs` more, continuing from its final checkpoint. */
export function reopenForExtend(store: Store, dataDir: string | null, id: number, epochs: number): Run {
  const run = requireRun(store, id);
  if (run.status !== 'completed') {
    const hint = (RESUMABLE as readonly string[]).includes(run.status) ? ' (resume it instead)' : '';
    throw new ConflictError(`run ${id} is ${run.status}: only a completed run can be extended${hint}`);
  }
  const last = store.checkpoints.latest(id);
  if (!last || last.epochsDone !== run.epochsDone) {
    throw new ConflictError(
      `run ${id} has no checkpoint of its last epoch (${run.epochsDone}): it was trained before checkpoints were kept, or its files were removed`,
    );
  }
  const total = last.epochsDone + epochs;
  if (total > MAX_EPOCHS) throw new ValidationError('epochs', `${last.epochsDone} + ${epochs} epochs is over the limit of ${MAX_EPOCHS}`);
  return reopen(store, dataDir, run, total);
}

/**
 * A new queued run with run `id`'s config and `overrides`, whose first `fromEpoch` epochs are the parent's:
 * their metrics and artifacts are copied, and it continues from a copy of the parent's checkpoint of that epoch.
 * @throws ValidationError naming `fromEpoch` (no checkpoint there) or `overrides.model` (a fork keeps the model).
 */
export function forkFromEpoch(store: Store, dataDir: string | null, id: number, fromEpoch: number, overrides: unknown): Run {
  const parent = requireRun(store, id);
  const { config } = forkConfig(parent, overrides);
  if (JSON.stringify(config.model) !== JSON.stringify(parent.config.model)) {
    throw new ValidationError('overrides.model', "a fork from an epoch continues the parent's weights, so it cannot change the model");
  }
  if (fromEpoch >= config.epochs) throw new ValidationError('fromEpoch', `must be below the fork's epochs (${config.epochs}), got ${fromEpoch}`);
  const row = store.checkpoints.get(id, fromEpoch);
  if (!row) throw new ValidationError('fromEpoch', missingCheckpoint(store, parent, fromEpoch));
  if (dataDir === null) throw new ConflictError('checkpoints need a data folder (this workbench has an in-memory database)');
  const data = readCheckpointFile(dataDir, row);
  const changed = Object.keys(overrides as object).join(' ');
  const name = toLabel(`${parent.name} (fork from epoch ${fromEpoch}${changed ? `: ${changed}` : ''})`);
  const child = store.runs.create({ config, name, parentRunId: id });
  const file = checkpointFile(child.id, fromEpoch);
  writeCheckpointFile(dataDir, file, data);
  store.transaction(() => {
    store.history.copy(id, child.id, fromEpoch, row.step);
    store.checkpoints.put({ ...row, runId: child.id, file, createdAt: Date.now() });
    replayProgress(store, child.id, row.step);
  });
  return store.runs.get(child.id)!;
}

/** The message for a fork from an epoch without a checkpoint: what is kept, and how to keep them all. */
export function missingCheckpoint(store: Store, run: Run, epoch: number): string {
  const rows = store.checkpoints.list(run.id);
  if (rows.length === 0) return `epoch ${epoch} has no checkpoint: run ${run.id} has none (it was trained before checkpoints were kept)`;
  const last = rows.at(-1)!.epochsDone;
  const best = bestCheckpoint(rows)?.epochsDone;
  const kept =
    run.config.keepCheckpoints === 'all' ? `the run kept ${rows.map((r) => r.epochsDone).join(', ')}` : `only the last (${last}) and best (${best}) are kept`;
  return `epoch ${epoch} has no checkpoint: ${kept}; start runs with keepCheckpoints: "all" (--keep-checkpoints all) to keep all`;
}

/** The checkpoint a queued run continues from (its latest), read and checked; null for a run starting afresh. */
export function resumePoint(store: Store, dataDir: string | null, run: Run): { row: CheckpointRow; data: Uint8Array; source: string } | null {
  const row = store.checkpoints.latest(run.id);
  if (!row || dataDir === null) return null;
  return { row, data: readCheckpointFile(dataDir, row), source: row.file };
}

function reopen(store: Store, dataDir: string | null, run: Run, epochs: number): Run {
  const last = store.checkpoints.latest(run.id);
  // Checked before anything changes: a corrupt checkpoint leaves the run as it was.
  if (last && dataDir !== null) readCheckpointFile(dataDir, last);
  const stale = store.transaction(() => {
    const later = cutBack(store, run.id, last ?? null);
    store.history.reopen(run.id, epochs);
    // A run that trained on workers continues here, from the checkpoint this app holds (its job there has ended).
    store.remote.setPlacement(run.id, 'local');
    return later;
  });
  if (dataDir !== null)
    removeCheckpointFiles(
      dataDir,
      stale.map((c) => c.file),
    );
  return store.runs.get(run.id)!;
}

/**
 * Inside the caller's transaction: deletes what run `runId` recorded after `point` (after nothing: everything but
 * its initial snapshot) and the checkpoint rows past it, and replays the row's progress from the epochs kept.
 * Returns the removed checkpoint rows, whose files the caller deletes after the commit.
 */
export function cutBack(store: Store, runId: number, point: { epochsDone: number; step: number } | null): CheckpointRow[] {
  const later = store.checkpoints.after(runId, point?.epochsDone ?? 0);
  for (const c of later) store.checkpoints.remove(runId, c.epochsDone);
  store.history.truncate(runId, point?.epochsDone ?? 0, point?.step ?? 0);
  replayProgress(store, runId, point?.step ?? 0);
  return later;
}

/** The run row's progress columns from the epochs it still records (after `truncate` zeroed them). */
function replayProgress(store: Store, runId: number, step: number): void {
  for (const e of readEpochRecords(store.metrics, runId)) {
    store.runs.recordEpoch(runId, {
      epoch: e.epoch,
      stepsDone: e.step,
      trainLoss: e.trainLoss,
      trainAccuracy: e.trainAccuracy,
      testLoss: e.testLoss,
      testAccuracy: e.testAccuracy,
      validationLoss: e.valLoss ?? undefined,
      validationAccuracy: e.valAccuracy ?? undefined,
    });
  }
  store.runs.setStepsDone(runId, step);
}

function requireRun(store: Store, id: number): Run {
  const run = store.runs.get(id);
  if (!run) throw new NotFoundError('run', id);
  return run;
}
