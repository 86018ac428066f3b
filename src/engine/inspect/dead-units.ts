// Dead ReLU units (never active over a batch) and weight rows/columns that are entirely zero.
import { ConfigError, ShapeError } from '../errors';
import { sizeOf, type Shape, type Tensor } from '../tensor';

/**
 * Which units never fired over a batch: 1 where every activation of the unit is ≤ 0.
 * activations: [N, ...unit dims]. With `groupBy` 'feature' (default) each of the trailing elements
 * is a unit (the hidden units of a Linear layer [N, units]); with 'channel', activations must be
 * [N, C, H, W] and a unit is a whole channel (dead when ≤ 0 at every sample and position).
 * NOTE: pass the activations after ReLU (or the pre-activations): both are ≤ 0 exactly where ReLU's
 * gradient is 0, which is what makes a unit dead.
 */
export function deadUnitMask(activations: Tensor, groupBy: 'feature' | 'channel' = 'feature'): Uint8Array {
  const shape = activations.shape;
  if (shape.length < 2) throw new ShapeError(`deadUnitMask: activations must be [N, ...units], got [${shape.join(', ')}]`);
  if (groupBy === 'channel' && shape.length !== 4) {
    throw new ShapeError(`deadUnitMask: channel grouping needs [N, C, H, W], got [${shape.join(', ')}]`);
  }
  const n = shape[0]!;
  const perSample = sizeOf(shape.slice(1));
  const units = groupBy === 'channel' ? shape[1]! : perSample;
  const run = groupBy === 'channel' ? perSample / units : 1; // consecutive elements of one unit
  const alive = new Uint8Array(units);
  const a = activations.data;
  for (let s = 0; s < n; s++) {
    const base = s * perSample;
    for (let u = 0; u < units; u++) {
      if (alive[u]) continue;
      const start = base + u * run;
      for (let k = 0; k < run; k++) {
        if (a[start + k]! > 0) {
          alive[u] = 1;
          break;
        }
      }
    }
  }
  const dead = new Uint8Array(units);
  for (let u = 0; u < units; u++) dead[u] = alive[u] ? 0 : 1;
  return dead;
}

/** Number of dead units; see deadUnitMask. */
export function countDeadUnits(activations: Tensor, groupBy: 'feature' | 'channel' = 'feature'): number {
  let count = 0;
  for (const d of deadUnitMask(activations, groupBy)) count += d;
  return count;
}

export interface ZeroLines {
  /** 1 for each row (output unit: all its incoming weights) whose |w| ≤ tol throughout. */
  readonly rows: Uint8Array;
  /** 1 for each column (input feature: all its outgoing weights) whose |w| ≤ tol throughout. */
  readonly cols: Uint8Array;
  readonly zeroRows: number;
  readonly zeroCols: number;
}

/**
 * Rows and columns of a weight matrix that are all (near) zero. weight: [out, in] (a Linear weight);
 * a conv weight [F, C, kh, kw] is read as [F, C·kh·kw]. For the first layer on MNIST, the zero
 * columns are the pixels the network ignores (the always-black border, driven to 0 by L2).
 */
export function zeroWeightLines(weight: Float32Array, shape: Shape, tol = 0): ZeroLines {
  if (shape.length < 2) throw new ShapeError(`zeroWeightLines: weight must be [out, in, ...], got [${shape.join(', ')}]`);
  if (sizeOf(shape) !== weight.length) {
    throw new ShapeError(`zeroWeightLines: shape [${shape.join(', ')}] needs ${sizeOf(shape)} values, got ${weight.length}`);
  }
  if (!(tol >= 0)) throw new ConfigError('tol', `must be >= 0, got ${tol}`);
  const nRows = shape[0]!;
  const nCols = weight.length / Math.max(nRows, 1);
  const rowUsed = new Uint8Array(nRows);
  const colUsed = new Uint8Array(nCols);
  for (let r = 0; r < nRows; r++) {
    const base = r * nCols;
    for (let c = 0; c < nCols; c++) {
      // NaN counts as used: it is not zero, and it should stay visible.
      if (!(Math.abs(weight[base + c]!) <= tol)) {
        rowUsed[r] = 1;
        colUsed[c] = 1;
      }
    }
  }
  const rows = rowUsed.map((u) => (u ? 0 : 1));
  const cols = colUsed.map((u) => (u ? 0 : 1));
  return { rows, cols, zeroRows: nRows - sum(rowUsed), zeroCols: nCols - sum(colUsed) };
}

function sum(a: Uint8Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}
