// Optimizer configurations as they travel through configs and the database, and their validation.
import { ConfigError } from '../errors';

/** The optimizers the engine knows, by registry name (simplest first). */
export const OPTIMIZER_TYPES = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export type OptimizerType = (typeof OPTIMIZER_TYPES)[number];

/** An optimizer by name with its hyperparameters; omitted ones take the defaults in comments. */
export type OptimizerSpec =
  | { type: 'sgd' }
  | { type: 'momentum'; /** 0.9 */ momentum?: number; /** false */ nesterov?: boolean }
  | { type: 'rmsprop'; /** 0.9 */ rho?: number; /** 1e-8 */ eps?: number }
  | { type: 'adam'; /** 0.9 */ beta1?: number; /** 0.999 */ beta2?: number; /** 1e-8 */ eps?: number };

/** The spec of one optimizer type with every default filled in. */
export type ResolvedOptimizerSpec<T extends OptimizerType = OptimizerType> = Required<Extract<OptimizerSpec, { type: T }>>;

export const OPTIMIZER_DEFAULTS: { readonly [T in OptimizerType]: ResolvedOptimizerSpec<T> } = {
  sgd: { type: 'sgd' },
  momentum: { type: 'momentum', momentum: 0.9, nesterov: false },
  rmsprop: { type: 'rmsprop', rho: 0.9, eps: 1e-8 },
  adam: { type: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 },
};

/** Field paths in errors start here, e.g. "optimizer.momentum". */
const FIELD = 'optimizer';

/**
 * Checks a spec and fills in defaults. Throws ConfigError naming the field and the bad value for an
 * unknown type, an unknown field (a `momentum` on plain SGD is a typo, not a no-op), or a value out
 * of range: momentum, rho, beta1, beta2 in [0, 1); eps finite and > 0.
 */
export function resolveOptimizerSpec(spec: OptimizerSpec): ResolvedOptimizerSpec {
  if (typeof spec !== 'object' || spec === null) {
    throw new ConfigError(FIELD, `must be an object with a "type", got ${String(spec)}`);
  }
  const type = (spec as { type?: unknown }).type;
  if (!isOptimizerType(type)) {
    throw new ConfigError(`${FIELD}.type`, `unknown optimizer ${JSON.stringify(type)}; known: ${OPTIMIZER_TYPES.join(', ')}`);
  }
  const defaults: Record<string, unknown> = OPTIMIZER_DEFAULTS[type];
  const resolved: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(spec)) {
    // Own keys only: `in` would take "constructor" or "toString" for optimizer fields.
    if (!Object.hasOwn(defaults, key)) {
      const known = Object.keys(defaults).filter((k) => k !== 'type');
      throw new ConfigError(`${FIELD}.${key}`, `not a field of "${type}" (fields: ${known.join(', ') || 'none'})`);
    }
    if (value !== undefined) resolved[key] = value;
  }
  for (const key of ['momentum', 'rho', 'beta1', 'beta2'] as const) {
    if (Object.hasOwn(resolved, key)) checkUnitInterval(key, resolved[key]);
  }
  if (Object.hasOwn(resolved, 'eps')) {
    const eps = resolved['eps'];
    if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0) {
      throw new ConfigError(`${FIELD}.eps`, `must be a finite number > 0, got ${show(eps)}`);
    }
  }
  if (Object.hasOwn(resolved, 'nesterov') && typeof resolved['nesterov'] !== 'boolean') {
    throw new ConfigError(`${FIELD}.nesterov`, `must be true or false, got ${show(resolved['nesterov'])}`);
  }
  return resolved as ResolvedOptimizerSpec;
}

export function isOptimizerType(name: unknown): name is OptimizerType {
  return typeof name === 'string' && (OPTIMIZER_TYPES as readonly string[]).includes(name);
}

/** Decay rates must leave something of the past and something of the present: [0, 1). */
function checkUnitInterval(key: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ConfigError(`${FIELD}.${key}`, `must be a number in [0, 1), got ${show(value)}`);
  }
}

/** Strings quoted, so "0.9" (a string from a form) does not read like the number 0.9. */
function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
