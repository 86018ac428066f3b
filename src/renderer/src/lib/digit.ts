// A drawn image made to look like an MNIST digit: the ink's bounding box scaled to fit 20×20 (keeping its
// aspect), then placed in a 28×28 frame with its centre of mass in the middle — as MNIST was prepared.

const FRAME = 28;
const BOX = 20;

/**
 * `ink`: [height, width] values in [0, 1] (0 = background), row-major. Returns 784 values in [0, 1].
 * An empty drawing gives all zeros.
 */
export function toMnistInput(ink: ArrayLike<number>, width: number, height: number): number[] {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > 0.05) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const out = new Array<number>(FRAME * FRAME).fill(0);
  if (x1 < 0) return out;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const scale = BOX / Math.max(bw, bh);
  const sw = Math.max(1, Math.round(bw * scale));
  const sh = Math.max(1, Math.round(bh * scale));
  // Area-average the box into sw × sh (each target pixel averages the source pixels it covers).
  const small = new Float64Array(sw * sh);
  for (let ty = 0; ty < sh; ty++) {
    const syA = y0 + (ty * bh) / sh;
    const syB = y0 + ((ty + 1) * bh) / sh;
    for (let tx = 0; tx < sw; tx++) {
      const sxA = x0 + (tx * bw) / sw;
      const sxB = x0 + ((tx + 1) * bw) / sw;
      let sum = 0;
      let area = 0;
      for (let sy = Math.floor(syA); sy < Math.ceil(syB); sy++) {
        const hy = Math.min(sy + 1, syB) - Math.max(sy, syA);
        for (let sx = Math.floor(sxA); sx < Math.ceil(sxB); sx++) {
          const hx = Math.min(sx + 1, sxB) - Math.max(sx, sxA);
          sum += ink[sy * width + sx]! * hx * hy;
          area += hx * hy;
        }
      }
      small[ty * sw + tx] = area > 0 ? sum / area : 0;
    }
  }
  // Centre of mass of the scaled ink → where it lands in the frame.
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const v = small[y * sw + x]!;
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  cx = mass > 0 ? cx / mass : sw / 2;
  cy = mass > 0 ? cy / mass : sh / 2;
  const ox = Math.round(FRAME / 2 - cx);
  const oy = Math.round(FRAME / 2 - cy);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const fx = x + ox;
      const fy = y + oy;
      if (fx >= 0 && fx < FRAME && fy >= 0 && fy < FRAME) out[fy * FRAME + fx] = Math.min(1, small[y * sw + x]!);
    }
  }
  return out;
}
