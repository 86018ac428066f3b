// Tests for the input scaling: statistics from the images given, rescaling in place, and the spec by name.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { background, type Dataset, datasetFromIdx, SCALE_ONLY } from './dataset';
import { encodeIdxU8, parseIdx } from './idx';
import { pixelStats, renormaliseInPlace, resolveNormalisation } from './normalize';

/** One 1×2 image per pair of byte values, labels 0. */
function pixels(bytes: number[], normalisation = SCALE_ONLY): Dataset {
  const n = bytes.length / 2;
  const images = parseIdx(encodeIdxU8([n, 1, 2], Uint8Array.from(bytes)), 'imgs');
  const labels = parseIdx(encodeIdxU8([n], new Uint8Array(n)), 'lbls');
  return datasetFromIdx(images, labels, { classes: 2, imagesFile: 'imgs', labelsFile: 'lbls', normalisation });
}

describe('pixelStats', () => {
  it('is the mean and population std of x/255 over every pixel', () => {
    // x/255 = 0, 1, 0, 1: mean 0.5, std 0.5.
    const s = pixelStats(pixels([0, 255, 0, 255]));
    expect(s.mean).toBeCloseTo(0.5, 7);
    expect(s.std).toBeCloseTo(0.5, 7);
  });

  it('reads the same numbers whatever normalisation the dataset holds', () => {
    const a = pixelStats(pixels([0, 51, 102, 255]));
    const b = pixelStats(pixels([0, 51, 102, 255], { mean: 0.3, std: 0.2 }));
    expect(b.mean).toBeCloseTo(a.mean, 6);
    expect(b.std).toBeCloseTo(a.std, 6);
  });
});

describe('resolveNormalisation', () => {
  const train = pixels([0, 255, 0, 255]);
  it('none is x/255; a given mean/std is used as given', () => {
    expect(resolveNormalisation('none', train)).toEqual(SCALE_ONLY);
    expect(resolveNormalisation({ mean: 0.1307, std: 0.3081 }, train)).toEqual({ mean: 0.1307, std: 0.3081 });
  });

  it('standardize measures the images it is given (the training split)', () => {
    const other = pixels([255, 255, 0, 255]);
    expect(resolveNormalisation('standardize', train).mean).toBeCloseTo(0.5, 7);
    expect(resolveNormalisation('standardize', other).mean).toBeCloseTo(0.75, 7);
  });

  it('refuses images that are all one value, naming normalize', () => {
    expect(() => resolveNormalisation('standardize', pixels([7, 7, 7, 7]))).toThrow(ConfigError);
    expect(() => resolveNormalisation('standardize', pixels([7, 7, 7, 7]))).toThrow(
      /^normalize: needs a finite mean and a std > 0, got mean .*, std 0 \(are the training images all one value\?\)$/,
    );
  });
});

describe('renormaliseInPlace', () => {
  it('rescales to (x/255 − mean)/std, moves the background, and matches loading with that normalisation', () => {
    const bytes = [0, 51, 102, 255];
    const norm = { mean: 0.25, std: 0.5 };
    const ds = pixels(bytes);
    const images = ds.images;
    const out = renormaliseInPlace(ds, norm);
    expect(out.images).toBe(images);
    expect(out.normalisation).toEqual(norm);
    expect(background(out.normalisation)).toBe(-0.5);
    Array.from(pixels(bytes, norm).images).forEach((v, i) => expect(out.images[i]).toBeCloseTo(v, 6));
  });

  it('standardized training images have mean 0 and std 1', () => {
    const ds = pixels([0, 13, 200, 255, 7, 90, 91, 30]);
    const out = renormaliseInPlace(ds, resolveNormalisation('standardize', ds));
    const s = pixelStats({ ...out, normalisation: SCALE_ONLY });
    expect(s.mean).toBeCloseTo(0, 6);
    expect(s.std).toBeCloseTo(1, 6);
  });

  it('leaves a dataset already in the target normalisation untouched', () => {
    const ds = pixels([0, 255]);
    expect(renormaliseInPlace(ds, SCALE_ONLY)).toBe(ds);
  });
});
