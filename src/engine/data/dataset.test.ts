// Tests for building datasets from IDX pairs, normalisation, subsets and the seeded validation split.
import { describe, expect, it } from 'vitest';
import { ConfigError, DatasetError } from '../errors';
import { background, type Dataset, datasetFromIdx, exampleSize, select, splitValidation, subset } from './dataset';
import { encodeIdxU8, type IdxArray, parseIdx } from './idx';

function images(n: number, h: number, w: number, value = (i: number) => i % 256): IdxArray {
  return parseIdx(
    encodeIdxU8(
      [n, h, w],
      Uint8Array.from({ length: n * h * w }, (_, i) => value(i)),
    ),
    'imgs',
  );
}

function labels(values: number[]): IdxArray {
  return parseIdx(encodeIdxU8([values.length], Uint8Array.from(values)), 'lbls');
}

const files = { imagesFile: 'imgs', labelsFile: 'lbls' };

/** n examples of 2×2 where every pixel of example i is i and its label is i % 10. */
function numbered(n: number): Dataset {
  const imgs = images(n, 2, 2, (i) => Math.floor(i / 4));
  return datasetFromIdx(imgs, labels(Array.from({ length: n }, (_, i) => i % 10)), {
    ...files,
    classes: 10,
    normalisation: { mean: 0, std: 1 / 255 },
  });
}

describe('datasetFromIdx', () => {
  it('normalises x/255 by default and reads [N, H, W] as one channel', () => {
    const ds = datasetFromIdx(
      images(2, 1, 2, (i) => [0, 255, 51, 102][i]!),
      labels([3, 7]),
      { ...files, classes: 10 },
    );
    expect(ds.n).toBe(2);
    expect(ds.shape).toEqual([1, 1, 2]);
    expect(Array.from(ds.images)).toEqual([0, 1, 51 / 255, 102 / 255].map(Math.fround));
    expect(Array.from(ds.labels)).toEqual([3, 7]);
    expect(background(ds.normalisation)).toBe(0);
  });

  it('applies mean/std after scaling, and the background follows', () => {
    const norm = { mean: 0.5, std: 0.25 };
    const ds = datasetFromIdx(
      images(1, 1, 2, (i) => [0, 255][i]!),
      labels([0]),
      { ...files, classes: 2, normalisation: norm },
    );
    expect(Array.from(ds.images)).toEqual([-2, 2]);
    expect(background(norm)).toBe(-2);
  });

  it('reads [N, C, H, W] images', () => {
    const raw = parseIdx(encodeIdxU8([1, 3, 2, 2], new Uint8Array(12)), 'imgs');
    expect(datasetFromIdx(raw, labels([1]), { ...files, classes: 2 }).shape).toEqual([3, 2, 2]);
  });

  it('converts only the first `limit` examples', () => {
    const ds = datasetFromIdx(images(5, 2, 2), labels([0, 1, 2, 3, 4]), { ...files, classes: 5, limit: 2 });
    expect(ds.n).toBe(2);
    expect(ds.images.length).toBe(8);
    expect(ds.labels.length).toBe(2);
  });

  it('rejects a label count that differs from the image count', () => {
    expect(() => datasetFromIdx(images(3, 2, 2), labels([0, 1]), { ...files, classes: 10 })).toThrow(
      'lbls: label count mismatch: 2 labels for 3 images in imgs',
    );
  });

  it('rejects a label outside [0, classes)', () => {
    expect(() => datasetFromIdx(images(2, 2, 2), labels([1, 10]), { ...files, classes: 10 })).toThrow(
      'lbls: label 10 at index 1 is out of range for 10 classes',
    );
  });

  it('rejects wrong ranks and element types', () => {
    const flat = parseIdx(encodeIdxU8([4], new Uint8Array(4)), 'imgs');
    expect(() => datasetFromIdx(flat, labels([0]), { ...files, classes: 2 })).toThrow(/images must have 3 dims/);
    expect(() => datasetFromIdx(images(1, 2, 2), images(1, 1, 1), { ...files, classes: 2 })).toThrow(/labels must have 1 dim/);
    const i32: IdxArray = { dtype: 'i32', dims: [1, 1, 1], data: new Int32Array(1) };
    expect(() => datasetFromIdx(i32, labels([0]), { ...files, classes: 2 })).toThrow(DatasetError);
  });

  it('rejects a non-positive std', () => {
    expect(() => datasetFromIdx(images(1, 1, 1), labels([0]), { ...files, classes: 2, normalisation: { mean: 0, std: 0 } })).toThrow(ConfigError);
  });
});

describe('subset and select', () => {
  it('subset keeps the first n (clamped) without copying', () => {
    const ds = numbered(10);
    const s = subset(ds, 3);
    expect(s.n).toBe(3);
    expect(Array.from(s.labels)).toEqual([0, 1, 2]);
    expect(s.images.buffer).toBe(ds.images.buffer);
    expect(subset(ds, 50).n).toBe(10);
    expect(() => subset(ds, -1)).toThrow(ConfigError);
  });

  it('select copies the chosen examples in order', () => {
    const s = select(numbered(10), [7, 2]);
    expect(Array.from(s.images)).toEqual([7, 7, 7, 7, 2, 2, 2, 2]);
    expect(Array.from(s.labels)).toEqual([7, 2]);
    expect(() => select(numbered(3), [3])).toThrow(/index 3 out of range/);
  });
});

describe('splitValidation', () => {
  const firstPixels = (ds: Dataset) => Array.from({ length: ds.n }, (_, i) => ds.images[i * exampleSize(ds)]!);

  it('partitions the examples, keeps order within each part, and sizes the hold-out by round(fraction·n)', () => {
    const { train, validation } = splitValidation(numbered(100), 0.15, 7);
    expect(validation.n).toBe(15);
    expect(train.n).toBe(85);
    const t = firstPixels(train);
    const v = firstPixels(validation);
    expect([...t, ...v].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(t).toEqual([...t].sort((a, b) => a - b));
    expect(Array.from(validation.labels)).toEqual(v.map((i) => i % 10));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = firstPixels(splitValidation(numbered(100), 0.2, 1).validation);
    const b = firstPixels(splitValidation(numbered(100), 0.2, 1).validation);
    const c = firstPixels(splitValidation(numbered(100), 0.2, 2).validation);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('allows 0 and rejects fractions outside [0, 1)', () => {
    expect(splitValidation(numbered(10), 0, 1).validation.n).toBe(0);
    expect(() => splitValidation(numbered(10), 1, 1)).toThrow('validationFraction: must be in [0, 1), got 1');
    expect(() => splitValidation(numbered(10), Number.NaN, 1)).toThrow(ConfigError);
  });
});
