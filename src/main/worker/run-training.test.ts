// runTraining in this process: the message sequence of a run, inspection cadence, cancel, and failure.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitValidation } from '../../engine/data/dataset';
import { pixelStats } from '../../engine/data/normalize';
import { decodeSafetensors } from '../../engine/io/safetensors';
import { parseRunConfig, type RunConfigInput } from '../../shared/run-config';
import { parseWorkerMessage, type WorkerMessage, type WorkerMessageOf } from '../../shared/worker-protocol';
import { loadDataset } from '../datasets/load';
import { loadKernels } from '../wasm/load-kernels';
import { runTraining, type TrainingJob } from './run-training';
import { trainRun } from './train-run';

const TINY = path.resolve(__dirname, '../../../resources/fixtures/mnist-tiny');

function job(overrides: Partial<RunConfigInput> = {}, extra: Partial<TrainingJob> = {}): TrainingJob {
  const config = parseRunConfig({
    dataset: { name: 'folder', path: TINY },
    limitTrain: 300,
    limitTest: 100,
    model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 16 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
    optimizer: { type: 'momentum' },
    lr: 0.05,
    batchSize: 32,
    epochs: 3,
    seed: 1,
    ...overrides,
  });
  return { runId: 'run-1', config, kernels: 'auto', ...extra };
}

async function collect(j: TrainingJob, shouldStop: () => boolean = () => false): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  // Validate each message as the main side would.
  await runTraining(j, (m) => messages.push(parseWorkerMessage(m)), shouldStop);
  return messages;
}

const ofType = <T extends WorkerMessage['type']>(ms: WorkerMessage[], t: T) => ms.filter((m): m is WorkerMessageOf<T> => m.type === t);

