// What the API returns about a run's insides: metric series, histograms, weight pictures, confusion, predictions, exports.
// JSON-safe on purpose (the web door speaks JSON): byte arrays travel as base64 strings (see base64.ts).
import type { ValueStats } from '../engine/inspect/stats';

/**
 * Metric names the service records (MLflow-style keys: one value per (key, step)).
 * Per-step keys are logged every few steps; per-epoch keys once per epoch, at the epoch's last step.
 */
export const METRIC_KEYS = {
  loss: 'train/loss',
  accuracy: 'train/accuracy',
  lr: 'train/lr',
  samplesPerSecond: 'train/samples_per_second',
  /** Means over the epoch's batches, scored while the weights moved. */
  epochTrainLoss: 'epoch/train_loss',
  epochTrainAccuracy: 'epoch/train_accuracy',
  /** A full pass over the training set after the epoch (inference mode, no augmentation). */
  trainPassLoss: 'train_pass/loss',
  trainPassAccuracy: 'train_pass/accuracy',
  testLoss: 'test/loss',
  testAccuracy: 'test/accuracy',
  valLoss: 'val/loss',
  valAccuracy: 'val/accuracy',
} as const;

/** Points of one metric, as parallel arrays (column form: compact and chart-ready). */
export interface MetricPoints {
  readonly key: string;
  /** Global step of each point, ascending. */
  readonly steps: readonly number[];
  readonly epochs: readonly number[];
  /** NOTE: null where the value was NaN or infinite (SQLite and JSON both turn those into null). */
  readonly values: readonly (number | null)[];
  /** Wall time of each point, seconds since the run started. */
  readonly times: readonly number[];
}

/** A stored series, possibly downsampled to the `maxPoints` asked for (first and last points always kept). */
export interface MetricSeries extends MetricPoints {
  /** Points stored for this key in the requested range; more than `steps.length` when downsampled. */
  readonly totalPoints: number;
}

/** One run's series among several asked for at once. */
export interface RunMetricSeries {
  readonly runId: number;
  /** One per key asked for, in that order (empty where the run has no point of the key). */
  readonly series: MetricSeries[];
}

/** Several runs' series in one answer (the compare page). */
export interface RunsMetrics {
  /** The runs that exist, in the order asked. */
  readonly runs: RunMetricSeries[];
  /** Ids asked for that name no run (deleted meanwhile): the other runs are answered all the same. */
  readonly missingRunIds: number[];
}

/** Histogram and statistics of one parameter at one epoch. */
export interface ParamHistogram {
  /** e.g. "layers.1.weight". */
  readonly param: string;
  /** e.g. "layers.1". */
  readonly layer: string;
  readonly role: 'weight' | 'bias';
  readonly shape: readonly number[];
  /** Bin i covers [min + i·w, min + (i+1)·w) with w = (max − min) / counts.length. */
  readonly min: number;
  readonly max: number;
  readonly counts: readonly number[];
  readonly stats: ValueStats;
  readonly gradNorm: number | null;
}

export interface HistogramSet {
  readonly runId: number;
  readonly epoch: number;
  /** Every epoch that has histograms (for the scrubber). */
  readonly epochs: readonly number[];
  readonly params: readonly ParamHistogram[];
}

/** One parameter's histogram at every epoch that has one: how its distribution moved (ridge plot, bands). */
export interface ParamHistory {
  readonly runId: number;
  readonly param: string;
  readonly role: 'weight' | 'bias';
  readonly shape: readonly number[];
  /** In epoch order; equal-width bins over [min, max] each. */
  readonly epochs: readonly { readonly epoch: number; readonly min: number; readonly max: number; readonly counts: readonly number[] }[];
}

/** A weight as grayscale pictures: first-layer Linear rows as h×w images, or conv kernels. */
export interface WeightImageGrid {
  readonly param: string;
  readonly kind: 'linear' | 'conv';
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** base64 of uint8 [count, height, width]; 0 shows lo[i], 255 shows hi[i]. */
  readonly pixels: string;
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

export interface WeightImageSet {
  readonly runId: number;
  readonly epoch: number;
  readonly epochs: readonly number[];
  readonly grids: readonly WeightImageGrid[];
}

/** A 2-D weight for a heatmap, average-pooled to at most `maxCells` cells, with unit statistics. */
export interface WeightMatrix {
  readonly runId: number;
  readonly epoch: number;
  readonly param: string;
  /** The weight's own shape, e.g. [100, 784] (conv weights are shown as [F, C·kh·kw]). */
  readonly shape: readonly number[];
  readonly rows: number;
  readonly cols: number;
  /** Row-major [rows, cols]. */
  readonly values: readonly number[];
  readonly stats: ValueStats;
  /** Output units whose weights are all zero or that never activate on the test set, by index. */
  readonly deadUnits: readonly number[];
}

export interface ConfusionResult {
  readonly runId: number;
  readonly epoch: number;
  readonly epochs: readonly number[];
  readonly split: 'test' | 'validation';
  readonly classNames: readonly string[];
  /** counts[true][predicted]. */
  readonly counts: readonly (readonly number[])[];
  readonly accuracy: number;
}

export interface MisclassifiedSample {
  /** Index in the test set. */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** Probability the model gave `predicted`. */
  readonly confidence: number;
  /** base64 of uint8 [height, width], the raw test image. */
  readonly pixels: string;
}

export interface MisclassifiedSet {
  readonly runId: number;
  /**
   * The epoch whose weights made these predictions (as the worker measured them then, so they match that epoch's
   * confusion matrix); null when they come from the run's final weights.
   */
  readonly epoch: number | null;
  readonly width: number;
  readonly height: number;
  /** How many test images have this (label, predicted) pair. */
  readonly total: number;
  readonly samples: readonly MisclassifiedSample[];
}

export interface Prediction {
  /** Softmax output, one per class. */
  readonly probabilities: readonly number[];
  readonly predicted: number;
  readonly classNames: readonly string[];
}

/** A file produced for the user to save: text as utf8, binary as base64. */
export interface ExportedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly encoding: 'utf8' | 'base64';
  readonly data: string;
}
