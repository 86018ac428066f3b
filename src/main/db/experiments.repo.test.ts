// Tests for the experiments repository: grids keep their spec, lists filter by kind, edits name what is missing.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/validation';
import { NotFoundError } from './errors';
import type { Store } from './store';
import { freshStore, tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-experiments-');
afterAll(() => temp.remove());
let store: Store;
beforeEach(() => (store = freshStore(temp)));
afterEach(() => store.close());

describe('ExperimentsRepo', () => {
  it('creates grids with their spec and single-run experiments without one', () => {
    const spec = { method: 'grid', parameters: { lr: { values: [0.1, 0.01] }, l2: { min: 1e-5, max: 1e-2, log: true, count: 4 } } };
    const grid = store.experiments.create({ kind: 'grid', name: 'stage 1', spec, notes: 'coarse' });
    expect(grid).toMatchObject({ kind: 'grid', name: 'stage 1', spec, notes: 'coarse', runCount: 0 });
    const single = store.experiments.create({ kind: 'run', name: 'one' });
    expect(single.spec).toBeNull();
    expect(store.experiments.list().map((e) => e.name)).toEqual(['one', 'stage 1']);
    expect(store.experiments.list({ kind: 'grid' }).map((e) => e.id)).toEqual([grid.id]);
  });

  it('numbers grids 1, 2, 3… apart from the experiments of single runs', () => {
    const made = ['run', 'run', 'grid', 'run', 'grid'].map((kind, i) => store.experiments.create({ kind: kind as 'run' | 'grid', name: `e${i}` }));
    expect(made.map((e) => [e.kind, e.id, e.number])).toEqual([
      ['run', 1, 1],
      ['run', 2, 2],
      ['grid', 3, 1],
      ['run', 4, 3],
      ['grid', 5, 2],
    ]);
    expect(store.experiments.list({ kind: 'grid' }).map((e) => e.number)).toEqual([2, 1]);
  });

  it('renames, writes notes, and refuses what does not exist or is blank', () => {
    const e = store.experiments.create({ kind: 'grid', name: 'g' });
    store.experiments.rename(e.id, 'stage 2');
    store.experiments.setNotes(e.id, 'seeded from the best of stage 1');
    expect(store.experiments.get(e.id)).toMatchObject({ name: 'stage 2', notes: 'seeded from the best of stage 1' });
    expect(() => store.experiments.rename(e.id, '')).toThrow(ValidationError);
    expect(() => store.experiments.rename(77, 'x')).toThrow(NotFoundError);
    expect(() => store.experiments.create({ kind: 'study' as never, name: 'x' })).toThrow(`kind: must be one of run, grid, sweep, got "study"`);
    expect(store.experiments.delete(77)).toBe(false);
  });
});