describe('runTraining', () => {
  it('streams ready, step batches, epochs with inspection and snapshots, then done with the weights', async () => {
    const ms = await collect(job({ validationSplit: 0.1 }));
    expect(ms[0]).toMatchObject({ type: 'ready', runId: 'run-1', dataset: { train: 270, validation: 30, test: 100, shape: [1, 28, 28] }, stepsPerEpoch: 9 });
    expect(ms.at(-1)!.type).toBe('done');
    // per epoch: its progress comes before it, its snapshot and then its checkpoint right after it
    expect(ms.map((m) => m.type).filter((t, i, a) => t !== 'progress' || a[i + 1] !== 'progress')).toEqual([
      'ready',
      'progress',
      'epoch',
      'snapshot',
      'checkpoint',
      'progress',
      'epoch',
      'snapshot',
      'checkpoint',
      'progress',
      'epoch',
      'snapshot',
      'checkpoint',
      'done',
    ]);
    expect(ofType(ms, 'checkpoint').map((m) => [m.epochsDone, m.step])).toEqual([
      [1, 9],
      [2, 18],
      [3, 27],
    ]);
    const steps = ofType(ms, 'progress').flatMap((m) => m.steps.map((s) => s.step));
    expect(steps).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    const epochs = ofType(ms, 'epoch');
    expect(epochs.map((e) => e.metrics.epoch)).toEqual([0, 1, 2]);
    expect(epochs[2]!.confusion.test.counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(epochs[2]!.confusion.validation!.classes).toBe(10);
    expect(epochs[2]!.inspection!.params.map((p) => p.name)).toEqual(['layers.1.weight', 'layers.1.bias', 'layers.3.weight', 'layers.3.bias']);
    // Each test image's prediction, agreeing with the matrix: as many predicted c as its column c counts.
    const { predicted, confidence } = epochs[2]!.predictions!;
    const counts = epochs[2]!.confusion.test.counts;
    expect(predicted).toHaveLength(100);
    for (let c = 0; c < 10; c++) expect(predicted.filter((p) => p === c).length).toBe(counts.filter((_, i) => i % 10 === c).reduce((a, b) => a + b, 0));
    expect(Math.min(...confidence)).toBeGreaterThanOrEqual(26); // no class gets less than 1/10: ≥ 25.5 of 255
    expect(ofType(ms, 'snapshot')[0]!.weights).toMatchObject({ param: 'layers.1.weight', count: 16, height: 28, width: 28 });
    const done = ofType(ms, 'done')[0]!;
    expect([done.stopReason, done.steps]).toEqual(['completed', 27]);
    expect(done.final).toEqual(epochs[2]!.metrics);
    const file = decodeSafetensors(done.weights);
    expect(file.tensors.map((t) => t.name).sort()).toEqual(['layers.1.bias', 'layers.1.weight', 'layers.3.bias', 'layers.3.weight']);
  });

  it('trains exactly as trainRun alone: introspection between epochs does not disturb the run', async () => {
    const j = job({
      model: {
        input: [1, 28, 28],
        layers: [{ type: 'flatten' }, { type: 'linear', units: 16 }, { type: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'linear', units: 10 }],
      },
    });
    const direct = await trainRun(j.config, await loadKernels());
    const done = ofType(await collect(j), 'done')[0]!;
    expect(done.final!.trainLoss).toBe(direct.result.epochs.at(-1)!.trainLoss);
    expect(done.final!.test).toEqual({ loss: direct.result.epochs.at(-1)!.test.loss, accuracy: direct.result.epochs.at(-1)!.test.accuracy });
  });

  it("standardizes with the training split's own mean and std, reports them, and writes them into the weights file", async () => {
    const j = job({ normalize: 'standardize', validationSplit: 0.2, epochs: 1 });
    const ms = await collect(j);
    const ready = ofType(ms, 'ready')[0]!;
    // The same split the run makes: its training part alone decides the statistics.
    const data = await loadDataset(j.config.dataset, { limitTrain: 300, limitTest: 100 });
    const { train, validation } = splitValidation(data.train, 0.2, j.config.seed);
    const expected = pixelStats(train);
    expect(ready.normalisation.mean).toBeCloseTo(expected.mean, 12);
    expect(ready.normalisation.std).toBeCloseTo(expected.std, 12);
    // …which the held-out, the whole training and the test images would each have put elsewhere.
    for (const other of [validation, data.train, data.test]) expect(Math.abs(pixelStats(other).mean - expected.mean)).toBeGreaterThan(1e-4);
    const metadata = decodeSafetensors(ofType(ms, 'done')[0]!.weights).metadata;
    expect(JSON.parse(metadata.normalisation!)).toEqual(ready.normalisation);
    expect(JSON.parse(metadata.config!)).toMatchObject({ normalize: 'standardize' });
  });

  it('scores the whole training set every epoch by default, or after the last only', async () => {
    const passes = async (trainPass?: 'last_epoch') =>
      ofType(await collect(job({ epochs: 2, ...(trainPass && { trainPass }) })), 'epoch').map((e) => e.metrics.trainPass !== undefined);
    expect(await passes()).toEqual([true, true]);
    expect(await passes('last_epoch')).toEqual([false, true]);
  });

  it('trains with pixels/255 by default, and with a given mean and std as given', async () => {
    expect(ofType(await collect(job({ epochs: 1 })), 'ready')[0]!.normalisation).toEqual({ mean: 0, std: 1 });
    expect(ofType(await collect(job({ epochs: 1, normalize: { mean: 0.13, std: 0.31 } })), 'ready')[0]!.normalisation).toEqual({ mean: 0.13, std: 0.31 });
  });

  it('inspects every inspectEvery epochs and always the last', async () => {
    const ms = await collect(job({ epochs: 3 }, { inspectEvery: 2 }));
    expect(ofType(ms, 'epoch').map((e) => e.inspection !== undefined)).toEqual([false, true, true]);
    expect(ofType(ms, 'epoch').map((e) => e.predictions !== undefined)).toEqual([false, true, true]);
    expect(ofType(ms, 'snapshot').map((s) => s.epoch)).toEqual([1, 2]);
  });

  it('stops at the step the flag is raised and still sends the steps and weights so far', async () => {
    let polls = 0;
    const ms = await collect(job(), () => ++polls > 12);
    const done = ofType(ms, 'done')[0]!;
    expect([done.stopReason, done.steps]).toEqual(['cancelled', 12]);
    expect(
      ofType(ms, 'progress')
        .flatMap((m) => m.steps)
        .at(-1)!.step,
    ).toBe(12);
    expect(done.final!.epoch).toBe(0); // epoch 0 (9 steps) finished before the cancel
    expect(done.weights.length).toBeGreaterThan(16 * 784 * 4);
  });

  it('reports a missing dataset as failed, naming the folder', async () => {
    const missing = path.join(TINY, 'no-such-folder');
    const ms = await collect(job({ dataset: { name: 'folder', path: missing } }));
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ type: 'failed', runId: 'run-1', error: { name: 'DatasetError' } });
    expect((ms[0] as WorkerMessageOf<'failed'>).error.message).toContain(missing);
  });
});
