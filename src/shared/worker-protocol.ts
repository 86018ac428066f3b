// The messages between the main process and a training process, both ways, with the schemas each side
// checks on receipt. NOTE: messages carry typed arrays (weights, snapshot pixels) and NaN, so a host must
// move them by structured clone (child_process.fork with serialization 'advanced', Electron's
// utilityProcess); JSON would turn a Uint8Array into {"0": …} and NaN into null.
import { z } from 'zod';
import type { EpochMetrics, StepMetrics, StopReason } from '../engine/train/metrics';
import { runConfigSchema } from './run-config';
import { parseWith, ValidationError } from './validation';
import { bytes, inspectionSchema, testPredictionsSchema, weightSnapshotSchema } from './worker-protocol-inspect';

export { type Inspection, type ParamStats, type TestPredictions, type WeightSnapshot } from './worker-protocol-inspect';

const count = z.number().int().min(0);
/** Any JS number, NaN and ±Infinity included: a metric may legitimately be non-finite. */
const real = z.custom<number>((v) => typeof v === 'number', 'expected a number');
const runId = z.string().min(1).max(200);

export const kernelPreferenceSchema = z.enum(['auto', 'native', 'relaxed', 'simd', 'reference']);

// Main → worker.

export const startMessageSchema = z.strictObject({
  type: z.literal('start'),
  runId,
  config: runConfigSchema,
  kernels: kernelPreferenceSchema.default('auto'),
  /** Threads training on shares of each batch (data parallelism; wasm kernels only; 1 = this thread alone). */
  threads: z.number().int().min(1).max(64).default(1),
  /** Introspection and the first-layer snapshot every N epochs (default 1; the last epoch always). */
  inspectEvery: z.number().int().min(1).max(1000).optional(),
  /** Flush step metrics at least this often (default 250 ms). */
  progressIntervalMs: z.number().int().min(10).max(60_000).optional(),
  /** Continue from this end-of-epoch checkpoint (its bytes, and the file they came from for errors). */
  resume: z.strictObject({ checkpoint: bytes, source: z.string().min(1).max(4096) }).optional(),
});

export const mainMessageSchema = z.discriminatedUnion('type', [startMessageSchema, z.strictObject({ type: z.literal('cancel') })]);

// Worker → main.

export const stepMetricsSchema = z.strictObject({
  step: z.number().int().min(1),
  epoch: count,
  epochProgress: real,
  loss: real,
  accuracy: real,
  lr: real,
  samplesPerSecond: real,
  elapsedSeconds: real,
});

const evaluationSchema = z.strictObject({ loss: real, accuracy: real });

const confusionSchema = z
  .strictObject({ classes: z.number().int().min(1).max(1000), counts: z.array(count) })
  .refine((c) => c.counts.length === c.classes * c.classes, { message: 'counts must have classes² entries', path: ['counts'] });

export const epochMetricsSchema = z.strictObject({
  /** 0-based. */
  epoch: count,
  /** Means over the epoch's batches. */
  trainLoss: real,
  trainAccuracy: real,
  /** A full pass over the training set after the epoch (absent on epochs the run skips it). */
  trainPass: evaluationSchema.optional(),
  validation: evaluationSchema.optional(),
  test: evaluationSchema,
  lr: real,
  trainSeconds: real,
  evalSeconds: real,
  samplesPerSecond: real,
  elapsedSeconds: real,
});

const readySchema = z.strictObject({
  type: z.literal('ready'),
  runId,
  dataset: z.strictObject({
    title: z.string(),
    /** sha256 hex of the four decompressed IDX files. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Sizes after `limitTrain`/`limitTest` and the validation split. */
    train: count,
    validation: count,
    test: count,
    classNames: z.array(z.string()),
    /** One sample: [C, H, W]. */
    shape: z.tuple([count, count, count]),
  }),
  parameterCount: count,
  /** How pixels became inputs, (x/255 − mean) / std: the run's `normalize` resolved (standardize: measured on the training split). */
  normalisation: z.strictObject({ mean: z.number(), std: z.number().gt(0) }),
  /** The kernels actually running, e.g. "wasm-relaxed-simd". */
  kernels: z.string(),
  stepsPerEpoch: count,
});

const progressSchema = z.strictObject({ type: z.literal('progress'), runId, steps: z.array(stepMetricsSchema).min(1) });

