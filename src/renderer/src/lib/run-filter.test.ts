import { describe, expect, it } from 'vitest';
import { makeRun, scores } from '../testing/make-run';
import { EMPTY_FILTER, filterAndSort, isFiltering, matchesFilter } from './run-filter';

const now = 1_700_000_100_000;

describe('matchesFilter', () => {
  const run = makeRun(7, { name: 'Adam baseline', tags: ['report', 'adam'], notes: 'table 3', best: scores(0.97), configOverrides: { lr: 0.001 } });

  it('matches every word anywhere, including "#id" and tags', () => {
    expect(matchesFilter(run, { ...EMPTY_FILTER, text: 'adam TABLE' }, now)).toBe(true);
    expect(matchesFilter(run, { ...EMPTY_FILTER, text: '#7' }, now)).toBe(true);
    expect(matchesFilter(run, { ...EMPTY_FILTER, text: 'adam sgd-only' }, now)).toBe(false);
  });

  it('filters by status and by all tags', () => {
    expect(matchesFilter(run, { ...EMPTY_FILTER, statuses: ['running'] }, now)).toBe(false);
    expect(matchesFilter(run, { ...EMPTY_FILTER, tags: ['report', 'adam'] }, now)).toBe(true);
    expect(matchesFilter(run, { ...EMPTY_FILTER, tags: ['report', 'cnn'] }, now)).toBe(false);
  });

  it('applies numeric ranges and drops runs without the value', () => {
    expect(matchesFilter(run, { ...EMPTY_FILTER, ranges: [{ field: 'lr', min: 1e-4, max: 1e-2 }] }, now)).toBe(true);
    expect(matchesFilter(run, { ...EMPTY_FILTER, ranges: [{ field: 'bestTest', min: 0.98, max: null }] }, now)).toBe(false);
    const unscored = makeRun(8);
    expect(matchesFilter(unscored, { ...EMPTY_FILTER, ranges: [{ field: 'bestTest', min: 0.5, max: null }] }, now)).toBe(false);
  });
});

describe('filterAndSort', () => {
  const runs = [makeRun(1, { best: scores(0.9) }), makeRun(2), makeRun(3, { best: scores(0.95) })];

  it('sorts descending with nulls last', () => {
    expect(filterAndSort(runs, EMPTY_FILTER, { field: 'bestTest', direction: 'desc' }, now).map((r) => r.id)).toEqual([3, 1, 2]);
  });

  it('sorts ascending with nulls still last', () => {
    expect(filterAndSort(runs, EMPTY_FILTER, { field: 'bestTest', direction: 'asc' }, now).map((r) => r.id)).toEqual([1, 3, 2]);
  });

  it('knows when a filter is active', () => {
    expect(isFiltering(EMPTY_FILTER)).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTER, ranges: [{ field: 'lr', min: null, max: null }] })).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTER, text: 'x' })).toBe(true);
  });
});
