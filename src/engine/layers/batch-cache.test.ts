import { describe, expect, it } from 'vitest';
import { BatchCache } from './batch-cache';

describe('BatchCache', () => {
  it('makes one entry per batch size and returns it again', () => {
    const made: number[] = [];
    const cache = new BatchCache((n) => (made.push(n), { n }));
    const a = cache.get(64);
    for (let i = 0; i < 3; i++) {
      expect(cache.get(64)).toBe(a);
      cache.get(32);
    }
    expect(made).toEqual([64, 32]);
  });

  it('evicts the least recently used size beyond its capacity', () => {
    const made: number[] = [];
    const cache = new BatchCache((n) => (made.push(n), n), 2);
    cache.get(1);
    cache.get(2);
    cache.get(1); // 2 is now the least recently used
    cache.get(3);
    expect(cache.sizes()).toEqual([1, 3]);
    cache.get(1);
    cache.get(2);
    expect(made).toEqual([1, 2, 3, 2]);
  });
});
