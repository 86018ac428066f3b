// A run's recorded history cut back to a checkpoint (resume, extend) or copied up to one (a fork from an
// epoch), and the run queued again. The run manager decides when; this is only the SQL.
import { IllegalTransitionError } from './errors';
import type { Db } from './open-database';
import type { RunStatus } from './run-status';

/** The statuses `reopen` accepts: stopped runs resume, finished ones extend. */
export const REOPENABLE: readonly RunStatus[] = ['interrupted', 'failed', 'cancelled', 'completed'];

export class RunHistoryRepo {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      metricsAfter: p('DELETE FROM metrics WHERE run_id = ? AND step > ?'),
      histogramsFrom: p('DELETE FROM histograms WHERE run_id = ? AND epoch >= ?'),
      snapshotsFrom: p('DELETE FROM weight_snapshots WHERE run_id = ? AND epoch >= ?'),
      confusionFrom: p('DELETE FROM confusion WHERE run_id = ? AND epoch >= ?'),
      predictionsFrom: p('DELETE FROM predictions WHERE run_id = ? AND epoch >= ?'),
      weights: p('DELETE FROM weights WHERE run_id = ?'),
      resetRow: p(`UPDATE runs SET epochs_done = 0, steps_done = 0, train_loss = NULL, train_accuracy = NULL, validation_loss = NULL,
                     validation_accuracy = NULL, test_loss = NULL, test_accuracy = NULL, best_test_accuracy = NULL, best_epoch = NULL
                   WHERE id = ?`),
      reopen: p(`UPDATE runs SET status = 'queued', finished_at = NULL, error = NULL, stop_reason = NULL,
                   resume_count = resume_count + 1, resumed_at = @now, config = json_set(config, '$.epochs', @epochs)
                 WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`),
      status: p('SELECT status FROM runs WHERE id = ?').pluck(),
      copyMetrics: p(`INSERT INTO metrics (run_id, key, step, epoch, value, wall_time)
                      SELECT @to, key, step, epoch, value, wall_time FROM metrics WHERE run_id = @from AND step <= @step`),
      copyHistograms: p(`INSERT INTO histograms (run_id, epoch, param, kind, min, max, dropped, counts)
                         SELECT @to, epoch, param, kind, min, max, dropped, counts FROM histograms WHERE run_id = @from AND epoch < @epochs`),
      copySnapshots: p(`INSERT INTO weight_snapshots (run_id, epoch, param, shape, encoding, data)
                        SELECT @to, epoch, param, shape, encoding, data FROM weight_snapshots WHERE run_id = @from AND epoch < @epochs`),
      copyConfusion: p(`INSERT INTO confusion (run_id, epoch, split, classes, counts)
                        SELECT @to, epoch, split, classes, counts FROM confusion WHERE run_id = @from AND epoch < @epochs`),
      copyPredictions: p(`INSERT INTO predictions (run_id, epoch, split, predicted, confidence)
                          SELECT @to, epoch, split, predicted, confidence FROM predictions WHERE run_id = @from AND epoch < @epochs`),
      forkEpoch: p('UPDATE runs SET fork_epoch = ? WHERE id = ?'),
      resumeFacts: p('SELECT resume_count AS resumeCount, resumed_at AS resumedAt, fork_epoch AS forkEpoch FROM runs WHERE id = ?'),
    };
  }

  /**
   * Deletes what run `runId` recorded after `epochsDone` epochs and `step` steps (metric points, histograms,
   * snapshots, confusion matrices, predictions, its final weights) and zeroes the row's progress columns,
   * which the caller replays from the epochs kept. The initial-weights snapshot (epoch -1) stays.
   */
  truncate(runId: number, epochsDone: number, step: number): void {
    this.s.metricsAfter.run(runId, step);
    for (const stmt of [this.s.histogramsFrom, this.s.snapshotsFrom, this.s.confusionFrom, this.s.predictionsFrom]) stmt.run(runId, epochsDone);
    this.s.weights.run(runId);
    this.s.resetRow.run(runId);
  }

  /** Queues a stopped or finished run again, now planned for `epochs` epochs. @throws IllegalTransitionError. */
  reopen(runId: number, epochs: number): void {
    const { changes } = this.s.reopen.run({ id: runId, epochs, now: this.now(), from: JSON.stringify(REOPENABLE) });
    if (changes === 0) throw new IllegalTransitionError(runId, this.s.status.get(runId) as RunStatus, 'queued');
  }

  /** Copies run `from`'s history of its first `epochsDone` epochs (`step` steps) to the new run `to`. */
  copy(from: number, to: number, epochsDone: number, step: number): void {
    const args = { from, to, epochs: epochsDone, step };
    this.s.copyMetrics.run({ from, to, step });
    for (const stmt of [this.s.copyHistograms, this.s.copySnapshots, this.s.copyConfusion, this.s.copyPredictions]) stmt.run(args);
    this.s.forkEpoch.run(epochsDone, to);
  }

  /** How often the run was resumed or extended, when last, and the parent epoch a fork continued from. */
  facts(runId: number): { resumeCount: number; resumedAt: number | null; forkEpoch: number | null } | undefined {
    return this.s.resumeFacts.get(runId) as { resumeCount: number; resumedAt: number | null; forkEpoch: number | null } | undefined;
  }
}
