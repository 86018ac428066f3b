// The full description of one training run: validated at every boundary, stored as JSON with the run.
import { z } from 'zod';
import { modelSpecSchema } from './model-schema';
import { nameSchema } from './text-rules';
import { parseWith } from './validation';

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const unit = z.number().gt(0).lt(1);

export const datasetRefSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('mnist') }),
  z.strictObject({ name: z.literal('fashion-mnist') }),
  z.strictObject({ name: z.literal('folder'), path: z.string().min(1).max(4096) }),
]);

export const optimizerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sgd') }),
  z.strictObject({ type: z.literal('momentum'), momentum: z.number().min(0).lt(1).optional(), nesterov: z.boolean().optional() }),
  z.strictObject({ type: z.literal('rmsprop'), rho: unit.optional(), eps: z.number().gt(0).max(1).optional() }),
  z.strictObject({ type: z.literal('adam'), beta1: z.number().min(0).lt(1).optional(), beta2: unit.optional(), eps: z.number().gt(0).max(1).optional() }),
]);

/** When a decaying schedule moves: after every optimizer step (the default) or once per epoch. */
const decayPer = z.enum(['step', 'epoch']).optional();

export const scheduleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant') }),
  z.strictObject({ type: z.literal('step'), everyEpochs: int(1, 10000), gamma: z.number().gt(0).max(1) }),
  z.strictObject({ type: z.literal('exponential'), gamma: z.number().gt(0).max(1), per: decayPer }),
  z.strictObject({ type: z.literal('inverse_time'), decay: z.number().min(0).max(1000), per: decayPer }),
  z.strictObject({ type: z.literal('cosine'), minLr: z.number().min(0).optional(), warmupSteps: int(0, 10_000_000).optional() }),
]);

/**
 * How pixels become inputs: `none` is x/255; `standardize` is (x/255 − mean) / std with the mean and std of the
 * training images (computed once per run, recorded with it); `{ mean, std }` gives them (x/255 units).
 */
export const normalizeSchema = z.union(
  [z.enum(['none', 'standardize']), z.strictObject({ mean: z.number().min(-1000).max(1000), std: z.number().gt(0).max(1000) })],
  { error: 'must be "none", "standardize" or {"mean": m, "std": s} (x/255 units)' },
);

export const augmentSchema = z.strictObject({
  translate: z.number().min(0).max(14).optional(),
  rotate: z.number().min(0).max(180).optional(),
  scale: z.number().min(0).lt(1).optional(),
});

export const runConfigSchema = z.strictObject({
  name: nameSchema.optional(),
  dataset: datasetRefSchema,
  /** Train (and test) on the first N samples only: for quick looks and tests. */
  limitTrain: int(1, 10_000_000).optional(),
  limitTest: int(1, 10_000_000).optional(),
  /** Share of the training set held out for validation (0 = none). */
  validationSplit: z.number().min(0).max(0.5).default(0),
  model: modelSpecSchema,
  normalize: normalizeSchema.default('none'),
  optimizer: optimizerSchema,
  lr: z.number().gt(0).max(10),
  schedule: scheduleSchema.default({ type: 'constant' }),
  /** L2 strength λ of the penalty λ·Σw² over weights (not biases). */
  l2: z.number().min(0).max(10).default(0),
  batchSize: int(1, 8192),
  epochs: int(1, 1000),
  seed: int(0, 2 ** 31 - 1),
  augment: augmentSchema.default({}),
  /**
   * When to score the whole training set in a full pass (beside the batches' mean): after every epoch (absent: the
   * default) or after the last one only, which spares a grid that reads final numbers ~40 % of an MLP epoch each epoch.
   */
  trainPass: z.enum(['every_epoch', 'last_epoch']).optional(),
  earlyStopping: z.strictObject({ patience: int(1, 1000), minDelta: z.number().min(0).default(0) }).optional(),
  /**
   * Which end-of-epoch checkpoints stay on disk: the last and the best (absent: the default), or every one, which
   * a fork from any epoch needs (`fromEpoch`).
   */
  keepCheckpoints: z.enum(['last_best', 'all']).optional(),
});

export type DatasetRef = z.output<typeof datasetRefSchema>;
export type NormalizeSpec = z.output<typeof normalizeSchema>;
export type RunConfig = z.output<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;

/** Validates and fills defaults; throws ValidationError naming the bad field (e.g. "lr"). */
export function parseRunConfig(input: unknown): RunConfig {
  return parseWith(runConfigSchema, input);
}
