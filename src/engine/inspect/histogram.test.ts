// histogram: bin edges, the last bin's closed right edge, degenerate and non-finite input.
import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';

describe('histogram', () => {
  it('counts into equal-width bins over the data range, max into the last bin', () => {
    const h = histogram(Float32Array.from([0, 0.1, 0.25, 0.5, 0.74, 0.75, 1]), 4);
    expect([h.min, h.max]).toEqual([0, 1]);
    expect(Array.from(h.counts)).toEqual([2, 1, 2, 2]);
    expect(h.dropped).toBe(0);
  });

  it('handles negative ranges', () => {
    const h = histogram([-3, -1, -1, 1], 2);
    expect([h.min, h.max]).toEqual([-3, 1]);
    expect(Array.from(h.counts)).toEqual([1, 3]);
  });

  it('widens a single-valued input to [v − 0.5, v + 0.5]', () => {
    const h = histogram([2, 2, 2], 3);
    expect([h.min, h.max]).toEqual([1.5, 2.5]);
    expect(Array.from(h.counts)).toEqual([0, 3, 0]);
  });

  it('uses [0, 1] for empty input', () => {
    const h = histogram([], 5);
    expect([h.min, h.max, h.dropped]).toEqual([0, 1, 0]);
    expect(Array.from(h.counts)).toEqual([0, 0, 0, 0, 0]);
  });

  it('drops NaN and ±Infinity without letting them stretch the range', () => {
    const h = histogram([Number.NaN, 1, Infinity, 3, -Infinity], 2);
    expect([h.min, h.max, h.dropped]).toEqual([1, 3, 3]);
    expect(Array.from(h.counts)).toEqual([1, 1]);
  });

  it('with a fixed range drops the values outside it', () => {
    const h = histogram([-2, -1, 0, 0.5, 1, 2], 2, { min: -1, max: 1 });
    expect([h.min, h.max, h.dropped]).toEqual([-1, 1, 2]);
    expect(Array.from(h.counts)).toEqual([1, 3]);
  });

  it('rejects a bad bin count or range', () => {
    expect(() => histogram([1], 0)).toThrow(/^bins: must be an integer >= 1, got 0$/);
    expect(() => histogram([1], 2.5)).toThrow(/bins: .* got 2\.5/);
    expect(() => histogram([1], 2, { min: 1, max: 1 })).toThrow(/^range: must be finite with min < max, got \[1, 1\]$/);
  });
});
