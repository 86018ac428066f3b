// im2col inside the packing step: B panels of a convolution's products read straight from the image.
import { ConvShape, colValue } from './conv-shape';
import { NR } from './microkernel';
import { storeTransposed4 } from './pack';

/**
 * Packs cols[r0..r0+kc][p0..p0+nc] of image x (the B of the forward product W·cols) into panels of NR
 * output pixels: panel j holds, per tap r, the NR values cols[r][p0 + j·NR ..]. `lanes`: 64 i32 of scratch.
 * NR pixels on one output row at stride 1 are NR consecutive inputs: two loads, unless at the padding.
 */
export function packColsByPixel(x: usize, g: ConvShape, r0: i32, p0: i32, kc: i32, nc: i32, dst: usize, lanes: usize): void {
  const area = g.kh * g.kw;
  for (let jr = 0; jr < nc; jr += NR) {
    const panel = dst + <usize>(jr * kc) * 4;
    const p = p0 + jr;
    const nr = min(NR, nc - jr);
    const oy = p / g.ow;
    const ox = p - oy * g.ow;
    const run = nr == NR && g.stride == 1 && ox + NR <= g.ow;
    if (!run) {
      for (let j = 0; j < nr; j++) {
        store<i32>(lanes + (<usize>j << 3), (p + j) / g.ow);
        store<i32>(lanes + (<usize>j << 3) + 4, (p + j) % g.ow);
      }
    }
    let ch = r0 / area;
    let ky = (r0 - ch * area) / g.kw;
    let kx = r0 - ch * area - ky * g.kw;
    for (let s = 0; s < kc; s++) {
      const out = panel + <usize>(s * NR) * 4;
      const iy = oy - g.pad + ky;
      const ix = ox - g.pad + kx;
      if (run && <u32>iy < <u32>g.h && ix >= 0 && ix + NR <= g.w) {
        const src = x + (<usize>((ch * g.h + iy) * g.w + ix) << 2);
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
      } else if (run) {
        for (let j = 0; j < NR; j++) store<f32>(out + (<usize>j << 2), colValue(x, g, ch, ky, kx, oy, ox + j));
      } else {
        for (let j = 0; j < NR; j++) {
          const at = lanes + (<usize>j << 3);
          store<f32>(out + (<usize>j << 2), j < nr ? colValue(x, g, ch, ky, kx, load<i32>(at), load<i32>(at, 4)) : 0);
        }
      }
      if (++kx == g.kw) {
        kx = 0;
        if (++ky == g.kh) {
          ky = 0;
          ch++;
        }
      }
    }
  }
}

/** Four consecutive inputs of tap t (its offset in the lane table plus `shift`), or zeros past the used taps. */
@inline
function tapRun(x: usize, lanes: usize, t: i32, used: i32, shift: i32): v128 {
  if (t >= used) return f32x4.splat(0);
  return v128.load(x + (<usize>(load<i32>(lanes + (<usize>t << 4), 12) + shift) << 2));
}

/**
 * Packs colsᵀ[p0..p0+kc][r0..r0+nc] of image x (the B of the weight gradient dy·colsᵀ) into panels of NR
 * taps: panel j holds, per output pixel p, the NR values cols[r0 + j·NR ..][p]. At stride 1, four pixels
 * on one output row are four consecutive inputs per tap: eight loads and two 4×4 transposes.
 */
export function packColsByTap(x: usize, g: ConvShape, p0: i32, r0: i32, kc: i32, nc: i32, dst: usize, lanes: usize): void {
  const area = g.kh * g.kw;
  const step = <usize>(NR << 2);
  for (let jr = 0; jr < nc; jr += NR) {
    const panel = dst + <usize>(jr * kc) * 4;
    const nr = min(NR, nc - jr);
    // Lane table: (ch, ky, kx, input offset) per tap, and the extremes of ky and kx over the taps.
    let kyMin = g.kh, kyMax = -1, kxMin = g.kw, kxMax = -1;
    for (let t = 0; t < nr; t++) {
      const r = r0 + jr + t;
      const ch = r / area;
      const ky = (r - ch * area) / g.kw;
      const kx = r - ch * area - ky * g.kw;
      const at = lanes + (<usize>t << 4);
      store<i32>(at, ch);
      store<i32>(at, ky, 4);
      store<i32>(at, kx, 8);
      store<i32>(at, (ch * g.h + ky) * g.w + kx, 12);
      kyMin = min(kyMin, ky);
      kyMax = max(kyMax, ky);
      kxMin = min(kxMin, kx);
      kxMax = max(kxMax, kx);
    }
    let s = 0;
    while (s < kc) {
      const p = p0 + s;
      const oy = p / g.ow;
      const ox = p - oy * g.ow;
      const out = panel + <usize>s * step;
      const iy = oy - g.pad;
      const ix = ox - g.pad;
      if (g.stride == 1 && s + 4 <= kc && ox + 4 <= g.ow && iy + kyMin >= 0 && iy + kyMax < g.h && ix + kxMin >= 0 && ix + kxMax + 4 <= g.w) {
        const shift = iy * g.w + ix;
        storeTransposed4(out, step, tapRun(x, lanes, 0, nr, shift), tapRun(x, lanes, 1, nr, shift), tapRun(x, lanes, 2, nr, shift), tapRun(x, lanes, 3, nr, shift));
        storeTransposed4(out + 16, step, tapRun(x, lanes, 4, nr, shift), tapRun(x, lanes, 5, nr, shift), tapRun(x, lanes, 6, nr, shift), tapRun(x, lanes, 7, nr, shift));
        s += 4;
      } else {
        for (let t = 0; t < NR; t++) {
          const at = lanes + (<usize>t << 4);
          store<f32>(out + (<usize>t << 2), t < nr ? colValue(x, g, load<i32>(at), load<i32>(at, 4), load<i32>(at, 8), oy, ox) : 0);
        }
        s++;
      }
    }
  }
}
