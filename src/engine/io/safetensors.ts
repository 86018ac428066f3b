// The safetensors file format (Hugging Face), F32 tensors only: encode for export, decode with full validation.
import { EngineError } from '../errors';
import { sizeOf, type Shape } from '../tensor';
import { decodeUtf8, encodeUtf8 } from './utf8';

/** One named tensor: row-major float32 values of `shape` (PyTorch layout, e.g. Linear [out, in]). */
export interface SafetensorsTensor {
  readonly name: string;
  readonly shape: Shape;
  readonly data: Float32Array;
}

export interface SafetensorsFile {
  /** In file order (by data offset). */
  readonly tensors: SafetensorsTensor[];
  /** The "__metadata__" string map; {} when the file has none. */
  readonly metadata: Record<string, string>;
}

/** A file that is not valid safetensors (or not all F32); `source` names the file or buffer. */
export class SafetensorsError extends EngineError {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

/** The reference implementation refuses larger headers (a guard against JSON bombs). */
export const MAX_HEADER_BYTES = 100_000_000;
const METADATA_KEY = '__metadata__';
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Serialises tensors as the reference implementation does: tensors sorted by name (byte order of
 * UTF-8, as Rust compares strings; all are F32 so the dtype-alignment key ties), compact JSON with
 * "__metadata__" first (omitted when `metadata` is empty; its keys sorted), the header padded with
 * spaces to a multiple of 8 bytes so every tensor starts 8-byte aligned, then the data, little-endian.
 */
export function encodeSafetensors(tensors: readonly SafetensorsTensor[], metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const names = new Set<string>();
  for (const t of tensors) {
    if (t.name === METADATA_KEY) throw new SafetensorsError('encodeSafetensors', `"${METADATA_KEY}" cannot name a tensor`);
    if (names.has(t.name)) throw new SafetensorsError('encodeSafetensors', `tensor name "${t.name}" appears twice`);
    names.add(t.name);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new SafetensorsError('encodeSafetensors', `tensor "${t.name}": invalid shape [${t.shape.join(', ')}]`);
    }
    if (sizeOf(t.shape) !== t.data.length) {
      throw new SafetensorsError(
        'encodeSafetensors',
        `tensor "${t.name}": shape [${t.shape.join(', ')}] needs ${sizeOf(t.shape)} values, got ${t.data.length}`,
      );
    }
  }
  const entries: string[] = [];
  const metaKeys = Object.keys(metadata).sort(compareCodePoints);
  if (metaKeys.length > 0) {
    const pairs = metaKeys.map((k) => {
      const v: unknown = metadata[k];
      if (typeof v !== 'string') throw new SafetensorsError('encodeSafetensors', `metadata "${k}" must be a string, got ${typeof v}`);
      return `${JSON.stringify(k)}:${JSON.stringify(v)}`;
    });
    entries.push(`"${METADATA_KEY}":{${pairs.join(',')}}`);
  }
  const sorted = [...tensors].sort((a, b) => compareCodePoints(a.name, b.name));
  let offset = 0;
  for (const t of sorted) {
    const end = offset + t.data.length * 4;
    // Built by hand so the key order is fixed (an object would move integer-like names first).
    entries.push(`${JSON.stringify(t.name)}:{"dtype":"F32","shape":[${t.shape.join(',')}],"data_offsets":[${offset},${end}]}`);
    offset = end;
  }
  const header = encodeUtf8(`{${entries.join(',')}}`);
  const headerLength = Math.ceil(header.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength, true); // u64 little-endian; a header never reaches 4 GiB
  out.set(header, 8);
  out.fill(0x20, 8 + header.length, 8 + headerLength);
  let pos = 8 + headerLength;
  for (const t of sorted) {
    if (LITTLE_ENDIAN_HOST) {
      out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    } else {
      for (let i = 0; i < t.data.length; i++) view.setFloat32(pos + 4 * i, t.data[i]!, true);
    }
    pos += t.data.byteLength;
  }
  return out;
}

