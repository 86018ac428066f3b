// Lists of an input's nonzero values for sparseDot: an entry is the value (at list + 4·e) and the byte offset
// of its row of weights (at list + LIST_OFFSETS + 4·e), entries in the input's order.

/** Where a list's offsets start, after room for KC + 4 values (the vector compaction writes up to 3 past its end). */
export const LIST_OFFSETS: usize = 1600;
/** Bytes of one list: values, then offsets. */
export const LIST_BYTES: usize = 2 * LIST_OFFSETS;

/** i8x16.swizzle masks that move the lanes set in a 4-bit mask to the front, in order: 16 of 16 bytes at `table`. */
export function buildCompactTable(table: usize): void {
  for (let m = 0; m < 16; m++) {
    let k = 0;
    for (let lane = 0; lane < 4; lane++) {
      if (!(m & (1 << lane))) continue;
      for (let b = 0; b < 4; b++) store<u8>(table + <usize>(m * 16 + k * 4 + b), <u8>(lane * 4 + b));
      k++;
    }
    for (; k < 4; k++) for (let b = 0; b < 4; b++) store<u8>(table + <usize>(m * 16 + k * 4 + b), 0);
  }
}

/**
 * The list of x[0..count) (contiguous) with x[i] ≠ 0 (NaN included), entry (x[i], i·rowBytes); returns its
 * length. Four inputs at a time, compacted by a swizzle from buildCompactTable's `table`.
 */
export function nonzeroList(x: usize, count: i32, rowBytes: i32, table: usize, list: usize): i32 {
  const zero = f32x4.splat(0);
  let offsets = i32x4.mul(i32x4(0, 1, 2, 3), i32x4.splat(rowBytes));
  const step = i32x4.splat(rowBytes << 2);
  let c: usize = 0;
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const m = i32x4.bitmask(f32x4.ne(v, zero));
    const mask = v128.load(table + (<usize>m << 4));
    const at = list + (c << 2);
    v128.store(at, i8x16.swizzle(v, mask));
    v128.store(at + LIST_OFFSETS, i8x16.swizzle(offsets, mask));
    c += <usize>popcnt(m);
    offsets = i32x4.add(offsets, step);
  }
  for (; i < count; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(list + (c << 2), v);
    store<i32>(list + (c << 2) + LIST_OFFSETS, i * rowBytes);
    c += <usize>(v != 0);
  }
  return <i32>c;
}

/**
 * For 4 columns j of x (rows ldBytes apart, from x): the list of rows s < rows with x[s, j] ≠ 0, entry
 * (x[s, j], s·rowBytes), into lists + j·LIST_BYTES; their lengths into counts[0..4).
 */
export function nonzeroColumns4(x: usize, ldBytes: usize, rows: i32, rowBytes: i32, lists: usize, counts: usize): void {
  let c0: usize = 0, c1: usize = 0, c2: usize = 0, c3: usize = 0;
  let at = x;
  let offset = 0;
  for (let s = 0; s < rows; s++) {
    const v0 = load<f32>(at), v1 = load<f32>(at, 4), v2 = load<f32>(at, 8), v3 = load<f32>(at, 12);
    store<f32>(lists + c0, v0);
    store<i32>(lists + c0 + LIST_OFFSETS, offset);
    store<f32>(lists + LIST_BYTES + c1, v1);
    store<i32>(lists + LIST_BYTES + c1 + LIST_OFFSETS, offset);
    store<f32>(lists + 2 * LIST_BYTES + c2, v2);
    store<i32>(lists + 2 * LIST_BYTES + c2 + LIST_OFFSETS, offset);
    store<f32>(lists + 3 * LIST_BYTES + c3, v3);
    store<i32>(lists + 3 * LIST_BYTES + c3 + LIST_OFFSETS, offset);
    c0 += <usize>(v0 != 0) << 2;
    c1 += <usize>(v1 != 0) << 2;
    c2 += <usize>(v2 != 0) << 2;
    c3 += <usize>(v3 != 0) << 2;
    at += ldBytes;
    offset += rowBytes;
  }
  store<i32>(counts, <i32>(c0 >> 2));
  store<i32>(counts, <i32>(c1 >> 2), 4);
  store<i32>(counts, <i32>(c2 >> 2), 8);
  store<i32>(counts, <i32>(c3 >> 2), 12);
}

/** nonzeroColumns4 for one column. */
export function nonzeroColumn(x: usize, ldBytes: usize, rows: i32, rowBytes: i32, list: usize): i32 {
  let c: usize = 0;
  let at = x;
  for (let s = 0; s < rows; s++) {
    const v = load<f32>(at);
    store<f32>(list + c, v);
    store<i32>(list + c + LIST_OFFSETS, s * rowBytes);
    c += <usize>(v != 0) << 2;
    at += ldBytes;
  }
  return <i32>(c >> 2);
}
