// Runs: create a queued run, list and filter, move it through its lifecycle, record its progress, tag, delete.
import type { StopReason } from '../../engine/train/metrics';
import { IllegalTransitionError, NotFoundError } from './errors';
import { ExperimentsRepo } from './experiments.repo';
import type { Db, Statement } from './open-database';
import { filterParams, orderClause, RUN_SELECT, RUN_WHERE, type RunFilter, type RunListOptions } from './run-query.repo';
import { isTerminal, predecessors, type RunStatus } from './run-status';
import { runFromRaw, type EpochSummary, type NewRun, type Run, type RunEnvironment } from './run';
import { checkNotes, checkTag, requireText } from './validate';

/** Longer errors (a worker's stderr) keep their end, where the reason usually is. */
const MAX_ERROR_CHARS = 20_000;
const clipError = (e: string) => (e.length > MAX_ERROR_CHARS ? `…${e.slice(-MAX_ERROR_CHARS)}` : e);

function statements(db: Db) {
  const p = (sql: string) => db.prepare(sql);
  return {
    insert: p(`INSERT INTO runs (experiment_id, parent_run_id, name, config, seed, dataset, created_at, notes)
               VALUES (@experimentId, @parentRunId, @name, @config, @seed, @dataset, @createdAt, @notes)`),
    defaultName: p("UPDATE runs SET name = 'run ' || id WHERE id = ?"),
    renameExperiment: p('UPDATE experiments SET name = ? WHERE id = ?'),
    get: p(`${RUN_SELECT} WHERE r.id = ?`),
    status: p('SELECT status FROM runs WHERE id = ?').pluck(),
    count: p(`SELECT count(*) FROM runs r ${RUN_WHERE}`).pluck(),
    setStatus: p(`UPDATE runs SET status = @to,
                    started_at = CASE WHEN @to = 'running' THEN @now ELSE started_at END,
                    finished_at = CASE WHEN @terminal THEN @now ELSE finished_at END,
                    error = COALESCE(@error, error), stop_reason = COALESCE(@stopReason, stop_reason)
                  WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`),
    interrupt: p("UPDATE runs SET status = 'interrupted', finished_at = ?, error = COALESCE(error, ?) WHERE status = 'running' AND placement = 'local'"),
    environment: p(`UPDATE runs SET engine_version = COALESCE(@engineVersion, engine_version),
                      kernels = COALESCE(@kernels, kernels), dataset_hash = COALESCE(@datasetHash, dataset_hash),
                      parameter_count = COALESCE(@parameterCount, parameter_count), steps_total = COALESCE(@stepsTotal, steps_total)
                    WHERE id = @id`),
    // SQLite evaluates every SET expression on the old row, so best_epoch and best_test_accuracy agree.
    epoch: p(`UPDATE runs SET epochs_done = max(epochs_done, @epoch + 1), steps_done = max(steps_done, @stepsDone),
                train_loss = @trainLoss, train_accuracy = @trainAccuracy,
                validation_loss = @validationLoss, validation_accuracy = @validationAccuracy,
                test_loss = @testLoss, test_accuracy = @testAccuracy,
                best_epoch = CASE WHEN @testAccuracy > coalesce(best_test_accuracy, -1) THEN @epoch ELSE best_epoch END,
                best_test_accuracy = CASE WHEN @testAccuracy > coalesce(best_test_accuracy, -1) THEN @testAccuracy ELSE best_test_accuracy END
              WHERE id = @id`),
    steps: p('UPDATE runs SET steps_done = max(steps_done, ?) WHERE id = ?'),
    rename: p('UPDATE runs SET name = ? WHERE id = ?'),
    notes: p('UPDATE runs SET notes = ? WHERE id = ?'),
    tag: p('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)'),
    untag: p('DELETE FROM run_tags WHERE run_id = ? AND tag = ?'),
    allTags: p('SELECT tag, count(*) AS runs FROM run_tags GROUP BY tag ORDER BY tag'),
    delete: p('DELETE FROM runs WHERE id = ? RETURNING experiment_id'),
    dropLoneExperiment: p(`DELETE FROM experiments WHERE id = ? AND kind = 'run'
                             AND NOT EXISTS (SELECT 1 FROM runs WHERE experiment_id = experiments.id)`),
  };
}