/**
 * Parses a safetensors file and copies each tensor into its own Float32Array. Rejects, with a
 * SafetensorsError naming `source`: a short or oversized header, a header that is not UTF-8 JSON
 * starting with "{", metadata that is not a string map, a dtype other than F32, a malformed shape,
 * offsets whose length disagrees with the shape, and offsets that overlap, leave gaps, or do not
 * end exactly at the end of the file.
 */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors'): SafetensorsFile {
  const fail = (message: string): never => {
    throw new SafetensorsError(source, message);
  };
  if (bytes.length < 8) fail(`file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (n > MAX_HEADER_BYTES) fail(`header length ${n} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  if (8 + n > bytes.length) fail(`header length ${n} runs past the end of the ${bytes.length}-byte file`);
  const text = decodeUtf8(bytes.subarray(8, 8 + n));
  if (text === null) return fail('header is not valid UTF-8');
  if (!text.startsWith('{')) fail('header must start with "{"');
  let header: object; // text starts with "{", so whatever parses is an object
  try {
    header = JSON.parse(text) as object;
  } catch (e) {
    return fail(`header is not valid JSON (${(e as Error).message})`);
  }

  let metadata: Record<string, string> = {};
  const entries: { name: string; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      metadata = readMetadata(info, fail);
      continue;
    }
    entries.push({ name, ...readInfo(name, info, fail) });
  }
  // Files from other writers may list tensors in any order; the data must still tile the buffer.
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  let expected = 0;
  for (const e of entries) {
    if (e.begin !== expected) {
      fail(
        `tensor "${e.name}": data_offsets [${e.begin}, ${e.end}] ${e.begin < expected ? 'overlap the previous tensor' : `leave a gap after byte ${expected}`}`,
      );
    }
    if (e.end > dataLength) fail(`tensor "${e.name}": data_offsets [${e.begin}, ${e.end}] run past the ${dataLength}-byte data section`);
    expected = e.end;
  }
  if (expected !== dataLength) fail(`tensors cover ${expected} bytes but the data section has ${dataLength}`);

  const tensors = entries.map(({ name, shape, begin, end }) => {
    const data = new Float32Array((end - begin) / 4);
    if (LITTLE_ENDIAN_HOST) {
      new Uint8Array(data.buffer).set(bytes.subarray(dataStart + begin, dataStart + end));
    } else {
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(dataStart + begin + 4 * i, true);
    }
    return { name, shape, data };
  });
  return { tensors, metadata };
}

function readMetadata(info: unknown, fail: (m: string) => never): Record<string, string> {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) return fail(`"${METADATA_KEY}" must be an object of strings`);
  for (const [k, v] of Object.entries(info)) {
    if (typeof v !== 'string') fail(`"${METADATA_KEY}" value for "${k}" must be a string, got ${JSON.stringify(v)}`);
  }
  return Object.fromEntries(Object.entries(info)) as Record<string, string>;
}

function readInfo(name: string, info: unknown, fail: (m: string) => never): { shape: number[]; begin: number; end: number } {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) return fail(`tensor "${name}": entry must be an object`);
  const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
  if (dtype !== 'F32') fail(`tensor "${name}": dtype ${JSON.stringify(dtype)} is not supported (only F32)`);
  const isIndex = (d: unknown): d is number => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0;
  if (!Array.isArray(shape) || !shape.every(isIndex)) fail(`tensor "${name}": shape must be an array of integers >= 0, got ${JSON.stringify(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
    fail(`tensor "${name}": data_offsets must be [begin, end] integers >= 0, got ${JSON.stringify(offsets)}`);
  }
  const dims = shape as number[];
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`tensor "${name}": data_offsets [${begin}, ${end}] end before they begin`);
  const bytesNeeded = sizeOf(dims) * 4;
  if (!Number.isSafeInteger(bytesNeeded)) fail(`tensor "${name}": shape [${dims.join(', ')}] is too large`);
  if (end - begin !== bytesNeeded) {
    fail(`tensor "${name}": shape [${dims.join(', ')}] needs ${bytesNeeded} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`);
  }
  return { shape: dims, begin, end };
}

/** Compares by Unicode code point, which is the byte order of the strings' UTF-8 encodings. */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
