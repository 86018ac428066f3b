// The one multiply-add every kernel uses: fused relaxed-SIMD in the relaxed build, mul + add otherwise.

/** a·b + c on four f32 lanes. */
// NOTE: relaxed_madd may round once (FMA) or twice depending on the CPU, so results differ from the
// reference in the last bits; tests compare with a tolerance.
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    return f32x4.relaxed_madd(a, b, c);
  } else {
    return f32x4.add(f32x4.mul(a, b), c);
  }
}

/** Copies `count` floats from `src` to `dst` (no overlap), four at a time. */
@inline
export function copyFloats(dst: usize, src: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < count; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

/** Adds `count` floats of `src` into `dst`, four at a time. */
@inline
export function addFloats(dst: usize, src: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const d = dst + (<usize>i << 2);
    v128.store(d, f32x4.add(v128.load(d), v128.load(src + (<usize>i << 2))));
  }
  for (; i < count; i++) {
    const d = dst + (<usize>i << 2);
    store<f32>(d, load<f32>(d) + load<f32>(src + (<usize>i << 2)));
  }
}

/** Writes `count` zero floats at `dst`. */
@inline
export function zeroFloats(dst: usize, count: i32): void {
  let i = 0;
  const z = f32x4.splat(0);
  for (; i + 4 <= count; i += 4) v128.store(dst + (<usize>i << 2), z);
  for (; i < count; i++) store<f32>(dst + (<usize>i << 2), 0);
}