export class RunsRepo {
  private readonly s: ReturnType<typeof statements>;
  private readonly listStmts = new Map<string, Statement>();
  private readonly experiments: ExperimentsRepo;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.experiments = new ExperimentsRepo(db, options);
    this.s = statements(db);
  }

  /** A new `queued` run (and its experiment, unless given), created in one transaction. */
  create(input: NewRun): Run {
    return this.db.transaction(() => {
      const name = input.name ?? input.config.name;
      const fixedName = name === undefined ? undefined : requireText('name', name, 200);
      if (input.parentRunId !== undefined) this.require(input.parentRunId);
      let experimentId = input.experimentId;
      if (experimentId === undefined) experimentId = this.experiments.create({ kind: 'run', name: fixedName ?? 'run' }).id;
      else if (!this.experiments.get(experimentId)) throw new NotFoundError('experiment', experimentId);
      const { lastInsertRowid } = this.s.insert.run({
        experimentId,
        parentRunId: input.parentRunId ?? null,
        name: fixedName ?? '',
        config: JSON.stringify(input.config),
        seed: input.config.seed,
        dataset: input.config.dataset.name,
        createdAt: this.now(),
        notes: checkNotes(input.notes ?? ''),
      });
      const id = Number(lastInsertRowid);
      if (fixedName === undefined) {
        this.s.defaultName.run(id);
        if (input.experimentId === undefined) this.s.renameExperiment.run(`run ${id}`, experimentId);
      }
      for (const tag of input.tags ?? []) this.s.tag.run(id, checkTag(tag));
      return this.get(id)!;
    })();
  }

  get(id: number): Run | undefined {
    const raw = this.s.get.get(id);
    return raw === undefined ? undefined : runFromRaw(raw);
  }

  list(options: RunListOptions = {}): Run[] {
    const order = orderClause(options.orderBy, options.descending ?? true);
    let stmt = this.listStmts.get(order);
    if (!stmt) {
      stmt = this.db.prepare(`${RUN_SELECT} ${RUN_WHERE} ${order} LIMIT @limit OFFSET @offset`);
      this.listStmts.set(order, stmt);
    }
    const page = { limit: options.limit ?? -1, offset: options.offset ?? 0 };
    return stmt.all({ ...filterParams(options), ...page }).map(runFromRaw);
  }

  count(filter: RunFilter = {}): number {
    return this.s.count.get(filterParams(filter)) as number;
  }

  /**
   * Moves a run along its lifecycle (run-status.ts), stamping started_at / finished_at.
   * Throws IllegalTransitionError for any other move, NotFoundError for a missing run.
   */
  setStatus(id: number, to: RunStatus, details: { error?: string; stopReason?: StopReason } = {}): Run {
    const { changes } = this.s.setStatus.run({
      id,
      to,
      from: JSON.stringify(predecessors(to)),
      terminal: isTerminal(to) ? 1 : 0,
      now: this.now(),
      error: details.error === undefined ? null : clipError(details.error),
      stopReason: details.stopReason ?? null,
    });
    if (changes === 0) throw new IllegalTransitionError(id, this.require(id), to);
    return this.get(id)!;
  }

  /**
   * At start-up: every local run left `running` by a stopped app becomes `interrupted`, keeping what it recorded.
   * Runs on remote workers go on training while the app is closed; their recorder catches up instead.
   */
  interruptRunning(reason = 'the workbench stopped while the run was in progress'): number {
    return this.s.interrupt.run(this.now(), reason).changes;
  }

  recordEnvironment(id: number, env: RunEnvironment): void {
    const { engineVersion = null, kernels = null, datasetHash = null, parameterCount = null, stepsTotal = null } = env;
    this.mustChange(this.s.environment.run({ id, engineVersion, kernels, datasetHash, parameterCount, stepsTotal }).changes, id);
  }

  /** The epoch's metrics become the run's latest; its test accuracy becomes the best if higher (ties keep the earlier). */
  recordEpoch(id: number, e: EpochSummary): void {
    const { epoch, stepsDone, trainLoss, trainAccuracy, testLoss, testAccuracy, validationLoss = null, validationAccuracy = null } = e;
    const params = { id, epoch, stepsDone, trainLoss, trainAccuracy, testLoss, testAccuracy, validationLoss, validationAccuracy };
    this.mustChange(this.s.epoch.run(params).changes, id);
  }

  setStepsDone(id: number, steps: number): void {
    this.mustChange(this.s.steps.run(steps, id).changes, id);
  }

  rename(id: number, name: string): void {
    this.mustChange(this.s.rename.run(requireText('name', name, 200), id).changes, id);
  }

  setNotes(id: number, notes: string): void {
    this.mustChange(this.s.notes.run(checkNotes(notes), id).changes, id);
  }

  tag(id: number, tag: string): void {
    const t = checkTag(tag);
    this.require(id);
    this.s.tag.run(id, t);
  }

  untag(id: number, tag: string): void {
    this.require(id);
    this.s.untag.run(id, tag);
  }

  /** Every tag in use, with how many runs carry it. */
  allTags(): { tag: string; runs: number }[] {
    return this.s.allTags.all() as { tag: string; runs: number }[];
  }

  /**
   * Deletes the run and everything it recorded (metrics, artifacts, tags), and its experiment when that
   * was a single-run experiment left empty. Runs forked from it keep existing, without a parent.
   */
  delete(id: number): boolean {
    return this.db.transaction(() => {
      const row = this.s.delete.get(id) as { experiment_id: number } | undefined;
      if (row) this.s.dropLoneExperiment.run(row.experiment_id);
      return row !== undefined;
    })();
  }

  /** The run's status, or NotFoundError. */
  private require(id: number): RunStatus {
    const status = this.s.status.get(id) as RunStatus | undefined;
    if (status === undefined) throw new NotFoundError('run', id);
    return status;
  }

  private mustChange(changes: number, id: number): void {
    if (changes === 0) throw new NotFoundError('run', id);
  }
}
