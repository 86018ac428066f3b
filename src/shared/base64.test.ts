// Base64: agrees with Node's Buffer on every length and byte value, and refuses garbage.
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';

describe('base64', () => {
  it('matches Buffer for lengths 0..300 and round-trips', () => {
    let seed = 12345;
    for (let n = 0; n <= 300; n++) {
      const bytes = new Uint8Array(n).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text)).toEqual(bytes);
    }
  });

  it('encodes long inputs in pieces correctly', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) & 255);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(() => decodeBase64('ab$d')).toThrow(/invalid character "\$" at 2/);
    expect(() => decodeBase64('abcde')).toThrow(/whole number of bytes/);
  });
});
