// The conv → ReLU → 2×2 max-pool forward straight from the image (stride 1, no padding): no unfolded or
// packed copy of it and no convolution output in memory. Sixteen output pixels (two rows of eight: four
// pooling windows) of two filters at a time sit in 8 accumulators; ReLU and the pooling run in registers.
// NOTE: filters along the lanes instead (as the native addon does, four pixels × eight filters, scattering
// each window's filters) measured 10% slower here, and a row of five taps unrolled 1.7× slower (V8 then
// loads every tap's inputs first and spills).
import { ConvShape, pixelsOf, tapsOf } from './conv-shape';
import { KC } from './gemm';
import { madd } from './simd';

/** 1 when directPoolForwardImage serves the block: 2×2 windows at stride 2, at least four per pooled row, one k-block of taps. */
export function directPoolFits(g: ConvShape, size: i32, stride: i32, pw: i32): bool {
  return g.pad == 0 && g.stride == 1 && size == 2 && stride == 2 && pw >= 4 && tapsOf(g) <= KC;
}

/**
 * Each taps row's (channel, ky) byte offset from a window's top-left input, into `at` (c·kh i32), then its
 * input line relative to the window's (c·kh i32: channel·h + ky), once per call.
 */
export function directTapOffsets(g: ConvShape, at: usize): void {
  const rows = g.c * g.kh;
  for (let r = 0; r < rows; r++) {
    const line = (r / g.kh) * g.h + (r % g.kh);
    store<i32>(at + (<usize>r << 2), (line * g.w) << 2);
    store<i32>(at + (<usize>(rows + r) << 2), line);
  }
}

/**
 * yi, argi [f, ph, pw] = maxpool(ReLU(W·cols(xi) + bias)) of one image (bias 0: none); argmax indexes the
 * image's [f, oh, ow] convolution output. `at`: directTapOffsets' table.
 */
// NOTE: bit for bit the GEMM path (forwardImage, then maxPoolForward): each output summed from 0 over the
// taps in order with the same multiply-add, then + bias and ReLU, then pooled as pool2x2Row does. A last
// group of windows that would cross the row's end starts earlier instead, redoing some windows identically.
export function directPoolForwardImage(g: ConvShape, ph: i32, pw: i32, xi: usize, wt: usize, bias: usize, yi: usize, argi: usize, at: usize): void {
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  const row = <usize>g.w << 2;
  const rows = g.c * g.kh;
  const kwBytes = <usize>g.kw << 2;
  const groups = (pw + 3) >> 2;
  const blank = at + (<usize>(2 * rows) << 2);
  blankSegments(g, pw, xi, blank);
  for (let f = 0; f < g.f; f += 2) {
    const f1 = min(f + 1, g.f - 1); // an odd last filter pairs with itself
    const w0 = wt + (<usize>(f * taps) << 2);
    const w1 = wt + (<usize>(f1 * taps) << 2);
    for (let py = 0; py < ph; py++) {
      for (let qx = 0; qx < pw; qx += 4) {
        const q = min(qx, pw - 4);
        const src = xi + (<usize>(2 * py * g.w + 2 * q) << 2);
        const zero = f32x4.splat(0);
        let a00 = zero, a01 = zero, a10 = zero, a11 = zero, c00 = zero, c01 = zero, c10 = zero, c11 = zero;
        // Taps row by row (channel, ky): along a row the input moves one float per tap. A row whose two input
        // segments are all zero (an MNIST margin) would add only ±0s, which change no sum: it is skipped.
        const gap = w1 - w0;
        const flags = blank + (<usize>(2 * py * groups + (qx >> 2)) << 2);
        for (let r = 0; r < rows; r++) {
          const line = flags + (<usize>(load<i32>(at + (<usize>(rows + r) << 2)) * groups) << 2);
          if (load<i32>(line) & load<i32>(line + (<usize>groups << 2))) continue;
          let x = src + <usize>load<i32>(at + (<usize>r << 2));
          let wp = w0 + <usize>r * kwBytes;
          const rowEnd = wp + kwBytes;
          while (wp < rowEnd) {
            const x0 = v128.load(x);
            const x1 = v128.load(x, 16);
            const x2 = v128.load(x + row);
            const x3 = v128.load(x + row, 16);
            let s = v128.load32_splat(wp);
            a00 = madd(s, x0, a00);
            a01 = madd(s, x1, a01);
            a10 = madd(s, x2, a10);
            a11 = madd(s, x3, a11);
            s = v128.load32_splat(wp + gap);
            c00 = madd(s, x0, c00);
            c01 = madd(s, x1, c01);
            c10 = madd(s, x2, c10);
            c11 = madd(s, x3, c11);
            x += 4;
            wp += 4;
          }
        }
        const first = 2 * py * g.ow + 2 * q;
        const out = <usize>(py * pw + q) << 2;
        poolStore(a00, a01, a10, a11, bias ? bias + (<usize>f << 2) : 0, f * pix + first, g.ow, yi + (<usize>(f * ph * pw) << 2) + out, argi + (<usize>(f * ph * pw) << 2) + out);
        if (f1 != f) {
          poolStore(c00, c01, c10, c11, bias ? bias + (<usize>f1 << 2) : 0, f1 * pix + first, g.ow, yi + (<usize>(f1 * ph * pw) << 2) + out, argi + (<usize>(f1 * ph * pw) << 2) + out);
        }
      }
    }
  }
}

