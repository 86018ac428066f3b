// An end-of-epoch checkpoint: everything that decides what training does next, so a run resumed from it
// continues bit for bit as if it had never stopped. Data shuffles and augmentation need no state of their
// own: each epoch's order and augmentation stream derive from (seed, epoch) alone (see Batcher.beginEpoch).
import { EngineError } from '../errors';
import { Dropout } from '../layers/dropout';
import type { Sequential } from '../models/sequential';
import type { Optimizer, OptimizerStateBuffer } from '../optim/optimizer';
import type { RngState } from '../random';
import type { Shape } from '../tensor';
import type { EarlyStoppingState } from './early-stopping';

export interface NamedArray {
  readonly name: string;
  readonly shape: Shape;
  readonly data: Float32Array;
}

export interface TrainerCheckpoint {
  /** Epochs finished: the 0-based epoch a resumed run trains next. */
  readonly epochsDone: number;
  /** Global optimizer steps taken (the schedule's clock). */
  readonly step: number;
  /** The first step's loss: divergence is judged against it. */
  readonly startLoss: number;
  /** Training clock at the checkpoint, so a resumed run's elapsed times continue. */
  readonly elapsedSeconds: number;
  /** The loss early stopping watches (validation, else test) at this epoch: the "best" checkpoint is its minimum. */
  readonly score: number;
  readonly earlyStopping: EarlyStoppingState | null;
  /** Copies of the weights, in params() order. */
  readonly params: readonly NamedArray[];
  /**
   * The optimizer's step count and copies of its buffers (momentum, RMSProp's and Adam's moments); null restores
   * none, so the optimizer starts fresh (a fork that changed the optimizer's type).
   */
  readonly optimizer: { readonly step: number; readonly buffers: readonly OptimizerStateBuffer[] } | null;
  /** Each dropout layer's mask stream, in layer order. */
  readonly rngs: readonly RngState[];
}

export type TrainerProgress = Pick<TrainerCheckpoint, 'epochsDone' | 'step' | 'startLoss' | 'elapsedSeconds' | 'score' | 'earlyStopping'>;

/** Copies the model's, optimizer's and trainer's state (the model keeps training on the originals). */
export function captureCheckpoint(model: Sequential, optimizer: Optimizer, progress: TrainerProgress): TrainerCheckpoint {
  const state = optimizer.state();
  return {
    ...progress,
    params: model.params().map((p) => ({ name: p.name, shape: [...p.shape], data: p.value.slice() })),
    optimizer: { step: state.step, buffers: state.buffers.map((b) => ({ name: b.name, shape: [...b.shape], data: b.data.slice() })) },
    rngs: dropouts(model).map((d) => d.maskRng.state()),
  };
}

/** Puts a checkpoint's weights, optimizer state and dropout streams back; throws naming what does not fit. */
export function restoreCheckpoint(model: Sequential, optimizer: Optimizer, c: TrainerCheckpoint): void {
  const params = model.params();
  if (params.length !== c.params.length) throw new EngineError(`checkpoint: holds ${c.params.length} params, the model has ${params.length}`);
  params.forEach((p, i) => {
    const saved = c.params[i]!;
    if (saved.name !== p.name || saved.data.length !== p.value.length) {
      throw new EngineError(`checkpoint: param ${i} is ${saved.name} (${saved.data.length} values), the model's is ${p.name} (${p.value.length})`);
    }
    p.value.set(saved.data);
  });
  if (c.optimizer) optimizer.loadState(c.optimizer);
  const layers = dropouts(model);
  if (layers.length !== c.rngs.length)
    throw new EngineError(`checkpoint: holds ${c.rngs.length} dropout streams, the model has ${layers.length} dropout layers`);
  layers.forEach((d, i) => d.maskRng.restore(c.rngs[i]!));
}

function dropouts(model: Sequential): Dropout[] {
  return model.layers.filter((l): l is Dropout => l instanceof Dropout);
}
