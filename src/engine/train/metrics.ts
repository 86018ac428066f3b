// What the trainer reports: one record per logged step and one per epoch.
import type { ConfusionMatrix } from './confusion';

export interface StepMetrics {
  /** Global step, counting from 1. */
  readonly step: number;
  /** 0-based epoch this step belongs to, and the fraction of it done after this step. */
  readonly epoch: number;
  readonly epochProgress: number;
  /** Data loss + L2 penalty of this batch (the report's regularised loss). */
  readonly loss: number;
  readonly accuracy: number;
  /** Learning rate used for this step. */
  readonly lr: number;
  readonly samplesPerSecond: number;
  readonly elapsedSeconds: number;
}

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
  readonly confusion: ConfusionMatrix;
  /** Per example, in dataset order: the arg-max class (ties to the lowest, as in the confusion matrix). */
  readonly predicted: Uint8Array;
  /** Per example: the softmax probability of its predicted class. */
  readonly confidence: Float32Array;
}

export interface EpochMetrics {
  readonly epoch: number;
  /**
   * Mean over the epoch's batches (weighted by batch size), measured while the weights moved (and on the
   * augmented images when augmentation is on): what Keras and the course report call training accuracy.
   */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  /**
   * One full pass over the training set after the epoch, in inference mode (data loss only, no augmentation);
   * absent on epochs the trainer was told to skip it (see TrainerOptions.trainPass).
   */
  readonly trainPass?: Evaluation;
  readonly validation?: Evaluation;
  readonly test: Evaluation;
  /** Learning rate at the end of the epoch. */
  readonly lr: number;
  /** Wall time of the training steps of this epoch (evaluation excluded) and of the evaluation. */
  readonly trainSeconds: number;
  readonly evalSeconds: number;
  readonly samplesPerSecond: number;
  readonly elapsedSeconds: number;
}

export type StopReason = 'completed' | 'early_stopping' | 'cancelled' | 'diverged';

export interface TrainResult {
  readonly epochs: readonly EpochMetrics[];
  readonly stopReason: StopReason;
  /** Human-readable why, e.g. "loss became NaN at step 312 (epoch 1)". */
  readonly stopMessage: string;
  readonly steps: number;
  readonly elapsedSeconds: number;
}
