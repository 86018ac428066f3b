// Turns typed-array arguments into wasm pointers: zero-copy for views in the memory, a scratch copy otherwise.
import type { WasmArena } from './arena';

type View = Float32Array | Int32Array;

/** Reusable scratch slots, one per array argument of a kernel, each grown when too small. */
export class Staging {
  private readonly slots: { offset: number; bytes: number }[] = [];

  constructor(private readonly arena: WasmArena) {}

  /**
   * Pointer to the first `n` values of `view`: its own byteOffset when it lies in wasm memory, else
   * slot `slot` of scratch, filled with a copy when `copyIn` (inputs and accumulated outputs).
   */
  pointer(slot: number, view: View, n: number, copyIn: boolean): number {
    if (this.arena.owns(view)) return view.byteOffset;
    const offset = this.scratch(slot, n * 4);
    if (copyIn) this.viewAt(view, offset, n).set(view.subarray(0, n));
    return offset;
  }

  /** Copies an output computed in scratch back into `view` (no-op when `view` is in wasm memory). */
  copyOut(view: View, pointer: number, n: number): void {
    if (!this.arena.owns(view)) view.set(this.viewAt(view, pointer, n));
  }

  private viewAt(like: View, offset: number, n: number): View {
    return like instanceof Int32Array ? new Int32Array(this.arena.buffer, offset, n) : new Float32Array(this.arena.buffer, offset, n);
  }

  /** Offset of scratch slot `slot`, at least `bytes` long (contents undefined; reused by later calls). */
  scratch(slot: number, bytes: number): number {
    const current = this.slots[slot];
    if (current && current.bytes >= bytes) return current.offset;
    if (current) this.arena.freeBytes(current.offset);
    // Grow by half again so a slowly rising size does not reallocate on every call.
    const size = Math.max(bytes, Math.ceil((current?.bytes ?? 0) * 1.5));
    const offset = this.arena.allocBytes(size);
    this.slots[slot] = { offset, bytes: size };
    return offset;
  }
}
