// The few WebAssembly types the engine needs, declared locally (the engine sees neither DOM nor Node types).
import { EngineError } from '../../errors';

/** A WebAssembly.Memory; `buffer` is a SharedArrayBuffer for the shared memories used here. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(deltaPages: number): number;
}

/** A compiled WebAssembly.Module (opaque here; it can be posted to worker threads). */
export interface WasmModule {
  readonly __wasmModule?: never;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmNamespace {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  instantiate(module: WasmModule, imports: Record<string, Record<string, unknown>>): Promise<WasmInstance>;
  compile(bytes: Uint8Array): Promise<WasmModule>;
  validate(bytes: Uint8Array): boolean;
}

/** Bytes per wasm page. */
export const PAGE_BYTES = 65536;

/** The runtime's WebAssembly namespace, reached through globalThis so no global declaration is needed. */
export function webAssembly(): WasmNamespace {
  const api = (globalThis as { WebAssembly?: WasmNamespace }).WebAssembly;
  if (!api) throw new EngineError('wasm kernels: this JavaScript runtime has no WebAssembly');
  return api;
}
