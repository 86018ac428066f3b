import { describe, expect, it } from 'vitest';
import { SampleViews } from './sample-views';

describe('SampleViews', () => {
  it('returns per-sample views sharing memory, cached per buffer', () => {
    const views = new SampleViews(3);
    const buf = Float32Array.from({ length: 6 }, (_, i) => i);
    const v = views.of(buf, 2);
    expect(Array.from(v[1]!)).toEqual([3, 4, 5]);
    v[1]![0] = 30;
    expect(buf[3]).toBe(30);
    expect(views.of(buf, 2)).toBe(v);
    expect(views.of(new Float32Array(6), 2)).not.toBe(v);
  });
});
