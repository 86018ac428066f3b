// LTTB downsampling: keeps the ends and the peaks, returns short series whole.
import { describe, expect, it } from 'vitest';
import { downsampleSeries, lttbIndices } from './downsample';

const series = (values: (number | null)[]) => ({
  key: 'train/loss',
  steps: values.map((_, i) => i + 1),
  epochs: values.map(() => 0),
  values,
  times: values.map((_, i) => i / 10),
});

describe('lttbIndices', () => {
  it('keeps first, last and an isolated spike', () => {
    const y = Array.from({ length: 1000 }, (_, i) => (i === 537 ? 50 : Math.sin(i / 50)));
    const x = y.map((_, i) => i);
    const idx = lttbIndices(x, y, 40);
    expect(idx).toHaveLength(40);
    expect(idx[0]).toBe(0);
    expect(idx[39]).toBe(999);
    expect(idx).toContain(537);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });

  it('returns every index when the series fits', () => {
    expect(lttbIndices([1, 2, 3], [3, 2, 1], 5)).toEqual([0, 1, 2]);
  });
});

describe('downsampleSeries', () => {
  it('cuts to maxPoints, keeps columns aligned and reports the total', () => {
    const s = downsampleSeries(series(Array.from({ length: 500 }, (_, i) => 500 - i)), 50);
    expect(s.steps).toHaveLength(50);
    expect(s.totalPoints).toBe(500);
    s.steps.forEach((step, j) => expect(s.values[j]).toBe(501 - step));
  });

  it('returns short series whole, nulls included', () => {
    const s = downsampleSeries(series([1, null, 3]), 10);
    expect(s.values).toEqual([1, null, 3]);
    expect(s.totalPoints).toBe(3);
  });
});
