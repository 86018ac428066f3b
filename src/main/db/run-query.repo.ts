// How runs are read: the SELECT producing a Run, and the filters and orders of a run list.
import type { RunStatus } from './run-status';

export const RUN_SELECT = /* sql */ `
  SELECT r.id, r.experiment_id AS experimentId, r.parent_run_id AS parentRunId, r.name, r.status, r.config,
         r.seed, r.dataset, r.dataset_hash AS datasetHash, r.engine_version AS engineVersion, r.kernels,
         r.created_at AS createdAt, r.started_at AS startedAt, r.finished_at AS finishedAt, r.error,
         (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags t WHERE t.run_id = r.id ORDER BY tag)) AS tags,
         r.notes, r.epochs_done AS epochsDone, r.steps_done AS stepsDone,
         r.train_loss AS trainLoss, r.train_accuracy AS trainAccuracy,
         r.validation_loss AS validationLoss, r.validation_accuracy AS validationAccuracy,
         r.test_loss AS testLoss, r.test_accuracy AS testAccuracy,
         r.best_test_accuracy AS bestTestAccuracy, r.best_epoch AS bestEpoch,
         r.parameter_count AS parameterCount, r.steps_total AS stepsTotal, r.stop_reason AS stopReason,
         r.placement, r.worker
  FROM runs r`;

export interface RunFilter {
  /** Any of these statuses. */
  readonly status?: RunStatus | readonly RunStatus[];
  /** Every one of these tags (exact match). */
  readonly tags?: readonly string[];
  /** A substring of the name or the notes, case-insensitive for ASCII; `%` and `_` are literal. */
  readonly search?: string;
  readonly experimentId?: number;
  readonly parentRunId?: number;
  readonly ids?: readonly number[];
}

/** Columns a run list may be sorted by. Runs without a value (NULL) come last either way. */
export const RUN_ORDER_COLUMNS = {
  id: 'r.id',
  createdAt: 'r.created_at',
  startedAt: 'r.started_at',
  finishedAt: 'r.finished_at',
  name: 'r.name COLLATE NOCASE',
  status: 'r.status',
  epochsDone: 'r.epochs_done',
  trainLoss: 'r.train_loss',
  testLoss: 'r.test_loss',
  testAccuracy: 'r.test_accuracy',
  validationAccuracy: 'r.validation_accuracy',
  bestTestAccuracy: 'r.best_test_accuracy',
} as const;
export type RunOrder = keyof typeof RUN_ORDER_COLUMNS;

export interface RunListOptions extends RunFilter {
  /** Default `createdAt`, newest first. */
  readonly orderBy?: RunOrder;
  readonly descending?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

// One static WHERE for every filter (JSON arrays expand through json_each), so each order needs one statement.
export const RUN_WHERE = /* sql */ `
  WHERE (@statuses IS NULL OR r.status IN (SELECT value FROM json_each(@statuses)))
    AND (@experimentId IS NULL OR r.experiment_id = @experimentId)
    AND (@parentRunId IS NULL OR r.parent_run_id = @parentRunId)
    AND (@ids IS NULL OR r.id IN (SELECT value FROM json_each(@ids)))
    AND (@search IS NULL OR r.name LIKE @search ESCAPE '\\' OR r.notes LIKE @search ESCAPE '\\')
    AND (@tags IS NULL OR NOT EXISTS (
          SELECT 1 FROM json_each(@tags) j
          WHERE NOT EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = j.value)))`;

export function filterParams(f: RunFilter): Record<string, string | number | null> {
  const statuses = f.status === undefined ? null : typeof f.status === 'string' ? [f.status] : f.status;
  return {
    statuses: statuses && JSON.stringify(statuses),
    experimentId: f.experimentId ?? null,
    parentRunId: f.parentRunId ?? null,
    ids: f.ids ? JSON.stringify(f.ids) : null,
    search: f.search ? `%${f.search.replace(/[\\%_]/g, '\\$&')}%` : null,
    tags: f.tags && f.tags.length > 0 ? JSON.stringify(f.tags) : null,
  };
}

export function orderClause(orderBy: RunOrder = 'createdAt', descending = true): string {
  const column = RUN_ORDER_COLUMNS[orderBy];
  if (!column) throw new RangeError(`cannot order runs by '${String(orderBy)}'`);
  const dir = descending ? 'DESC' : 'ASC';
  return `ORDER BY ${column.split(' ')[0]} IS NULL, ${column} ${dir}, r.id ${dir}`;
}
