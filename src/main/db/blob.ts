// Typed arrays to and from SQLite BLOBs, without copying on the way in and with alignment on the way out.
import { endianness } from 'node:os';

// NOTE: blobs hold typed arrays' raw bytes, defined as little-endian (like safetensors); every platform the
// app ships for is little-endian, and this guard keeps a big-endian one from writing unreadable files.
if (endianness() !== 'LE') throw new Error('NN Workbench stores little-endian blobs and needs a little-endian CPU');

/** A zero-copy Buffer view of the array's bytes, for binding as a BLOB. */
export function toBlob(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** A copy of the blob's bytes in a fresh (hence aligned) buffer: a Buffer from SQLite may sit at any offset. */
function alignedCopy(blob: Uint8Array, bytesPerElement: number, what: string): ArrayBuffer {
  if (blob.byteLength % bytesPerElement !== 0) {
    throw new Error(`${what}: blob of ${blob.byteLength} bytes is not a whole number of ${bytesPerElement}-byte values`);
  }
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return copy.buffer;
}

export function uint32FromBlob(blob: Uint8Array, what: string): Uint32Array {
  return new Uint32Array(alignedCopy(blob, 4, what));
}

export function float32FromBlob(blob: Uint8Array, what: string): Float32Array {
  return new Float32Array(alignedCopy(blob, 4, what));
}

export function uint16FromBlob(blob: Uint8Array, what: string): Uint16Array {
  return new Uint16Array(alignedCopy(blob, 2, what));
}
