// On-the-fly image augmentation: a random translation, rotation and scaling as one affine warp with bilinear sampling.
import { ConfigError } from '../errors';
import type { Rng } from '../random';

/** Maximum magnitude of each transform; 0 or absent turns it off. */
export interface AugmentSpec {
  /** Shift in pixels, uniform in [-translate, translate] along each axis. */
  readonly translate?: number;
  /** Rotation in degrees, uniform in [-rotate, rotate]. At most 180. */
  readonly rotate?: number;
  /** Scale factor uniform in [1 - scale, 1 + scale]. Below 1. */
  readonly scale?: number;
}

/** One concrete transform, applied about the image centre: scale, then rotate, then shift. */
export interface AffineParams {
  /** Shift in pixels, right and down. */
  dx: number;
  dy: number;
  /** Positive turns clockwise as displayed (rows run downwards). */
  degrees: number;
  scale: number;
}

/** Throws a ConfigError naming the field unless every magnitude is finite and in range. */
export function validateAugmentSpec(spec: AugmentSpec): void {
  const check = (field: keyof AugmentSpec, max: number): void => {
    const v = spec[field];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0 && v <= max)) {
      throw new ConfigError(`augment.${field}`, `must be in [0, ${max}], got ${v}`);
    }
  };
  check('translate', 1e6);
  check('rotate', 180);
  check('scale', 0.99);
}

/** True when the spec changes nothing (all magnitudes 0 or absent). */
export function isAugmentOff(spec: AugmentSpec | undefined): boolean {
  return !spec || (!spec.translate && !spec.rotate && !spec.scale);
}

/**
 * Draws one transform from `spec` into `out` (reused, so the per-image loop allocates nothing).
 * Always draws four numbers, so which magnitudes are on does not shift the random stream.
 */
export function sampleAffine(spec: AugmentSpec, rng: Rng, out: AffineParams = identityAffine()): AffineParams {
  out.dx = (2 * rng.uniform() - 1) * (spec.translate ?? 0);
  out.dy = (2 * rng.uniform() - 1) * (spec.translate ?? 0);
  out.degrees = (2 * rng.uniform() - 1) * (spec.rotate ?? 0);
  out.scale = 1 + (2 * rng.uniform() - 1) * (spec.scale ?? 0);
  return out;
}

/** A fresh no-op transform (also the scratch object for {@link sampleAffine}). */
export function identityAffine(): AffineParams {
  return { dx: 0, dy: 0, degrees: 0, scale: 1 };
}

/**
 * Warps one image `[C, H, W]` from `src` (at `srcOffset`) into `dst` (at `dstOffset`); the two must not overlap.
 * Each output pixel samples the inverse-mapped source point bilinearly; points outside read `fill`.
 * Allocates nothing.
 */
export function warpAffine(
  src: Float32Array,
  srcOffset: number,
  dst: Float32Array,
  dstOffset: number,
  shape: readonly [number, number, number],
  p: AffineParams,
  fill = 0,
): void {
  const [C, H, W] = shape;
  const cx = (W - 1) / 2;
  const cy = (H - 1) / 2;
  // Forward: q = s·R(θ)·(p - c) + c + t. Inverse: p = R(-θ)·(q - c - t)/s + c, written as
  // sx = a·x + b·y + e, sy = c·x + d·y + f so the inner loop only adds.
  const rad = (p.degrees * Math.PI) / 180;
  const cos = Math.cos(rad) / p.scale;
  const sin = Math.sin(rad) / p.scale;
  const a = cos;
  const b = sin;
  const c = -sin;
  const d = cos;
  const ox = -cx - p.dx;
  const oy = -cy - p.dy;
  const e = a * ox + b * oy + cx;
  const f = c * ox + d * oy + cy;
  const plane = H * W;
  for (let ch = 0; ch < C; ch++) {
    const s0 = srcOffset + ch * plane;
    let o = dstOffset + ch * plane;
    for (let y = 0; y < H; y++) {
      let sx = b * y + e;
      let sy = d * y + f;
      for (let x = 0; x < W; x++, o++, sx += a, sy += c) {
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        // NOTE: snapping near-integers keeps exact shifts and right angles exact despite cos(90°) ≈ 6e-17.
        let fx = sx - x0;
        let fy = sy - y0;
        if (fx < 1e-9) fx = 0;
        if (fy < 1e-9) fy = 0;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < W && y0 + 1 < H) {
          const i = s0 + y0 * W + x0;
          const top = src[i]! + fx * (src[i + 1]! - src[i]!);
          const bot = src[i + W]! + fx * (src[i + W + 1]! - src[i + W]!);
          dst[o] = top + fy * (bot - top);
        } else {
          dst[o] = sampleEdge(src, s0, W, H, x0, y0, fx, fy, fill);
        }
      }
    }
  }
}

/** Bilinear sample where some of the four neighbours fall outside the image (no closure: this runs per pixel). */
function sampleEdge(src: Float32Array, s0: number, W: number, H: number, x0: number, y0: number, fx: number, fy: number, fill: number): number {
  const top = pixel(src, s0, W, H, x0, y0, fill) * (1 - fx) + (fx === 0 ? 0 : pixel(src, s0, W, H, x0 + 1, y0, fill) * fx);
  if (fy === 0) return top;
  const bot = pixel(src, s0, W, H, x0, y0 + 1, fill) * (1 - fx) + (fx === 0 ? 0 : pixel(src, s0, W, H, x0 + 1, y0 + 1, fill) * fx);
  return top * (1 - fy) + bot * fy;
}

function pixel(src: Float32Array, s0: number, W: number, H: number, x: number, y: number, fill: number): number {
  return x >= 0 && y >= 0 && x < W && y < H ? src[s0 + y * W + x]! : fill;
}

/**
 * Applies a random transform drawn from `spec` to one image; copies it unchanged when the spec is off.
 * src/dst as in {@link warpAffine}; pass `scratch` to reuse one params object across calls.
 */
export function augmentInto(
  spec: AugmentSpec,
  rng: Rng,
  src: Float32Array,
  srcOffset: number,
  dst: Float32Array,
  dstOffset: number,
  shape: readonly [number, number, number],
  fill = 0,
  scratch?: AffineParams,
): void {
  if (isAugmentOff(spec)) {
    const size = shape[0] * shape[1] * shape[2];
    dst.set(src.subarray(srcOffset, srcOffset + size), dstOffset);
    return;
  }
  warpAffine(src, srcOffset, dst, dstOffset, shape, sampleAffine(spec, rng, scratch), fill);
}