const epochSchema = z.strictObject({
  type: z.literal('epoch'),
  runId,
  metrics: epochMetricsSchema,
  confusion: z.strictObject({ test: confusionSchema, validation: confusionSchema.optional() }),
  /** Present on inspected epochs (see `inspectEvery`). */
  inspection: inspectionSchema.optional(),
  /** On inspected epochs too. */
  predictions: testPredictionsSchema.optional(),
});

const snapshotSchema = z.strictObject({ type: z.literal('snapshot'), runId, epoch: count, weights: weightSnapshotSchema });

/** An end-of-epoch checkpoint (see engine/io/checkpoint-file), after that epoch's `epoch` message. */
const checkpointSchema = z.strictObject({
  type: z.literal('checkpoint'),
  runId,
  /** Epochs finished (1-based: the checkpoint after the first epoch is 1). */
  epochsDone: z.number().int().min(1),
  step: count,
  /** The loss early stopping watches (validation, else test): the best checkpoint has the lowest. */
  score: real,
  elapsedSeconds: real,
  data: bytes,
});

export const stopReasonSchema = z.enum(['completed', 'early_stopping', 'cancelled', 'diverged']);

const doneSchema = z.strictObject({
  type: z.literal('done'),
  runId,
  stopReason: stopReasonSchema,
  /** Human-readable why, e.g. "cancelled at step 120 (epoch 2)". */
  stopMessage: z.string(),
  steps: count,
  elapsedSeconds: real,
  /** The last completed epoch's metrics (null when stopped inside the first epoch). */
  final: epochMetricsSchema.nullable(),
  /** The trained model as a safetensors file (also for cancelled and diverged runs). */
  weights: bytes,
});

export const wireErrorSchema = z.strictObject({ name: z.string(), message: z.string() });

const failedSchema = z.strictObject({
  type: z.literal('failed'),
  /** Null when the failure came before a valid `start` named the run. */
  runId: runId.nullable(),
  error: wireErrorSchema,
});

export const workerMessageSchema = z.discriminatedUnion('type', [
  readySchema,
  progressSchema,
  epochSchema,
  snapshotSchema,
  checkpointSchema,
  doneSchema,
  failedSchema,
]);

export type KernelPreference = z.output<typeof kernelPreferenceSchema>;
export type StartMessage = z.input<typeof startMessageSchema>;
export type MainMessage = z.output<typeof mainMessageSchema>;
/** What the main side sends (defaults not yet filled in). */
export type MainMessageInput = z.input<typeof mainMessageSchema>;
export type WorkerMessage = z.output<typeof workerMessageSchema>;
export type WorkerMessageType = WorkerMessage['type'];
export type WorkerMessageOf<T extends WorkerMessageType> = Extract<WorkerMessage, { type: T }>;
export type StepRecord = z.output<typeof stepMetricsSchema>;
export type EpochRecord = z.output<typeof epochMetricsSchema>;
export type WireError = z.output<typeof wireErrorSchema>;

/** The messages after which a training process exits. */
export function isTerminal(msg: WorkerMessage): msg is WorkerMessageOf<'done' | 'failed'> {
  return msg.type === 'done' || msg.type === 'failed';
}

/** Checks a message the main process sent; throws ValidationError naming the field ("message.config.lr: …"). */
export function parseMainMessage(input: unknown): MainMessage {
  return parseWith(mainMessageSchema, input, 'message');
}

/** Checks a message a training process sent; throws ValidationError naming the field ("message.steps.0.loss: …"). */
export function parseWorkerMessage(input: unknown): WorkerMessage {
  return parseWith(workerMessageSchema, input, 'message');
}

/** Any thrown value as `{ name, message }`, the only shape of an error that crosses a process boundary. */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error) return { name: err.name || 'Error', message: err.message };
  return { name: 'Error', message: typeof err === 'string' ? err : String(err) };
}

/** A worker that sent something the schema refuses: the main side reports it under this name. */
export function protocolError(err: unknown): WireError {
  const reason = err instanceof ValidationError ? err.message : toWireError(err).message;
  return { name: 'ProtocolError', message: `the training process sent an invalid message: ${reason}` };
}

// The engine's records must stay sendable as they are (a compile error here means the schemas drifted).
type Assignable<A, B> = [A] extends [B] ? true : false;
const _drift: [Assignable<StepMetrics, StepRecord>, Assignable<EpochMetrics, EpochRecord>, Assignable<StopReason, z.output<typeof stopReasonSchema>>] = [
  true,
  true,
  true,
];
void _drift;
