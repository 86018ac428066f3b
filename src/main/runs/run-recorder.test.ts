// RunRecorder on hand-made worker messages and a real SQLite file: what each message writes, in how many
// transactions, which status each end gives, and when the events go out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import type { RunEpochEvent, RunProgressEvent } from '../../shared/api-contract';
import type { EpochRecord, StepRecord, WorkerMessage, WorkerMessageOf } from '../../shared/worker-protocol';
import type { Run, Store } from '../db';
import { freshStore, sampleConfig, tempFolder, type TempFolder } from '../db/testing/fixtures';
import { RunEvents } from './run-events';
import { FACT_KEYS, paramKey, deadUnitsKey, readEpochRecords, readNormalisation } from './run-metrics';
import { type ProcessEnd, RunRecorder, snapshotValues } from './run-recorder';

const step = (n: number, over: Partial<StepRecord> = {}): StepRecord => ({
  step: n,
  epoch: 0,
  epochProgress: n / 4,
  loss: 2 / n,
  accuracy: n / 10,
  lr: 0.1,
  samplesPerSecond: 1000,
  elapsedSeconds: n * 0.01,
  ...over,
});
const epochMetrics = (epoch: number, acc: number): EpochRecord => ({
  epoch,
  trainLoss: 0.5,
  trainAccuracy: acc,
  trainPass: { loss: 0.45, accuracy: acc + 0.01 },
  test: { loss: 0.6, accuracy: acc },
  lr: 0.1,
  trainSeconds: 1,
  evalSeconds: 0.1,
  samplesPerSecond: 900,
  elapsedSeconds: 1.2 * (epoch + 1),
});
const ready: WorkerMessageOf<'ready'> = {
  type: 'ready',
  runId: '1',
  dataset: { title: 'MNIST', hash: 'a'.repeat(64), train: 128, validation: 0, test: 50, classNames: ['0', '1'], shape: [1, 28, 28] },
  parameterCount: 25_450,
  normalisation: { mean: 0.1307, std: 0.3081 },
  kernels: 'wasm-simd',
  stepsPerEpoch: 4,
};
const confusion = { test: { classes: 2, counts: [20, 5, 5, 20] } };
const inspection = {
  params: [
    {
      name: 'layers.1.weight',
      role: 'weight' as const,
      shape: [2, 4],
      values: { count: 8, min: -1, max: 1, mean: 0.1, std: 0.5, l2: 1.4, positiveShare: 0.5, zeros: 0, nonFinite: 0 },
      gradNorm: 0.03,
      histogram: { min: -1, max: 1, counts: [2, 4, 2], dropped: 0 },
    },
  ],
  deadUnits: [{ layer: 'layers.2', groupBy: 'feature' as const, units: 2, dead: 1, samples: 50 }],
};
const snapshot: WorkerMessageOf<'snapshot'> = {
  type: 'snapshot',
  runId: '1',
  epoch: 0,
  weights: {
    param: 'layers.1.weight',
    layerType: 'linear',
    shape: [2, 4],
    count: 2,
    height: 2,
    width: 2,
    pixels: Uint8Array.from([0, 255, 51, 0, 0, 0, 0, 255]),
    lo: Float32Array.from([-1, 0]),
    hi: Float32Array.from([1, 2]),
  },
};
const done = (over: Partial<WorkerMessageOf<'done'>> = {}): WorkerMessageOf<'done'> => ({
  type: 'done',
  runId: '1',
  stopReason: 'completed',
  stopMessage: 'completed 1 epoch',
  steps: 4,
  elapsedSeconds: 1.3,
  final: epochMetrics(0, 0.8),
  weights: Uint8Array.from([1, 2, 3]),
  ...over,
});
const exit = (over: Partial<ProcessEnd> = {}): ProcessEnd => ({
  code: 0,
  signal: null,
  stderrTail: '',
  cancelRequested: false,
  killedAfterCancel: false,
  ...over,
});

