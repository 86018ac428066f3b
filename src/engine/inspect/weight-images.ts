// Weights as grayscale images: first-layer Linear rows as 28×28 pictures, conv kernels as small ones.
import { ShapeError } from '../errors';
import { sizeOf, type Shape } from '../tensor';

/** Scale each image to its own range, or all images to one shared range (comparable brightness). */
export type ImageNormalization = 'per-image' | 'global';

export interface ImageOptions {
  /** Default 'per-image'. */
  readonly normalize?: ImageNormalization;
  /**
   * Default true: map [−m, m] to [0, 255] with m the largest |w|, so 0 is mid-gray (128), negative
   * is dark and positive light, as the course report draws them. False: map [min, max] to [0, 255].
   */
  readonly symmetric?: boolean;
}

/** `count` grayscale images of height × width, row-major, packed one after another. */
export interface ImageStack {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** [count, height, width]: 0 shows lo[i], 255 shows hi[i]. */
  readonly pixels: Uint8Array;
  /** The value drawn as 0 in each image (for a colour bar). */
  readonly lo: Float32Array;
  /** The value drawn as 255 in each image. */
  readonly hi: Float32Array;
}

/**
 * Packs consecutive runs of height·width values as images. values: [count, height, width].
 * An image whose range is empty (all values equal) is drawn mid-gray.
 */
export function toImageStack(values: Float32Array, count: number, height: number, width: number, options: ImageOptions = {}): ImageStack {
  const area = height * width;
  if (values.length !== count * area) {
    throw new ShapeError(`toImageStack: ${count} images of ${height}×${width} need ${count * area} values, got ${values.length}`);
  }
  const symmetric = options.symmetric ?? true;
  const global = (options.normalize ?? 'per-image') === 'global';
  const shared = global ? rangeOf(values, 0, values.length, symmetric) : null;
  const lo = new Float32Array(count);
  const hi = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const [a, b] = shared ?? rangeOf(values, i * area, (i + 1) * area, symmetric);
    lo[i] = a;
    hi[i] = b;
  }
  const pixels = new Uint8Array(count * area);
  for (let i = 0; i < count; i++) {
    const a = lo[i]!;
    const span = hi[i]! - a;
    const scale = span > 0 ? 255 / span : 0;
    for (let k = i * area; k < (i + 1) * area; k++) {
      // NOTE: a Uint8Array store wraps and truncates (300 → 44), so round and clamp first; NaN → 0.
      const p = span > 0 ? Math.round((values[k]! - a) * scale) : 128;
      pixels[k] = p >= 0 ? (p <= 255 ? p : 255) : 0;
    }
  }
  return { count, height, width, pixels, lo, hi };
}

/**
 * A first-layer Linear weight as one image per unit. weight: [units, h·w] (PyTorch layout
 * [out, in]); imageShape: the input picture [h, w], default MNIST's [28, 28].
 */
export function linearWeightImages(
  weight: Float32Array,
  shape: Shape,
  imageShape: readonly [number, number] = [28, 28],
  options: ImageOptions = {},
): ImageStack {
  const [h, w] = imageShape;
  if (shape.length !== 2 || shape[1] !== h * w) {
    throw new ShapeError(`linearWeightImages: weight must be [units, ${h * w}] for ${h}×${w} images, got [${shape.join(', ')}]`);
  }
  checkLength('linearWeightImages', weight, shape);
  return toImageStack(weight, shape[0]!, h, w, options);
}

/**
 * Conv kernels as images, one per (filter, input channel): weight [F, C, kh, kw] → F·C images of
 * kh × kw, image f·C + c showing weight[f, c]. 'per-image' normalises each kernel slice on its own.
 */
export function convKernelImages(weight: Float32Array, shape: Shape, options: ImageOptions = {}): ImageStack {
  if (shape.length !== 4) throw new ShapeError(`convKernelImages: weight must be [F, C, kh, kw], got [${shape.join(', ')}]`);
  checkLength('convKernelImages', weight, shape);
  const [f, c, kh, kw] = shape as [number, number, number, number];
  return toImageStack(weight, f * c, kh, kw, options);
}

function checkLength(op: string, weight: Float32Array, shape: Shape): void {
  if (weight.length !== sizeOf(shape)) {
    throw new ShapeError(`${op}: shape [${shape.join(', ')}] needs ${sizeOf(shape)} values, got ${weight.length}`);
  }
}

/** [lo, hi] of values[start, end), ignoring non-finite values; [0, 0] when there are none. */
function rangeOf(values: Float32Array, start: number, end: number, symmetric: boolean): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let k = start; k < end; k++) {
    const v = values[k]!;
    if (v < min && v !== -Infinity) min = v;
    if (v > max && v !== Infinity) max = v;
  }
  if (min > max) return [0, 0];
  if (!symmetric) return [min, max];
  const m = Math.max(Math.abs(min), Math.abs(max));
  return [-m, m];
}
