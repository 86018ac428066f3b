// Convolution of a whole batch as implicit GEMM: im2col happens inside the packing of B, so no unfolded
// copy of an image is ever stored; bias and ReLU ride the GEMM epilogue, the bias gradient the packing of dy.
import { ConvShape, pixelsOf, tapsOf } from './conv-shape';
import { packColsByPixel, packColsByTap } from './conv-pack';
import { KC, MC, NC, aPanels, bPanels, balancedBlock, gemm, laneScratch, macroKernel } from './gemm';
import { col2im } from './im2col';
import { MR } from './microkernel';
import { packA } from './pack';

/**
 * y[i] = act(W·cols(x[i]) + bias) for i < n, geometry at `shape` (a ConvShape): x [n, c, h, w],
 * W [f, c·kh·kw], bias [f] (0: none), y [n, f, oh, ow]; act is ReLU when `relu`.
 */
export function convForward(shape: usize, n: i32, x: usize, wt: usize, bias: usize, relu: i32, y: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const yBytes = <usize>(g.f * pixelsOf(g)) << 2;
  for (let i = 0; i < n; i++) forwardImage(g, x + <usize>i * xBytes, wt, bias, relu, y + <usize>i * yBytes, ws);
}

/**
 * dW = Σᵢ dy[i]·cols(x[i])ᵀ and db = Σᵢ Σ_pixels dy[i] (db 0: none), both overwritten, as one product
 * over the whole batch: x [n, c, h, w], dy [n, f, oh, ow], dW [f, c·kh·kw], db [f].
 */
export function convWeightGrad(shape: usize, n: i32, x: usize, dy: usize, dw: usize, db: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  if (n <= 0) clearGrads(g, dw, db);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const dyBytes = <usize>(g.f * pixelsOf(g)) << 2;
  for (let i = 0; i < n; i++) weightGradImage(g, x + <usize>i * xBytes, dy + <usize>i * dyBytes, dw, db, i == 0, ws);
}

/**
 * dx[i] = col2im(Wᵀ·dy[i]) for i < n: dy [n, f, oh, ow], W [f, c·kh·kw], dx [n, c, h, w] (overwritten);
 * cols: c·kh·kw·oh·ow floats of scratch.
 */
export function convInputGrad(shape: usize, n: i32, dy: usize, wt: usize, dx: usize, cols: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const dyBytes = <usize>(g.f * pixelsOf(g)) << 2;
  for (let i = 0; i < n; i++) inputGradImage(g, dy + <usize>i * dyBytes, wt, dx + <usize>i * xBytes, cols, ws);
}

/** One image of convForward: yi [f, oh, ow]. */
export function forwardImage(g: ConvShape, xi: usize, wt: usize, bias: usize, relu: i32, yi: usize, ws: usize): void {
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  const ldcBytes = <usize>pix << 2;
  const kb = balancedBlock(taps, KC, 4);
  const mb = balancedBlock(g.f, MC, MR);
  for (let jc = 0; jc < pix; jc += NC) {
    const nc = min(NC, pix - jc);
    for (let pc = 0; pc < taps; pc += kb) {
      const kc = min(kb, taps - pc);
      const last = pc + kc >= taps;
      packColsByPixel(xi, g, pc, jc, kc, nc, bPanels(ws), laneScratch(ws));
      for (let ic = 0; ic < g.f; ic += mb) {
        const mc = min(mb, g.f - ic);
        packA(0, wt, taps, ic, pc, mc, kc, aPanels(ws), 0, 0);
        const rowBias = last && bias ? bias + (<usize>ic << 2) : 0;
        macroKernel(kc, aPanels(ws), bPanels(ws), mc, nc, yi + <usize>ic * ldcBytes + (<usize>jc << 2), ldcBytes, pc > 0 ? 1 : 0, rowBias, 0, last ? relu : 0, ws);
      }
    }
  }
}

/** One image's share of convWeightGrad: dW (=, when `first`, else +=) dyi·cols(xi)ᵀ, likewise db. */
export function weightGradImage(g: ConvShape, xi: usize, dyi: usize, dw: usize, db: usize, first: bool, ws: usize): void {
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  const ldcBytes = <usize>taps << 2;
  const kb = balancedBlock(pix, KC, 4);
  const mb = balancedBlock(g.f, MC, MR);
  for (let jc = 0; jc < taps; jc += NC) {
    const nc = min(NC, taps - jc);
    for (let pc = 0; pc < pix; pc += kb) {
      const kc = min(kb, pix - pc);
      const overwrite = first && pc == 0 ? 1 : 0;
      packColsByTap(xi, g, pc, jc, kc, nc, bPanels(ws), laneScratch(ws));
      for (let ic = 0; ic < g.f; ic += mb) {
        const mc = min(mb, g.f - ic);
        packA(0, dyi, pix, ic, pc, mc, kc, aPanels(ws), jc == 0 && db ? db + (<usize>ic << 2) : 0, overwrite);
        macroKernel(kc, aPanels(ws), bPanels(ws), mc, nc, dw + <usize>ic * ldcBytes + (<usize>jc << 2), ldcBytes, overwrite ? 0 : 1, 0, 0, 0, ws);
      }
    }
  }
}

/** One image of convInputGrad: dxi [c, h, w] = col2im(Wᵀ·dyi). */
export function inputGradImage(g: ConvShape, dyi: usize, wt: usize, dxi: usize, cols: usize, ws: usize): void {
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  gemm(1, 0, taps, pix, g.f, wt, taps, dyi, pix, cols, pix, 0, ws);
  col2im(cols, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, g.oh, g.ow, dxi);
}

/** dW = 0 and db = 0: the gradients of an empty batch. */
export function clearGrads(g: ConvShape, dw: usize, db: usize): void {
  memory.fill(dw, 0, <usize>(g.f * tapsOf(g)) << 2);
  if (db) memory.fill(db, 0, <usize>g.f << 2);
}
