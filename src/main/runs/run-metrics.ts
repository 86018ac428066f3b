// The metric keys a run records and how worker messages become metric points (and epoch rows come back out).
import { METRIC_KEYS, type MetricPoints } from '../../shared/api-inspect-types';
import type { EpochRecord } from '../../shared/api-types';
import type { EpochRecord as WorkerEpoch, Inspection, StepRecord, WorkerMessageOf } from '../../shared/worker-protocol';
import type { MetricPoint, MetricsRepo } from '../db';

/** Per-epoch keys beyond the API's METRIC_KEYS, so an epoch's table row can be read back whole. */
export const EPOCH_KEYS = {
  lr: 'epoch/lr',
  trainSeconds: 'epoch/train_seconds',
  evalSeconds: 'epoch/eval_seconds',
  samplesPerSecond: 'epoch/samples_per_second',
  elapsedSeconds: 'epoch/elapsed_seconds',
} as const;

/**
 * Facts the worker reports once it has loaded the data, stored at step 0: the epoch's length, the split
 * sizes and the input scaling (the model size and the run's length are columns of the run).
 */
export const FACT_KEYS = {
  stepsPerEpoch: 'run/steps_per_epoch',
  trainSamples: 'dataset/train_samples',
  validationSamples: 'dataset/validation_samples',
  testSamples: 'dataset/test_samples',
  /** The run's input scaling, (x/255 − mean) / std: a standardized run's statistics of its training split. */
  inputMean: 'data/input_mean',
  inputStd: 'data/input_std',
} as const;

/** Statistics of a parameter's values after an inspected epoch, e.g. `param/layers.1.weight/std`. */
export const PARAM_STATS = ['count', 'min', 'max', 'mean', 'std', 'l2', 'positive_share', 'zeros', 'non_finite', 'grad_norm'] as const;
export const paramKey = (param: string, stat: (typeof PARAM_STATS)[number]) => `param/${param}/${stat}`;
/** Dead ReLU units of a layer on the probe batch, e.g. `dead_units/layers.2/dead` of `…/units`. */
export const deadUnitsKey = (layer: string, what: 'dead' | 'units') => `dead_units/${layer}/${what}`;

const STEP_KEYS = [
  [METRIC_KEYS.loss, (s: StepRecord) => s.loss],
  [METRIC_KEYS.accuracy, (s: StepRecord) => s.accuracy],
  [METRIC_KEYS.lr, (s: StepRecord) => s.lr],
  [METRIC_KEYS.samplesPerSecond, (s: StepRecord) => s.samplesPerSecond],
] as const;

/** Four points per step. `t0`: wall time (ms) at which the trainer's clock read 0. */
export function stepPoints(steps: readonly StepRecord[], t0: number): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (const s of steps) {
    const wallTime = t0 + s.elapsedSeconds * 1000;
    for (const [key, get] of STEP_KEYS) out.push({ key, step: s.step, epoch: s.epoch, value: get(s), wallTime });
  }
  return out;
}

/** The same steps as the API's progress payload: one column series per key; `startedAt` is the run's start (ms). */
export function stepSeries(steps: readonly StepRecord[], t0: number, startedAt: number): MetricPoints[] {
  const times = steps.map((s) => (t0 + s.elapsedSeconds * 1000 - startedAt) / 1000);
  const stepNumbers = steps.map((s) => s.step);
  const epochs = steps.map((s) => s.epoch);
  // NOTE: the API carries JSON, where NaN and ±Infinity become null anyway; say so explicitly.
  return STEP_KEYS.map(([key, get]) => ({ key, steps: stepNumbers, epochs, times, values: steps.map((s) => finiteOrNull(get(s))) }));
}

/** An epoch's scores and timings, at `step` (the global step the epoch ended on). */
export function epochPoints(m: WorkerEpoch, step: number, t0: number): MetricPoint[] {
  const at = (key: string, value: number): MetricPoint => ({ key, step, epoch: m.epoch, value, wallTime: t0 + m.elapsedSeconds * 1000 });
  return [
    at(METRIC_KEYS.epochTrainLoss, m.trainLoss),
    at(METRIC_KEYS.epochTrainAccuracy, m.trainAccuracy),
    ...(m.trainPass ? [at(METRIC_KEYS.trainPassLoss, m.trainPass.loss), at(METRIC_KEYS.trainPassAccuracy, m.trainPass.accuracy)] : []),
    at(METRIC_KEYS.testLoss, m.test.loss),
    at(METRIC_KEYS.testAccuracy, m.test.accuracy),
    ...(m.validation ? [at(METRIC_KEYS.valLoss, m.validation.loss), at(METRIC_KEYS.valAccuracy, m.validation.accuracy)] : []),
    at(EPOCH_KEYS.lr, m.lr),
    at(EPOCH_KEYS.trainSeconds, m.trainSeconds),
    at(EPOCH_KEYS.evalSeconds, m.evalSeconds),
    at(EPOCH_KEYS.samplesPerSecond, m.samplesPerSecond),
    at(EPOCH_KEYS.elapsedSeconds, m.elapsedSeconds),
  ];
}

