// A minimal PNG encoder for 8-bit grayscale or RGB pictures (weights, kernels, heatmaps): signature, IHDR, one zlib IDAT, IEND.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as PNG chunks use it) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** pixels: [height, width] row-major, 0 = black, 255 = white. */
export function grayscalePng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  if (pixels.length !== width * height) throw new RangeError(`grayscalePng: ${width}×${height} needs ${width * height} pixels, got ${pixels.length}`);
  return encodePng(pixels, width, height, 1);
}

/** pixels: [height, width, 3] row-major RGB, 8 bits per channel (heatmaps drawn as one picture). */
export function rgbPng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  if (pixels.length !== width * height * 3) throw new RangeError(`rgbPng: ${width}×${height} needs ${width * height * 3} bytes, got ${pixels.length}`);
  return encodePng(pixels, width, height, 3);
}

function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = channels === 1 ? 0 : 2; // colour type: grayscale or RGB
  // Each row starts with its filter type; 0 (none) is plenty for a few hundred small pictures.
  const stride = width * channels;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
