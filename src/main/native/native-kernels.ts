// The native backend: the addon's AVX-512 / AVX2 / generic kernels over V8-allocated arrays (Electron's
// memory cage refuses external buffers), every op checked here before the C code trusts its sizes.
import { ShapeError } from '../../engine/errors';
import { type ConvGeometry, convOutSize, type Kernels, type KernelOps } from '../../engine/kernels/kernels';
import { referencePrimitives } from '../../engine/kernels/reference';
import { resolveKernels } from '../../engine/kernels/registry';
import { WasmArena } from '../../engine/kernels/wasm/arena';
import { checkCount, checkDims, checkLength, checkOutSize } from '../../engine/kernels/wasm/checks';
import { PAGE_BYTES, type WasmMemory } from '../../engine/kernels/wasm/wasm-api';
import type { NativeAddon } from './native-addon';

/** The ops an older addon build lacks (the registry then falls back for each). */
type Later = 'momentumStepL2' | 'adamStepL2' | 'gatherRows';

/**
 * Kernels over `addon` with micro-kernel `isa` (one of addon.isaNames() this CPU runs); named "native-<isa>".
 * Buffers are plain Float32Arrays, or views into `memory` (a shared wasm memory of at most `maximumMiB`,
 * allocated like the wasm kernels' so data-parallel replicas on other threads can share it).
 */
