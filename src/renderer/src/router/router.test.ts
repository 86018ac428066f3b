import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from './index';
import { queryString } from './query';

// resolve() matches without loading the lazy views, so no .vue file is compiled here.
const router = createAppRouter(createMemoryHistory());

describe('app routes', () => {
  it('sends the root to the runs page', () => {
    const r = router.resolve('/');
    expect(r.matched[0]?.redirect).toEqual({ name: 'runs' });
    expect(router.resolve({ name: 'runs' }).href).toBe('/runs');
  });

  it('prefers the literal "new" over the :id pattern', () => {
    expect(router.resolve('/runs/new').name).toBe('new-run');
    expect(router.resolve('/grids/new').name).toBe('new-grid');
  });

  it('reads params and the query', () => {
    const r = router.resolve('/runs/12?tab=weights&epoch=3');
    expect(r.name).toBe('run');
    expect(r.params).toEqual({ id: '12' });
    expect(r.query).toEqual({ tab: 'weights', epoch: '3' });
  });

  it('names unknown paths and non-numeric ids not-found', () => {
    expect(router.resolve('/nope/1/2').name).toBe('not-found');
    expect(router.resolve('/runs/abc').name).toBe('not-found');
  });

  it('leaves undefined query values out of the address', () => {
    const r = router.resolve({ name: 'compare', query: { ids: '1,2', metric: undefined } });
    expect(decodeURIComponent(r.fullPath)).toBe('/compare?ids=1,2');
    expect(router.resolve({ name: 'run', params: { id: 7 }, query: { tab: undefined } }).fullPath).toBe('/runs/7');
  });
});

describe('queryString', () => {
  it('takes the first non-null value of a repeated key', () => {
    expect(queryString(['a', 'b'])).toBe('a');
    expect(queryString([null, 'b'])).toBe('b');
  });

  it('turns a missing or valueless key into undefined', () => {
    expect(queryString(undefined)).toBeUndefined();
    expect(queryString(null)).toBeUndefined();
    expect(queryString('x')).toBe('x');
  });
});
