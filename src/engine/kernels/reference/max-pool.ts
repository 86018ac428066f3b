// Reference max pooling; ties go to the first maximum in row-major window order.
import { convOutSize } from '../kernels';

export function maxPoolForwardReference(
  x: Float32Array,
  planes: number,
  h: number,
  w: number,
  size: number,
  stride: number,
  y: Float32Array,
  argmax: Int32Array,
): void {
  const oh = convOutSize(h, size, stride, 0);
  const ow = convOutSize(w, size, stride, 0);
  for (let p = 0; p < planes; p++) {
    const base = p * h * w;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let best = -Infinity;
        let bestIdx = base + oy * stride * w + ox * stride;
        for (let ky = 0; ky < size; ky++) {
          for (let kx = 0; kx < size; kx++) {
            const idx = base + (oy * stride + ky) * w + ox * stride + kx;
            if (x[idx]! > best) {
              best = x[idx]!;
              bestIdx = idx;
            }
          }
        }
        const o = p * oh * ow + oy * ow + ox;
        y[o] = best;
        argmax[o] = bestIdx;
      }
    }
  }
}

export function maxPoolBackwardReference(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void {
  dx.fill(0);
  for (let o = 0; o < argmax.length; o++) dx[argmax[o]!]! += dy[o]!;
}

export function maxPoolReluBackwardReference(
  dy: Float32Array,
  argmax: Int32Array,
  y: Float32Array,
  planes: number,
  h: number,
  w: number,
  _size: number,
  _stride: number,
  dx: Float32Array,
): void {
  dx.fill(0, 0, planes * h * w);
  for (let o = 0; o < argmax.length; o++) if (y[o]! > 0) dx[argmax[o]!]! += dy[o]!;
}
