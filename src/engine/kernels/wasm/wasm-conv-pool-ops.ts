// The wasm backend's conv → ReLU → max-pool block: each image's convolution output stays in scratch.
import type { ConvGeometry, KernelOps, PoolWindow } from '../kernels';
import { convOutSize } from '../kernels';
import { checkDims, checkLength, checkOutSize } from './checks';
import { writeConvShape } from './wasm-conv-shape';
import type { WasmOpContext } from './wasm-matrix-ops';

type ConvPoolOps = Pick<KernelOps, 'conv2dReluPoolForward' | 'conv2dReluPoolParamGrads' | 'conv2dReluPoolInputGrad'>;

/** Staging slots of the image scratch and of conv2dReluPoolInputGrad's col2im scratch (past the arguments). */
const IMAGE_SLOT = 9;
const COLS_SLOT = 8;

export function convPoolOps({ wasm, io, workspace }: WasmOpContext, shape: Int32Array): ConvPoolOps {
  /** Checks and writes the geometry; returns the sizes every op needs. */
  function geometry(op: string, g: ConvGeometry, pool: PoolWindow, n: number) {
    const [taps, pix, inSize] = writeConvShape(op, g, n, shape);
    checkDims(op, { 'pool.size': pool.size, 'pool.stride': pool.stride }, ['pool.size', 'pool.stride']);
    const ph = checkOutSize(op, 'convolution output height', convOutSize(g.oh, pool.size, pool.stride, 0));
    const pw = checkOutSize(op, 'convolution output width', convOutSize(g.ow, pool.size, pool.stride, 0));
    const pooled = n * g.filters * ph * pw;
    return { taps, pix, inSize, ph, pw, pooled, image: io.scratch(IMAGE_SLOT, g.filters * pix * 4) };
  }
  const pooledShape = (g: ConvGeometry, n: number, ph: number, pw: number) => `[${n}, ${g.filters}, ${ph}, ${pw}]`;

  return {
    conv2dReluPoolForward(g, pool, n, x, w, b, y, argmax) {
      const { taps, inSize, ph, pw, pooled, image } = geometry('conv2dReluPoolForward', g, pool, n);
      checkLength('conv2dReluPoolForward', `x ([${n}, ${g.c}, ${g.h}, ${g.w}])`, x, n * inSize);
      checkLength('conv2dReluPoolForward', `w ([${g.filters}, ${g.c}, ${g.kh}, ${g.kw}])`, w, g.filters * taps);
      checkLength('conv2dReluPoolForward', `b ([${g.filters}])`, b, g.filters);
      checkLength('conv2dReluPoolForward', `y (${pooledShape(g, n, ph, pw)})`, y, pooled);
      checkLength('conv2dReluPoolForward', `argmax (${pooledShape(g, n, ph, pw)})`, argmax, pooled);
      const px = io.pointer(0, x, n * inSize, true);
      const pwt = io.pointer(1, w, g.filters * taps, true);
      const pb = io.pointer(2, b, g.filters, true);
      const py = io.pointer(3, y, pooled, false);
      const parg = io.pointer(4, argmax, pooled, false);
      wasm.convReluPoolForward(shape.byteOffset, pool.size, pool.stride, ph, pw, n, px, pwt, pb, py, parg, image, workspace);
      io.copyOut(y, py, pooled);
      io.copyOut(argmax, parg, pooled);
    },
    conv2dReluPoolParamGrads(g, pool, n, x, dy, argmax, y, dw, db) {
      const { taps, inSize, ph, pw, pooled, image } = geometry('conv2dReluPoolParamGrads', g, pool, n);
      checkLength('conv2dReluPoolParamGrads', `x ([${n}, ${g.c}, ${g.h}, ${g.w}])`, x, n * inSize);
      for (const [name, a] of [
        ['dy', dy],
        ['argmax', argmax],
        ['y', y],
      ] as const)
        checkLength('conv2dReluPoolParamGrads', `${name} (${pooledShape(g, n, ph, pw)})`, a, pooled);
      checkLength('conv2dReluPoolParamGrads', `dw ([${g.filters}, ${g.c}, ${g.kh}, ${g.kw}])`, dw, g.filters * taps);
      checkLength('conv2dReluPoolParamGrads', `db ([${g.filters}])`, db, g.filters);
      const px = io.pointer(0, x, n * inSize, true);
      const pdy = io.pointer(1, dy, pooled, true);
      const parg = io.pointer(2, argmax, pooled, true);
      const py = io.pointer(3, y, pooled, true);
      const pdw = io.pointer(4, dw, g.filters * taps, false);
      const pdb = io.pointer(5, db, g.filters, false);
      wasm.convReluPoolWeightGrad(shape.byteOffset, pool.size, pool.stride, ph, pw, n, px, pdy, parg, py, pdw, pdb, image, workspace);
      io.copyOut(dw, pdw, g.filters * taps);
      io.copyOut(db, pdb, g.filters);
    },
    conv2dReluPoolInputGrad(g, pool, n, dy, argmax, y, w, dx) {
      const { taps, pix, inSize, ph, pw, pooled, image } = geometry('conv2dReluPoolInputGrad', g, pool, n);
      for (const [name, a] of [
        ['dy', dy],
        ['argmax', argmax],
        ['y', y],
      ] as const)
        checkLength('conv2dReluPoolInputGrad', `${name} (${pooledShape(g, n, ph, pw)})`, a, pooled);
      checkLength('conv2dReluPoolInputGrad', `w ([${g.filters}, ${g.c}, ${g.kh}, ${g.kw}])`, w, g.filters * taps);
      checkLength('conv2dReluPoolInputGrad', `dx ([${n}, ${g.c}, ${g.h}, ${g.w}])`, dx, n * inSize);
      const cols = io.scratch(COLS_SLOT, taps * pix * 4);
      const pdy = io.pointer(0, dy, pooled, true);
      const parg = io.pointer(1, argmax, pooled, true);
      const py = io.pointer(2, y, pooled, true);
      const pwt = io.pointer(3, w, g.filters * taps, true);
      const pdx = io.pointer(4, dx, n * inSize, false);
      wasm.convReluPoolInputGrad(shape.byteOffset, pool.size, pool.stride, ph, pw, n, pdy, parg, py, pwt, pdx, cols, image, workspace);
      io.copyOut(dx, pdx, n * inSize);
    },
  };
}
