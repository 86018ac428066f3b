// Configs as flat "path = value" rows, and which rows differ between runs (the compare page's config diff).
import type { ModelSpec } from '../../../engine/models/spec';
import { describeModel } from '../../../shared/describe-model';

export type Flat = Map<string, string>;

/** Flattens nested objects to dotted paths; arrays of scalars stay one value ("[128, 64]"), layer lists index. */
export function flattenConfig(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (value === null || value === undefined) {
    if (prefix) out.set(prefix, String(value));
    return out;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      out.set(prefix, `[${value.join(', ')}]`);
      return out;
    }
    value.forEach((v, i) => flattenConfig(v, prefix ? `${prefix}.${i}` : String(i), out));
    return out;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flattenConfig(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out.set(prefix, String(value));
  return out;
}

export interface DiffRow {
  readonly path: string;
  /** One value per config, '—' where a config lacks the path. */
  readonly values: readonly string[];
  readonly differs: boolean;
}

const isModel = (v: unknown): v is ModelSpec => typeof v === 'object' && v !== null && Array.isArray((v as { layers?: unknown }).layers);

/**
 * A run config's rows with its model described by what it is ("hidden 128·64 relu", "conv 30@5×5 …"), not layer by
 * layer: an MLP and a CNN differ in one "model" row instead of a dozen "model.layers.N.type" rows that pair unlike layers.
 */
export function flattenRunConfig(config: unknown): Flat {
  if (typeof config !== 'object' || config === null) return flattenConfig(config);
  const out: Flat = new Map();
  for (const [k, v] of Object.entries(config)) {
    if (k === 'model' && isModel(v)) {
      out.set('model', describeModel(v));
      flattenConfig(v.input, 'model.input', out);
    } else flattenConfig(v, k, out);
  }
  return out;
}

/** Every path of every config, in first-seen order, with whether the values differ. */
export function diffConfigs(configs: readonly unknown[]): DiffRow[] {
  const flats = configs.map((c) => flattenRunConfig(c));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const f of flats) {
    for (const p of f.keys()) {
      if (seen.has(p)) continue;
      seen.add(p);
      paths.push(p);
    }
  }
  return paths.map((path) => {
    const values = flats.map((f) => f.get(path) ?? '—');
    return { path, values, differs: new Set(values).size > 1 };
  });
}
