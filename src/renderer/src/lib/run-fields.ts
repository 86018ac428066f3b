// The runs table's columns as accessors: one place decides what "lr" or "best test accuracy" of a run is,
// so sorting, numeric filters and the table cells agree.
import type { RunSummary } from '../../../shared/api-types';
import { describeModel, describeOptimizer } from './describe-config';

export type NumericField = 'lr' | 'l2' | 'batchSize' | 'epochs' | 'bestTest' | 'finalTest' | 'finalTrain' | 'duration';
export type SortField = NumericField | 'id' | 'name' | 'status' | 'dataset' | 'model' | 'optimizer' | 'created';

export const NUMERIC_FIELDS: readonly { readonly field: NumericField; readonly label: string; readonly percent?: boolean }[] = [
  { field: 'bestTest', label: 'Best test acc.', percent: true },
  { field: 'finalTest', label: 'Final test acc.', percent: true },
  { field: 'finalTrain', label: 'Final train acc.', percent: true },
  { field: 'lr', label: 'Learning rate' },
  { field: 'l2', label: 'L2' },
  { field: 'batchSize', label: 'Batch size' },
  { field: 'epochs', label: 'Epochs' },
  { field: 'duration', label: 'Duration (s)' },
];

/** Seconds the run has trained (up to `now` while it runs); null before it starts. */
export function runDuration(run: RunSummary, now: number): number | null {
  if (run.startedAt === null) return null;
  return Math.max(0, ((run.finishedAt ?? now) - run.startedAt) / 1000);
}

export function numericValue(run: RunSummary, field: NumericField, now: number): number | null {
  switch (field) {
    case 'lr':
      return run.config.lr;
    case 'l2':
      return run.config.l2;
    case 'batchSize':
      return run.config.batchSize;
    case 'epochs':
      return run.config.epochs;
    case 'bestTest':
      return run.best?.testAccuracy ?? null;
    case 'finalTest':
      return run.final?.testAccuracy ?? null;
    case 'finalTrain':
      return run.final?.trainAccuracy ?? null;
    case 'duration':
      return runDuration(run, now);
  }
}

const STATUS_ORDER = { running: 0, queued: 1, completed: 2, diverged: 3, interrupted: 4, cancelled: 5, failed: 6 } as const;

/** The value a column sorts by (strings compare case-insensitively, nulls go last either way). */
export function sortValue(run: RunSummary, field: SortField, now: number): number | string | null {
  switch (field) {
    case 'id':
      return run.id;
    case 'name':
      return run.name.toLowerCase();
    case 'status':
      return STATUS_ORDER[run.status];
    case 'dataset':
      return run.datasetTitle.toLowerCase();
    case 'model':
      return describeModel(run.config.model).toLowerCase();
    case 'optimizer':
      return describeOptimizer(run.config.optimizer).toLowerCase();
    case 'created':
      return run.createdAt;
    default:
      return numericValue(run, field, now);
  }
}
