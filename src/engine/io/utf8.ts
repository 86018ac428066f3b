// UTF-8 text ↔ bytes through the platform codecs that Node, Electron and browsers all provide.

// The engine compiles against ES2022 alone (no DOM, no Node types), which leaves these two
// standard globals undeclared; these module-local declarations name just what is used here.
declare const TextEncoder: new () => { encode(input: string): Uint8Array };
declare const TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(input: Uint8Array): string };

let encoder: { encode(input: string): Uint8Array } | null = null;
let decoder: { decode(input: Uint8Array): string } | null = null;

export function encodeUtf8(text: string): Uint8Array {
  encoder ??= new TextEncoder();
  return encoder.encode(text);
}

/** Decodes strictly: returns null for bytes that are not valid UTF-8 (instead of inserting U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  decoder ??= new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}
