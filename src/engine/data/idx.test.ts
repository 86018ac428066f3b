// Tests for IDX parsing: every element type, and an error for each way a file can be wrong.
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../errors';
import { encodeIdxU8, parseIdx } from './idx';

/** Header bytes for `dtype` and `dims`, followed by `payload`. */
function idx(dtype: number, dims: number[], payload: number[] | Uint8Array): Uint8Array {
  const head = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(head.buffer);
  head[2] = dtype;
  head[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

function errorOf(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetError);
    return err as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('parseIdx', () => {
  it('parses a u8 array of images with big-endian dims', () => {
    const bytes = idx(0x08, [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]);
    const a = parseIdx(bytes, 'x');
    expect(a.dtype).toBe('u8');
    expect(a.dims).toEqual([2, 2, 3]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]);
  });

  it('reads dims above 65535 (all four bytes count)', () => {
    const a = parseIdx(idx(0x08, [0x010203], new Uint8Array(0x010203)), 'x');
    expect(a.dims).toEqual([66051]);
  });

  it('decodes the signed and wider types from big-endian', () => {
    expect(Array.from(parseIdx(idx(0x09, [2], [0xff, 0x05]), 'x').data)).toEqual([-1, 5]);
    expect(Array.from(parseIdx(idx(0x0b, [2], [0xff, 0xfe, 0x01, 0x00]), 'x').data)).toEqual([-2, 256]);
    expect(Array.from(parseIdx(idx(0x0c, [1], [0x00, 0x01, 0x00, 0x00]), 'x').data)).toEqual([65536]);
    expect(Array.from(parseIdx(idx(0x0d, [1], [0x3f, 0xc0, 0x00, 0x00]), 'x').data)).toEqual([1.5]);
    const f64 = parseIdx(idx(0x0e, [1], [0xc0, 0x04, 0, 0, 0, 0, 0, 0]), 'x');
    expect(f64.dtype).toBe('f64');
    expect(Array.from(f64.data)).toEqual([-2.5]);
  });

  it('parses a view at a non-zero offset of a larger buffer', () => {
    const inner = idx(0x0b, [1], [0x01, 0x02]);
    const outer = new Uint8Array(inner.length + 3);
    outer.set(inner, 3);
    expect(Array.from(parseIdx(outer.subarray(3), 'x').data)).toEqual([0x0102]);
  });

  it('round-trips through encodeIdxU8', () => {
    const data = Uint8Array.from({ length: 24 }, (_, i) => i * 10);
    const a = parseIdx(encodeIdxU8([2, 3, 4], data), 'x');
    expect(a.dims).toEqual([2, 3, 4]);
    expect(Array.from(a.data)).toEqual(Array.from(data));
  });

  it('rejects a bad magic number, and says when the file is still gzipped', () => {
    const bad = idx(0x08, [1], [0]);
    bad[1] = 0x01;
    expect(errorOf(() => parseIdx(bad, 'imgs')).message).toBe('imgs: bad magic number: an IDX file starts with two zero bytes, got 0x00 0x01');
    const gz = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0, 0]);
    expect(errorOf(() => parseIdx(gz, 'imgs.gz')).message).toMatch(/gzip-compressed/);
  });

  it('rejects an unknown element type', () => {
    expect(errorOf(() => parseIdx(idx(0x0a, [1], [0]), 'x')).message).toMatch(/unknown element type 0x0A/);
  });

  it('rejects a header shorter than 4 bytes or than its dims need', () => {
    const e1 = errorOf(() => parseIdx(Uint8Array.from([0, 0, 8]), 'f'));
    expect(e1.message).toBe('f: truncated header: an IDX file starts with 4 magic bytes, file has 3');
    expect(e1.file).toBe('f');
    const full = idx(0x08, [60000, 28, 28], []);
    const e2 = errorOf(() => parseIdx(full.subarray(0, 10), 'f'));
    expect(e2.message).toBe('f: truncated header: 3 dimensions need 16 header bytes, file has 10');
  });

  it('rejects zero dimensions', () => {
    expect(errorOf(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), 'f')).message).toMatch(/0 dimensions/);
  });

  it('rejects truncated data, naming the expected and actual sizes', () => {
    const e = errorOf(() => parseIdx(idx(0x08, [60000, 28, 28], new Uint8Array(1234)), 'train-images'));
    expect(e.message).toBe('train-images: truncated: header says 60000×28×28 = 47040000 values × 1 byte(s) = 47040000 bytes of data, file has 1234');
  });

  it('rejects trailing bytes and wide types whose data is short by a byte', () => {
    expect(errorOf(() => parseIdx(idx(0x08, [2, 2], [1, 2, 3, 4, 5]), 'f')).message).toMatch(/^f: too long: .* file has 5$/);
    expect(errorOf(() => parseIdx(idx(0x0c, [2], new Uint8Array(7)), 'f')).message).toMatch(/truncated: .* 8 bytes of data, file has 7/);
  });

  it('encodeIdxU8 refuses data that does not fill its dims', () => {
    expect(() => encodeIdxU8([2, 2], new Uint8Array(3))).toThrow(DatasetError);
  });
});
