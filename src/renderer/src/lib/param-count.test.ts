import { describe, expect, it } from 'vitest';
import { mlpSpec, reportCnnSpec } from '../../../shared/model-presets';
import { modelShapeInfo } from './param-count';

describe('modelShapeInfo', () => {
  it('counts the report MLP 784-128-64-10', () => {
    expect(modelShapeInfo(mlpSpec({ hidden: [128, 64], activation: 'relu' }))).toEqual({ params: 109_386, output: [10], problem: null });
  });

  it('counts the report CNN (conv 30@5×5, pool 2, 100, 10)', () => {
    // 30·25+30 = 780; 30·12·12 = 4320 → 4320·100+100 = 432100; 100·10+10 = 1010.
    expect(modelShapeInfo(reportCnnSpec()).params).toBe(780 + 432_100 + 1010);
  });

  it('says which layer does not fit', () => {
    const info = modelShapeInfo({
      input: [1, 28, 28],
      layers: [{ type: 'conv2d', filters: 4, kernel: 30 }, { type: 'flatten' }, { type: 'linear', units: 10 }],
    });
    expect(info.params).toBeNull();
    expect(info.problem).toMatch(/layer 1 \(conv2d\).*30×30.*28×28/);
  });

  it('asks for a flatten before a linear layer on images', () => {
    expect(modelShapeInfo({ input: [1, 28, 28], layers: [{ type: 'linear', units: 10 }] }).problem).toMatch(/flatten/);
  });
});
