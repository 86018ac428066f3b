// Runs made from another run: a re-run (same config and seed, so the same numbers) and a fork (config + overrides).
import { configOverridesSchema } from '../../shared/config-overrides';
import { parseRunConfig, type RunConfig } from '../../shared/run-config';
import { toLabel } from '../../shared/text-rules';
import { parseWith } from '../../shared/validation';
import { NotFoundError, type Run, type Store } from '../db';

/** A queued copy of run `id` with its parent recorded; the engine is deterministic, so it trains to the same numbers. */
export function createRerun(store: Store, id: number): Run {
  const source = requireRun(store, id);
  return store.runs.create({ config: source.config, name: toLabel(`${source.name} (re-run)`), parentRunId: id });
}

/**
 * A queued run with run `id`'s config and `overrides` (top-level fields, replaced whole) applied.
 * @throws ValidationError naming the field: `overrides.lr` for a malformed override, `lr` for a combination
 *   that is not a valid config.
 */
export function createFork(store: Store, id: number, overrides: unknown): Run {
  const source = requireRun(store, id);
  const { config, changes } = forkConfig(source, overrides);
  const name = changes.name ?? toLabel(`${source.name} (fork: ${describeChanges(source.config, changes, Object.keys(overrides as object))})`);
  return store.runs.create({ config, name, parentRunId: id });
}

/** Run `source`'s config with `overrides` applied, validated; the parsed overrides too. @throws as createFork. */
export function forkConfig(source: Run, overrides: unknown): { config: RunConfig; changes: Partial<RunConfig> } {
  const changes = parseWith(configOverridesSchema, overrides, 'overrides');
  return { config: parseRunConfig({ ...source.config, ...changes }), changes };
}

/** "lr=0.05 optimizer=adam": what a fork changed, in the order the caller gave it, short enough for a run name. */
function describeChanges(before: RunConfig, changes: Partial<RunConfig>, order: readonly string[]): string {
  const parts = Object.entries(changes)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof RunConfig]))
    .map(([k, v]) => {
      if (v !== null && typeof v === 'object') {
        const type = (v as { type?: unknown; name?: unknown }).type ?? (v as { name?: unknown }).name;
        return typeof type === 'string' ? `${k}=${type}` : `${k} changed`;
      }
      return `${k}=${String(v)}`;
    });
  return parts.length > 0 ? parts.join(' ') : 'no changes';
}

function requireRun(store: Store, id: number): Run {
  const run = store.runs.get(id);
  if (!run) throw new NotFoundError('run', id);
  return run;
}
