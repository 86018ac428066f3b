// The conv → ReLU → max-pool block of a CNN, image by image: each image's convolution output lives only in
// scratch (in cache) between the product and the pooling, forward and backward, never in a batch buffer;
// unpadded blocks take the direct forward (conv-direct) and the sparse weight gradient (conv-sparse).
import { ConvShape } from './conv-shape';
import { clearGrads, forwardImage, inputGradImage, weightGradImage } from './conv';
import { directPoolFits, directPoolForwardImage, directTapOffsets } from './conv-direct';
import { sparseGradFits, sparseTables, sparseWeightGradImage } from './conv-sparse';
import { maxPoolForward, maxPoolReluBackward } from './pool';

/**
 * y[i], argmax[i] = maxpool(ReLU(W·cols(x[i]) + bias)) for i < n, pooled by size × size windows at
 * `stride`: x [n, c, h, w], y and argmax [n, f, ph, pw] (argmax: index into the image's [f, oh, ow]
 * output); scratch: f·oh·ow floats.
 */
export function convReluPoolForward(shape: usize, size: i32, stride: i32, ph: i32, pw: i32, n: i32, x: usize, wt: usize, bias: usize, y: usize, argmax: usize, scratch: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const yBytes = <usize>(g.f * ph * pw) << 2;
  if (directPoolFits(g, size, stride, pw)) {
    directTapOffsets(g, ws);
    for (let i = 0; i < n; i++) {
      const o = <usize>i * yBytes;
      directPoolForwardImage(g, ph, pw, x + <usize>i * xBytes, wt, bias, y + o, argmax + o, ws);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    forwardImage(g, x + <usize>i * xBytes, wt, bias, 1, scratch, ws);
    maxPoolForward(scratch, g.f, g.oh, g.ow, size, stride, ph, pw, y + <usize>i * yBytes, argmax + <usize>i * yBytes);
  }
}

/**
 * dW and db (overwritten) of the block from its pooled gradient dy: [n, f, ph, pw], routed through argmax
 * where the pooled output y is > 0 (ReLU's mask) into one image's gradient at a time (scratch).
 */
export function convReluPoolWeightGrad(shape: usize, size: i32, stride: i32, ph: i32, pw: i32, n: i32, x: usize, dy: usize, argmax: usize, y: usize, dw: usize, db: usize, scratch: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  if (n <= 0) clearGrads(g, dw, db);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const yBytes = <usize>(g.f * ph * pw) << 2;
  // Pooling and ReLU leave gradient at one pixel per window or none: the sparse product skips the rest.
  const sparse = sparseGradFits(g);
  if (sparse) sparseTables(g, ws);
  for (let i = 0; i < n; i++) {
    const o = <usize>i * yBytes;
    maxPoolReluBackward(dy + o, argmax + o, y + o, g.f, g.oh, g.ow, size, stride, ph, pw, scratch);
    if (sparse) sparseWeightGradImage(g, x + <usize>i * xBytes, scratch, dw, db, i == 0, ws);
    else weightGradImage(g, x + <usize>i * xBytes, scratch, dw, db, i == 0, ws);
  }
}

/** dx [n, c, h, w] (overwritten) of the block from its pooled gradient, as convReluPoolWeightGrad routes it; cols: c·kh·kw·oh·ow floats. */
export function convReluPoolInputGrad(shape: usize, size: i32, stride: i32, ph: i32, pw: i32, n: i32, dy: usize, argmax: usize, y: usize, wt: usize, dx: usize, cols: usize, scratch: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const yBytes = <usize>(g.f * ph * pw) << 2;
  for (let i = 0; i < n; i++) {
    const o = <usize>i * yBytes;
    maxPoolReluBackward(dy + o, argmax + o, y + o, g.f, g.oh, g.ow, size, stride, ph, pw, scratch);
    inputGradImage(g, scratch, wt, dx + <usize>i * xBytes, cols, ws);
  }
}