/**
 * For each input line (channel, row) and group of four windows (windows 4k.. of a pooled row in
 * directPoolForwardImage), into `blank` [c·h][groups] (i32): 1 when the line's inputs under the group are all
 * zero, so each product with them is ±0, which changes no sum that starts at +0 (never −0).
 */
// NOTE: exact for finite weights (an infinite or NaN weight times 0 would be NaN in the GEMM path).
function blankSegments(g: ConvShape, pw: i32, xi: usize, blank: usize): void {
  const groups = (pw + 3) >> 2;
  const width = 7 + g.kw; // eight outputs of a row, then the filter's reach
  const full = width >> 2;
  for (let line = 0; line < g.c * g.h; line++) {
    for (let k = 0; k < groups; k++) {
      const src = xi + (<usize>(line * g.w + 2 * min(4 * k, pw - 4)) << 2);
      let any = f32x4.splat(0);
      for (let v = 0; v < full; v++) any = v128.or(any, v128.load(src + (<usize>v << 4)));
      let rest: f32 = 0;
      for (let t = full << 2; t < width; t++) rest = max(rest, abs(load<f32>(src + (<usize>t << 2))));
      // Bits without the sign: −0 counts as zero too, NaN does not.
      store<i32>(blank + (<usize>(line * groups + k) << 2), i32(!v128.any_true(v128.and(any, i32x4.splat(0x7fffffff))) && rest == 0));
    }
  }
}

/**
 * One filter's 2×4 windows: rows (t0 t1) and (b0 b1) of eight pixels each get + bias (0: none) and ReLU,
 * then each window's max and index (idx: the first pixel's, in the image's output) go to y and argmax.
 */
@inline
function poolStore(t0: v128, t1: v128, b0: v128, b1: v128, bias: usize, idx: i32, ow: i32, y: usize, argmax: usize): void {
  if (bias) {
    const b = v128.load32_splat(bias);
    t0 = f32x4.add(t0, b);
    t1 = f32x4.add(t1, b);
    b0 = f32x4.add(b0, b);
    b1 = f32x4.add(b1, b);
  }
  const z = f32x4.splat(0);
  t0 = f32x4.max(t0, z);
  t1 = f32x4.max(t1, z);
  b0 = f32x4.max(b0, z);
  b1 = f32x4.max(b1, z);
  const first = i32x4.add(i32x4.splat(idx), i32x4(0, 2, 4, 6));
  let best = f32x4.splat(-Infinity);
  let bestIdx = first;
  let v = f32x4.shuffle(t0, t1, 0, 2, 4, 6);
  let m = f32x4.gt(v, best);
  best = v128.bitselect(v, best, m);
  v = f32x4.shuffle(t0, t1, 1, 3, 5, 7);
  m = f32x4.gt(v, best);
  best = v128.bitselect(v, best, m);
  bestIdx = v128.bitselect(i32x4.add(first, i32x4.splat(1)), bestIdx, m);
  v = f32x4.shuffle(b0, b1, 0, 2, 4, 6);
  m = f32x4.gt(v, best);
  best = v128.bitselect(v, best, m);
  bestIdx = v128.bitselect(i32x4.add(first, i32x4.splat(ow)), bestIdx, m);
  v = f32x4.shuffle(b0, b1, 1, 3, 5, 7);
  m = f32x4.gt(v, best);
  best = v128.bitselect(v, best, m);
  bestIdx = v128.bitselect(i32x4.add(first, i32x4.splat(ow + 1)), bestIdx, m);
  v128.store(y, best);
  v128.store(argmax, bestIdx);
}
