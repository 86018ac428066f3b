// The base every optimizer shares: step counting, lr checking, state buffers; subclasses supply one update hook.
import { ConfigError, EngineError, ShapeError } from '../errors';
import type { Kernels } from '../kernels/kernels';
import { referenceKernels } from '../kernels/reference';
import type { Param } from '../layers/layer';
import { checkLambda } from '../regularization/l2';
import type { Shape } from '../tensor';
import type { OptimizerType } from './spec';

/** One named state buffer, e.g. "layers.0.weight.m" (Adam's first moment of that param). */
export interface OptimizerStateBuffer {
  readonly name: string;
  readonly shape: Shape;
  readonly data: Float32Array;
}

/** What a checkpoint needs to resume an optimizer exactly: its step count and its buffers. */
export interface OptimizerState {
  readonly step: number;
  readonly buffers: readonly OptimizerStateBuffer[];
}

/** A slice of param `index` to update: values w and grads g from element `at` of the param on (see stepParts). */
export interface OptimizerPart {
  readonly index: number;
  readonly at: number;
  readonly w: Float32Array;
  readonly g: Float32Array;
}

export abstract class Optimizer {
  abstract readonly type: OptimizerType;
  private steps = 0;
  private readonly stateBuffers: OptimizerStateBuffer[] = [];
  /** Per allocState slot, the arrays its subclass reads (entries replaced by shareState). */
  private readonly slots: Float32Array[][] = [];
  /** Element offset of the values the running update hook was given (0: a whole param). */
  private at = 0;

  /**
   * `kernels` runs the vectorisable updates and holds the state buffers (in wasm memory for the wasm
   * backend, beside the params, so updates need no copies); the reference kernels by default.
   */
  constructor(
    readonly params: readonly Param[],
    protected readonly kernels: Kernels = referenceKernels,
  ) {
    const seen = new Set<string>();
    for (const p of params) {
      if (p.value.length !== p.grad.length) {
        throw new ShapeError(`optimizer: param ${p.name} has ${p.value.length} values but ${p.grad.length} grads`);
      }
      if (seen.has(p.name)) throw new EngineError(`optimizer: param name ${p.name} appears twice`);
      seen.add(p.name);
    }
  }

  /** Number of steps taken so far (Adam's t after the step in progress). */
  get stepCount(): number {
    return this.steps;
  }

  /**
   * Applies every param's current grad with learning rate `lr`, first adding the L2 gradient 2·l2·w to the
   * weights' grads (as addL2Grad does, in the same pass as the update where a kernel fuses the two).
   * Allocates nothing: state buffers were made once in the constructor.
   */
  step(lr: number, l2 = 0): void {
    const t = this.nextStep(lr, l2);
    const params = this.params;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      this.update(i, p.value, p.grad, lr, t, this.decay(i, l2));
    }
  }

  /**
   * One step over slices of the params only (a data-parallel replica's share of the update; the other
   * replicas update the rest, each element exactly as `step` would): counts as a step like `step`.
   */
  stepParts(lr: number, parts: readonly OptimizerPart[], l2 = 0): void {
    const t = this.nextStep(lr, l2);
    for (const part of parts) {
      this.at = part.at;
      this.update(part.index, part.w, part.g, lr, t, this.decay(part.index, l2));
    }
    this.at = 0;
  }

  private nextStep(lr: number, l2: number): number {
    if (!Number.isFinite(lr) || lr < 0) throw new ConfigError('lr', `must be a finite number >= 0, got ${lr}`);
    checkLambda(l2);
    return ++this.steps;
  }

  /** The L2 gradient's factor for param `index`: 2·l2 for a weight, 0 for a bias (not regularised). */
  private decay(index: number, l2: number): number {
    return l2 > 0 && this.params[index]!.role === 'weight' ? 2 * l2 : 0;
  }

  /** g ← g + decay·w (the L2 gradient, as addL2Grad adds it), for an update hook that does not fuse it. */
  protected addDecay(w: Float32Array, g: Float32Array, decay: number): void {
    if (decay !== 0) this.kernels.axpy(decay, w, g);
  }

  /** The state buffers by name; the arrays are the live ones (copy them before the next step if needed). */
  state(): OptimizerState {
    return { step: this.steps, buffers: this.stateBuffers.slice() };
  }

  /** Restores a state saved by `state()` of an optimizer of the same type over the same params. */
  loadState(state: OptimizerState): void {
    const saved = this.checkState(state);
    for (const own of this.stateBuffers) own.data.set(saved.get(own.name)!.data);
    this.steps = state.step;
  }

  /**
   * Takes `state`'s buffers themselves as its own from now on (no copy): the replicas of a data-parallel
   * run keep one optimizer state in shared memory, each updating its slice.
   */
  shareState(state: OptimizerState): void {
    const saved = this.checkState(state);
    let k = 0;
    for (const arrays of this.slots) {
      for (let i = 0; i < arrays.length; i++, k++) {
        const own = this.stateBuffers[k]!;
        const data = saved.get(own.name)!.data;
        arrays[i] = data;
        this.stateBuffers[k] = { ...own, data };
      }
    }
    this.steps = state.step;
  }

  /** The values of `buffer` (a state buffer of this optimizer) the running update hook works on. */
  protected part(buffer: Float32Array, w: Float32Array): Float32Array {
    return this.at === 0 && w.length === buffer.length ? buffer : buffer.subarray(this.at, this.at + w.length);
  }

  /** `state`'s buffers by name, after checking they are exactly this optimizer's. */
  private checkState(state: OptimizerState): Map<string, OptimizerStateBuffer> {
    if (!Number.isInteger(state.step) || state.step < 0) {
      throw new EngineError(`optimizer.loadState: step must be an integer >= 0, got ${state.step}`);
    }
    const byName = new Map(state.buffers.map((b) => [b.name, b]));
    for (const own of this.stateBuffers) {
      const saved = byName.get(own.name);
      if (!saved) throw new EngineError(`optimizer.loadState: ${this.type} state has no buffer ${own.name}`);
      if (saved.data.length !== own.data.length) {
        throw new ShapeError(`optimizer.loadState: buffer ${own.name} has ${saved.data.length} values, expected ${own.data.length}`);
      }
    }
    if (byName.size !== this.stateBuffers.length) {
      const extra = [...byName.keys()].filter((n) => !this.stateBuffers.some((b) => b.name === n));
      throw new EngineError(`optimizer.loadState: unexpected buffers for ${this.type}: ${extra.join(', ')}`);
    }
    return byName;
  }

  /** One zeroed buffer per param, named `${param.name}.${slot}`; call from subclass constructors only. */
  protected allocState(slot: string): Float32Array[] {
    const arrays = this.params.map((p) => {
      const data = this.kernels.alloc(p.value.length);
      this.stateBuffers.push({ name: `${p.name}.${slot}`, shape: p.shape, data });
      return data;
    });
    this.slots.push(arrays);
    return arrays;
  }

  /**
   * The hook: update param `index` in place. w, g: the param's values and grads (same length), or a slice
   * of them (stepParts): read state buffers through `part`. t: 1-based step number. decay: first add
   * decay·w to g, in g (0: nothing to add; see addDecay). Must not allocate (but for a slice's views).
   */
  protected abstract update(index: number, w: Float32Array, g: Float32Array, lr: number, t: number, decay: number): void;
}
