// The wasm backend's image kernels: convolution over a whole batch (implicit GEMM), im2col/col2im, max pooling, ReLU.
import { convOutSize, type ConvGeometry, type KernelOps } from '../kernels';
import { checkDims, checkLength, checkOutSize } from './checks';
import { writeConvShape } from './wasm-conv-shape';
import type { WasmOpContext } from './wasm-matrix-ops';

type ImageOps = Pick<
  KernelOps,
  | 'im2col'
  | 'col2im'
  | 'conv2dForward'
  | 'conv2dParamGrads'
  | 'conv2dInputGrad'
  | 'maxPoolForward'
  | 'maxPoolBackward'
  | 'maxPoolReluBackward'
  | 'reluForward'
  | 'reluBackward'
>;

/** Staging slot of the col2im scratch of conv2dInputGrad (past the argument slots). */
const COLS_SLOT = 8;

/**
 * `shape`: ten int32 in wasm memory (its offset) that every conv call fills with its geometry in the
 * module's ConvShape order: c, h, w, filters, kh, kw, stride, pad, oh, ow.
 */
export function imageOps({ wasm, io, workspace }: WasmOpContext, shape: Int32Array): ImageOps {
  const setShape = (op: string, g: ConvGeometry, n: number) => writeConvShape(op, g, n, shape);

  return {
    im2col(x, c, h, w, kh, kw, stride, pad, cols) {
      const [oh, ow] = geometry('im2col', c, h, w, kh, kw, stride, pad);
      const rows = c * kh * kw;
      checkLength('im2col', `x ([${c}, ${h}, ${w}])`, x, c * h * w);
      checkLength('im2col', `cols ([${rows}, ${oh * ow}])`, cols, rows * oh * ow);
      const px = io.pointer(0, x, c * h * w, true);
      const pcols = io.pointer(1, cols, rows * oh * ow, false);
      wasm.im2col(px, c, h, w, kh, kw, stride, pad, oh, ow, pcols);
      io.copyOut(cols, pcols, rows * oh * ow);
    },
    col2im(cols, c, h, w, kh, kw, stride, pad, dx) {
      const [oh, ow] = geometry('col2im', c, h, w, kh, kw, stride, pad);
      const rows = c * kh * kw;
      checkLength('col2im', `cols ([${rows}, ${oh * ow}])`, cols, rows * oh * ow);
      checkLength('col2im', `dx ([${c}, ${h}, ${w}])`, dx, c * h * w);
      const pcols = io.pointer(0, cols, rows * oh * ow, true);
      const pdx = io.pointer(1, dx, c * h * w, false);
      wasm.col2im(pcols, c, h, w, kh, kw, stride, pad, oh, ow, pdx);
      io.copyOut(dx, pdx, c * h * w);
    },
    conv2dForward(g, n, x, w, b, relu, y) {
      const [taps, pix, inSize] = setShape('conv2dForward', g, n);
      const f = g.filters;
      checkLength('conv2dForward', `x ([${n}, ${g.c}, ${g.h}, ${g.w}])`, x, n * inSize);
      checkLength('conv2dForward', `w ([${f}, ${g.c}, ${g.kh}, ${g.kw}])`, w, f * taps);
      checkLength('conv2dForward', `b ([${f}])`, b, f);
      checkLength('conv2dForward', `y ([${n}, ${f}, ${g.oh}, ${g.ow}])`, y, n * f * pix);
      const px = io.pointer(0, x, n * inSize, true);
      const pw = io.pointer(1, w, f * taps, true);
      const pb = io.pointer(2, b, f, true);
      const py = io.pointer(3, y, n * f * pix, false);
      wasm.convForward(shape.byteOffset, n, px, pw, pb, relu ? 1 : 0, py, workspace);
      io.copyOut(y, py, n * f * pix);
    },
    conv2dParamGrads(g, n, x, dy, dw, db) {
      const [taps, pix, inSize] = setShape('conv2dParamGrads', g, n);
      const f = g.filters;
      checkLength('conv2dParamGrads', `x ([${n}, ${g.c}, ${g.h}, ${g.w}])`, x, n * inSize);
      checkLength('conv2dParamGrads', `dy ([${n}, ${f}, ${g.oh}, ${g.ow}])`, dy, n * f * pix);
      checkLength('conv2dParamGrads', `dw ([${f}, ${g.c}, ${g.kh}, ${g.kw}])`, dw, f * taps);
      checkLength('conv2dParamGrads', `db ([${f}])`, db, f);
      const px = io.pointer(0, x, n * inSize, true);
      const pdy = io.pointer(1, dy, n * f * pix, true);
      const pdw = io.pointer(2, dw, f * taps, false);
      const pdb = io.pointer(3, db, f, false);
      wasm.convWeightGrad(shape.byteOffset, n, px, pdy, pdw, pdb, workspace);
      io.copyOut(dw, pdw, f * taps);
      io.copyOut(db, pdb, f);
    },
    conv2dInputGrad(g, n, dy, w, dx) {
      const [taps, pix, inSize] = setShape('conv2dInputGrad', g, n);
      const f = g.filters;
      checkLength('conv2dInputGrad', `dy ([${n}, ${f}, ${g.oh}, ${g.ow}])`, dy, n * f * pix);
      checkLength('conv2dInputGrad', `w ([${f}, ${g.c}, ${g.kh}, ${g.kw}])`, w, f * taps);
      checkLength('conv2dInputGrad', `dx ([${n}, ${g.c}, ${g.h}, ${g.w}])`, dx, n * inSize);
      const pdy = io.pointer(0, dy, n * f * pix, true);
      const pw = io.pointer(1, w, f * taps, true);
      const pdx = io.pointer(2, dx, n * inSize, false);
      wasm.convInputGrad(shape.byteOffset, n, pdy, pw, pdx, io.scratch(COLS_SLOT, taps * pix * 4), workspace);
      io.copyOut(dx, pdx, n * inSize);
    },
    maxPoolForward(x, planes, h, w, size, stride, y, argmax) {
      checkDims('maxPoolForward', { planes, h, w, size, stride }, ['size', 'stride']);
      const oh = checkOutSize('maxPoolForward', 'input height', convOutSize(h, size, stride, 0));
      const ow = checkOutSize('maxPoolForward', 'input width', convOutSize(w, size, stride, 0));
      const count = planes * oh * ow;
      checkLength('maxPoolForward', `x ([${planes}, ${h}, ${w}])`, x, planes * h * w);
      checkLength('maxPoolForward', `y ([${planes}, ${oh}, ${ow}])`, y, count);
      checkLength('maxPoolForward', `argmax ([${planes}, ${oh}, ${ow}])`, argmax, count);
      const px = io.pointer(0, x, planes * h * w, true);
      const py = io.pointer(1, y, count, false);
      const parg = io.pointer(2, argmax, count, false);
      wasm.maxPoolForward(px, planes, h, w, size, stride, oh, ow, py, parg);
      io.copyOut(y, py, count);
      io.copyOut(argmax, parg, count);
    },
    maxPoolBackward(dy, argmax, dx) {
      const count = argmax.length;
      checkLength('maxPoolBackward', 'dy (one value per argmax entry)', dy, count);
      const pdy = io.pointer(0, dy, count, true);
      const parg = io.pointer(1, argmax, count, true);
      const pdx = io.pointer(2, dx, dx.length, false);
      wasm.maxPoolBackward(pdy, parg, count, pdx, dx.length);
      io.copyOut(dx, pdx, dx.length);
    },
    maxPoolReluBackward(dy, argmax, y, planes, h, w, size, stride, dx) {
      checkDims('maxPoolReluBackward', { planes, h, w, size, stride }, ['size', 'stride']);
      const oh = checkOutSize('maxPoolReluBackward', 'input height', convOutSize(h, size, stride, 0));
      const ow = checkOutSize('maxPoolReluBackward', 'input width', convOutSize(w, size, stride, 0));
      const count = planes * oh * ow;
      checkLength('maxPoolReluBackward', `dy ([${planes}, ${oh}, ${ow}])`, dy, count);
      checkLength('maxPoolReluBackward', `argmax ([${planes}, ${oh}, ${ow}])`, argmax, count);
      checkLength('maxPoolReluBackward', `y ([${planes}, ${oh}, ${ow}])`, y, count);
      checkLength('maxPoolReluBackward', `dx ([${planes}, ${h}, ${w}])`, dx, planes * h * w);
      const pdy = io.pointer(0, dy, count, true);
      const parg = io.pointer(1, argmax, count, true);
      const py = io.pointer(2, y, count, true);
      const pdx = io.pointer(3, dx, planes * h * w, false);
      // NOTE: argmax must come from maxPoolForward: indices are not range-checked here.
      wasm.maxPoolReluBackward(pdy, parg, py, planes, h, w, size, stride, oh, ow, pdx);
      io.copyOut(dx, pdx, planes * h * w);
    },
    reluForward(x, y) {
      const n = x.length;
      checkLength('reluForward', 'y (same length as x)', y, n);
      const px = io.pointer(0, x, n, true);
      const py = io.pointer(1, y, n, false);
      wasm.reluForward(px, py, n);
      io.copyOut(y, py, n);
    },
    reluBackward(x, dy, dx) {
      const n = x.length;
      checkLength('reluBackward', 'dy (same length as x)', dy, n);
      checkLength('reluBackward', 'dx (same length as x)', dx, n);
      const px = io.pointer(0, x, n, true);
      const pdy = io.pointer(1, dy, n, true);
      const pdx = io.pointer(2, dx, n, false);
      wasm.reluBackward(px, pdy, pdx, n);
      io.copyOut(dx, pdx, n);
    },
  };
}

/** Checks a convolution's sizes and returns [oh, ow]. */
function geometry(op: string, c: number, h: number, w: number, kh: number, kw: number, stride: number, pad: number): [number, number] {
  checkDims(op, { c, h, w, kh, kw, stride, pad }, ['kh', 'kw', 'stride']);
  const oh = checkOutSize(op, 'padded input height', convOutSize(h, kh, stride, pad));
  const ow = checkOutSize(op, 'padded input width', convOutSize(w, kw, stride, pad));
  return [oh, ow];
}
