// Existence checks shared by the service's calls: a missing run or grid is a NotFoundError naming it.
import { NotFoundError } from '../../shared/api-wire';
import type { Experiment, Run, Store } from '../db';

export function requireRun(store: Store, id: number): Run {
  const run = store.runs.get(id);
  if (!run) throw new NotFoundError(`run ${id} not found`);
  return run;
}

export function requireGrid(store: Store, id: number): Experiment {
  const experiment = store.experiments.get(id);
  if (!experiment || experiment.kind !== 'grid') throw new NotFoundError(`grid ${id} not found`);
  return experiment;
}

/** `wanted`, or the last of `available`; NotFoundError naming what exists when `wanted` is not there. */
export function pickEpoch(available: readonly number[], wanted: number | undefined, what: string): number {
  if (available.length === 0) throw new NotFoundError(`${what}: nothing recorded yet (they are written at the end of each epoch)`);
  if (wanted === undefined) return available[available.length - 1]!;
  if (!available.includes(wanted)) {
    throw new NotFoundError(`${what}: nothing at epoch ${wanted} (epochs are 0-based; recorded: ${available.join(', ')})`);
  }
  return wanted;
}
