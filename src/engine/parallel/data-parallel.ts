// Data parallelism over the batch: the training thread is replica 0 and drives helper threads (started by
// the host), each a replica over the same wasm memory that trains on its share of every batch.
import { EngineError } from '../errors';
import type { Kernels } from '../kernels/kernels';
import type { ModelSpec } from '../models/spec';
import type { Sequential } from '../models/sequential';
import type { Optimizer, OptimizerSpec } from '../optim';
import { Tensor } from '../tensor';
import { DEFAULT_SPINS, MAX_PARAMS, MAX_REPLICAS, ReplicaChannel } from './channel';
import { Replica } from './replica';
import { batchShare } from './shares';

/** Views into the memory every replica's kernels share (its current buffer; views survive growth). */
export interface SharedMemory {
  readonly buffer: ArrayBufferLike;
}

/** What a helper needs to build its replica: everything structured-cloneable. */
export interface ReplicaSetup {
  readonly channel: SharedArrayBuffer;
  readonly index: number;
  readonly replicas: number;
  readonly spec: ModelSpec;
  /** Seeds the replica's own randomness (dropout); its weights are replica 0's. */
  readonly seed: number;
  readonly optimizer: OptimizerSpec;
  readonly l2: number;
  /** Replica 0's param values (name, byte offset, length): the one copy of the weights every replica reads and updates. */
  readonly values: readonly { readonly name: string; readonly offset: number; readonly length: number }[];
  /** Checks a waiter spins through before sleeping (see ReplicaThreads.spins). */
  readonly spins: number;
  /** Replica 0's optimizer state: its step count and buffers (byte offsets), which the helper's optimizer then shares. */
  readonly optimizerState: { readonly step: number; readonly buffers: readonly { name: string; offset: number; length: number }[] };
}

/** Helper threads, each able to run one replica (see runReplica); the host starts them. */
export interface ReplicaThreads {
  readonly helpers: number;
  /** The memory the helpers' kernels run on, as this thread sees it. */
  readonly memory: SharedMemory;
  /**
   * Checks a waiting replica spins through before it sleeps, for the run about to start: long when the
   * machine has a core to spare (waking a sleeper costs tens of microseconds), short when it is busy
   * (a spinner then takes the core the replica it waits for needs). Default DEFAULT_SPINS.
   */
  readonly spins?: number;
  /**
   * Multiply-adds a training step needs for the helpers to pay for their sync points (see threadsPay): a run
   * with smaller steps trains on one thread. Default 0.
   */
  readonly minStepMacs?: number;
  /** Hands helper h setups[h]; it runs runReplica with it until the run quits, then waits for the next. */
  start(setups: readonly ReplicaSetup[]): void;
  /** Stops the threads (between runs). */
  close(): Promise<void>;
}

export interface DataParallelOptions {
  readonly spec: ModelSpec;
  readonly seed: number;
  readonly optimizer: OptimizerSpec;
  readonly l2: number;
}

/** Replica 0's side of a data-parallel run. */
export class DataParallel {
  private readonly channel: ReplicaChannel;
  private readonly replica: Replica;
  private readonly shares = new Map<number, Tensor>();
  private steps = 0;
  /** The last step whose update every replica has finished (steps: the last started). */
  private settled = 0;
  private closed = false;

  /** Starts a run on `threads` with `model` and `optimizer` as replica 0; returns once every helper is ready. */
  constructor(
    private readonly threads: ReplicaThreads,
    private readonly model: Sequential,
    optimizer: Optimizer,
    kernels: Kernels,
    options: DataParallelOptions,
  ) {
    const replicas = threads.helpers + 1;
    const params = model.params();
    const spins = threads.spins ?? DEFAULT_SPINS;
    this.channel = new ReplicaChannel(undefined, spins);
    if (replicas > MAX_REPLICAS) throw new EngineError(`data-parallel training: at most ${MAX_REPLICAS} threads, got ${replicas}`);
    if (params.length > MAX_PARAMS) throw new EngineError(`data-parallel training: at most ${MAX_PARAMS} params, the model has ${params.length}`);
    this.replica = new Replica(0, replicas, model, optimizer, options.l2, this.channel, kernels);
    const state = optimizer.state();
    const setup = (index: number): ReplicaSetup => ({
      channel: this.channel.buffer,
      index,
      replicas,
      spec: options.spec,
      seed: (options.seed ^ Math.imul(index, 0x9e3779b1)) | 0,
      optimizer: options.optimizer,
      l2: options.l2,
      spins,
      values: params.map((p) => ({ name: p.name, offset: p.value.byteOffset, length: p.value.length })),
      optimizerState: { step: state.step, buffers: state.buffers.map((b) => ({ name: b.name, offset: b.data.byteOffset, length: b.data.length })) },
    });
    threads.start(Array.from({ length: threads.helpers }, (_, h) => setup(h + 1)));
    this.channel.awaitReady(threads.helpers);
    this.replica.attach((offset, length) => new Float32Array(threads.memory.buffer, offset, length));
  }

  /**
   * One training step on the batch x: [n, ...] with `labels` (both in the shared memory, x from its
   * start): every replica trains on its share and all apply the same update. Returns the batch's loss
   * (data loss + L2 penalty; the update was skipped if it is not finite) and hits. The helpers may still be
   * updating their slices of the weights on return: call `settle` before reading or writing any weights
   * (the next step does). The batch buffers may be refilled at once (every replica is past reading them).
   */
  step(x: Tensor, labels: Uint8Array, n: number, lr: number): { loss: number; correct: number } {
    if (this.closed) throw new EngineError('data-parallel training: step after close');
    this.settle();
    const step = ++this.steps;
    this.channel.startStep(step, n, x.data.byteOffset, labels.byteOffset, lr);
    const [, end] = batchShare(n, this.threads.helpers + 1, 0);
    return this.replica.run(step, this.share(x, end), labels.subarray(0, end), n, lr);
  }

  /** Waits until the last step's update is in the weights (a no-op when it is). */
  // NOTE: a sync point of its own rather than the end of `step`, so that the caller's copy of the next batch
  // overlaps the helpers' slices of the update.
  settle(): void {
    if (this.settled === this.steps) return;
    this.replica.settle(this.steps);
    this.settled = this.steps;
  }

  /** Ends the run: the helpers leave it (waited for, so none still reads the memory). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.quit();
    this.channel.awaitDone(this.threads.helpers);
  }

  /** The first `rows` samples of x as a tensor (one per row count, reused). */
  private share(x: Tensor, rows: number): Tensor {
    const size = x.size / x.shape[0]!;
    let t = this.shares.get(rows);
    if (t === undefined || t.data.buffer !== x.data.buffer || t.data.byteOffset !== x.data.byteOffset) {
      t = new Tensor([rows, ...x.shape.slice(1)], x.data.subarray(0, rows * size));
      this.shares.set(rows, t);
    }
    return t;
  }
}
