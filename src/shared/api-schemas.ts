// Runtime schemas of every API call's input: the main side parses each argument with these before acting on it.
// Limits are generous for real use and refuse absurd sizes (a 10 MB tag, a million metric keys).
import { z } from 'zod';
import { REPRODUCTION_SCALES } from './api-reproduction-types';
import { RUN_STATUSES } from './api-types';
import { configOverridesSchema } from './config-overrides';
import { placementField } from './api-placement';
import { datasetRefSchema, runConfigSchema } from './run-config';
import { columnIdSchema } from './run-view';
import { nameSchema, notesSchema, tagSchema } from './text-rules';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** A database id: a positive safe integer. */
export const idSchema = int(1, Number.MAX_SAFE_INTEGER);
export const epochSchema = int(0, 100_000);
export const runStatusSchema = z.enum(RUN_STATUSES);
/** Names, tags and notes follow the one rule of text-rules.ts, by every door (a config's name too). */
export const runNameSchema = nameSchema;
export { tagSchema };
export const metricKeySchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w./-]+$/, 'letters, digits, "_", ".", "/" and "-" only');

/** No argument: the call takes nothing (an empty object is accepted too). */
export const noInput = z.strictObject({}).optional();
export const runRef = z.strictObject({ id: idSchema });
export const gridRef = runRef;
export const sweepRef = runRef;
export const runIdInput = z.strictObject({ runId: idSchema });

export const listRunsInput = z
  .strictObject({
    status: z.array(runStatusSchema).max(RUN_STATUSES.length).optional(),
    /** Runs carrying every one of these tags. */
    tags: z.array(tagSchema).max(32).optional(),
    /** Substring of the name or notes, case-insensitive. */
    text: z.string().max(200).optional(),
    gridId: idSchema.optional(),
    ids: z.array(idSchema).max(10_000).optional(),
    /** Newest first; page with offset. */
    limit: int(1, 10_000).default(1000),
    offset: int(0, 1_000_000_000).default(0),
  })
  .prefault({});

export const renameRunInput = z.strictObject({ id: idSchema, name: runNameSchema });
export const tagRunInput = z.strictObject({ id: idSchema, tag: tagSchema });
export const setRunNotesInput = z.strictObject({ id: idSchema, notes: notesSchema });
/** Fork: the run's config with these top-level fields replaced (nested objects are replaced whole), then validated. */
export const forkRunInput = z.strictObject({
  id: idSchema,
  overrides: configOverridesSchema,
  /** Continue from the parent's checkpoint after this many epochs (1-based) instead of from scratch; absent: from scratch. */
  fromEpoch: int(1, 1000).optional(),
  /** Where the fork trains (the workbench's setting when absent). */
  placement: placementField,
});
/** Extend: train a completed run this many more epochs. */
export const extendRunInput = z.strictObject({ id: idSchema, epochs: int(1, 1000) });

export const runEpochInput = z.strictObject({ runId: idSchema, epoch: epochSchema.optional() });

export const getMetricsInput = z.strictObject({
  runId: idSchema,
  keys: z.array(metricKeySchema).min(1).max(64),
  /** Downsample each series to at most this many points (min and max per step range, in SQLite; first and last kept). */
  maxPoints: int(2, 100_000).default(2000),
  /** Only points with step > sinceStep (a live chart catching up after reconnecting). */
  sinceStep: int(0, Number.MAX_SAFE_INTEGER).optional(),
});

/** Points one getRunsMetrics call may return at most (runs × keys × maxPoints); the compare page asks for up to 100 × 2 × 800. */
export const MAX_RUNS_METRICS_POINTS = 2_000_000;

export const getRunsMetricsInput = z
  .strictObject({
    runIds: z
      .array(idSchema)
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a run twice'),
    keys: z.array(metricKeySchema).min(1).max(64),
    /** Downsample each series to at most this many points (min/max per step range; first and last kept). */
    maxPoints: int(2, 100_000).default(1000),
  })
  .refine((i) => i.runIds.length * i.keys.length * i.maxPoints <= MAX_RUNS_METRICS_POINTS, {
    path: ['maxPoints'],
    message: `runIds × keys × maxPoints must be at most ${MAX_RUNS_METRICS_POINTS.toLocaleString('en')}: ask for fewer points per series`,
  });

