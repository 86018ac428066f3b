// Param summaries: grouping by layer, norms of values and grads, optional grad histograms.
import { describe, expect, it } from 'vitest';
import type { Param } from '../layers/layer';
import { summarizeParam, summarizeParams } from './param-summary';

function param(name: string, role: Param['role'], value: number[], grad: number[]): Param {
  return { name, role, shape: [value.length], value: Float32Array.from(value), grad: Float32Array.from(grad) };
}

describe('summarizeParams', () => {
  const params = [
    param('layers.0.weight', 'weight', [1, -1, 2, 0], [3, 4, 0, 0]),
    param('layers.0.bias', 'bias', [0.5, 0.5], [0, 0]),
    param('layers.2.weight', 'weight', [-1, -2], [1, 0]),
  ];

  it('groups params by layer prefix in order', () => {
    const layers = summarizeParams(params, { bins: 4 });
    expect(layers.map((l) => l.layer)).toEqual(['layers.0', 'layers.2']);
    expect(layers[0]!.params.map((p) => p.name)).toEqual(['layers.0.weight', 'layers.0.bias']);
  });

  it('reports weight norm, grad norm, sign balance and the histogram', () => {
    const s = summarizeParam(params[0]!, { bins: 3 });
    expect(s.values.l2).toBeCloseTo(Math.sqrt(6), 12);
    expect(s.gradNorm).toBe(5);
    expect(s.values.positiveShare).toBe(0.5);
    expect(s.role).toBe('weight');
    expect(s.shape).toEqual([4]);
    expect([s.histogram.min, s.histogram.max]).toEqual([-1, 2]);
    expect(Array.from(s.histogram.counts)).toEqual([1, 1, 2]);
    expect(s.gradHistogram).toBeUndefined();
  });

  it('histograms the gradient when asked', () => {
    const s = summarizeParam(params[0]!, { bins: 2, gradHistograms: true });
    expect(Array.from(s.gradHistogram!.counts)).toEqual([2, 2]);
    expect(s.histogram.counts).toHaveLength(2);
  });

  it('defaults to 30 bins and takes a name without a dot as its own layer', () => {
    const [layer] = summarizeParams([param('scale', 'weight', [1], [0])]);
    expect(layer!.layer).toBe('scale');
    expect(layer!.params[0]!.histogram.counts).toHaveLength(30);
  });
});