/** Parameter statistics and dead units of an inspected epoch. */
export function inspectionPoints(ins: Inspection, epoch: number, step: number, wallTime: number): MetricPoint[] {
  const out: MetricPoint[] = [];
  const at = (key: string, value: number) => out.push({ key, step, epoch, value, wallTime });
  for (const p of ins.params) {
    const v = p.values;
    const values = [v.count, v.min, v.max, v.mean, v.std, v.l2, v.positiveShare, v.zeros, v.nonFinite, p.gradNorm];
    PARAM_STATS.forEach((stat, i) => at(paramKey(p.name, stat), values[i]!));
  }
  for (const d of ins.deadUnits) {
    at(deadUnitsKey(d.layer, 'dead'), d.dead);
    at(deadUnitsKey(d.layer, 'units'), d.units);
  }
  return out;
}

export function factPoints(ready: WorkerMessageOf<'ready'>, wallTime: number): MetricPoint[] {
  const at = (key: string, value: number): MetricPoint => ({ key, step: 0, epoch: 0, value, wallTime });
  return [
    at(FACT_KEYS.stepsPerEpoch, ready.stepsPerEpoch),
    at(FACT_KEYS.trainSamples, ready.dataset.train),
    at(FACT_KEYS.validationSamples, ready.dataset.validation),
    at(FACT_KEYS.testSamples, ready.dataset.test),
    at(FACT_KEYS.inputMean, ready.normalisation.mean),
    at(FACT_KEYS.inputStd, ready.normalisation.std),
  ];
}

/** The API's epoch row from the worker's record. */
export function toEpochRecord(m: WorkerEpoch, step: number): EpochRecord {
  return {
    epoch: m.epoch,
    step,
    trainLoss: m.trainLoss,
    trainAccuracy: m.trainAccuracy,
    trainPassLoss: m.trainPass?.loss ?? null,
    trainPassAccuracy: m.trainPass?.accuracy ?? null,
    testLoss: m.test.loss,
    testAccuracy: m.test.accuracy,
    valLoss: m.validation?.loss ?? null,
    valAccuracy: m.validation?.accuracy ?? null,
    lr: m.lr,
    trainSeconds: m.trainSeconds,
    evalSeconds: m.evalSeconds,
    samplesPerSecond: m.samplesPerSecond,
    elapsedSeconds: m.elapsedSeconds,
  };
}

/** A run's per-epoch table as written by epochPoints, ordered by epoch. NaN scores come back as NaN. */
export function readEpochRecords(metrics: MetricsRepo, runId: number): EpochRecord[] {
  const read = (key: string) => {
    const s = metrics.series(runId, key);
    return new Map(s.epochs.map((e, i) => [e, { step: s.steps[i]!, value: s.values[i]! }]));
  };
  const trainLoss = read(METRIC_KEYS.epochTrainLoss);
  const trainAcc = read(METRIC_KEYS.epochTrainAccuracy);
  const passLoss = read(METRIC_KEYS.trainPassLoss);
  const passAcc = read(METRIC_KEYS.trainPassAccuracy);
  const testLoss = read(METRIC_KEYS.testLoss);
  const testAcc = read(METRIC_KEYS.testAccuracy);
  const valLoss = read(METRIC_KEYS.valLoss);
  const valAcc = read(METRIC_KEYS.valAccuracy);
  const lr = read(EPOCH_KEYS.lr);
  const trainSeconds = read(EPOCH_KEYS.trainSeconds);
  const evalSeconds = read(EPOCH_KEYS.evalSeconds);
  const samplesPerSecond = read(EPOCH_KEYS.samplesPerSecond);
  const elapsedSeconds = read(EPOCH_KEYS.elapsedSeconds);
  const num = (m: ReturnType<typeof read>, e: number) => m.get(e)?.value ?? NaN;
  return [...trainLoss.keys()]
    .sort((a, b) => a - b)
    .map((epoch) => ({
      epoch,
      step: trainLoss.get(epoch)!.step,
      trainLoss: num(trainLoss, epoch),
      trainAccuracy: num(trainAcc, epoch),
      trainPassLoss: passLoss.get(epoch)?.value ?? null,
      trainPassAccuracy: passAcc.get(epoch)?.value ?? null,
      testLoss: num(testLoss, epoch),
      testAccuracy: num(testAcc, epoch),
      valLoss: valLoss.get(epoch)?.value ?? null,
      valAccuracy: valAcc.get(epoch)?.value ?? null,
      lr: num(lr, epoch),
      trainSeconds: num(trainSeconds, epoch),
      evalSeconds: num(evalSeconds, epoch),
      samplesPerSecond: num(samplesPerSecond, epoch),
      elapsedSeconds: num(elapsedSeconds, epoch),
    }));
}

/** A run's input scaling as its worker reported it; null before the data was loaded. */
export function readNormalisation(metrics: MetricsRepo, runId: number): { mean: number; std: number } | null {
  const fact = (key: string) => metrics.series(runId, key).values[0];
  const mean = fact(FACT_KEYS.inputMean);
  const std = fact(FACT_KEYS.inputStd);
  return typeof mean === 'number' && typeof std === 'number' ? { mean, std } : null;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
