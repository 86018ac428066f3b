import { describe, expect, it } from 'vitest';
import { makeRun, scores } from '../testing/make-run';
import { EMPTY_FILTER, filterRuns, isFiltering, sortRuns } from './run-filter';

const now = 1_700_000_100_000;

describe('filterRuns', () => {
  const runs = [
    makeRun(7, {
      name: 'Adam baseline',
      tags: ['report', 'adam'],
      notes: 'table 3',
      best: scores(0.97),
      final: scores(0.97),
      configOverrides: { lr: 0.001, optimizer: { type: 'adam' } },
    }),
    makeRun(8, { name: 'sgd fast', tags: ['report'], final: scores(0.95), configOverrides: { lr: 0.1 } }),
    makeRun(9, { status: 'failed', configOverrides: { lr: 0.5 } }),
  ];
  const ids = (f: Partial<typeof EMPTY_FILTER>) => filterRuns(runs, { ...EMPTY_FILTER, ...f }, now).runs.map((r) => r.id);

  it('applies the typed query: clauses and words', () => {
    expect(ids({ query: 'lr > 0.01' })).toEqual([8, 9]);
    expect(ids({ query: 'optimizer = adam' })).toEqual([7]);
    expect(ids({ query: 'test_acc >= 0.96' })).toEqual([7]);
    expect(ids({ query: 'adam TABLE' })).toEqual([7]);
    expect(ids({ query: '#8' })).toEqual([8]);
  });

  it('filters by status, by all tags and by brushed ranges', () => {
    expect(ids({ statuses: ['failed'] })).toEqual([9]);
    expect(ids({ tags: ['report', 'adam'] })).toEqual([7]);
    expect(ids({ brush: [{ column: 'lr', label: 'LR', min: 0.05, max: 0.2 }] })).toEqual([8]);
    expect(ids({ brush: [{ column: 'optimizer.type', label: 'optimizer', values: ['adam', 'momentum'] }] })).toEqual([7]);
    expect(
      ids({
        brush: [
          { column: 'lr', label: 'LR', min: 0.05, max: 1 },
          { column: 'status', label: 'Status', values: ['failed'] },
        ],
      }),
    ).toEqual([9]);
  });

  it('reports a bad query and applies the other filters without it', () => {
    const result = filterRuns(runs, { ...EMPTY_FILTER, query: 'lr >', statuses: ['completed'] }, now);
    expect(result.error?.message).toBe('expected a value after ">" at 4');
    expect(result.runs.map((r) => r.id)).toEqual([7, 8]);
  });
});

describe('sortRuns', () => {
  const runs = [makeRun(1, { best: scores(0.9) }), makeRun(2), makeRun(3, { best: scores(0.95) })];

  it('sorts by any column, nulls last in both directions', () => {
    expect(sortRuns(runs, { column: 'best.testAccuracy', direction: 'desc' }, now).map((r) => r.id)).toEqual([3, 1, 2]);
    expect(sortRuns(runs, { column: 'best.testAccuracy', direction: 'asc' }, now).map((r) => r.id)).toEqual([1, 3, 2]);
    expect(sortRuns(runs, { column: 'id', direction: 'desc' }, now).map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('knows when a filter is active', () => {
    expect(isFiltering(EMPTY_FILTER)).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTER, query: '  ' })).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTER, query: 'x' })).toBe(true);
  });
});
