// A grid search in the shape W&B sweeps use: a base config plus, per parameter path, a list or a range of values.
// The schema expands every cell and validates it as a full RunConfig, so a bad value is refused before any run starts.
import { z } from 'zod';
import { checkGridCells, MAX_PARAMETER_VALUES, type GridValue } from './grid-expand';
import { placementField } from './api-placement';
import { configOverridesSchema } from './config-overrides';
import { nameSchema } from './text-rules';

/** Most runs one grid may start; a bigger product needs `run_cap`. */
export const MAX_GRID_RUNS = 1000;
export const MAX_GRID_PARAMETERS = 16;
const MAX_VALUES = MAX_PARAMETER_VALUES;

export type { GridValue };

const finite = z.number().min(-1e12).max(1e12);

/**
 * One parameter: `{ values: [...] }`, `{ value }` (a constant), or `{ min, max, count, log?, integer? }` —
 * `count` values from min to max inclusive, evenly spaced (in log space with `log`), rounded with `integer`.
 */
export const gridParameterSchema = z
  .strictObject({
    values: z.array(z.json()).min(1).max(MAX_VALUES).optional(),
    value: z.json().optional(),
    min: finite.optional(),
    max: finite.optional(),
    count: z.number().int().min(1).max(MAX_VALUES).optional(),
    log: z.boolean().optional(),
    integer: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    const range = p.min !== undefined || p.max !== undefined || p.count !== undefined;
    const forms = [p.values !== undefined, p.value !== undefined, range].filter(Boolean).length;
    if (forms !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of `values`, `value`, or `min`/`max`/`count`' });
      return;
    }
    if (!range) return;
    for (const k of ['min', 'max', 'count'] as const) {
      if (p[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `a range needs ${k}` });
    }
    if (p.min === undefined || p.max === undefined || p.count === undefined) return;
    if (p.min > p.max) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be >= min (${p.min}), got ${p.max}` });
    if (p.count > 1 && p.min === p.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be > min when count > 1' });
    if (p.log && p.min <= 0) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be > 0 for a log range, got ${p.min}` });
  });

/** A dotted path into RunConfig: "lr", "optimizer.momentum", "model.layers.1.units". */
export const gridParameterPathSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z_]\w*(\.\w+)*$/, 'must be a dotted config path like "lr" or "optimizer.momentum"')
  .refine((p) => !p.split('.').some((s) => s === '__proto__' || s === 'constructor' || s === 'prototype'), 'reserved name');

export const gridSpecSchema = z
  .strictObject({
    name: nameSchema.optional(),
    /** Only exhaustive grids for now; the field keeps W&B specs readable. */
    method: z.literal('grid').default('grid'),
    /** Fields shared by every cell; the parameters fill in or override the rest. */
    base: configOverridesSchema,
    parameters: z
      .record(gridParameterPathSchema, gridParameterSchema)
      .refine((r) => Object.keys(r).length >= 1, 'give at least one parameter')
      .refine((r) => Object.keys(r).length <= MAX_GRID_PARAMETERS, `at most ${MAX_GRID_PARAMETERS} parameters`),
    /** Run at most this many cells (the first ones, in expansion order). */
    run_cap: z.number().int().min(1).max(MAX_GRID_RUNS).optional(),
    /** The grid this one refines. */
    parentGridId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Where its cells train: here, or on remote workers (the workbench's setting when absent). */
    placement: placementField,
  })
  .superRefine(
    (spec, ctx) => {
      const problem = checkGridCells(spec);
      if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    },
    // NOTE: zod 4 runs a refinement even after a field failed its own check: a `count` of 2^53 would have been
    // expanded (a fatal V8 out-of-memory, found by the API fuzz). Cells are expanded only from a spec that passed.
    { when: (payload) => payload.issues.length === 0 },
  );

export type GridSpec = z.output<typeof gridSpecSchema>;
export type GridSpecInput = z.input<typeof gridSpecSchema>;
export type GridParameter = z.output<typeof gridParameterSchema>;