export const getWeightImagesInput = z.strictObject({
  runId: idSchema,
  epoch: epochSchema.optional(),
  /** Only this param (default: the first Linear or Conv weight). */
  param: z.string().min(1).max(200).optional(),
  normalize: z.enum(['per-image', 'global']).default('per-image'),
  maxImages: int(1, 4096).default(256),
});

export const getHistogramHistoryInput = z.strictObject({ runId: idSchema, param: z.string().min(1).max(200) });

export const getWeightMatrixInput = z.strictObject({
  runId: idSchema,
  param: z.string().min(1).max(200),
  epoch: epochSchema.optional(),
  maxCells: int(1, 1_000_000).default(100_000),
});

export const getConfusionInput = z.strictObject({
  runId: idSchema,
  epoch: epochSchema.optional(),
  split: z.enum(['test', 'validation']).default('test'),
});

export const getMisclassifiedInput = z.strictObject({
  runId: idSchema,
  /** The epoch whose predictions to show; without it (or for a run that kept none for it), the final weights'. */
  epoch: epochSchema.optional(),
  trueClass: int(0, 9999),
  predictedClass: int(0, 9999),
  limit: int(1, 256).default(64),
});

/** A drawn image, row-major, values in [0, 1] (0 = background), 28×28 unless said otherwise. */
export const predictInput = z
  .strictObject({
    runId: idSchema,
    width: int(1, 256).default(28),
    height: int(1, 256).default(28),
    pixels: z
      .array(z.number().min(0).max(1))
      .min(1)
      .max(256 * 256),
  })
  .refine((p) => p.pixels.length === p.width * p.height, {
    path: ['pixels'],
    message: 'must hold width × height values',
  });

export const RUN_EXPORT_FORMATS = ['metrics-csv', 'epochs-csv', 'config-json', 'weights-safetensors', 'summary-markdown'] as const;
export const exportRunInput = z.strictObject({ runId: idSchema, format: z.enum(RUN_EXPORT_FORMATS) });

/** A table of runs (the report's Tables 2 and 3 for a grid): pick the runs or a whole grid. */
export const exportTableInput = z
  .strictObject({
    runIds: z.array(idSchema).min(1).max(10_000).optional(),
    gridId: idSchema.optional(),
    format: z.enum(['csv', 'markdown', 'latex']),
    /** Column ids (config paths like "lr", or metrics like "best.testAccuracy"); default: the varied parameters and scores. */
    columns: z.array(columnIdSchema).min(1).max(64).optional(),
  })
  .refine((t) => (t.runIds === undefined) !== (t.gridId === undefined), {
    path: ['runIds'],
    message: 'give exactly one of runIds or gridId',
  });

export const FIGURE_KINDS = ['loss', 'accuracy', 'lr', 'first-layer-weights', 'conv-kernels', 'histograms', 'confusion'] as const;
export const exportFigureInput = z.strictObject({
  runIds: z.array(idSchema).min(1).max(50),
  figure: z.enum(FIGURE_KINDS),
  format: z.enum(['svg', 'png']),
  width: int(100, 4000).default(800),
  height: int(100, 4000).default(500),
  theme: z.enum(['light', 'dark']).default('light'),
  epoch: epochSchema.optional(),
});

export { datasetRefSchema, runConfigSchema };

/** startRun: a run config, and where it trains. */
export const startRunInput = runConfigSchema.extend({ placement: placementField });

/** A reproduction's id: its start time as a folder name, e.g. "2026-11-26T20-20-27" (never a path). */
export const reproductionIdSchema = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d{1,3})?$/, 'expected a reproduction id like 2026-11-26T20-20-27');
export const reproductionRef = z.strictObject({ id: reproductionIdSchema });
export const startReproductionInput = z.strictObject({
  scale: z.enum(REPRODUCTION_SCALES),
  dataset: datasetRefSchema.default({ name: 'mnist' }),
});
/** One file of a reproduction's report folder, by the relative path its summary lists. */
export const getReportFileInput = z.strictObject({
  id: reproductionIdSchema,
  file: z
    .string()
    .max(200)
    .regex(/^[\w-]+(\/[\w-]+)*\.(md|html|svg|png|csv|tex)$/, "expected a path from the reproduction's file list, e.g. figures/cnn-loss.svg"),
});
