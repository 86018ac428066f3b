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
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const ldcBytes = <usize>pix << 2;
  const kb = balancedBlock(taps, KC, 4);
  const mb = balancedBlock(g.f, MC, MR);
  const ap = aPanels(ws);
  const bp = bPanels(ws);
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * xBytes;
    const yi = y + <usize>(i * g.f) * ldcBytes;
    for (let jc = 0; jc < pix; jc += NC) {
      const nc = min(NC, pix - jc);
      for (let pc = 0; pc < taps; pc += kb) {
        const kc = min(kb, taps - pc);
        const last = pc + kc >= taps;
        packColsByPixel(xi, g, pc, jc, kc, nc, bp, laneScratch(ws));
        for (let ic = 0; ic < g.f; ic += mb) {
          const mc = min(mb, g.f - ic);
          packA(0, wt, taps, ic, pc, mc, kc, ap, 0, 0);
          const rowBias = last && bias ? bias + (<usize>ic << 2) : 0;
          macroKernel(kc, ap, bp, mc, nc, yi + <usize>ic * ldcBytes + (<usize>jc << 2), ldcBytes, pc > 0 ? 1 : 0, rowBias, 0, last ? relu : 0, ws);
        }
      }
    }
  }
}

/**
 * dW = Σᵢ dy[i]·cols(x[i])ᵀ and db = Σᵢ Σ_pixels dy[i] (db 0: none), both overwritten, as one product
 * over the whole batch: x [n, c, h, w], dy [n, f, oh, ow], dW [f, c·kh·kw], db [f].
 */
export function convWeightGrad(shape: usize, n: i32, x: usize, dy: usize, dw: usize, db: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  if (n <= 0 || pix <= 0) {
    memory.fill(dw, 0, <usize>(g.f * taps) << 2);
    if (db) memory.fill(db, 0, <usize>g.f << 2);
    return;
  }
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const dyBytes = <usize>(g.f * pix) << 2;
  const ldcBytes = <usize>taps << 2;
  const kb = balancedBlock(pix, KC, 4);
  const mb = balancedBlock(g.f, MC, MR);
  const ap = aPanels(ws);
  const bp = bPanels(ws);
  for (let jc = 0; jc < taps; jc += NC) {
    const nc = min(NC, taps - jc);
    for (let i = 0; i < n; i++) {
      for (let pc = 0; pc < pix; pc += kb) {
        const kc = min(kb, pix - pc);
        const first = i == 0 && pc == 0 ? 1 : 0;
        packColsByTap(x + <usize>i * xBytes, g, pc, jc, kc, nc, bp, laneScratch(ws));
        for (let ic = 0; ic < g.f; ic += mb) {
          const mc = min(mb, g.f - ic);
          packA(0, dy + <usize>i * dyBytes, pix, ic, pc, mc, kc, ap, jc == 0 && db ? db + (<usize>ic << 2) : 0, first);
          macroKernel(kc, ap, bp, mc, nc, dw + <usize>ic * ldcBytes + (<usize>jc << 2), ldcBytes, first ? 0 : 1, 0, 0, 0, ws);
        }
      }
    }
  }
}

/**
 * dx[i] = col2im(Wᵀ·dy[i]) for i < n: dy [n, f, oh, ow], W [f, c·kh·kw], dx [n, c, h, w] (overwritten);
 * cols: c·kh·kw·oh·ow floats of scratch.
 */
export function convInputGrad(shape: usize, n: i32, dy: usize, wt: usize, dx: usize, cols: usize, ws: usize): void {
  const g = changetype<ConvShape>(shape);
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  const xBytes = <usize>(g.c * g.h * g.w) << 2;
  const dyBytes = <usize>(g.f * pix) << 2;
  for (let i = 0; i < n; i++) {
    gemm(1, 0, taps, pix, g.f, wt, taps, dy + <usize>i * dyBytes, pix, cols, pix, 0, ws);
    col2im(cols, g.c, g.h, g.w, g.kh, g.kw, g.stride, g.pad, g.oh, g.ow, dx + <usize>i * xBytes);
  }
}
