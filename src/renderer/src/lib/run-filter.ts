// Filtering and sorting the runs table, client side: instant, and live updates keep their place.
import type { RunStatus, RunSummary } from '../../../shared/api-types';
import { describeModel } from '../../../shared/describe-model';
import { describeOptimizer } from '../../../shared/describe-config';
import { numericValue, sortValue, type NumericField, type SortField } from './run-fields';

export interface NumericRange {
  readonly field: NumericField;
  readonly min: number | null;
  readonly max: number | null;
}

export interface RunFilter {
  /** Empty: every status. */
  readonly statuses: readonly RunStatus[];
  /** Runs carrying every one of these tags. */
  readonly tags: readonly string[];
  /** Words that must all appear in the name, notes, model, optimizer, dataset, tags or "#id". */
  readonly text: string;
  readonly ranges: readonly NumericRange[];
  readonly gridId?: number | null;
}

export const EMPTY_FILTER: RunFilter = { statuses: [], tags: [], text: '', ranges: [] };

export interface RunSort {
  readonly field: SortField;
  readonly direction: 'asc' | 'desc';
}

function haystack(run: RunSummary): string {
  return [
    `#${run.id}`,
    run.name,
    run.notes,
    run.datasetTitle,
    describeModel(run.config.model),
    describeOptimizer(run.config.optimizer),
    run.status,
    ...run.tags,
  ]
    .join(' ')
    .toLowerCase();
}

export function matchesFilter(run: RunSummary, filter: RunFilter, now: number): boolean {
  if (filter.statuses.length > 0 && !filter.statuses.includes(run.status)) return false;
  if (filter.tags.some((t) => !run.tags.includes(t))) return false;
  if (filter.gridId != null && run.gridId !== filter.gridId) return false;
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const text = haystack(run);
    if (!words.every((w) => text.includes(w))) return false;
  }
  for (const range of filter.ranges) {
    if (range.min === null && range.max === null) continue;
    const v = numericValue(run, range.field, now);
    if (v === null) return false;
    if (range.min !== null && v < range.min) return false;
    if (range.max !== null && v > range.max) return false;
  }
  return true;
}

/** A new array: filtered, then sorted (stable; nulls last in both directions; ties newest first). */
export function filterAndSort(runs: readonly RunSummary[], filter: RunFilter, sort: RunSort, now: number): RunSummary[] {
  const kept = runs.filter((r) => matchesFilter(r, filter, now));
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = kept.map((run) => ({ run, key: sortValue(run, sort.field, now) }));
  keyed.sort((a, b) => {
    if (a.key === null && b.key === null) return b.run.id - a.run.id;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    if (a.key < b.key) return -sign;
    if (a.key > b.key) return sign;
    return b.run.id - a.run.id;
  });
  return keyed.map((k) => k.run);
}

/** True when the filter narrows anything (for "clear filters" and the empty state's wording). */
export function isFiltering(filter: RunFilter): boolean {
  return filter.statuses.length > 0 || filter.tags.length > 0 || filter.text.trim() !== '' || filter.ranges.some((r) => r.min !== null || r.max !== null);
}
