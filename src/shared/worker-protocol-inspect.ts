// The introspection part of the worker protocol: per-param statistics and histograms, dead units, the first
// layer's weights as 8-bit images and the test set's predictions, taken at the end of an epoch.
import { z } from 'zod';
import type { ValueStats } from '../engine/inspect/stats';

const count = z.number().int().min(0);
const real = z.custom<number>((v) => typeof v === 'number', 'expected a number');
export const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array');
const floats = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');

const histogramSchema = z.strictObject({
  /** Left edge of the first bin and right edge of the last (equal-width bins). */
  min: real,
  max: real,
  counts: z.array(count).min(1),
  /** Values not counted (NaN, ±Infinity). */
  dropped: count,
});

const valueStatsSchema = z.strictObject({
  count,
  min: real,
  max: real,
  mean: real,
  std: real,
  /** The weight norm √Σw². */
  l2: real,
  /** Share of values > 0: the sign balance. */
  positiveShare: real,
  zeros: count,
  nonFinite: count,
});

export const paramStatsSchema = z.strictObject({
  /** e.g. "layers.1.weight"; the layer is the part before the last ".". */
  name: z.string(),
  role: z.enum(['weight', 'bias']),
  shape: z.array(count),
  values: valueStatsSchema,
  /** Norm of the gradient of the epoch's last step. */
  gradNorm: real,
  histogram: histogramSchema,
});

const deadUnitsSchema = z.strictObject({
  /** The ReLU layer, e.g. "layers.2". */
  layer: z.string(),
  /** 'channel' for conv feature maps (a whole channel is one unit), 'feature' otherwise. */
  groupBy: z.enum(['feature', 'channel']),
  units: count,
  /** Units ≤ 0 for every sample of the probe batch. */
  dead: count,
  /** Size of the probe batch (the first test samples). */
  samples: count,
});

export const inspectionSchema = z.strictObject({
  params: z.array(paramStatsSchema),
  deadUnits: z.array(deadUnitsSchema),
});

/** The first weighted layer as images: Linear rows as H×W pictures, conv kernels as kh×kw ones. */
export const weightSnapshotSchema = z
  .strictObject({
    param: z.string(),
    layerType: z.enum(['linear', 'conv2d']),
    /** The weight's own shape, e.g. [128, 784] or [30, 1, 5, 5]. */
    shape: z.array(count),
    count,
    height: count,
    width: count,
    /** [count, height, width]; pixel p of image i shows lo[i] + p/255 · (hi[i] − lo[i]). */
    pixels: bytes,
    lo: floats,
    hi: floats,
  })
  .refine((s) => s.pixels.length === s.count * s.height * s.width && s.lo.length === s.count && s.hi.length === s.count, {
    message: 'pixels must hold count·height·width bytes and lo/hi one value per image',
    path: ['pixels'],
  });

/**
 * The test set's prediction for every image at an inspected epoch, in dataset order: what the confusion matrix
 * counted, kept so its cells' images can be shown for that epoch. confidence[i] is the probability ×255, rounded.
 */
export const testPredictionsSchema = z
  .strictObject({ predicted: bytes, confidence: bytes })
  .refine((p) => p.predicted.length === p.confidence.length, { message: 'predicted and confidence must have one byte per image each', path: ['confidence'] });

export type ParamStats = z.output<typeof paramStatsSchema>;
export type TestPredictions = z.output<typeof testPredictionsSchema>;
export type Inspection = z.output<typeof inspectionSchema>;
export type WeightSnapshot = z.output<typeof weightSnapshotSchema>;

type Assignable<A, B> = [A] extends [B] ? true : false;
const _drift: Assignable<ValueStats, ParamStats['values']> = true;
void _drift;
