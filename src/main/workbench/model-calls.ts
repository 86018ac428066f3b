// The calls that run a trained model: predict a drawn image, and the test images of one confusion cell (from
// the predictions the run kept for that epoch, else its final weights'). Models, test sets and final predictions
// are cached per run: a run's final weights never change once stored.
import type { Dataset } from '../../engine/data/dataset';
import type { CallInput, CallOutput } from '../../shared/api-contract';
import { ConflictError } from '../../shared/api-wire';
import { encodeBase64 } from '../../shared/base64';
import { ValidationError } from '../../shared/validation';
import type { Run, Store } from '../db';
import { loadDataset } from '../datasets/load';
import type { DatasetDirs } from '../datasets/locate';
import { readNormalisation } from '../runs/run-metrics';
import { loadKernels, type KernelPreference } from '../wasm/load-kernels';
import { classNamesFor } from '../worker/dataset-listing';
import { predictDataset, predictOne, rawImage, toModelInput, type DatasetPredictions } from '../worker/predict';
import { loadStoredModel, type StoredModel } from '../worker/stored-model';
import { Lru } from './lru';
import { requireRun } from './lookups';

export interface ModelCallsOptions {
  /** Kernels for inference (default 'auto': wasm SIMD where it loads). */
  readonly kernels?: KernelPreference;
  readonly datasetDirs?: DatasetDirs;
}

export class ModelCalls {
  private readonly models = new Lru<number, Promise<StoredModel>>(4);
  private readonly tests = new Lru<number, Promise<Dataset>>(2);
  private readonly finals = new Lru<number, Promise<DatasetPredictions>>(2);

  constructor(
    private readonly store: Store,
    private readonly options: ModelCallsOptions = {},
  ) {}

  async predict({ runId, width, height, pixels }: CallInput<'predict'>): Promise<CallOutput<'predict'>> {
    const run = requireRun(this.store, runId);
    const { model, normalisation } = await this.model(run);
    const { probabilities, predicted } = predictOne(model, toModelInput(pixels, width, height, model.spec.input, normalisation));
    return { probabilities, predicted, classNames: classNamesFor(run.config.dataset, probabilities.length) };
  }

  async getMisclassified({ runId, epoch, trueClass, predictedClass, limit }: CallInput<'getMisclassified'>): Promise<CallOutput<'getMisclassified'>> {
    const run = requireRun(this.store, runId);
    const test = await this.testSet(run);
    for (const [field, value] of [
      ['trueClass', trueClass],
      ['predictedClass', predictedClass],
    ] as const) {
      if (value >= test.classes) throw new ValidationError(field, `must be < ${test.classes} (the dataset's classes), got ${value}`);
    }
    // The epoch's own predictions when the run kept them (for the whole test set as it is loaded now).
    const kept = epoch === undefined ? undefined : this.store.predictions.get(run.id, 'test', epoch);
    const atEpoch = kept && kept.predicted.length === test.n ? kept : undefined;
    const { predicted, confidence } = atEpoch
      ? { predicted: atEpoch.predicted, confidence: Float32Array.from(atEpoch.confidence, (c) => c / 255) }
      : await this.finalPredictions(run, test);
    const hits: number[] = [];
    for (let i = 0; i < test.n; i++) if (test.labels[i] === trueClass && predicted[i] === predictedClass) hits.push(i);
    // Most confident first: the instructive mistakes (or, on the diagonal, the clearest examples).
    hits.sort((a, b) => confidence[b]! - confidence[a]! || a - b);
    const [, height, width] = test.shape;
    return {
      runId,
      epoch: atEpoch ? atEpoch.epoch : null,
      width,
      height,
      total: hits.length,
      samples: hits.slice(0, limit).map((index) => ({
        index,
        label: trueClass,
        predicted: predictedClass,
        confidence: confidence[index]!,
        pixels: encodeBase64(rawImage(test, index)),
      })),
    };
  }

  /** Drops what is cached for a deleted run. */
  forget(runId: number): void {
    this.models.delete(runId);
    this.tests.delete(runId);
    this.finals.delete(runId);
  }

  private model(run: Run): Promise<StoredModel> {
    const file = this.store.artifacts.weights(run.id);
    if (!file) throw new ConflictError(`run ${run.id} has no trained weights yet (it is ${run.status}); they are stored when the run ends`);
    return this.models.get(run.id, async () => {
      const kernels = await loadKernels({ prefer: this.options.kernels ?? 'auto' });
      return loadStoredModel(file.data, run.config.model, kernels, `run ${run.id} weights`);
    });
  }

  /** The run's test split, as its worker loaded it (scaled as the run scaled its inputs, from the run's facts). */
  private testSet(run: Run): Promise<Dataset> {
    return this.tests.get(run.id, async () => {
      // limitTrain 1: only the test split is needed, and converting 60k training images would cost 190 MB.
      const normalisation = readNormalisation(this.store.metrics, run.id) ?? undefined;
      const data = await loadDataset(run.config.dataset, { limitTrain: 1, limitTest: run.config.limitTest, normalisation, dirs: this.options.datasetDirs });
      return data.test;
    });
  }

  private finalPredictions(run: Run, test: Dataset): Promise<DatasetPredictions> {
    const model = this.model(run);
    return this.finals.get(run.id, async () => predictDataset((await model).model, test));
  }
}
