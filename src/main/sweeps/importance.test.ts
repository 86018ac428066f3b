// Parameter importance on a random-forest surrogate: the parameter that drives the metric gets the share.
import { describe, expect, it } from 'vitest';
import type { Domain } from '../../shared/sweep-domains';
import { parameterImportance } from './importance';
import { trialRng } from './rng';

const domains: Record<string, Domain> = {
  lr: { kind: 'float', low: 1e-4, high: 1e-1, log: true },
  batchSize: { kind: 'int', low: 16, high: 256, log: false },
  act: { kind: 'categorical', choices: ['relu', 'tanh'] },
  epochs: { kind: 'constant', value: 5 },
};

function trials(n: number, score: (p: { lr: number; batchSize: number; act: string }) => number) {
  const rng = trialRng(1, 0);
  return Array.from({ length: n }, () => {
    const params = {
      lr: 10 ** (-4 + 3 * rng.next()),
      batchSize: 16 + Math.floor(rng.next() * 241),
      act: rng.next() < 0.5 ? 'relu' : 'tanh',
    };
    return { params, value: score(params) };
  });
}

describe('parameterImportance', () => {
  it('gives the share to the parameter the metric depends on, shares summing to 1, constants left out', () => {
    const result = parameterImportance(
      domains,
      trials(40, (p) => -((Math.log10(p.lr) + 2) ** 2)),
    );
    expect(result.map((r) => r.path).sort()).toEqual(['act', 'batchSize', 'lr']);
    expect(result[0]).toMatchObject({ path: 'lr' });
    expect(result[0]!.importance).toBeGreaterThan(0.8);
    expect(result.reduce((a, r) => a + r.importance, 0)).toBeCloseTo(1, 9);
  });

  it('finds a categorical parameter, is seeded, and says nothing from fewer than 4 trials', () => {
    const data = trials(30, (p) => (p.act === 'relu' ? 0.9 : 0.5));
    const result = parameterImportance(domains, data, 3);
    expect(result[0]!.path).toBe('act');
    expect(parameterImportance(domains, data, 3)).toEqual(result);
    expect(parameterImportance(domains, data.slice(0, 3)).every((r) => r.importance === 0)).toBe(true);
  });
});
