// The arena: alignment, reuse and coalescing of freed blocks, growth that keeps old views valid, the limit.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors';
import { WasmArena } from './arena';
import { PAGE_BYTES, webAssembly } from './wasm-api';

function makeArena(initialPages: number, maximumPages: number): WasmArena {
  const memory = new (webAssembly().Memory)({ initial: initialPages, maximum: maximumPages, shared: true });
  return new WasmArena(memory, maximumPages * PAGE_BYTES, 1000);
}

describe('WasmArena', () => {
  it('hands out 64-byte aligned blocks above the reserved bytes', () => {
    const arena = makeArena(1, 4);
    const a = arena.allocBytes(4);
    const b = arena.allocBytes(100);
    expect(a).toBe(1024);
    expect(b).toBe(1088);
    expect(arena.stats().usedBytes).toBe(64 + 128);
  });

  it('reuses freed blocks first-fit and coalesces neighbours back into the bump pointer', () => {
    const arena = makeArena(1, 4);
    const a = arena.allocBytes(64);
    const b = arena.allocBytes(64);
    const c = arena.allocBytes(64);
    const d = arena.allocBytes(64);
    arena.freeBytes(b);
    expect(arena.allocBytes(10)).toBe(b);
    arena.freeBytes(b);
    arena.freeBytes(a);
    expect(arena.allocBytes(128)).toBe(a); // a and b merged
    arena.freeBytes(a);
    arena.freeBytes(d);
    arena.freeBytes(c); // a..d merged and returned to the bump pointer
    expect(arena.allocBytes(4096)).toBe(a);
    expect(arena.stats().usedBytes).toBe(4096);
  });

  it('refuses to free what it did not hand out', () => {
    const arena = makeArena(1, 4);
    const a = arena.allocBytes(64);
    expect(() => arena.freeBytes(a + 4)).toThrow(/no live allocation at byte offset 1028/);
    arena.freeBytes(a);
    expect(() => arena.freeBytes(a)).toThrow(EngineError);
  });

  it('grows the memory and still recognises views made before the growth', () => {
    const arena = makeArena(1, 512);
    const earlyOffset = arena.allocBytes(16);
    const early = new Float32Array(arena.buffer, earlyOffset, 4);
    early.set([1, 2, 3, 4]);
    const big = arena.allocBytes(3 * PAGE_BYTES);
    expect(arena.stats().memoryBytes).toBeGreaterThanOrEqual(big + 3 * PAGE_BYTES);
    expect(early.buffer).not.toBe(arena.buffer);
    expect(arena.owns(early)).toBe(true);
    expect(Array.from(new Float32Array(arena.buffer, early.byteOffset, 4))).toEqual([1, 2, 3, 4]);
    expect(arena.owns(new Float32Array(4))).toBe(false);
  });

  it('never overlaps another arena over the same memory (as on another thread), growing it for both', () => {
    const memory = new (webAssembly().Memory)({ initial: 1, maximum: 512, shared: true });
    const one = new WasmArena(memory, 512 * PAGE_BYTES, 1000);
    const two = new WasmArena(memory, 512 * PAGE_BYTES, 1000);
    const a = one.allocBytes(100);
    const b = two.allocBytes(100);
    const c = one.allocBytes(3 * PAGE_BYTES);
    const d = two.allocBytes(64);
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect([b, c, d]).toEqual([a + 128, b + 128, c + 3 * PAGE_BYTES]);
    // one's last block cannot go back to the bump pointer while two's block sits above it.
    one.freeBytes(c);
    expect(two.allocBytes(64)).toBe(d + 64);
    expect(one.allocBytes(64)).toBe(c); // reused from one's free list instead
  });

  it('throws naming the limit when the memory cannot grow enough', () => {
    const arena = makeArena(1, 2);
    expect(() => arena.allocBytes(3 * PAGE_BYTES)).toThrow(/out of memory: need 0\.2 MiB, the limit is 0\.1 MiB/);
  });
});
