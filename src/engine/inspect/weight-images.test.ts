// Weights as grayscale images: symmetric and min–max scaling, per-image and global, Linear and conv layouts.
import { describe, expect, it } from 'vitest';
import { convKernelImages, linearWeightImages, toImageStack } from './weight-images';

describe('toImageStack', () => {
  const values = Float32Array.from([-1, 0, 0.5, 1, /* image 2 */ 0, 2, 4, -4]);

  it('symmetric per-image: −m → 0, 0 → 128, m → 255 with m each image’s max |w|', () => {
    const s = toImageStack(values, 2, 2, 2);
    expect([s.count, s.height, s.width]).toEqual([2, 2, 2]);
    // image 1: m = 1 → (v + 1)·127.5; image 2: m = 4 → (v + 4)·31.875
    expect(Array.from(s.pixels)).toEqual([0, 128, 191, 255, 128, 191, 255, 0]);
    expect(Array.from(s.lo)).toEqual([-1, -4]);
    expect(Array.from(s.hi)).toEqual([1, 4]);
  });

  it('symmetric global: one m = 4 for all images', () => {
    const s = toImageStack(values, 2, 2, 2, { normalize: 'global' });
    // (v + 4)·31.875: −1 → 95.6, 0.5 → 143.4, 1 → 159.4
    expect(Array.from(s.pixels)).toEqual([96, 128, 143, 159, 128, 191, 255, 0]);
    expect(Array.from(s.lo)).toEqual([-4, -4]);
  });

  it('min–max per-image when not symmetric', () => {
    const s = toImageStack(values, 2, 2, 2, { symmetric: false });
    // image 1: [−1, 1] → (v + 1)·127.5; image 2: [−4, 4] as well
    expect(Array.from(s.pixels.subarray(0, 4))).toEqual([0, 128, 191, 255]);
    const t = toImageStack(Float32Array.from([1, 2, 3, 5]), 1, 2, 2, { symmetric: false });
    expect(Array.from(t.pixels)).toEqual([0, 64, 128, 255]);
    expect([t.lo[0], t.hi[0]]).toEqual([1, 5]);
  });

  it('draws a constant image mid-gray and clamps out-of-range values', () => {
    expect(Array.from(toImageStack(new Float32Array(4), 1, 2, 2).pixels)).toEqual([128, 128, 128, 128]);
    const s = toImageStack(Float32Array.from([Infinity, -Infinity, 1, -1]), 1, 2, 2);
    expect(Array.from(s.pixels)).toEqual([255, 0, 255, 0]);
  });

  it('rejects a length that is not count·h·w', () => {
    expect(() => toImageStack(new Float32Array(5), 1, 2, 2)).toThrow(/1 images of 2×2 need 4 values, got 5/);
  });
});

describe('linearWeightImages', () => {
  it('turns each row of [units, 784] into a 28×28 image, pixel (r, c) = weight[u, 28r + c]', () => {
    const w = new Float32Array(3 * 784);
    w[784 + 28 * 5 + 7] = 2; // unit 1, row 5, column 7
    w[784 + 0] = -2;
    const s = linearWeightImages(w, [3, 784]);
    expect([s.count, s.height, s.width]).toEqual([3, 28, 28]);
    expect(s.pixels[784 + 28 * 5 + 7]).toBe(255);
    expect(s.pixels[784]).toBe(0);
    expect(s.pixels[784 + 1]).toBe(128);
    expect(s.pixels[0]).toBe(128); // unit 0 is all zero
  });

  it('takes other picture sizes and rejects a mismatch', () => {
    expect(linearWeightImages(new Float32Array(2 * 12), [2, 12], [3, 4]).width).toBe(4);
    expect(() => linearWeightImages(new Float32Array(10 * 100), [10, 100])).toThrow(/must be \[units, 784\] for 28×28 images, got \[10, 100\]/);
  });
});

describe('convKernelImages', () => {
  it('gives F·C images of kh×kw, image f·C + c = weight[f, c]', () => {
    // [F 2, C 2, 1, 2]: weight[1, 0] = [3, −3]
    const w = Float32Array.from([1, 1, 1, 1, 3, -3, 1, 1]);
    const s = convKernelImages(w, [2, 2, 1, 2]);
    expect([s.count, s.height, s.width]).toEqual([4, 1, 2]);
    expect(Array.from(s.pixels.subarray(4, 6))).toEqual([255, 0]);
    expect(s.hi[2]).toBe(3);
  });

  it('rejects a weight that is not 4-D', () => {
    expect(() => convKernelImages(new Float32Array(4), [2, 2])).toThrow(/must be \[F, C, kh, kw\], got \[2, 2\]/);
  });
});
