// Reference im2col / col2im for one image; rows of cols are (channel, ky, kx), columns are output pixels.
import { convOutSize } from '../kernels';

export function im2colReference(
  x: Float32Array,
  c: number,
  h: number,
  w: number,
  kh: number,
  kw: number,
  stride: number,
  pad: number,
  cols: Float32Array,
): void {
  const oh = convOutSize(h, kh, stride, pad);
  const ow = convOutSize(w, kw, stride, pad);
  let row = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++, row++) {
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * stride - pad + ky;
          for (let ox = 0; ox < ow; ox++) {
            const ix = ox * stride - pad + kx;
            const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
            cols[row * oh * ow + oy * ow + ox] = inside ? x[ch * h * w + iy * w + ix]! : 0;
          }
        }
      }
    }
  }
}

export function col2imReference(
  cols: Float32Array,
  c: number,
  h: number,
  w: number,
  kh: number,
  kw: number,
  stride: number,
  pad: number,
  dx: Float32Array,
): void {
  const oh = convOutSize(h, kh, stride, pad);
  const ow = convOutSize(w, kw, stride, pad);
  dx.fill(0, 0, c * h * w);
  let row = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++, row++) {
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * stride - pad + ky;
          if (iy < 0 || iy >= h) continue;
          for (let ox = 0; ox < ow; ox++) {
            const ix = ox * stride - pad + kx;
            if (ix < 0 || ix >= w) continue;
            dx[ch * h * w + iy * w + ix]! += cols[row * oh * ow + oy * ow + ox]!;
          }
        }
      }
    }
  }
}
