// Config fields to change (a fork's overrides, a grid's base): every field optional and none defaulted.
import { z } from 'zod';
import { runConfigSchema, type RunConfig, type RunConfigInput } from './run-config';

/**
 * NOTE: `runConfigSchema.partial()` would fill `l2: 0`, `schedule`, `augment`… for absent fields, so a fork
 * overriding only `lr` would silently reset the forked run's L2. Defaults are stripped here.
 */
export const configOverridesSchema = z.strictObject(
  Object.fromEntries(Object.entries(runConfigSchema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.removeDefault() : v).optional()])),
) as unknown as z.ZodType<Partial<RunConfig>, Partial<RunConfigInput>>;
