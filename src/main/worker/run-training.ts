// One run as a stream of protocol messages: ready → progress batches → epoch (+ snapshot) … → done,
// or failed. It runs on the training thread; `post` carries each message out, `shouldStop` is the cancel flag.
import type { EpochMetrics } from '../../engine/train/metrics';
import type { Tensor } from '../../engine/tensor';
import type { ConfusionMatrix } from '../../engine/train/confusion';
import type { RunConfig } from '../../shared/run-config';
import { type EpochRecord, type KernelPreference, type TestPredictions, toWireError, type WorkerMessage } from '../../shared/worker-protocol';
import { decodeCheckpoint, encodeCheckpoint } from '../../engine/io/checkpoint-file';
import type { TrainerCheckpoint } from '../../engine/train/checkpoint';
import { loadKernels } from '../wasm/load-kernels';
import { firstLayerSnapshot, inspectModel, makeProbe } from './inspect-model';
import { StepBatcher } from './step-batcher';
import { trainRun } from './train-run';
import { saveWeights } from './weights-file';

export interface TrainingJob {
  readonly runId: string;
  readonly config: RunConfig;
  readonly kernels: KernelPreference;
  /** Threads training replicas of the model on shares of each batch (default 1). */
  readonly threads?: number;
  /** The training-process entry (a file: URL), which replica threads run; the sources' by default. */
  readonly threadEntry?: string;
  readonly inspectEvery?: number;
  readonly progressIntervalMs?: number;
  /** Continue from this end-of-epoch checkpoint; `source` names its file in errors. */
  readonly resume?: { readonly checkpoint: Uint8Array; readonly source: string };
}

/** Trains `job`, posting every message of the run; never throws (a failure is the `failed` message). */
export async function runTraining(job: TrainingJob, post: (msg: WorkerMessage) => void, shouldStop: () => boolean): Promise<void> {
  const { runId, config } = job;
  const inspectEvery = job.inspectEvery ?? 1;
  try {
    const resume = job.resume && resumePoint(job.resume, config);
    const kernels = await loadKernels({ prefer: job.kernels, threads: job.kernels === 'reference' ? 1 : (job.threads ?? 1), threadEntry: job.threadEntry });
    const batcher = new StepBatcher((steps) => post({ type: 'progress', runId, steps }), { intervalMs: job.progressIntervalMs });
    let probe: Tensor | undefined;
    let final: EpochRecord | null = null;
    const run = await trainRun(config, kernels, {
      onReady: ({ dataset, model, stepsPerEpoch, train, validation, normalisation, kernels: kernelsName }) => {
        probe = makeProbe(model, dataset.test);
        post({
          type: 'ready',
          runId,
          dataset: {
            title: dataset.title,
            hash: dataset.hash,
            train: train.n,
            validation: validation?.n ?? 0,
            test: dataset.test.n,
            classNames: [...dataset.classNames],
            shape: [...train.shape],
          },
          parameterCount: model.parameterCount(),
          normalisation: { mean: normalisation.mean, std: normalisation.std },
          kernels: kernelsName,
          stepsPerEpoch,
        });
      },
      onStep: (m) => {
        batcher.push(m);
        if (m.step === holdAt && (holdRun === undefined || holdRun === runId)) holdForTest(batcher);
      },
      onEpoch: (m, model) => {
        batcher.flush();
        final = epochRecord(m);
        const inspect = (m.epoch + 1) % inspectEvery === 0 || m.epoch === config.epochs - 1;
        const confusion = { test: confusionRecord(m.test.confusion), ...(m.validation && { validation: confusionRecord(m.validation.confusion) }) };
        post({
          type: 'epoch',
          runId,
          metrics: final,
          confusion,
          ...(inspect && probe && { inspection: inspectModel(model, probe) }),
          ...(inspect && { predictions: testPredictions(m) }),
        });
        const snapshot = inspect ? firstLayerSnapshot(model) : null;
        if (snapshot) post({ type: 'snapshot', runId, epoch: m.epoch, weights: snapshot });
      },
      shouldStop,
      resume,
      onCheckpoint: (c) => {
        const data = encodeCheckpoint(c, { config: JSON.stringify(config), optimizer: config.optimizer.type });
        post({ type: 'checkpoint', runId, epochsDone: c.epochsDone, step: c.step, score: c.score, elapsedSeconds: c.elapsedSeconds, data });
      },
    });
    batcher.flush();
    const { result } = run;
    post({
      type: 'done',
      runId,
      stopReason: result.stopReason,
      stopMessage: result.stopMessage,
      steps: result.steps,
      elapsedSeconds: result.elapsedSeconds,
      final,
      weights: saveWeights(run.model, config, run.normalisation),
    });
  } catch (err) {
    post({ type: 'failed', runId, error: toWireError(err) });
  }
}

/**
 * A test hook: with NNWB_TEST_HOLD_AT_STEP=N the run records step N, then stops dead for a minute, so a test can
 * kill -9 its process at a known point (after a checkpoint, with steps recorded past it). With NNWB_TEST_HOLD_RUN=ID
 * only run ID holds (a sweep's other trials train through).
 */
const holdAt = Number(process.env.NNWB_TEST_HOLD_AT_STEP ?? NaN);
const holdRun = process.env.NNWB_TEST_HOLD_RUN || undefined;

function holdForTest(batcher: StepBatcher): void {
  batcher.flush();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

/**
 * The checkpoint to continue from. A fork may change the optimizer's type: its state then starts fresh (the
 * step count, the schedule's clock, stays in the checkpoint).
 */
function resumePoint(job: { checkpoint: Uint8Array; source: string }, config: RunConfig): TrainerCheckpoint {
  const { checkpoint, metadata } = decodeCheckpoint(job.checkpoint, job.source);
  return metadata.optimizer === config.optimizer.type ? checkpoint : { ...checkpoint, optimizer: null };
}

/** The protocol's copy of an epoch record: the numbers, without the confusion matrices. */
function epochRecord(m: EpochMetrics): EpochRecord {
  const evaluation = (e: { loss: number; accuracy: number }) => ({ loss: e.loss, accuracy: e.accuracy });
  return {
    epoch: m.epoch,
    trainLoss: m.trainLoss,
    trainAccuracy: m.trainAccuracy,
    ...(m.trainPass && { trainPass: evaluation(m.trainPass) }),
    ...(m.validation && { validation: evaluation(m.validation) }),
    test: evaluation(m.test),
    lr: m.lr,
    trainSeconds: m.trainSeconds,
    evalSeconds: m.evalSeconds,
    samplesPerSecond: m.samplesPerSecond,
    elapsedSeconds: m.elapsedSeconds,
  };
}

/** The test set's predictions, each confidence as a byte (the images' order by confidence is all it serves). */
function testPredictions(m: EpochMetrics): TestPredictions {
  const { predicted, confidence } = m.test;
  return { predicted, confidence: Uint8Array.from(confidence, (c) => Math.round(c * 255)) };
}

function confusionRecord(cm: ConfusionMatrix): { classes: number; counts: number[] } {
  return { classes: cm.classes, counts: Array.from(cm.counts) };
}
