// safetensors: byte-exact files built by hand from the format description, round trips, and corrupt input.
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { MAX_HEADER_BYTES, decodeSafetensors, encodeSafetensors, type SafetensorsTensor } from './safetensors';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const u64 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24, 0, 0, 0, 0];
/** A file from its parts: the header text is used as is (no padding added). */
const file = (header: string, data: number[] = []): Uint8Array => Uint8Array.from([...u64(header.length), ...ascii(header), ...data]);
const f32 = (...values: number[]): number[] => Array.from(new Uint8Array(Float32Array.from(values).buffer));
const headerLength = (bytes: Uint8Array): number => new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);

describe('encodeSafetensors', () => {
  it('writes the byte-exact file the format describes', () => {
    const bytes = encodeSafetensors(
      [
        { name: 'b', shape: [2], data: Float32Array.from([1, -2]) },
        { name: 'a', shape: [1, 2], data: Float32Array.from([0.5, 3]) },
      ],
      { format: 'pt' },
    );
    // Metadata first, tensors sorted by name, 141 header bytes padded with 3 spaces to 144.
    const header =
      '{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}';
    expect(header.length).toBe(141);
    const expected = [
      ...[144, 0, 0, 0, 0, 0, 0, 0],
      ...ascii(header),
      ...[0x20, 0x20, 0x20],
      ...[0, 0, 0, 0x3f], // 0.5
      ...[0, 0, 0x40, 0x40], // 3
      ...[0, 0, 0x80, 0x3f], // 1
      ...[0, 0, 0, 0xc0], // -2
    ];
    expect(Array.from(bytes)).toEqual(expected);
  });

  it('needs no padding when the header is already a multiple of 8 bytes, and omits empty metadata', () => {
    // The reference implementation's own serialization example: 64 header bytes, then 0..5 as F32.
    const bytes = encodeSafetensors([{ name: 'attn.0', shape: [1, 2, 3], data: Float32Array.from([0, 1, 2, 3, 4, 5]) }]);
    const header = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    expect(Array.from(bytes)).toEqual([...u64(64), ...ascii(header), ...f32(0, 1, 2, 3, 4, 5)]);
  });

  it('writes an empty file as "{}" padded to 8 bytes', () => {
    expect(Array.from(encodeSafetensors([]))).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d, 32, 32, 32, 32, 32, 32]);
  });

  it('keeps the header key order fixed for integer-like names and sorts by code point', () => {
    const t = (name: string): SafetensorsTensor => ({ name, shape: [], data: Float32Array.from([1]) });
    const bytes = encodeSafetensors([t('x'), t('10'), t('2'), t('\u{1F600}'), t('\uFF01')]);
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength(bytes)));
    const order = Object.keys(JSON.parse(text) as object);
    // JSON.parse puts integer-like keys first, so check the raw text order instead.
    expect(order).toContain('10');
    const positions = ['10', '2', 'x', '\uFF01', '\u{1F600}'].map((n) => text.indexOf(JSON.stringify(n)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('rejects what it cannot write', () => {
    const d = Float32Array.from([1, 2]);
    expect(() => encodeSafetensors([{ name: 'w', shape: [3], data: d }])).toThrow(/tensor "w": shape \[3\] needs 3 values, got 2/);
    expect(() =>
      encodeSafetensors([
        { name: 'w', shape: [2], data: d },
        { name: 'w', shape: [2], data: d },
      ]),
    ).toThrow(/"w" appears twice/);
    expect(() => encodeSafetensors([{ name: '__metadata__', shape: [2], data: d }])).toThrow(/cannot name a tensor/);
    expect(() => encodeSafetensors([{ name: 'w', shape: [-2], data: d }])).toThrow(/invalid shape \[-2\]/);
    expect(() => encodeSafetensors([], { n: 3 as unknown as string })).toThrow(/metadata "n" must be a string, got number/);
  });
});

