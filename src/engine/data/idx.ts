// IDX files (the MNIST container format): parse from bytes, and write unsigned-byte arrays back out.
import { DatasetError } from '../errors';

/** Element types an IDX file can declare (third magic byte 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E). */
export type IdxDtype = 'u8' | 'i8' | 'i16' | 'i32' | 'f32' | 'f64';

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A parsed IDX file: `dims` row-major, `data.length === product(dims)`. */
export interface IdxArray {
  readonly dtype: IdxDtype;
  readonly dims: readonly number[];
  readonly data: IdxData;
}

interface DtypeInfo {
  readonly dtype: IdxDtype;
  readonly bytes: number;
}

const DTYPES: ReadonlyMap<number, DtypeInfo> = new Map([
  [0x08, { dtype: 'u8', bytes: 1 }],
  [0x09, { dtype: 'i8', bytes: 1 }],
  [0x0b, { dtype: 'i16', bytes: 2 }],
  [0x0c, { dtype: 'i32', bytes: 4 }],
  [0x0d, { dtype: 'f32', bytes: 4 }],
  [0x0e, { dtype: 'f64', bytes: 8 }],
]);

const DTYPE_CODES: Readonly<Record<IdxDtype, number>> = { u8: 0x08, i8: 0x09, i16: 0x0b, i32: 0x0c, f32: 0x0d, f64: 0x0e };

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;
}

/**
 * Parses one IDX file. `file` is a display name used in every error message.
 * A `u8` or `i8` result is a view over `bytes` (no copy); wider types are decoded from big-endian.
 * @throws DatasetError on a bad magic number, unknown element type, truncated header or data,
 *   trailing bytes, or a zero dimension count.
 */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) {
    throw new DatasetError(file, `truncated header: an IDX file starts with 4 magic bytes, file has ${bytes.length}`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (this looks gzip-compressed: gunzip it first)' : '';
    throw new DatasetError(file, `bad magic number: an IDX file starts with two zero bytes, got ${hex(bytes[0]!)} ${hex(bytes[1]!)}${gz}`);
  }
  const info = DTYPES.get(bytes[2]!);
  if (!info) {
    throw new DatasetError(file, `unknown element type ${hex(bytes[2]!)} (expected 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32 or 0x0E f64)`);
  }
  const ndim = bytes[3]!;
  if (ndim === 0) throw new DatasetError(file, 'IDX header declares 0 dimensions');
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new DatasetError(file, `truncated header: ${ndim} dimensions need ${headerBytes} header bytes, file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndim; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  const expected = count * info.bytes;
  const actual = bytes.length - headerBytes;
  if (actual !== expected) {
    const what = actual < expected ? 'truncated' : 'too long';
    throw new DatasetError(
      file,
      `${what}: header says ${dims.join('×')} = ${count} values × ${info.bytes} byte(s) = ${expected} bytes of data, file has ${actual}`,
    );
  }
  return { dtype: info.dtype, dims, data: decode(bytes, view, headerBytes, count, info.dtype) };
}

function decode(bytes: Uint8Array, view: DataView, at: number, n: number, dtype: IdxDtype): IdxData {
  switch (dtype) {
    case 'u8':
      return bytes.subarray(at, at + n);
    case 'i8':
      return new Int8Array(bytes.buffer, bytes.byteOffset + at, n);
    case 'i16': {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(at + 2 * i, false);
      return out;
    }
    case 'i32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(at + 4 * i, false);
      return out;
    }
    case 'f32': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(at + 4 * i, false);
      return out;
    }
    case 'f64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(at + 8 * i, false);
      return out;
    }
  }
}

/**
 * Encodes an unsigned-byte array as an IDX file (used to write fixtures and test inputs).
 * @throws DatasetError if `data.length` is not the product of `dims`.
 */
export function encodeIdxU8(dims: readonly number[], data: Uint8Array, file = 'encodeIdxU8'): Uint8Array {
  const count = dims.reduce((a, d) => a * d, 1);
  if (dims.length === 0 || dims.length > 255 || count !== data.length) {
    throw new DatasetError(file, `cannot encode ${data.length} bytes as dims [${dims.join(', ')}]`);
  }
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = DTYPE_CODES.u8;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
