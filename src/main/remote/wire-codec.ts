// Training-process messages as text for a Redis stream: JSON, with the typed arrays (weights, snapshot pixels,
// predictions) as base64 and NaN/±Infinity tagged, since a metric may be non-finite and JSON would make it null.
const TYPED = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float32Array, Float64Array } as const;
type TypedName = keyof typeof TYPED;

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return { $n: String(v) };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name as TypedName;
      if (!(name in TYPED)) throw new TypeError(`cannot send a ${name}`);
      return { $t: name, b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    }
    return v;
  });
}

/** The inverse of encodeWire; the result is still unvalidated input (check it with the protocol's schema). */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.$n === 'string' && Object.keys(o).length === 1)
      return o.$n === 'NaN' ? NaN : o.$n === 'Infinity' ? Infinity : o.$n === '-Infinity' ? -Infinity : v;
    if (typeof o.$t === 'string' && typeof o.b64 === 'string' && Object.hasOwn(TYPED, o.$t)) {
      const bytes = Buffer.from(o.b64, 'base64');
      const Ctor = TYPED[o.$t as TypedName];
      // A copy, aligned for its element size.
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      if (copy.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new RangeError(`${o.$t} of ${copy.byteLength} bytes`);
      return new Ctor(copy.buffer, 0, copy.byteLength / Ctor.BYTES_PER_ELEMENT);
    }
    return v;
  });
}

/** decodeWire, or `fallback` for text that is not what encodeWire writes. */
export function decodeWireOr(text: string, fallback: unknown): unknown {
  try {
    return decodeWire(text);
  } catch {
    return fallback;
  }
}

/** A string field of an encoded body (a refusal's reason), else the body as it came. */
export function bodyText(body: string, field: string): string {
  const value = (decodeWireOr(body, {}) as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : body;
}
