// Runtime schema of the engine's ModelSpec (the JSON a run stores); typed against the engine so they cannot drift.
import { z } from 'zod';
import type { InitType, ModelSpec } from '../engine/models/spec';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** How weights start: `auto` (He or Xavier by the activation that follows), `he`, `xavier`, or N(0, std²) with `normal`. */
export const initSchema = z
  .strictObject({ type: z.enum(['auto', 'he', 'xavier', 'normal']), std: z.number().gt(0).max(10).optional() })
  .refine((i) => i.std === undefined || i.type === 'normal', { message: 'only "normal" takes a std', path: ['std'] });

export const layerSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('linear'), units: int(1, 65536), init: initSchema.optional() }),
  z.strictObject({
    type: z.literal('conv2d'),
    filters: int(1, 4096),
    kernel: int(1, 64),
    stride: int(1, 64).optional(),
    padding: int(0, 64).optional(),
    init: initSchema.optional(),
  }),
  z.strictObject({ type: z.literal('maxpool2d'), size: int(1, 64), stride: int(1, 64).optional() }),
  z.strictObject({ type: z.literal('flatten') }),
  z.strictObject({ type: z.literal('dropout'), rate: z.number().min(0).lt(1) }),
  z.strictObject({ type: z.literal('relu') }),
  z.strictObject({ type: z.literal('sigmoid') }),
  z.strictObject({ type: z.literal('tanh') }),
  z.strictObject({ type: z.literal('leaky_relu'), slope: z.number().min(0).lt(1).optional() }),
  z.strictObject({ type: z.literal('gelu') }),
]);

export const modelSpecSchema = z.strictObject({
  input: z.tuple([int(1, 4096), int(1, 4096), int(1, 4096)]).readonly(),
  layers: z.array(layerSpecSchema).min(1).max(64).readonly(),
  init: initSchema.optional(),
});

// Compile-time checks: what the schema accepts is an engine ModelSpec, and it knows every engine layer type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemaYieldsModelSpec: z.output<typeof modelSpecSchema> extends ModelSpec ? true : false = true;
export const schemaKnowsEveryLayer: Same<z.output<typeof layerSpecSchema>['type'], ModelSpec['layers'][number]['type']> = true;
export const schemaKnowsEveryInit: Same<z.output<typeof initSchema>['type'], InitType> = true;
