import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { fans, heNormal, initWeight, normalInit, xavierUniform } from './init';
import type { InitScheme } from './layers/layer';
import { Rng } from './random';

function stats(w: Float32Array): { mean: number; std: number; maxAbs: number } {
  let s = 0;
  let s2 = 0;
  let maxAbs = 0;
  for (const v of w) {
    s += v;
    s2 += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = s / w.length;
  return { mean, std: Math.sqrt(s2 / w.length - mean * mean), maxAbs };
}

describe('fans', () => {
  it('counts a linear weight [out, in] and a conv weight [F, C, kh, kw] as PyTorch does', () => {
    expect(fans([128, 784])).toEqual({ fanIn: 784, fanOut: 128 });
    expect(fans([16, 8, 3, 3])).toEqual({ fanIn: 72, fanOut: 144 });
    expect(() => fans([10])).toThrow(ConfigError);
  });
});

describe('heNormal', () => {
  it('draws N(0, 2/fanIn)', () => {
    const w = new Float32Array(784 * 128);
    heNormal(w, 784, new Rng(1));
    const { mean, std } = stats(w);
    expect(Math.abs(mean)).toBeLessThan(0.001);
    // 100k draws: the sample std is within ~0.2% (1σ) of the truth; 1% still rejects e.g. √(1/fanIn).
    expect(Math.abs(std / Math.sqrt(2 / 784) - 1)).toBeLessThan(0.01);
  });
});

describe('xavierUniform', () => {
  it('draws U(−a, a) with a = √(6/(fanIn + fanOut))', () => {
    const w = new Float32Array(72 * 144 * 10);
    xavierUniform(w, 72, 144, new Rng(2));
    const a = Math.sqrt(6 / (72 + 144));
    const { mean, std, maxAbs } = stats(w);
    expect(maxAbs).toBeLessThanOrEqual(a);
    expect(maxAbs).toBeGreaterThan(0.99 * a);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(Math.abs(std / (a / Math.sqrt(3)) - 1)).toBeLessThan(0.01);
  });
});

describe('normalInit', () => {
  it('draws N(0, std²) whatever the fans: std 0.01 over a 784×128 layer', () => {
    const w = new Float32Array(784 * 128);
    normalInit(w, 0.01, new Rng(3));
    const { mean, std } = stats(w);
    // 100k draws: the sample mean's σ is 0.01/√100352 ≈ 3e-5, the std's relative σ ≈ 0.2 %.
    expect(Math.abs(mean)).toBeLessThan(1.5e-4);
    expect(Math.abs(std / 0.01 - 1)).toBeLessThan(0.01);
  });
});

describe('initWeight', () => {
  it('is reproducible from the seed and picks the scheme by type', () => {
    const draw = (scheme: InitScheme, seed: number) => {
      const w = new Float32Array(12);
      initWeight(w, [3, 4], scheme, new Rng(seed));
      return w;
    };
    expect(draw({ type: 'he' }, 5)).toEqual(draw({ type: 'he' }, 5));
    expect(draw({ type: 'he' }, 5)).not.toEqual(draw({ type: 'he' }, 6));
    expect(stats(draw({ type: 'xavier' }, 5)).maxAbs).toBeLessThanOrEqual(Math.sqrt(6 / 7));
    // The same normal draws as He, scaled: He's std for fanIn 4 is √(2/4).
    const he = draw({ type: 'he' }, 5);
    draw({ type: 'normal', std: 0.5 }, 5).forEach((v, i) => expect(v).toBeCloseTo((he[i]! / Math.sqrt(0.5)) * 0.5, 6));
    expect(() => draw({ type: 'lecun' } as unknown as InitScheme, 1)).toThrow(/^init\.type: unknown init "lecun"/);
    expect(() => draw({ type: 'normal', std: 0 }, 1)).toThrow(/^init\.std: must be a finite number > 0, got 0$/);
  });
});
