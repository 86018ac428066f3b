// A sampled sweep's configs: one from a trial's parameter values, and the up-front check that every config its
// ranges can produce is valid (each parameter at each of its corners, the others at their first corner).
import { checkGridCells, expandGrid, type GridParameterSource, type GridValue } from './grid-expand';
import type { RunConfig } from './run-config';
import { domainCorners, domainOf, type SweepParameterSource } from './sweep-domains';

interface SweepPlanSource {
  readonly base: Readonly<Record<string, unknown>>;
  readonly parameters: Readonly<Record<string, SweepParameterSource>>;
}

/** The RunConfig of one trial: the base with each parameter path set. @throws ValidationError naming the field. */
export function trialConfig(spec: SweepPlanSource, params: Readonly<Record<string, GridValue>>): RunConfig {
  const parameters: Record<string, GridParameterSource> = {};
  for (const [k, v] of Object.entries(params)) parameters[k] = { value: v };
  return expandGrid({ base: spec.base, parameters })[0]!.config;
}

/**
 * Why some config the sweep can sample is invalid, as a path into the spec (`parameters.lr.min`,
 * `parameters.act.values.2`, `base.batchSize`) and a message; null when all are valid.
 */
export function checkSweepCorners(spec: SweepPlanSource): { path: (string | number)[]; message: string } | null {
  const keys = Object.keys(spec.parameters);
  const corners = keys.map((k) => domainCorners(domainOf(spec.parameters[k]!)));
  for (let j = 0; j < keys.length; j++) {
    const parameters: Record<string, GridParameterSource> = {};
    keys.forEach((k, i) => (parameters[k] = i === j ? { values: corners[i]! } : { value: corners[i]![0]! }));
    const problem = checkGridCells({ base: spec.base, parameters });
    if (problem) return { path: specPath(spec, problem.path), message: problem.message };
  }
  return null;
}

/** A config at each corner of the sweep (each parameter at each of its corners, the others at their first). */
export function cornerConfigs(spec: SweepPlanSource): RunConfig[] {
  const keys = Object.keys(spec.parameters);
  const corners = keys.map((k) => domainCorners(domainOf(spec.parameters[k]!)));
  const first = Object.fromEntries(keys.map((k, i) => [k, corners[i]![0]!]));
  return keys.flatMap((k, j) => corners[j]!.map((c) => trialConfig(spec, { ...first, [k]: c })));
}

/** The corner's field in the user's spec: `values.i` of a list, `min`/`max` of a range, `value` of a constant. */
function specPath(spec: SweepPlanSource, path: (string | number)[]): (string | number)[] {
  if (path[0] !== 'parameters' || typeof path[1] !== 'string') return path;
  const key = path[1];
  const p = spec.parameters[key]!;
  const corner = typeof path[3] === 'number' ? path[3] : 0;
  if (p.values !== undefined) return ['parameters', key, 'values', corner];
  if (p.value !== undefined) return ['parameters', key, 'value'];
  return ['parameters', key, corner === 0 ? 'min' : 'max'];
}
