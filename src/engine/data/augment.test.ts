// Tests for augmentation: identity when off, exact shifts and right-angle turns, bilinear blends, fill, and seeding.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { Rng } from '../random';
import { type AffineParams, augmentInto, isAugmentOff, sampleAffine, validateAugmentSpec, warpAffine } from './augment';

const ID: AffineParams = { dx: 0, dy: 0, degrees: 0, scale: 1 };

function random(n: number, seed = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform());
}

function warp(src: Float32Array, shape: [number, number, number], p: Partial<AffineParams>, fill = 0): Float32Array {
  const dst = new Float32Array(src.length).fill(Number.NaN);
  warpAffine(src, 0, dst, 0, shape, { ...ID, ...p }, fill);
  return dst;
}

describe('warpAffine', () => {
  it('is the identity for the identity transform', () => {
    const src = random(2 * 5 * 7);
    expect(Array.from(warp(src, [2, 5, 7], {}))).toEqual(Array.from(src));
  });

  it('a 1 px shift right moves a known pixel right and brings in the fill', () => {
    const src = new Float32Array(16);
    src[1 * 4 + 2] = 1; // (x=2, y=1)
    const out = warp(src, [1, 4, 4], { dx: 1 });
    expect(out[1 * 4 + 3]).toBe(1);
    expect(out[1 * 4 + 2]).toBe(0);
    expect(out.reduce((a, v) => a + v, 0)).toBe(1);
    const filled = warp(random(16), [1, 4, 4], { dx: 1 }, -0.5);
    expect([0, 4, 8, 12].map((i) => filled[i])).toEqual([-0.5, -0.5, -0.5, -0.5]);
  });

  it('a 1 px shift down moves every row down', () => {
    const src = random(12);
    const out = warp(src, [1, 3, 4], { dy: 1 });
    for (let y = 1; y < 3; y++) for (let x = 0; x < 4; x++) expect(out[y * 4 + x]).toBe(src[(y - 1) * 4 + x]);
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });

  it('a half-pixel shift blends neighbours bilinearly', () => {
    const src = Float32Array.from([0, 1, 0, 0]); // one row of four
    const out = warp(src, [1, 1, 4], { dx: 0.5 });
    expect(Array.from(out)).toEqual([0, 0.5, 0.5, 0]);
  });

  it('rotation by 90° turns a 4×4 pattern clockwise as displayed: dst[x][W-1-y] = src[y][x]', () => {
    const src = Float32Array.from({ length: 16 }, (_, i) => i + 1);
    const out = warp(src, [1, 4, 4], { degrees: 90 });
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) expect(out[x * 4 + (3 - y)]).toBeCloseTo(src[y * 4 + x]!, 5);
    }
    const back = warp(out, [1, 4, 4], { degrees: -90 });
    for (let i = 0; i < 16; i++) expect(back[i]).toBeCloseTo(src[i]!, 5);
  });

  it('rotation by 180° of a pixel right of centre lands left of centre', () => {
    const src = new Float32Array(9);
    src[1 * 3 + 2] = 1;
    const out = warp(src, [1, 3, 3], { degrees: 180 });
    expect(out[1 * 3 + 0]).toBeCloseTo(1, 6);
    expect(out[1 * 3 + 2]).toBeCloseTo(0, 6);
  });

  it('scaling by 2 about the centre keeps the centre and spreads a point', () => {
    const src = new Float32Array(25);
    src[12] = 1; // centre of 5×5
    src[2 * 5 + 3] = 0.5; // one right of centre
    const out = warp(src, [1, 5, 5], { scale: 2 });
    expect(out[12]).toBeCloseTo(1, 6);
    expect(out[2 * 5 + 4]).toBeCloseTo(0.5, 6); // two right of centre samples one right
    expect(out[2 * 5 + 3]).toBeCloseTo(0.75, 6); // halfway: blend of 1 and 0.5
  });

  it('warps every channel the same way and honours offsets', () => {
    const src = new Float32Array(2 + 2 * 9);
    src[2 + 4] = 1; // channel 0 centre
    src[2 + 9 + 4] = 2; // channel 1 centre
    const dst = new Float32Array(1 + 2 * 9);
    warpAffine(src, 2, dst, 1, [2, 3, 3], { ...ID, dx: 1 }, 0);
    expect(dst[1 + 5]).toBe(1);
    expect(dst[1 + 9 + 5]).toBe(2);
    expect(dst[0]).toBe(0);
  });
});

describe('augmentInto and sampling', () => {
  it('copies unchanged when the spec is off, without drawing random numbers', () => {
    const src = random(784);
    const dst = new Float32Array(784);
    const rng = new Rng(4);
    augmentInto({}, rng, src, 0, dst, 0, [1, 28, 28]);
    expect(dst).toEqual(src);
    expect(rng.nextU32()).toBe(new Rng(4).nextU32());
    expect(isAugmentOff(undefined)).toBe(true);
    expect(isAugmentOff({ translate: 0, rotate: 0, scale: 0 })).toBe(true);
    expect(isAugmentOff({ rotate: 1 })).toBe(false);
  });

  it('same seed ⇒ same output; another seed ⇒ another output', () => {
    const src = random(784);
    const spec = { translate: 2, rotate: 15, scale: 0.1 };
    const run = (seed: number) => {
      const dst = new Float32Array(784);
      augmentInto(spec, new Rng(seed), src, 0, dst, 0, [1, 28, 28]);
      return dst;
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
    expect(run(11)).not.toEqual(src);
  });

  it('samples each magnitude within its bounds and reuses the output object', () => {
    const rng = new Rng(2);
    const out = { ...ID };
    const spec = { translate: 3, rotate: 20, scale: 0.2 };
    let maxDeg = 0;
    for (let i = 0; i < 1000; i++) {
      expect(sampleAffine(spec, rng, out)).toBe(out);
      expect(Math.abs(out.dx)).toBeLessThanOrEqual(3);
      expect(Math.abs(out.dy)).toBeLessThanOrEqual(3);
      expect(Math.abs(out.scale - 1)).toBeLessThanOrEqual(0.2);
      maxDeg = Math.max(maxDeg, Math.abs(out.degrees));
    }
    expect(maxDeg).toBeLessThanOrEqual(20);
    expect(maxDeg).toBeGreaterThan(19);
  });

  it('validates magnitudes, naming the field', () => {
    expect(() => validateAugmentSpec({ translate: 2, rotate: 180, scale: 0.5 })).not.toThrow();
    expect(() => validateAugmentSpec({ rotate: 181 })).toThrow('augment.rotate: must be in [0, 180], got 181');
    expect(() => validateAugmentSpec({ scale: 1 })).toThrow(ConfigError);
    expect(() => validateAugmentSpec({ translate: Number.NaN })).toThrow('augment.translate');
  });
});
