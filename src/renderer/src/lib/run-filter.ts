// Filtering and sorting the runs table, in the renderer: it already holds every run summary (listRuns, up to 10,000,
// kept live by events), so a query runs over memory with no round trip and follows live runs. Measured on 10,000 runs
// (2-core machine): a four-clause query 7–11 ms, bare words 4–6 ms, a sort 2 ms — SQL would add a round trip per
// keystroke and a re-query per run update for nothing at this scale.
import type { RunStatus, RunSummary } from '../../../shared/api-types';
import { resolveColumn, type RunColumn } from '../../../shared/run-columns';
import { compileQuery, type RunTest } from '../../../shared/run-query-match';
import { QueryError } from '../../../shared/run-query';

/** What was brushed on a parallel-coordinates axis: a range of a number column, or some values of a text column. */
export type BrushRange = { readonly column: string; readonly label: string } & (
  | { readonly min: number; readonly max: number; readonly values?: undefined }
  | { readonly values: readonly string[]; readonly min?: undefined; readonly max?: undefined }
);

function inBrush(b: BrushRange, v: number | string | null): boolean {
  if (b.values) return v !== null && b.values.includes(String(v));
  return typeof v === 'number' && v >= b.min && v <= b.max;
}

export interface RunFilter {
  /** Empty: every status. */
  readonly statuses: readonly RunStatus[];
  /** Runs carrying every one of these tags. */
  readonly tags: readonly string[];
  /** The typed query (shared/run-query): clauses and words. */
  readonly query: string;
  readonly brush: readonly BrushRange[];
}

export const EMPTY_FILTER: RunFilter = { statuses: [], tags: [], query: '', brush: [] };

export interface RunSort {
  /** A column id (shared/run-columns). */
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export interface FilterResult {
  readonly runs: RunSummary[];
  /** Why the query was not applied (the other filters still were). */
  readonly error: QueryError | null;
}

function queryTest(query: string, runs: readonly RunSummary[]): { test: RunTest | null; error: QueryError | null } {
  try {
    return { test: query.trim() ? compileQuery(query, runs) : null, error: null };
  } catch (e) {
    if (e instanceof QueryError) return { test: null, error: e };
    throw e;
  }
}

/** The runs that pass every filter, in their given order; a query that does not compile is left out and reported. */
export function filterRuns(runs: readonly RunSummary[], filter: RunFilter, now: number): FilterResult {
  const { test, error } = queryTest(filter.query, runs);
  const brushed = filter.brush.flatMap((b) => {
    const column = resolveColumn(b.column, runs);
    return typeof column === 'string' ? [] : [{ column, range: b }];
  });
  const kept = runs.filter((run) => {
    if (filter.statuses.length > 0 && !filter.statuses.includes(run.status)) return false;
    if (filter.tags.some((t) => !run.tags.includes(t))) return false;
    for (const b of brushed) if (!inBrush(b.range, b.column.value(run, now))) return false;
    return test === null || test(run, now);
  });
  return { runs: kept, error };
}

/** Live runs first, then the finished by how well they ended; a status not listed sorts after these. */
const STATUS_ORDER: Readonly<Partial<Record<RunStatus, number>>> = { running: 0, queued: 1, completed: 2, interrupted: 3, cancelled: 4, failed: 5 };

/** The value a column sorts by: strings case-insensitively, statuses live first. */
function sortKey(column: RunColumn, run: RunSummary, now: number): number | string | null {
  if (column.id === 'status') return STATUS_ORDER[run.status] ?? 6;
  const v = column.value(run, now);
  return typeof v === 'string' ? v.toLowerCase() : v;
}

/** A new array, sorted by the column (stable; nulls last in both directions; ties newest first). */
export function sortRuns(runs: readonly RunSummary[], sort: RunSort, now: number): RunSummary[] {
  const column = resolveColumn(sort.column, runs);
  if (typeof column === 'string') return [...runs].sort((a, b) => b.id - a.id);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = runs.map((run) => ({ run, key: sortKey(column, run, now) }));
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
  return filter.statuses.length > 0 || filter.tags.length > 0 || filter.query.trim() !== '' || filter.brush.length > 0;
}