describe('decodeSafetensors', () => {
  it('round-trips random tensors, scalars, empty tensors, unicode names and metadata', () => {
    const rng = new Rng(7);
    const tensors: SafetensorsTensor[] = [
      { name: 'layers.0.weight', shape: [5, 7], data: Float32Array.from({ length: 35 }, () => rng.normal()) },
      { name: 'layers.0.bias', shape: [5], data: Float32Array.from({ length: 5 }, () => rng.normal()) },
      { name: 'scalar', shape: [], data: Float32Array.from([Math.PI]) },
      { name: 'empty', shape: [3, 0], data: new Float32Array(0) },
      { name: 'µ/σ ✓', shape: [2, 1, 1], data: Float32Array.from([Number.NaN, -Infinity]) },
    ];
    const metadata = { model: '{"layers":[784,128,10]}', note: 'ünïcödé ✓', seed: '42' };
    const bytes = encodeSafetensors(tensors, metadata);
    expect(headerLength(bytes) % 8).toBe(0);
    const decoded = decodeSafetensors(bytes);
    expect(decoded.metadata).toEqual(metadata);
    const byName = new Map(decoded.tensors.map((t) => [t.name, t]));
    expect(decoded.tensors.map((t) => t.name)).toEqual(['empty', 'layers.0.bias', 'layers.0.weight', 'scalar', 'µ/σ ✓']);
    for (const t of tensors) {
      expect(byName.get(t.name)!.shape).toEqual(t.shape);
      expect(byName.get(t.name)!.data).toEqual(t.data);
    }
  });

  it('reads files from other writers: any tensor order, no padding, JSON whitespace, unaligned input', () => {
    const header = '{ "b" : {"dtype":"F32","shape":[1],"data_offsets":[4,8]}, "a":{"shape":[1],"dtype":"F32","data_offsets":[0,4]}}\n\t';
    const bytes = file(header, f32(10, 20));
    const unaligned = new Uint8Array(bytes.length + 1);
    unaligned.set(bytes, 1);
    const { tensors, metadata } = decodeSafetensors(unaligned.subarray(1));
    expect(tensors.map((t) => [t.name, Array.from(t.data)])).toEqual([
      ['a', [10]],
      ['b', [20]],
    ]);
    expect(metadata).toEqual({});
  });

  it('copies the data, so the decoded tensors do not alias the input', () => {
    const bytes = encodeSafetensors([{ name: 'w', shape: [1], data: Float32Array.from([1]) }]);
    const [t] = decodeSafetensors(bytes).tensors;
    bytes.fill(0);
    expect(t!.data[0]).toBe(1);
  });

  const w = (offsets: string, shape = '[1]', dtype = '"F32"'): string => `"w":{"dtype":${dtype},"shape":${shape},"data_offsets":${offsets}}`;
  const corrupt: [string, Uint8Array, RegExp][] = [
    ['shorter than 8 bytes', Uint8Array.from([1, 0, 0]), /^model\.safetensors: file is 3 bytes, shorter than the 8-byte header length$/],
    ['header length past the end', Uint8Array.from([...u64(100), 0x7b, 0x7d]), /header length 100 runs past the end of the 10-byte file/],
    [
      'header length over the limit',
      Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0]),
      new RegExp(`header length 4294967296 exceeds the ${MAX_HEADER_BYTES}-byte limit`),
    ],
    ['header not UTF-8', Uint8Array.from([...u64(4), 0x7b, 0xff, 0xfe, 0x7d]), /header is not valid UTF-8/],
    ['header with leading whitespace', file(' {}'), /header must start with "\{"/],
    ['header not JSON', file('{"w":'), /header is not valid JSON/],
    ['metadata not strings', file('{"__metadata__":{"epochs":3}}'), /"__metadata__" value for "epochs" must be a string, got 3/],
    ['a non-F32 dtype', file(`{${w('[0,2]', '[1]', '"F16"')}}`, [0, 0]), /tensor "w": dtype "F16" is not supported \(only F32\)/],
    ['a negative dimension', file(`{${w('[0,4]', '[-1]')}}`, f32(1)), /tensor "w": shape must be an array of integers >= 0, got \[-1\]/],
    ['offsets that are not a pair', file(`{${w('[0]')}}`, f32(1)), /data_offsets must be \[begin, end\] integers >= 0, got \[0\]/],
    ['offsets that end before they begin', file(`{${w('[4,0]')}}`, f32(1)), /data_offsets \[4, 0\] end before they begin/],
    ['offsets disagreeing with the shape', file(`{${w('[0,8]')}}`, f32(1, 2)), /shape \[1\] needs 4 bytes but data_offsets \[0, 8\] hold 8/],
    ['a gap before the first tensor', file(`{${w('[4,8]')}}`, f32(1, 2)), /tensor "w": data_offsets \[4, 8\] leave a gap after byte 0/],
    [
      'overlapping tensors',
      file(`{${w('[0,8]', '[2]')},"v":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, f32(1, 2)),
      /tensor "v": data_offsets \[4, 8\] overlap the previous tensor/,
    ],
    ['offsets past the end', file(`{${w('[0,8]', '[2]')}}`, f32(1)), /tensor "w": data_offsets \[0, 8\] run past the 4-byte data section/],
    ['trailing bytes after the last tensor', file(`{${w('[0,4]')}}`, f32(1, 2)), /tensors cover 4 bytes but the data section has 8/],
    ['a header that is a JSON array', file('[{}]'), /header must start with "\{"/],
    ['a tensor entry that is not an object', file('{"w":[0,4]}', f32(1)), /tensor "w": entry must be an object/],
    ['a tensor entry without a dtype', file('{"w":{"shape":[1],"data_offsets":[0,4]}}', f32(1)), /tensor "w": dtype undefined is not supported/],
  ];
  for (const [what, bytes, message] of corrupt) {
    it(`rejects ${what}`, () => {
      expect(() => decodeSafetensors(bytes, 'model.safetensors')).toThrow(message);
      expect(() => decodeSafetensors(bytes, 'model.safetensors')).toThrow(expect.objectContaining({ name: 'SafetensorsError', source: 'model.safetensors' }));
    });
  }

  it('rejects a truncated copy of a valid file at every length', () => {
    const bytes = encodeSafetensors([{ name: 'w', shape: [3], data: Float32Array.from([1, 2, 3]) }], { a: 'b' });
    for (let len = 0; len < bytes.length; len++) {
      expect(() => decodeSafetensors(bytes.subarray(0, len)), `length ${len}`).toThrow(/^safetensors: /);
    }
  });
});