export function createNativeKernels(addon: NativeAddon, isa: string, memory?: WasmMemory, maximumMiB = 2048): Kernels {
  const id = addon.isaNames().indexOf(isa);
  if (id < 0 || isa === '') throw new Error(`native kernels: this CPU cannot run ${isa}; it runs ${addon.isaNames().filter(Boolean).join(', ')}`);
  const shape = new Int32Array(10);
  const setShape = (op: string, g: ConvGeometry, n: number): [number, number, number] => {
    checkDims(op, { n, c: g.c, h: g.h, w: g.w, filters: g.filters, kh: g.kh, kw: g.kw, stride: g.stride, pad: g.pad }, ['kh', 'kw', 'stride']);
    const oh = checkOutSize(op, 'padded input height', convOutSize(g.h, g.kh, g.stride, g.pad));
    const ow = checkOutSize(op, 'padded input width', convOutSize(g.w, g.kw, g.stride, g.pad));
    if (oh !== g.oh || ow !== g.ow) throw new ShapeError(`${op}: geometry says ${g.oh}×${g.ow} outputs, the sizes give ${oh}×${ow}`);
    shape.set([g.c, g.h, g.w, g.filters, g.kh, g.kw, g.stride, g.pad, oh, ow]);
    return [g.c * g.kh * g.kw, oh * ow, g.c * g.h * g.w];
  };
  const lengths = (op: string, arrays: [string, ArrayLike<number>, number][]) => arrays.forEach(([what, a, n]) => checkLength(op, what, a, n));
  const pooled = (op: string, g: ConvGeometry, size: number, stride: number, n: number) => {
    checkDims(op, { 'pool.size': size, 'pool.stride': stride }, ['pool.size', 'pool.stride']);
    const ph = checkOutSize(op, 'convolution output height', convOutSize(g.oh, size, stride, 0));
    const pw = checkOutSize(op, 'convolution output width', convOutSize(g.ow, size, stride, 0));
    return n * g.filters * ph * pw;
  };
  const im2colShape = (op: string, c: number, h: number, w: number, kh: number, kw: number, stride: number, pad: number) =>
    setShape(op, { c, h, w, filters: 1, kh, kw, stride, pad, oh: convOutSize(h, kh, stride, pad), ow: convOutSize(w, kw, stride, pad) }, 1);
  const ops: Omit<KernelOps, Later> & Partial<Pick<KernelOps, Later>> = {
    im2col(x, c, h, w, kh, kw, stride, pad, cols) {
      const [taps, pix, inSize] = im2colShape('im2col', c, h, w, kh, kw, stride, pad);
      lengths('im2col', [
        ['x', x, inSize],
        ['cols', cols, taps * pix],
      ]);
      addon.im2col(shape, x, cols);
    },
    col2im(cols, c, h, w, kh, kw, stride, pad, dx) {
      const [taps, pix, inSize] = im2colShape('col2im', c, h, w, kh, kw, stride, pad);
      lengths('col2im', [
        ['cols', cols, taps * pix],
        ['dx', dx, inSize],
      ]);
      addon.col2im(shape, cols, dx);
    },
    gemm(transA, transB, m, n, k, a, b, c, beta) {
      // NOTE: one check per value, no objects or arrays: this runs several times a step (see checkCount).
      checkCount('gemm', 'm', m);
      checkCount('gemm', 'n', n);
      checkCount('gemm', 'k', k);
      checkLength('gemm', 'A', a, m * k);
      checkLength('gemm', 'B', b, k * n);
      checkLength('gemm', 'C', c, m * n);
      addon.gemm(id, transA ? 1 : 0, transB ? 1 : 0, m, n, k, a, transA ? m : k, b, transB ? k : n, c, n, beta, null, 0, 0, null);
    },
    linearForward(n, inF, outF, x, w, b, relu, y) {
      checkCount('linearForward', 'n', n);
      checkCount('linearForward', 'inFeatures', inF);
      checkCount('linearForward', 'outFeatures', outF);
      checkLength('linearForward', 'x', x, n * inF);
      checkLength('linearForward', 'w', w, outF * inF);
      checkLength('linearForward', 'b', b, outF);
      checkLength('linearForward', 'y', y, n * outF);
      addon.linearForward(id, n, inF, outF, x, w, b, relu ? 1 : 0, y);
    },
    linearParamGrads(n, inF, outF, dy, x, dw, db) {
      checkCount('linearParamGrads', 'n', n);
      checkCount('linearParamGrads', 'inFeatures', inF);
      checkCount('linearParamGrads', 'outFeatures', outF);
      checkLength('linearParamGrads', 'dy', dy, n * outF);
      checkLength('linearParamGrads', 'x', x, n * inF);
      checkLength('linearParamGrads', 'dw', dw, outF * inF);
      checkLength('linearParamGrads', 'db', db, outF);
      addon.gemm(id, 1, 0, outF, inF, n, dy, outF, x, inF, dw, inF, 0, null, 0, 0, db);
    },
    conv2dForward(g, n, x, w, b, relu, y) {
      const [taps, pix, inSize] = setShape('conv2dForward', g, n);
      lengths('conv2dForward', [
        ['x', x, n * inSize],
        ['w', w, g.filters * taps],
        ['b', b, g.filters],
        ['y', y, n * g.filters * pix],
      ]);
      addon.convForward(id, shape, n, x, w, b, relu ? 1 : 0, y);
    },
    conv2dParamGrads(g, n, x, dy, dw, db) {
      const [taps, pix, inSize] = setShape('conv2dParamGrads', g, n);
      lengths('conv2dParamGrads', [
        ['x', x, n * inSize],
        ['dy', dy, n * g.filters * pix],
        ['dw', dw, g.filters * taps],
        ['db', db, g.filters],
      ]);
      addon.convParamGrads(id, shape, n, x, dy, dw, db);
    },
    conv2dInputGrad(g, n, dy, w, dx) {
      const [taps, pix, inSize] = setShape('conv2dInputGrad', g, n);
      lengths('conv2dInputGrad', [
        ['dy', dy, n * g.filters * pix],
        ['w', w, g.filters * taps],
        ['dx', dx, n * inSize],
      ]);
      addon.convInputGrad(id, shape, n, dy, w, dx);
    },
    conv2dReluPoolForward(g, pool, n, x, w, b, y, argmax) {
      const [taps, , inSize] = setShape('conv2dReluPoolForward', g, n);
      const count = pooled('conv2dReluPoolForward', g, pool.size, pool.stride, n);
      lengths('conv2dReluPoolForward', [
        ['x', x, n * inSize],
        ['w', w, g.filters * taps],
        ['b', b, g.filters],
        ['y', y, count],
        ['argmax', argmax, count],
      ]);
      addon.convReluPoolForward(id, shape, pool.size, pool.stride, n, x, w, b, y, argmax);
    },
    conv2dReluPoolParamGrads(g, pool, n, x, dy, argmax, y, dw, db) {
      const [taps, , inSize] = setShape('conv2dReluPoolParamGrads', g, n);
      const count = pooled('conv2dReluPoolParamGrads', g, pool.size, pool.stride, n);
      lengths('conv2dReluPoolParamGrads', [
        ['x', x, n * inSize],
        ['dy', dy, count],
        ['argmax', argmax, count],
        ['y', y, count],
        ['dw', dw, g.filters * taps],
        ['db', db, g.filters],
      ]);
      addon.convReluPoolParamGrads(id, shape, pool.size, pool.stride, n, x, dy, argmax, y, dw, db);
    },
    conv2dReluPoolInputGrad(g, pool, n, dy, argmax, y, w, dx) {
      const [taps, , inSize] = setShape('conv2dReluPoolInputGrad', g, n);
      const count = pooled('conv2dReluPoolInputGrad', g, pool.size, pool.stride, n);
      lengths('conv2dReluPoolInputGrad', [
        ['dy', dy, count],
        ['argmax', argmax, count],
        ['y', y, count],
        ['w', w, g.filters * taps],
        ['dx', dx, n * inSize],
      ]);
      addon.convReluPoolInputGrad(id, shape, pool.size, pool.stride, n, dy, argmax, y, w, dx);
    },
    maxPoolForward(x, planes, h, w, size, stride, y, argmax) {
      checkDims('maxPoolForward', { planes, h, w, size, stride }, ['size', 'stride']);
      const oh = checkOutSize('maxPoolForward', 'input height', convOutSize(h, size, stride, 0));
      const ow = checkOutSize('maxPoolForward', 'input width', convOutSize(w, size, stride, 0));
      lengths('maxPoolForward', [
        ['x', x, planes * h * w],
        ['y', y, planes * oh * ow],
        ['argmax', argmax, planes * oh * ow],
      ]);
      addon.maxPoolForward(x, planes, h, w, size, stride, oh, ow, y, argmax);
    },
    maxPoolBackward(dy, argmax, dx) {
      checkLength('maxPoolBackward', 'dy (one value per argmax entry)', dy, argmax.length);
      addon.maxPoolBackward(dy, argmax, dx);
    },
    maxPoolReluBackward(dy, argmax, y, planes, h, w, size, stride, dx) {
      checkDims('maxPoolReluBackward', { planes, h, w, size, stride }, ['size', 'stride']);
      const count = planes * convOutSize(h, size, stride, 0) * convOutSize(w, size, stride, 0);
      lengths('maxPoolReluBackward', [
        ['dy', dy, count],
        ['argmax', argmax, count],
        ['y', y, count],
        ['dx', dx, planes * h * w],
      ]);
      addon.maxPoolReluBackward(dy.subarray(0, count), argmax.subarray(0, count), y, dx, planes * h * w);
    },
    reluForward(x, y) {
      checkLength('reluForward', 'y (same length as x)', y, x.length);
      addon.reluForward(x, y);
    },
    reluBackward(x, dy, dx) {
      checkLength('reluBackward', 'dy (same length as x)', dy, x.length);
      checkLength('reluBackward', 'dx (same length as x)', dx, x.length);
      addon.reluBackward(x, dy, dx);
    },
    sumSquares: (x) => addon.sumSquares(x),
    axpy(alpha, x, y) {
      checkLength('axpy', 'y (same length as x)', y, x.length);
      addon.axpy(alpha, x, y);
    },
    momentumStep(w, g, v, beta, lr) {
      checkLength('momentumStep', 'g (same length as w)', g, w.length);
      checkLength('momentumStep', 'v (same length as w)', v, w.length);
      addon.momentumStep(w, g, v, beta, lr);
    },
    adamStep(w, g, m, v, step) {
      checkLength('adamStep', 'g (same length as w)', g, w.length);
      checkLength('adamStep', 'm (same length as w)', m, w.length);
      checkLength('adamStep', 'v (same length as w)', v, w.length);
      addon.adamStep(w, g, m, v, step.beta1, 1 - step.beta1, step.beta2, 1 - step.beta2, step.lr, step.invSqrtC2, step.eps);
    },
  };
  // NOTE: an addon built before these ops lacks them: the registry then composes axpy and the step, or
  // takes the reference gather.
  const { momentumStepL2, adamStepL2, gatherRows } = addon;
  if (gatherRows) {
    ops.gatherRows = (src, rows, size, dst) => {
      checkDims('gatherRows', { size }, ['size']);
      checkLength('gatherRows', 'dst (rows × size)', dst, rows.length * size);
      const n = Math.floor(src.length / size);
      for (let k = 0; k < rows.length; k++) {
        if (rows[k]! >= n) throw new ShapeError(`gatherRows: row ${rows[k]} is past the ${n} rows of src`);
      }
      gatherRows.call(addon, src, rows, size, dst);
    };
  }
  if (momentumStepL2) {
    ops.momentumStepL2 = (w, g, v, beta, lr, decay) => {
      lengths('momentumStepL2', [
        ['g (same length as w)', g, w.length],
        ['v (same length as w)', v, w.length],
      ]);
      momentumStepL2.call(addon, w, g, v, beta, lr, decay);
    };
  }
  if (adamStepL2) {
    ops.adamStepL2 = (w, g, m, v, step, decay) => {
      lengths('adamStepL2', [
        ['g (same length as w)', g, w.length],
        ['m (same length as w)', m, w.length],
        ['v (same length as w)', v, w.length],
      ]);
      adamStepL2.call(addon, w, g, m, v, step.beta1, 1 - step.beta1, step.beta2, 1 - step.beta2, step.lr, step.invSqrtC2, step.eps, decay);
    };
  }
  const arena = memory && new WasmArena(memory, Math.floor((maximumMiB * 2 ** 20) / PAGE_BYTES) * PAGE_BYTES, PAGE_BYTES);
  /** A zeroed block of n 4-byte values from the memory's arena. */
  const block = (n: number): number => {
    checkDims('alloc', { n });
    return arena!.allocBytes(n * 4);
  };
  return resolveKernels(
    {
      name: `native-${isa}`,
      // NOTE: block() first: growing the memory replaces arena.buffer.
      alloc: arena ? (n) => ((o) => new Float32Array(arena.buffer, o, n).fill(0))(block(n)) : (n) => new Float32Array(n),
      allocInt32: arena ? (n) => ((o) => new Int32Array(arena.buffer, o, n).fill(0))(block(n)) : (n) => new Int32Array(n),
      kernels: ops,
    },
    referencePrimitives,
  );
}
