// The control block the threads of a data-parallel run share: step hand-off, the barrier after backward,
// the helpers' update count, each replica's share of the loss, the offsets of every replica's parameter
// gradients, and an error slot. Atomics only.
import { EngineError } from '../errors';

export const MAX_REPLICAS = 16;
/** Params per model the offsets table holds (far beyond a Sequential's two per layer). */
export const MAX_PARAMS = 256;

// Bytes 0–511: Int32 slots; each word that threads wait on sits on its own 64-byte line.
const GEN = 0; // step number, bumped by replica 0 to start a step
const ARRIVED_A = 16; // arrivals at the barrier after backward (cumulative)
const UPDATED = 32; // helpers' slices of the update done (cumulative)
const READY = 48; // helpers set up for this run
const QUIT = 64; // 1: the run is over, helpers return
const FAILED = 65; // 1: a thread failed; ERROR_TEXT says why
const BATCH = 66; // the step's batch size, input and label byte offsets
const INPUT = 67;
const LABELS = 68;
const ERROR_LENGTH = 69;
const DONE = 80; // helpers that have left the run
// Bytes 512–1791: Float64 slots (indices into a Float64Array from byte 0). A step's shares sit in the
// half of its parity: a replica may still read step s's while a faster one writes step s + 1's.
const LR = 64;
const LOSS = 96; // + 32·parity + replica
const CORRECT = 112; // + 32·parity + replica
const PENALTY = 192; // + 16·parity + replica
// Elsewhere.
const FLOAT_SLOTS = 224;
const ERROR_TEXT_BYTES = 2048; // UTF-16 code units from this byte offset
const ERROR_TEXT_UNITS = 256;
const OFFSETS_BYTES = 2560; // Int32 table [MAX_REPLICAS][MAX_PARAMS] of gradient byte offsets
const TABLE = MAX_REPLICAS * MAX_PARAMS;
const BYTES = OFFSETS_BYTES + TABLE * 4;
/** Checks a waiter spins through before sleeping on the futex, unless the run says otherwise (see ReplicaThreads.spins). */
export const DEFAULT_SPINS = 2_000;

/** One run's shared control block; replica 0 (the training thread) creates it, the helpers attach to it. */
export class ReplicaChannel {
  readonly buffer: SharedArrayBuffer;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly offsets: Int32Array;

  /** `spins`: checks a waiter spins through before it sleeps on the futex. */
  constructor(
    buffer?: SharedArrayBuffer,
    private readonly spins = DEFAULT_SPINS,
  ) {
    this.buffer = buffer ?? new SharedArrayBuffer(BYTES);
    this.i32 = new Int32Array(this.buffer, 0, 128);
    this.f64 = new Float64Array(this.buffer, 0, FLOAT_SLOTS);
    this.offsets = new Int32Array(this.buffer, OFFSETS_BYTES, TABLE);
  }

  /** Replica 0: starts step `step` (1, 2, …) over `batch` samples at these byte offsets. */
  startStep(step: number, batch: number, input: number, labels: number, lr: number): void {
    this.i32[BATCH] = batch;
    this.i32[INPUT] = input;
    this.i32[LABELS] = labels;
    this.f64[LR] = lr;
    Atomics.store(this.i32, GEN, step);
    Atomics.notify(this.i32, GEN);
  }

  /** Helpers: waits for step `step` to start; false when the run is over instead. */
  awaitStep(step: number): boolean {
    return this.waitFor(GEN, step, 'return');
  }

  step(): { batch: number; input: number; labels: number; lr: number } {
    return { batch: this.i32[BATCH]!, input: this.i32[INPUT]!, labels: this.i32[LABELS]!, lr: this.f64[LR]! };
  }

  /** The barrier after backward: `replicas` threads have arrived `step` times each. */
  afterBackward(step: number, replicas: number): void {
    this.arrive(ARRIVED_A, step * replicas);
  }

  /** Helpers: their slice of the update is done (they go on without waiting: the next step's start waits for it). */
  updated(): void {
    Atomics.add(this.i32, UPDATED, 1);
    Atomics.notify(this.i32, UPDATED);
  }

  /** Replica 0: waits until the `helpers` have done their slices of step `step`'s update. */
  awaitUpdates(step: number, helpers: number): void {
    this.waitFor(UPDATED, step * helpers, 'throw');
  }