function expectClose(actual: ArrayLike<number>, expected: number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

let temp: TempFolder;
let store: Store;
let run: Run;
let transactions: number;
let aborted: number;
let announced: string[];
let events: RunEvents;

function recorder(): RunRecorder {
  const counting: Store = { ...store, transaction: (fn) => (transactions++, store.transaction(fn)) };
  return new RunRecorder(counting, events, run, { announce: (r, changed) => announced.push(`${r.status}${changed ? '!' : ''}`), abort: () => aborted++ });
}

beforeEach(() => {
  temp = tempFolder();
  store = freshStore(temp);
  run = store.runs.setStatus(store.runs.create({ config: sampleConfig({ epochs: 1 }) }).id, 'running');
  [transactions, aborted, announced, events] = [0, 0, [], new RunEvents()];
});
afterEach(() => {
  store.close();
  temp.remove();
});

describe('RunRecorder', () => {
  it('writes a whole run: facts, steps in one transaction per message, the epoch and its artifacts, the weights', () => {
    events.on('runUpdated', () => {});
    const r = recorder();
    const feed: WorkerMessage[] = [
      ready,
      { type: 'progress', runId: '1', steps: [step(1), step(2), step(3, { loss: NaN })] },
      { type: 'progress', runId: '1', steps: [step(4)] },
      {
        type: 'epoch',
        runId: '1',
        metrics: epochMetrics(0, 0.8),
        confusion,
        inspection,
        predictions: { predicted: Uint8Array.from([1, 0]), confidence: Uint8Array.from([200, 90]) },
      },
      snapshot,
      done(),
    ];
    for (const m of feed) r.handle(m);
    r.exited(exit());
    expect(transactions).toBe(feed.length - 1); // the snapshot is a single statement
    const row = store.runs.get(run.id)!;
    expect(row).toMatchObject({
      status: 'completed',
      error: null,
      stepsDone: 4,
      epochsDone: 1,
      testAccuracy: 0.8,
      datasetHash: 'a'.repeat(64),
      kernels: 'wasm-simd',
    });
    expect(row).toMatchObject({ stepsTotal: 4, stopReason: 'completed' });
    const loss = store.metrics.series(run.id, METRIC_KEYS.loss);
    expect(loss.steps).toEqual([1, 2, 3, 4]);
    expect(loss.values[2]).toBeNaN();
    expect(store.metrics.series(run.id, FACT_KEYS.stepsPerEpoch).values).toEqual([4]);
    expect(readNormalisation(store.metrics, run.id)).toEqual({ mean: 0.1307, std: 0.3081 });
    expect(store.metrics.series(run.id, paramKey('layers.1.weight', 'grad_norm'))).toMatchObject({ steps: [4], values: [0.03] });
    expect(store.metrics.series(run.id, deadUnitsKey('layers.2', 'dead')).values).toEqual([1]);
    expect(readEpochRecords(store.metrics, run.id)).toEqual([
      {
        epoch: 0,
        step: 4,
        trainLoss: 0.5,
        trainAccuracy: 0.8,
        trainPassLoss: 0.45,
        trainPassAccuracy: 0.81,
        testLoss: 0.6,
        testAccuracy: 0.8,
        valLoss: null,
        valAccuracy: null,
        lr: 0.1,
        trainSeconds: 1,
        evalSeconds: 0.1,
        samplesPerSecond: 900,
        elapsedSeconds: 1.2,
      },
    ]);
    expect(store.artifacts.histograms(run.id)[0]).toMatchObject({ epoch: 0, param: 'layers.1.weight', counts: Uint32Array.from([2, 4, 2]) });
    expect(Array.from(store.artifacts.confusion(run.id, 'test')!.counts)).toEqual([20, 5, 5, 20]);
    expect(Array.from(store.predictions.get(run.id, 'test', 0)!.predicted)).toEqual([1, 0]);
    expectClose(store.artifacts.snapshot(run.id, 0, 'layers.1.weight')!.values, [-1, 1, -0.6, -1, 0, 0, 0, 2], 3);
    expect(Array.from(store.artifacts.weights(run.id)!.data)).toEqual([1, 2, 3]);
    expect(announced).toEqual(['running', 'running', 'completed!']);
  });

  it('sends progress with the API payload, and an inspected epoch only after its snapshot', () => {
    const progress: RunProgressEvent[] = [];
    const order: string[] = [];
    events.on('runProgress', (p) => progress.push(p));
    events.on('runEpoch', (e: RunEpochEvent) => order.push(`epoch ${e.record.epoch} ${e.hasSnapshot}`));
    const r = recorder();
    r.handle(ready);
    r.handle({ type: 'progress', runId: '1', steps: [step(1), step(2, { loss: Infinity })] });
    r.handle({ type: 'epoch', runId: '1', metrics: epochMetrics(0, 0.8), confusion, inspection });
    order.push('snapshot');
    r.handle(snapshot);
    r.handle({ type: 'epoch', runId: '1', metrics: epochMetrics(1, 0.9), confusion });
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ runId: run.id, status: 'running', epoch: 0, epochProgress: 0.5, stepsDone: 2, stepsTotal: 4 });
    expect(progress[0]!.metrics.find((m) => m.key === METRIC_KEYS.loss)).toMatchObject({ steps: [1, 2], values: [2, null] });
    expect(order).toEqual(['snapshot', 'epoch 0 true', 'epoch 1 false']);
  });

  it.each([
    ['early_stopping', 'completed', 'no improvement for 3 epochs'],
    ['cancelled', 'cancelled', 'cancelled at step 3 (epoch 1)'],
    ['diverged', 'diverged', 'loss became NaN at step 3 (epoch 1): lower the learning rate'],
  ] as const)('turns done(%s) into %s with its message', (stopReason, status, stopMessage) => {
    const r = recorder();
    r.handle(done({ stopReason, stopMessage }));
    r.exited(exit());
    expect(store.runs.get(run.id)).toMatchObject({ status, error: stopMessage });
    expect(store.artifacts.weights(run.id)).toBeDefined();
  });

  it('fails on a failed message, and on an exit without one with the signal and the stderr tail', () => {
    recorder().handle({ type: 'failed', runId: '1', error: { name: 'DatasetError', message: 'no such folder /x' } });
    expect(store.runs.get(run.id)).toMatchObject({ status: 'failed', error: 'DatasetError: no such folder /x' });

    const other = store.runs.setStatus(store.runs.create({ config: sampleConfig() }).id, 'running');
    const r = new RunRecorder(store, events, other, { announce: () => {}, abort: () => {} });
    r.handle({ type: 'progress', runId: String(other.id), steps: [step(1)] });
    r.exited(exit({ code: null, signal: 'SIGSEGV', stderrTail: 'Segmentation fault\n' }));
    expect(store.runs.get(other.id)).toMatchObject({
      status: 'failed',
      error: 'the training process was killed by SIGSEGV before the run ended\nSegmentation fault',
    });
    expect(store.metrics.series(other.id, METRIC_KEYS.loss).total).toBe(1);
  });

  it('says cancelled, not failed, when the process was killed after a cancel', () => {
    recorder().exited(exit({ code: null, signal: 'SIGTERM', cancelRequested: true, killedAfterCancel: true }));
    expect(store.runs.get(run.id)).toMatchObject({ status: 'cancelled', error: expect.stringMatching(/did not stop in time/) });
  });

  it('fails the run and aborts the process when a message cannot be recorded', () => {
    const r = recorder();
    r.handle({ type: 'progress', runId: '99', steps: [step(1)] });
    expect(store.runs.get(run.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^ProtocolError: .* for run 99/) });
    expect(aborted).toBe(1);
    r.handle(done()); // ignored after the end
    expect(store.runs.get(run.id)!.status).toBe('failed');

    const gone = store.runs.setStatus(store.runs.create({ config: sampleConfig() }).id, 'running');
    let kills = 0;
    const g = new RunRecorder(store, events, gone, { announce: () => {}, abort: () => kills++ });
    store.runs.delete(gone.id);
    g.handle({ type: 'progress', runId: String(gone.id), steps: [step(1)] });
    expect([kills, g.finished]).toEqual([1, true]);
  });
});

describe('RunEvents', () => {
  it('builds a lazy payload only when someone listens, and survives a throwing listener', () => {
    const errors: unknown[] = [];
    const ev = new RunEvents((e) => errors.push(e));
    let built = 0;
    ev.emit('runEpoch', () => (built++, undefined));
    expect(built).toBe(0);
    const got: number[] = [];
    ev.on('runUpdated', () => {
      throw new Error('listener bug');
    });
    const off = ev.on('runUpdated', (r) => got.push(r.id));
    ev.emit('runUpdated', () => (built++, run));
    off();
    ev.emit('runUpdated', run);
    expect([built, got, errors.length, ev.has('runUpdated'), ev.has('runProgress')]).toEqual([1, [run.id], 2, true, false]);
  });
});

describe('snapshotValues', () => {
  it('maps each image back to its own lo..hi range', () => {
    expectClose(snapshotValues(snapshot.weights), [-1, 1, -0.6, -1, 0, 0, 0, 2], 6);
  });
});
