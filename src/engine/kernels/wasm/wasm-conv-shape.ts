// A convolution's geometry, checked and written where the wasm conv kernels read it (their ConvShape).
import { ShapeError } from '../../errors';
import { convOutSize, type ConvGeometry } from '../kernels';
import { checkDims, checkOutSize } from './checks';

/**
 * Checks `g` and the batch size, writes the geometry into `shape` (ten int32 in wasm memory, in the
 * module's order: c, h, w, filters, kh, kw, stride, pad, oh, ow); returns [taps, pixels, input size].
 */
export function writeConvShape(op: string, g: ConvGeometry, n: number, shape: Int32Array): [number, number, number] {
  checkDims(op, { n, c: g.c, h: g.h, w: g.w, filters: g.filters, kh: g.kh, kw: g.kw, stride: g.stride, pad: g.pad }, ['kh', 'kw', 'stride']);
  const oh = checkOutSize(op, 'padded input height', convOutSize(g.h, g.kh, g.stride, g.pad));
  const ow = checkOutSize(op, 'padded input width', convOutSize(g.w, g.kw, g.stride, g.pad));
  if (g.oh !== oh || g.ow !== ow) throw new ShapeError(`${op}: geometry says ${g.oh}×${g.ow} outputs, the sizes give ${oh}×${ow}`);
  [shape[0], shape[1], shape[2], shape[3], shape[4]] = [g.c, g.h, g.w, g.filters, g.kh];
  [shape[5], shape[6], shape[7], shape[8], shape[9]] = [g.kw, g.stride, g.pad, oh, ow];
  return [g.c * g.kh * g.kw, oh * ow, g.c * g.h * g.w];
}
