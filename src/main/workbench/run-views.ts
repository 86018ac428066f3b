// Store rows as the API shows them: RunSummary / RunDetail / GridSummary, with what the rows alone lack
// (epoch table, best epoch, step totals) read from the run's metrics and cached once the run is final.
import type { StopReason } from '../../engine/train/metrics';
import type { EpochRecord, EpochScores, GridSummary, RunDetail, RunStatus, RunSummary } from '../../shared/api-types';
import type { DatasetRef } from '../../shared/run-config';
import type { GridSpec } from '../../shared/grid-spec';
import { type Experiment, isTerminal, type Run, type Store } from '../db';
import { readEpochRecords, readNormalisation } from '../runs/run-metrics';
import { loadGrid } from '../runs/grid-runs';

const DATASET_TITLES = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' } as const;

export function datasetTitle(ref: DatasetRef): string {
  return ref.name === 'folder' ? `folder ${ref.path}` : DATASET_TITLES[ref.name];
}

/** What a run's row does not hold: its per-epoch table, read from its metrics. */
interface Extras {
  readonly epochs: EpochRecord[];
}

const scores = (e: EpochRecord): EpochScores => ({
  epoch: e.epoch,
  trainLoss: e.trainLoss,
  trainAccuracy: e.trainAccuracy,
  trainPassLoss: e.trainPassLoss,
  trainPassAccuracy: e.trainPassAccuracy,
  testLoss: e.testLoss,
  testAccuracy: e.testAccuracy,
  valLoss: e.valLoss,
  valAccuracy: e.valAccuracy,
});

/** The epoch with the best validation accuracy, or test accuracy without a validation split (ties: the earlier). */
export function bestEpoch(epochs: readonly EpochRecord[]): EpochRecord | null {
  let best: EpochRecord | null = null;
  const score = (e: EpochRecord) => e.valAccuracy ?? e.testAccuracy;
  for (const e of epochs) if (Number.isFinite(score(e)) && (best === null || score(e)! > score(best)!)) best = e;
  return best;
}

/** Why the run stopped (a run cancelled before it started has no worker to say so) and what was said. */
function stopOf(run: Run): { stopReason: StopReason | null; stopMessage: string | null } {
  const stopReason = run.stopReason ?? (run.status === 'cancelled' ? 'cancelled' : null);
  return { stopReason, stopMessage: isTerminal(run.status) ? run.error : null };
}

export class RunViews {
  private readonly grids = new Map<number, { id: number; number: number } | null>();
  /** Extras of final runs: their metrics never change again. */
  private readonly finalExtras = new Map<number, Extras>();

  constructor(private readonly store: Store) {}

  /** Drops what is cached about a run (it was deleted). */
  forget(runId: number): void {
    this.finalExtras.delete(runId);
  }

  summary(run: Run): RunSummary {
    return this.build(run, this.extras(run));
  }

  detail(run: Run): RunDetail {
    const extras = this.extras(run);
    const snapshotEpochs = new Set<number>();
    for (const h of this.store.artifacts.histograms(run.id, { kind: 'values' })) snapshotEpochs.add(h.epoch);
    for (const s of this.store.artifacts.snapshots(run.id)) if (s.epoch >= 0) snapshotEpochs.add(s.epoch);
    return {
      ...this.build(run, extras),
      epochs: extras.epochs,
      datasetHash: run.datasetHash,
      engineVersion: run.engineVersion ?? 'unknown',
      kernels: run.kernels,
      ...stopOf(run),
      paramCount: run.parameterCount,
      normalisation: readNormalisation(this.store.metrics, run.id),
      hasWeights: this.store.artifacts.weights(run.id) !== undefined,
      snapshotEpochs: [...snapshotEpochs].sort((a, b) => a - b),
      checkpointEpochs: this.store.checkpoints.list(run.id).map((c) => c.epochsDone),
      keepsAllCheckpoints: run.config.keepCheckpoints === 'all',
    };
  }

  grid(experiment: Experiment): GridSummary {
    // Its cells' runs: its own, and those of its parent grid it reuses.
    const runs = loadGrid(this.store, experiment.id).cells.map((c) => c.run);
    const parent = (experiment.spec as GridSpec | null)?.parentGridId;
    const statusCounts: Partial<Record<RunStatus, number>> = {};
    let best: Run | null = null;
    for (const r of runs) {
      statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
      if (r.bestTestAccuracy !== null && (best === null || r.bestTestAccuracy > best.bestTestAccuracy!)) best = r;
    }
    return {
      id: experiment.id,
      name: experiment.name,
      spec: experiment.spec as GridSpec,
      number: experiment.number,
      parentGridId: parent ?? null,
      parentGridNumber: parent === undefined ? null : (this.gridOf(parent)?.number ?? null),
      createdAt: experiment.createdAt,
      runCount: runs.length,
      statusCounts,
      bestRunId: best?.id ?? null,
    };
  }

  /** The grid an experiment is, with its number, or null for a single run's (cached: neither ever changes). */
  private gridOf(experimentId: number): { id: number; number: number } | null {
    if (!this.grids.has(experimentId)) {
      const e = this.store.experiments.get(experimentId);
      if (!e) return null;
      this.grids.set(experimentId, e.kind === 'grid' ? { id: e.id, number: e.number } : null);
    }
    return this.grids.get(experimentId)!;
  }

  private extras(run: Run): Extras {
    const cached = this.finalExtras.get(run.id);
    // A resumed or extended run finishes again with other epochs: a cache of its earlier end no longer holds.
    if (cached && cached.epochs.length === run.epochsDone) return cached;
    const extras: Extras = {
      epochs: readEpochRecords(this.store.metrics, run.id),
    };
    if (isTerminal(run.status)) this.finalExtras.set(run.id, extras);
    return extras;
  }

  private build(run: Run, extras: Extras): RunSummary {
    const last = extras.epochs.at(-1);
    const best = bestEpoch(extras.epochs);
    return {
      id: run.id,
      name: run.name,
      status: run.status,
      gridId: this.gridOf(run.experimentId)?.id ?? null,
      gridNumber: this.gridOf(run.experimentId)?.number ?? null,
      parentId: run.parentRunId,
      config: run.config,
      datasetTitle: datasetTitle(run.config.dataset),
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      error: run.error,
      tags: run.tags,
      notes: run.notes,
      epochsDone: run.epochsDone,
      epochsTotal: run.config.epochs,
      stepsDone: run.stepsDone,
      stepsTotal: run.stepsTotal,
      final: last ? scores(last) : null,
      best: best ? scores(best) : null,
      placement: run.placement,
      worker: run.worker,
    };
  }
}
