// An in-memory image classification dataset built from an IDX images/labels pair, with subsetting and a seeded split.
import { ConfigError, DatasetError } from '../errors';
import { Rng } from '../random';
import type { IdxArray } from './idx';

/** Pixel scaling: x/255, then (x - mean) / std. The default `{ mean: 0, std: 1 }` is plain x/255. */
export interface Normalisation {
  readonly mean: number;
  readonly std: number;
}

export const SCALE_ONLY: Normalisation = { mean: 0, std: 1 };

/** Images `[n, C, H, W]` flat, normalised; one label per image in `[0, classes)`. */
export interface Dataset {
  readonly images: Float32Array;
  readonly labels: Uint8Array;
  readonly n: number;
  readonly shape: readonly [c: number, h: number, w: number];
  readonly classes: number;
  readonly normalisation: Normalisation;
}

export interface FromIdxOptions {
  /** Number of classes; every label must be below it. */
  readonly classes: number;
  /** Display names of the two files, used in errors. */
  readonly imagesFile: string;
  readonly labelsFile: string;
  readonly normalisation?: Normalisation;
  /** Keep only the first `limit` examples (converts only those). */
  readonly limit?: number;
}

/** Number of floats in one example `[C, H, W]`. */
export function exampleSize(ds: Pick<Dataset, 'shape'>): number {
  return ds.shape[0] * ds.shape[1] * ds.shape[2];
}

/** The normalised value of a zero (black) pixel: what lies "outside" an image after augmentation. */
export function background(norm: Normalisation): number {
  return (0 - norm.mean) / norm.std;
}

/**
 * Builds a dataset from parsed IDX files. images: u8 `[N, H, W]` (one channel) or `[N, C, H, W]`;
 * labels: u8 `[N]`.
 * @throws DatasetError naming the file if types, ranks or counts disagree or a label is out of range.
 */
export function datasetFromIdx(images: IdxArray, labels: IdxArray, opts: FromIdxOptions): Dataset {
  const { imagesFile, labelsFile, classes } = opts;
  const norm = opts.normalisation ?? SCALE_ONLY;
  if (!(norm.std > 0) || !Number.isFinite(norm.mean)) {
    throw new ConfigError('normalisation', `std must be > 0 and mean finite, got mean ${norm.mean}, std ${norm.std}`);
  }
  if (images.dtype !== 'u8') throw new DatasetError(imagesFile, `images must be unsigned bytes (0x08), got ${images.dtype}`);
  if (labels.dtype !== 'u8') throw new DatasetError(labelsFile, `labels must be unsigned bytes (0x08), got ${labels.dtype}`);
  const d = images.dims;
  if (d.length !== 3 && d.length !== 4) {
    throw new DatasetError(imagesFile, `images must have 3 dims [N, H, W] or 4 [N, C, H, W], got [${d.join(', ')}]`);
  }
  if (labels.dims.length !== 1) {
    throw new DatasetError(labelsFile, `labels must have 1 dim [N], got [${labels.dims.join(', ')}]`);
  }
  const shape: [number, number, number] = d.length === 3 ? [1, d[1]!, d[2]!] : [d[1]!, d[2]!, d[3]!];
  const total = d[0]!;
  if (labels.dims[0] !== total) {
    throw new DatasetError(labelsFile, `label count mismatch: ${labels.dims[0]} labels for ${total} images in ${imagesFile}`);
  }
  const n = opts.limit === undefined ? total : Math.min(total, checkCount('limit', opts.limit));
  const labelData = labels.data as Uint8Array;
  for (let i = 0; i < n; i++) {
    if (labelData[i]! >= classes) {
      throw new DatasetError(labelsFile, `label ${labelData[i]} at index ${i} is out of range for ${classes} classes`);
    }
  }
  const size = shape[0] * shape[1] * shape[2];
  return {
    images: normalise(images.data as Uint8Array, n * size, norm),
    labels: labelData.slice(0, n),
    n,
    shape,
    classes,
    normalisation: norm,
  };
}

function normalise(bytes: Uint8Array, count: number, norm: Normalisation): Float32Array {
  // A 256-entry table: one lookup per pixel instead of a divide.
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = (v / 255 - norm.mean) / norm.std;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = table[bytes[i]!]!;
  return out;
}

function checkCount(field: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(field, `must be a non-negative integer, got ${n}`);
  return n;
}

/** The first `min(n, ds.n)` examples, as views over the same memory (no copy). */
export function subset(ds: Dataset, n: number): Dataset {
  const m = Math.min(ds.n, checkCount('subset', n));
  return { ...ds, n: m, images: ds.images.subarray(0, m * exampleSize(ds)), labels: ds.labels.subarray(0, m) };
}

/** A new dataset holding copies of the examples at `indices`, in that order. */
export function select(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const size = exampleSize(ds);
  const images = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!(i >= 0 && i < ds.n)) throw new ConfigError('indices', `index ${i} out of range [0, ${ds.n})`);
    images.set(ds.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = ds.labels[i]!;
  }
  return { ...ds, n: indices.length, images, labels };
}

/**
 * Holds out `round(fraction * n)` examples chosen by a seeded shuffle; both parts keep the original order.
 * Same (dataset, fraction, seed) ⇒ same split.
 * @throws ConfigError unless 0 <= fraction < 1.
 */
export function splitValidation(ds: Dataset, fraction: number, seed: number): { train: Dataset; validation: Dataset } {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new ConfigError('validationFraction', `must be in [0, 1), got ${fraction}`);
  }
  const order = new Uint32Array(ds.n);
  for (let i = 0; i < ds.n; i++) order[i] = i;
  new Rng(seed).shuffle(order);
  const nVal = Math.round(fraction * ds.n);
  const val = order.slice(0, nVal).sort();
  const train = order.slice(nVal).sort();
  return { train: select(ds, train), validation: select(ds, val) };
}
