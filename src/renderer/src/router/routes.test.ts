import { describe, expect, it } from 'vitest';
import { buildHash, parseHash } from './routes';

describe('parseHash', () => {
  it('sends an empty hash to the runs page', () => {
    expect(parseHash('').name).toBe('runs');
    expect(parseHash('#/').name).toBe('runs');
  });

  it('prefers the literal "new" over the :id pattern', () => {
    expect(parseHash('#/runs/new').name).toBe('new-run');
    expect(parseHash('#/grids/new').name).toBe('new-grid');
  });

  it('reads params and the query', () => {
    const r = parseHash('#/runs/12?tab=weights&epoch=3');
    expect(r).toMatchObject({ name: 'run', params: { id: '12' }, query: { tab: 'weights', epoch: '3' } });
  });

  it('names unknown paths not-found', () => {
    expect(parseHash('#/nope/1/2').name).toBe('not-found');
  });

  it('round-trips through buildHash, dropping empty values', () => {
    const hash = buildHash('/compare', { ids: '1,2', metric: '', x: undefined });
    expect(hash).toBe('#/compare?ids=1%2C2');
    expect(parseHash(hash).query).toEqual({ ids: '1,2' });
  });
});
