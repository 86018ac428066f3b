// A stored weight as the UI draws it: grayscale pictures (first-layer rows, conv kernels) or a pooled heatmap.
import { convKernelImages, toImageStack, valueStats, zeroWeightLines } from '../../engine/inspect';
import type { WeightImageGrid } from '../../shared/api-inspect-types';
import type { ValueStats } from '../../engine/inspect/stats';
import { encodeBase64 } from '../../shared/base64';

/** A parameter's values (PyTorch layout: Linear [out, in], Conv2d [F, C, kh, kw]). */
export interface StoredWeight {
  readonly param: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/**
 * A weight as pictures: Conv2d kernels as kh×kw images (one per filter and input channel); a Linear fed by the
 * model input [C, H, W] as H×W images (one per unit and channel); any other Linear as a 1×in strip per unit.
 * Keeps the first `maxImages`; null when the weight is neither (a bias, a 1-D param).
 */
export function weightImageGrid(
  w: StoredWeight,
  input: readonly [number, number, number],
  options: { normalize: 'per-image' | 'global'; maxImages: number },
): WeightImageGrid | null {
  const opts = { normalize: options.normalize };
  let stack;
  let kind: WeightImageGrid['kind'];
  if (w.shape.length === 4) {
    const [f, c, kh, kw] = w.shape as [number, number, number, number];
    const n = Math.min(f * c, options.maxImages);
    stack = n === f * c ? convKernelImages(w.values, w.shape, opts) : toImageStack(w.values.subarray(0, n * kh * kw), n, kh, kw, opts);
    kind = 'conv';
  } else if (w.shape.length === 2) {
    const [units, inputs] = w.shape as [number, number];
    const [c, h, wd] = input;
    const [count, height, width] = inputs === c * h * wd ? [units * c, h, wd] : [units, 1, inputs];
    const n = Math.min(count, options.maxImages);
    stack = toImageStack(w.values.subarray(0, n * height * width), n, height, width, opts);
    kind = 'linear';
  } else {
    return null;
  }
  return {
    param: w.param,
    kind,
    count: stack.count,
    height: stack.height,
    width: stack.width,
    pixels: encodeBase64(stack.pixels),
    lo: Array.from(stack.lo),
    hi: Array.from(stack.hi),
  };
}

export interface PooledMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: number[];
  readonly stats: ValueStats;
  /** Output units (rows) whose weights are all zero. */
  readonly deadUnits: number[];
}

/**
 * A weight read as [out, in] (conv: [F, C·kh·kw]) and average-pooled by f×f blocks, with the smallest f
 * that leaves at most `maxCells` cells. NaN cells stay NaN (they should show).
 */
export function pooledMatrix(w: StoredWeight, maxCells: number): PooledMatrix {
  const rowsIn = w.shape[0] ?? 1;
  const colsIn = w.shape.length >= 2 ? w.values.length / Math.max(rowsIn, 1) : w.values.length;
  const nRows = w.shape.length >= 2 ? rowsIn : 1;
  let f = Math.max(1, Math.floor(Math.sqrt((nRows * colsIn) / maxCells)));
  while (Math.ceil(nRows / f) * Math.ceil(colsIn / f) > maxCells) f++;
  const rows = Math.ceil(nRows / f);
  const cols = Math.ceil(colsIn / f);
  const sums = new Float64Array(rows * cols);
  const counts = new Uint32Array(rows * cols);
  for (let r = 0; r < nRows; r++) {
    const base = r * colsIn;
    const cellRow = Math.floor(r / f) * cols;
    for (let c = 0; c < colsIn; c++) {
      const cell = cellRow + Math.floor(c / f);
      sums[cell] = sums[cell]! + w.values[base + c]!;
      counts[cell] = counts[cell]! + 1;
    }
  }
  const values = Array.from(sums, (s, i) => s / counts[i]!);
  const dead = w.shape.length >= 2 ? zeroWeightLines(w.values, w.shape).rows : new Uint8Array(0);
  const deadUnits: number[] = [];
  dead.forEach((d, i) => d && deadUnits.push(i));
  return { rows, cols, values, stats: valueStats(w.values), deadUnits };
}
