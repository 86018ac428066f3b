// The fused ops as compositions of primitives: the reference for every backend's fused kernels, and the
// fallback for a backend that implements only the primitives (it then runs them with its own gemm).
import { type ConvGeometry, type FusedOps, type KernelMemory, type PoolWindow, pooledSize, type PrimitiveOps } from './kernels';

/** A growing scratch buffer from `memory` (the old one is dropped when it grows: sizes settle at once). */
function scratch(memory: KernelMemory): (n: number) => Float32Array {
  let buf: Float32Array | null = null;
  return (n) => {
    if (buf === null || buf.length < n) buf = memory.alloc(n);
    return buf.subarray(0, n);
  };
}

/** y[i] = act(y[i] + bias[i mod per-row]) on rows of `cols` values ([rows, cols], bias per column or per row). */
function addBias(y: Float32Array, rows: number, cols: number, b: Float32Array, perRow: boolean, relu: boolean): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const at = i * cols + j;
      y[at] = y[at]! + b[perRow ? i : j]!;
      if (relu && !(y[at]! > 0) && !Number.isNaN(y[at]!)) y[at] = 0;
    }
  }
}

/** The fused ops over `k`'s primitives, scratch from `memory`. */
export function composedOps(k: PrimitiveOps, memory: KernelMemory): FusedOps {
  const colsOf = scratch(memory);
  const convOutOf = scratch(memory);
  const ops: FusedOps = {
    momentumStepL2(w, g, v, beta, lr, decay) {
      k.axpy(decay, w, g);
      k.momentumStep(w, g, v, beta, lr);
    },
    adamStepL2(w, g, m, v, step, decay) {
      k.axpy(decay, w, g);
      k.adamStep(w, g, m, v, step);
    },
    linearForward(n, inF, outF, x, w, b, relu, y) {
      k.gemm(false, true, n, outF, inF, x, w, y, 0);
      addBias(y, n, outF, b, false, relu);
    },
    linearParamGrads(n, inF, outF, dy, x, dw, db) {
      k.gemm(true, false, outF, inF, n, dy, x, dw, 0);
      db.fill(0, 0, outF);
      // NOTE: db is float32, so each += rounds: the same sums, in the same order, as the wasm kernel.
      for (let i = 0; i < n; i++) for (let j = 0; j < outF; j++) db[j] = db[j]! + dy[i * outF + j]!;
    },
    conv2dForward(g, n, x, w, b, relu, y) {
      const [taps, pix, inSize] = [g.c * g.kh * g.kw, g.oh * g.ow, g.c * g.h * g.w];
      const cols = colsOf(taps * pix);
      for (let s = 0; s < n; s++) {
        const ys = y.subarray(s * g.filters * pix, (s + 1) * g.filters * pix);
        k.im2col(x.subarray(s * inSize, (s + 1) * inSize), g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, cols);
        k.gemm(false, false, g.filters, pix, taps, w, cols, ys, 0);
        addBias(ys, g.filters, pix, b, true, relu);
      }
    },
    conv2dParamGrads(g, n, x, dy, dw, db) {
      const [taps, pix, inSize] = [g.c * g.kh * g.kw, g.oh * g.ow, g.c * g.h * g.w];
      const cols = colsOf(taps * pix);
      dw.fill(0, 0, g.filters * taps);
      db.fill(0, 0, g.filters);
      for (let s = 0; s < n; s++) {
        const dys = dy.subarray(s * g.filters * pix, (s + 1) * g.filters * pix);
        k.im2col(x.subarray(s * inSize, (s + 1) * inSize), g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, cols);
        k.gemm(false, true, g.filters, taps, pix, dys, cols, dw, 1);
        for (let j = 0; j < g.filters; j++) for (let p = 0; p < pix; p++) db[j] = db[j]! + dys[j * pix + p]!;
      }
    },
    conv2dInputGrad(g, n, dy, w, dx) {
      const [taps, pix, inSize] = [g.c * g.kh * g.kw, g.oh * g.ow, g.c * g.h * g.w];
      const cols = colsOf(taps * pix);
      for (let s = 0; s < n; s++) {
        k.gemm(true, false, taps, pix, g.filters, w, dy.subarray(s * g.filters * pix, (s + 1) * g.filters * pix), cols, 0);
        k.col2im(cols, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, dx.subarray(s * inSize, (s + 1) * inSize));
      }
    },
    // The block as its three steps over the whole batch's convolution output (in scratch), image by image
    // where argmax indexes one image: the same numbers, in the same order, as the unfused layers.
    conv2dReluPoolForward(g, pool, n, x, w, b, y, argmax) {
      const [outSize, pooled] = [g.filters * g.oh * g.ow, g.filters * pooledSize(g.oh, pool) * pooledSize(g.ow, pool)];
      const out = convOutOf(n * outSize);
      ops.conv2dForward(g, n, x, w, b, true, out);
      for (let s = 0; s < n; s++) {
        const [ys, as] = [y.subarray(s * pooled, (s + 1) * pooled), argmax.subarray(s * pooled, (s + 1) * pooled)];
        k.maxPoolForward(out.subarray(s * outSize, (s + 1) * outSize), g.filters, g.oh, g.ow, pool.size, pool.stride, ys, as);
      }
    },
    conv2dReluPoolParamGrads(g, pool, n, x, dy, argmax, y, dw, db) {
      ops.conv2dParamGrads(g, n, x, routed(g, pool, n, dy, argmax, y), dw, db);
    },
    conv2dReluPoolInputGrad(g, pool, n, dy, argmax, y, w, dx) {
      ops.conv2dInputGrad(g, n, routed(g, pool, n, dy, argmax, y), w, dx);
    },
  };

  /** The block's pooled gradient routed back to its convolution output, image by image, in scratch. */
  function routed(g: ConvGeometry, pool: PoolWindow, n: number, dy: Float32Array, argmax: Int32Array, y: Float32Array): Float32Array {
    const [outSize, pooled] = [g.filters * g.oh * g.ow, g.filters * pooledSize(g.oh, pool) * pooledSize(g.ow, pool)];
    const out = convOutOf(n * outSize);
    for (let s = 0; s < n; s++) {
      const at = (a: Float32Array) => a.subarray(s * pooled, (s + 1) * pooled);
      k.maxPoolReluBackward(
        at(dy),
        argmax.subarray(s * pooled, (s + 1) * pooled),
        at(y),
        g.filters,
        g.oh,
        g.ow,
        pool.size,
        pool.stride,
        out.subarray(s * outSize, (s + 1) * outSize),
      );
    }
    return out;
  }
  return ops;
}
