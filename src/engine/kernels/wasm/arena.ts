// Allocator over a wasm memory: a bump pointer plus a first-fit free list, growing the memory on demand.
// The bump pointer lives in the memory itself, so arenas on other threads over the same memory never overlap.
import { EngineError } from '../../errors';
import { PAGE_BYTES, type WasmMemory } from './wasm-api';

/** Every block starts on a cache line, so v128 loads in the kernels are aligned. */
const ALIGN = 64;
/** Grow at least this much at a time: fewer growths, fewer buffer objects to recognise. */
const MIN_GROW_PAGES = 256;
/** Byte address, in the reserved bottom of memory, of the shared bump pointer (counted in ALIGN units). */
const TOP_ADDRESS = 64;

interface Block {
  offset: number;
  bytes: number;
}

export class WasmArena {
  /** The shared bump pointer / ALIGN (an Int32 slot; a view made once stays valid: see buffers). */
  private readonly top: Int32Array;
  private readonly freeBlocks: Block[] = [];
  private readonly live = new Map<number, number>();
  // NOTE: growing a shared memory keeps old SharedArrayBuffer objects valid but `memory.buffer` then
  // returns a new one, so a view made before the growth has a different `.buffer`: remember them all.
  private readonly buffers: ArrayBufferLike[];

  /**
   * `reservedBytes` (at least 128) at the bottom are never handed out: address 0 stays an invalid
   * pointer, and the bump pointer shared by every arena over `memory` lives there.
   */
  constructor(
    readonly memory: WasmMemory,
    private readonly maxBytes: number,
    reservedBytes: number,
  ) {
    this.buffers = [memory.buffer];
    this.top = new Int32Array(memory.buffer, TOP_ADDRESS, 1);
    // The first arena over a fresh (zeroed) memory starts the bump pointer above the reserved bytes.
    Atomics.compareExchange(this.top, 0, 0, roundUp(Math.max(reservedBytes, 2 * TOP_ADDRESS), ALIGN) / ALIGN);
  }

  /** The memory's current buffer (after the latest growth). */
  get buffer(): ArrayBufferLike {
    const current = this.memory.buffer;
    if (current !== this.buffers[this.buffers.length - 1]) this.buffers.push(current);
    return current;
  }

  /** Whether `view` lies in this memory, i.e. its byteOffset is a valid pointer. */
  owns(view: ArrayBufferView): boolean {
    return this.buffers.includes(view.buffer) || view.buffer === this.buffer;
  }

  /** Bytes handed out and not freed, and bytes the memory currently has. */
  stats(): { usedBytes: number; memoryBytes: number } {
    let used = 0;
    for (const bytes of this.live.values()) used += bytes;
    return { usedBytes: used, memoryBytes: this.buffer.byteLength };
  }

  /** Offset of a fresh block of at least `bytes` bytes (contents undefined). */
  allocBytes(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1), ALIGN);
    const fit = this.freeBlocks.findIndex((b) => b.bytes >= size);
    let offset: number;
    if (fit >= 0) {
      const block = this.freeBlocks[fit]!;
      offset = block.offset;
      if (block.bytes === size) this.freeBlocks.splice(fit, 1);
      else {
        block.offset += size;
        block.bytes -= size;
      }
    } else {
      offset = this.bump(size);
    }
    this.live.set(offset, size);
    return offset;
  }

  /** Returns the block that starts at `offset` to the free list. */
  freeBytes(offset: number): void {
    const bytes = this.live.get(offset);
    if (bytes === undefined) throw new EngineError(`wasm kernels: free: no live allocation at byte offset ${offset}`);
    this.live.delete(offset);
    const blocks = this.freeBlocks;
    let i = 0;
    while (i < blocks.length && blocks[i]!.offset < offset) i++;
    blocks.splice(i, 0, { offset, bytes });
    // Coalesce with the next, then the previous neighbour, then give a trailing block back to the bump pointer.
    const next = blocks[i + 1];
    if (next && offset + bytes === next.offset) {
      blocks[i]!.bytes += next.bytes;
      blocks.splice(i + 1, 1);
    }
    const prev = blocks[i - 1];
    if (prev && prev.offset + prev.bytes === offset) {
      prev.bytes += blocks[i]!.bytes;
      blocks.splice(i, 1);
    }
    const last = blocks[blocks.length - 1];
    // Unless another arena has taken blocks above it meanwhile.
    if (last && Atomics.compareExchange(this.top, 0, (last.offset + last.bytes) / ALIGN, last.offset / ALIGN) === (last.offset + last.bytes) / ALIGN) {
      blocks.pop();
    }
  }

  /** Takes `size` bytes (a multiple of ALIGN) off the shared bump pointer, growing the memory first. */
  private bump(size: number): number {
    for (;;) {
      const top = Atomics.load(this.top, 0) * ALIGN;
      this.ensure(top + size);
      if (Atomics.compareExchange(this.top, 0, top / ALIGN, (top + size) / ALIGN) === top / ALIGN) return top;
    }
  }

  private ensure(endByte: number): void {
    const have = this.memory.buffer.byteLength;
    if (endByte <= have) return;
    if (endByte > this.maxBytes) {
      throw new EngineError(`wasm kernels: out of memory: need ${mib(endByte)} MiB, the limit is ${mib(this.maxBytes)} MiB`);
    }
    const needPages = Math.ceil((endByte - have) / PAGE_BYTES);
    const roomPages = Math.floor((this.maxBytes - have) / PAGE_BYTES);
    try {
      this.memory.grow(Math.min(Math.max(needPages, MIN_GROW_PAGES), roomPages));
    } catch {
      // A memory passed in from outside may have a lower maximum than we were told.
      throw new EngineError(`wasm kernels: out of memory: could not grow the memory to ${mib(endByte)} MiB`);
    }
    void this.buffer;
  }
}

function roundUp(n: number, unit: number): number {
  return Math.ceil(n / unit) * unit;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
