// A dense float32 tensor: a shape over a flat row-major Float32Array (which may live in wasm memory).
import { ShapeError } from './errors';

export type Shape = readonly number[];

/** Number of elements of a shape. */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function shapeToString(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export class Tensor {
  readonly size: number;

  constructor(
    readonly shape: Shape,
    readonly data: Float32Array = new Float32Array(sizeOf(shape)),
  ) {
    this.size = sizeOf(shape);
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new ShapeError(`Tensor: invalid shape ${shapeToString(shape)}`);
    }
    if (data.length !== this.size) {
      throw new ShapeError(`Tensor: shape ${shapeToString(shape)} needs ${this.size} values, got ${data.length}`);
    }
  }

  /** A view with another shape over the same data. */
  reshape(shape: Shape): Tensor {
    if (sizeOf(shape) !== this.size) {
      throw new ShapeError(`reshape: cannot view ${shapeToString(this.shape)} as ${shapeToString(shape)}`);
    }
    return new Tensor(shape, this.data);
  }
}

/** Throws a ShapeError naming `op` unless `actual` equals `expected` (-1 in `expected` matches any size). */
export function expectShape(op: string, what: string, actual: Shape, expected: Shape): void {
  const ok = actual.length === expected.length && expected.every((d, i) => d === -1 || d === actual[i]);
  if (!ok) {
    const want = expected.map((d) => (d === -1 ? '?' : String(d))).join(', ');
    throw new ShapeError(`${op}: ${what} must have shape [${want}], got ${shapeToString(actual)}`);
  }
}
