// The calls that look inside a run from what the store holds: histograms, weight pictures, weight matrix, confusion.
import type { CallInput, CallOutput } from '../../shared/api-contract';
import type { ParamHistogram } from '../../shared/api-inspect-types';
import { ConflictError, NotFoundError } from '../../shared/api-wire';
import type { Run, Store } from '../db';
import { PARAM_STATS, paramKey } from '../runs/run-metrics';
import { paramShapes, readWeightsFile } from '../report/stored-weights';
import { pooledMatrix, weightImageGrid, type StoredWeight } from '../report/weight-views';
import { classNamesFor } from '../worker/dataset-listing';
import { pickEpoch, requireRun } from './lookups';

const sortedUnique = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

export class InspectCalls {
  constructor(private readonly store: Store) {}

  getHistograms({ runId, epoch }: CallInput<'getHistograms'>): CallOutput<'getHistograms'> {
    const run = requireRun(this.store, runId);
    const all = this.store.artifacts.histograms(runId, { kind: 'values' });
    const epochs = sortedUnique(all.map((h) => h.epoch));
    const at = pickEpoch(epochs, epoch, `histograms of run ${runId}`);
    const shapes = new Map(paramShapes(run.config.model).map((p) => [p.param, p]));
    const params: ParamHistogram[] = all
      .filter((h) => h.epoch === at)
      .map((h) => {
        const stat = (s: (typeof PARAM_STATS)[number]) => this.statAt(runId, paramKey(h.param, s), at);
        const known = shapes.get(h.param);
        return {
          param: h.param,
          layer: h.param.slice(0, h.param.lastIndexOf('.')),
          role: known?.role ?? (h.param.endsWith('bias') ? 'bias' : 'weight'),
          shape: known?.shape ?? [],
          min: h.min,
          max: h.max,
          counts: Array.from(h.counts),
          stats: {
            count: stat('count') ?? 0,
            min: stat('min') ?? h.min,
            max: stat('max') ?? h.max,
            mean: stat('mean') ?? NaN,
            std: stat('std') ?? NaN,
            l2: stat('l2') ?? NaN,
            positiveShare: stat('positive_share') ?? NaN,
            zeros: stat('zeros') ?? 0,
            nonFinite: stat('non_finite') ?? h.dropped,
          },
          gradNorm: stat('grad_norm'),
        };
      });
    // Model order (layers.0 before layers.10), not the store's alphabetical order.
    const order = [...shapes.keys()];
    params.sort((a, b) => order.indexOf(a.param) - order.indexOf(b.param));
    return { runId, epoch: at, epochs, params };
  }

  getHistogramHistory({ runId, param }: CallInput<'getHistogramHistory'>): CallOutput<'getHistogramHistory'> {
    const run = requireRun(this.store, runId);
    const known = paramShapes(run.config.model).find((p) => p.param === param);
    if (!known)
      throw new NotFoundError(
        `run ${runId} has no param "${param}" (it has ${paramShapes(run.config.model)
          .map((p) => p.param)
          .join(', ')})`,
      );
    const epochs = this.store.artifacts
      .histograms(runId, { param, kind: 'values' })
      .map((h) => ({ epoch: h.epoch, min: h.min, max: h.max, counts: Array.from(h.counts) }));
    return { runId, param, role: known.role, shape: known.shape, epochs };
  }

  getWeightImages({ runId, epoch, param, normalize, maxImages }: CallInput<'getWeightImages'>): CallOutput<'getWeightImages'> {
    const run = requireRun(this.store, runId);
    const infos = this.store.artifacts.snapshots(runId).filter((s) => s.epoch >= 0);
    const epochs = sortedUnique(infos.map((s) => s.epoch));
    const at = pickEpoch(epochs, epoch, `weight snapshots of run ${runId}`);
    const name = param ?? infos.find((s) => s.epoch === at)?.param;
    const weight = name === undefined ? undefined : this.weightAt(run, name, at);
    if (!weight)
      throw new NotFoundError(`run ${runId} has no weight "${name ?? '?'}" at epoch ${at} (snapshots: ${[...new Set(infos.map((s) => s.param))].join(', ')})`);
    const grid = weightImageGrid(weight, run.config.model.input, { normalize, maxImages });
    if (!grid) throw new ConflictError(`"${weight.param}" has shape [${weight.shape.join(', ')}]: only Linear and Conv2d weights can be drawn as images`);
    return { runId, epoch: at, epochs, grids: [grid] };
  }

  getWeightMatrix({ runId, param, epoch, maxCells }: CallInput<'getWeightMatrix'>): CallOutput<'getWeightMatrix'> {
    const run = requireRun(this.store, runId);
    const at = epoch ?? this.lastEpochWithWeights(run);
    const weight = this.weightAt(run, param, at);
    if (!weight) {
      const known = paramShapes(run.config.model).map((p) => p.param);
      const why = known.includes(param) ? `nothing stored for it at epoch ${at}` : `the model has no such param (it has ${known.join(', ')})`;
      throw new NotFoundError(`run ${runId}, weight "${param}": ${why}`);
    }
    const m = pooledMatrix(weight, maxCells);
    return { runId, epoch: at, param, shape: weight.shape, rows: m.rows, cols: m.cols, values: m.values, stats: m.stats, deadUnits: m.deadUnits };
  }

  getConfusion({ runId, epoch, split }: CallInput<'getConfusion'>): CallOutput<'getConfusion'> {
    const run = requireRun(this.store, runId);
    const epochs = Array.from({ length: run.epochsDone }, (_, i) => i);
    const c = this.store.artifacts.confusion(runId, split, epoch);
    if (!c) {
      const why = split === 'validation' && run.config.validationSplit === 0 ? 'the run holds out no validation set' : 'nothing recorded for that epoch yet';
      throw new NotFoundError(`run ${runId} has no ${split} confusion matrix${epoch === undefined ? '' : ` at epoch ${epoch}`}: ${why}`);
    }
    const counts: number[][] = [];
    let correct = 0;
    let total = 0;
    for (let t = 0; t < c.classes; t++) {
      const row = Array.from(c.counts.subarray(t * c.classes, (t + 1) * c.classes));
      correct += row[t]!;
      total += row.reduce((a, b) => a + b, 0);
      counts.push(row);
    }
    return { runId, epoch: c.epoch, epochs, split, classNames: classNamesFor(run.config.dataset, c.classes), counts, accuracy: total ? correct / total : 0 };
  }

  /** The weight `param` at `epoch`: the exact final weights for the last epoch, else the epoch's snapshot. */
  private weightAt(run: Run, param: string, epoch: number): StoredWeight | undefined {
    if (epoch === Math.max(run.epochsDone - 1, 0)) {
      const file = this.store.artifacts.weights(run.id);
      const exact = file && readWeightsFile(file.data, `run ${run.id} weights`).find((w) => w.param === param);
      if (exact) return exact;
    }
    const snap = this.store.artifacts.snapshot(run.id, epoch, param);
    return snap && { param, shape: snap.shape, values: snap.values };
  }

  private lastEpochWithWeights(run: Run): number {
    if (this.store.artifacts.weights(run.id)) return Math.max(run.epochsDone - 1, 0);
    const epochs = this.store.artifacts.snapshots(run.id).map((s) => s.epoch);
    if (epochs.length === 0) throw new NotFoundError(`run ${run.id} has no weights stored yet`);
    return Math.max(...epochs);
  }

  private statAt(runId: number, key: string, epoch: number): number | null {
    const s = this.store.metrics.series(runId, key);
    const i = s.epochs.lastIndexOf(epoch);
    return i < 0 ? null : s.values[i]!;
  }
}