  /** A replica's share of step `step`'s loss and hits. */
  setShare(step: number, replica: number, loss: number, correct: number): void {
    this.f64[LOSS + 32 * (step & 1) + replica] = loss;
    this.f64[CORRECT + 32 * (step & 1) + replica] = correct;
  }

  /** A replica's share of the L2 penalty of step `step`'s weights (its slices of them). */
  setPenalty(step: number, replica: number, penalty: number): void {
    this.f64[PENALTY + 16 * (step & 1) + replica] = penalty;
  }

  /** Step `step`'s loss (shares summed in replica order, plus the penalty's) and hits, once all shares are in. */
  total(step: number, replicas: number): { loss: number; correct: number } {
    let loss = 0;
    let correct = 0;
    let penalty = 0;
    for (let r = 0; r < replicas; r++) {
      loss += this.f64[LOSS + 32 * (step & 1) + r]!;
      correct += this.f64[CORRECT + 32 * (step & 1) + r]!;
      penalty += this.f64[PENALTY + 16 * (step & 1) + r]!;
    }
    return { loss: loss + penalty, correct };
  }

  setGradOffset(replica: number, param: number, byteOffset: number): void {
    this.offsets[replica * MAX_PARAMS + param] = byteOffset;
  }

  gradOffset(replica: number, param: number): number {
    return this.offsets[replica * MAX_PARAMS + param]!;
  }

  /** Helpers: set up for the run. */
  ready(): void {
    Atomics.add(this.i32, READY, 1);
    Atomics.notify(this.i32, READY);
  }

  awaitReady(helpers: number): void {
    this.waitFor(READY, helpers, 'throw');
  }

  /** Replica 0: ends the run; helpers leave their loops, each then calling `done`. */
  quit(): void {
    Atomics.store(this.i32, QUIT, 1);
    for (const slot of [GEN, ARRIVED_A, UPDATED, READY, DONE]) Atomics.notify(this.i32, slot);
  }

  /** Helpers: has left the run. */
  done(): void {
    Atomics.add(this.i32, DONE, 1);
    Atomics.notify(this.i32, DONE);
  }

  /** Replica 0, after `quit`: waits until every helper is done. */
  awaitDone(helpers: number): void {
    this.waitFor(DONE, helpers, 'ignore');
  }

  /** Any thread: records why it failed and wakes every waiter (who then throws it). */
  fail(message: string): void {
    const text = new Uint16Array(this.buffer, ERROR_TEXT_BYTES, ERROR_TEXT_UNITS);
    const length = Math.min(message.length, ERROR_TEXT_UNITS);
    for (let i = 0; i < length; i++) text[i] = message.charCodeAt(i);
    this.i32[ERROR_LENGTH] = length;
    Atomics.store(this.i32, FAILED, 1);
    for (const slot of [GEN, ARRIVED_A, UPDATED, READY, DONE]) Atomics.notify(this.i32, slot);
  }

  private arrive(slot: number, target: number): void {
    Atomics.add(this.i32, slot, 1);
    Atomics.notify(this.i32, slot);
    this.waitFor(slot, target, 'throw');
  }

  /** Waits until slot ≥ target: true, or false when the run quits first (onQuit 'return'). Throws if a thread failed. */
  private waitFor(slot: number, target: number, onQuit: 'return' | 'throw' | 'ignore'): boolean {
    for (let spins = 0; ; spins++) {
      const seen = Atomics.load(this.i32, slot);
      if (seen >= target) return true;
      if (Atomics.load(this.i32, FAILED)) throw new EngineError(`data-parallel training failed: ${this.errorText()}`);
      // NOTE: replica 0 quits only after its last arrival, so seeing QUIT the slot is read once more:
      // a waiter descheduled between its read above and here must not miss that arrival.
      if (onQuit !== 'ignore' && Atomics.load(this.i32, QUIT)) {
        if (Atomics.load(this.i32, slot) >= target) return true;
        if (onQuit === 'return') return false;
        throw new EngineError('data-parallel training: the run ended while a replica was waiting');
      }
      // A timeout bounds how long a missed wake-up could last; quitting and failing notify anyway.
      if (spins >= this.spins) Atomics.wait(this.i32, slot, seen, 100);
    }
  }

  private errorText(): string {
    const text = new Uint16Array(this.buffer, ERROR_TEXT_BYTES, this.i32[ERROR_LENGTH]!);
    return String.fromCharCode(...text);
  }
}
