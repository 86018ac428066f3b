// The geometry of one convolution, as the JS side writes it into memory (ten i32, in this order).

@unmanaged
export class ConvShape {
  /** Input channels, height, width. */
  c: i32;
  h: i32;
  w: i32;
  /** Filters (output channels). */
  f: i32;
  /** Kernel height and width, stride, zero padding. */
  kh: i32;
  kw: i32;
  stride: i32;
  pad: i32;
  /** Output height and width. */
  oh: i32;
  ow: i32;
}

/** Rows of the unfolded input (c·kh·kw) and output pixels per image (oh·ow). */
@inline
export function tapsOf(g: ConvShape): i32 {
  return g.c * g.kh * g.kw;
}

@inline
export function pixelsOf(g: ConvShape): i32 {
  return g.oh * g.ow;
}

/**
 * The value of cols[tap][pixel] for image x: tap = (ch, ky, kx), pixel = (oy, ox) — the input at
 * (oy·stride − pad + ky, ox·stride − pad + kx) of channel ch, or 0 in the padding.
 */
@inline
export function colValue(x: usize, g: ConvShape, ch: i32, ky: i32, kx: i32, oy: i32, ox: i32): f32 {
  const iy = oy * g.stride - g.pad + ky;
  const ix = ox * g.stride - g.pad + kx;
  if (<u32>iy >= <u32>g.h || <u32>ix >= <u32>g.w) return 0;
  return load<f32>(x + (<usize>((ch * g.h + iy) * g.w + ix) << 2));
}
