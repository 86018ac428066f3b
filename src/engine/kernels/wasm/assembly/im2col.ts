// im2col / col2im for one image: rows of cols are (channel, ky, kx), columns are output pixels (oy, ox).
import { addFloats, copyFloats, zeroFloats } from './simd';

/** First output column whose input column ox·stride − pad + kx is ≥ 0. */
@inline
function firstInside(pad: i32, kx: i32, stride: i32): i32 {
  const need = pad - kx;
  return need <= 0 ? 0 : (need + stride - 1) / stride;
}

/** One past the last output column whose input column is < w. */
@inline
function endInside(w: i32, pad: i32, kx: i32, stride: i32): i32 {
  const last = w - 1 + pad - kx;
  return last < 0 ? 0 : last / stride + 1;
}

/** x: [c, h, w] → cols: [c·kh·kw, oh·ow]; padding reads as zero. Pointers are byte addresses. */
export function im2col(x: usize, c: i32, h: i32, w: i32, kh: i32, kw: i32, stride: i32, pad: i32, oh: i32, ow: i32, cols: usize): void {
  let dst = cols;
  for (let ch = 0; ch < c; ch++) {
    const plane = x + <usize>(ch * h * w) * 4;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const lo = min(firstInside(pad, kx, stride), ow);
        const hi = max(lo, min(endInside(w, pad, kx, stride), ow));
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * stride - pad + ky;
          if (iy < 0 || iy >= h) {
            zeroFloats(dst, ow);
          } else {
            const src = plane + <usize>(iy * w - pad + kx) * 4;
            zeroFloats(dst, lo);
            if (stride == 1) {
              copyFloats(dst + (<usize>lo << 2), src + (<usize>lo << 2), hi - lo);
            } else {
              for (let ox = lo; ox < hi; ox++) store<f32>(dst + (<usize>ox << 2), load<f32>(src + (<usize>(ox * stride) << 2)));
            }
            zeroFloats(dst + (<usize>hi << 2), ow - hi);
          }
          dst += <usize>ow << 2;
        }
      }
    }
  }
}

/** The adjoint of im2col: dx: [c, h, w] (overwritten) = cols: [c·kh·kw, oh·ow] summed back into place. */
export function col2im(cols: usize, c: i32, h: i32, w: i32, kh: i32, kw: i32, stride: i32, pad: i32, oh: i32, ow: i32, dx: usize): void {
  zeroFloats(dx, c * h * w);
  let src = cols;
  for (let ch = 0; ch < c; ch++) {
    const plane = dx + <usize>(ch * h * w) * 4;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const lo = min(firstInside(pad, kx, stride), ow);
        const hi = max(lo, min(endInside(w, pad, kx, stride), ow));
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * stride - pad + ky;
          if (iy >= 0 && iy < h) {
            const row = plane + <usize>(iy * w - pad + kx) * 4;
            if (stride == 1) {
              addFloats(row + (<usize>lo << 2), src + (<usize>lo << 2), hi - lo);
            } else {
              for (let ox = lo; ox < hi; ox++) {
                const d = row + (<usize>(ox * stride) << 2);
                store<f32>(d, load<f32>(d) + load<f32>(src + (<usize>ox << 2)));
              }
            }
          }
          src += <usize>ow << 2;
        }
      }
    }
  }
}
