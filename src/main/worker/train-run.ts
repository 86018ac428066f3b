// One training run from a validated RunConfig: load the data, build the model, train, hand back the result.
// It runs inside a training process (and, for the command line, in-process); it knows nothing of SQLite.
import { type Dataset, type Normalisation, splitValidation } from '../../engine/data/dataset';
import { renormaliseInPlace, resolveNormalisation } from '../../engine/data/normalize';
import { ConfigError } from '../../engine/errors';
import type { Kernels } from '../../engine/kernels/kernels';
import { buildModel } from '../../engine/models/build';
import type { Sequential } from '../../engine/models/sequential';
import { createOptimizer } from '../../engine/optim';
import { threadsPay } from '../../engine/parallel';
import { createSchedule } from '../../engine/schedules';
import type { TrainerCheckpoint } from '../../engine/train/checkpoint';
import type { EpochMetrics, StepMetrics, TrainResult } from '../../engine/train/metrics';
import { train } from '../../engine/train/trainer';
import type { RunConfig } from '../../shared/run-config';
import { loadDataset, type LoadedDataset } from '../datasets/load';
import { oneThreadName } from '../wasm/load-kernels';

export interface TrainRunHooks {
  /** Called once the data is loaded and the model built, before the first step. */
  onReady?: (info: {
    dataset: LoadedDataset;
    model: Sequential;
    stepsPerEpoch: number;
    train: Dataset;
    validation?: Dataset;
    normalisation: Normalisation;
    /** The kernels the run trains with: without "-<n>t" when its steps are too small for the threads to pay. */
    kernels: string;
  }) => void;
  onStep?: (m: StepMetrics) => void;
  onEpoch?: (m: EpochMetrics, model: Sequential) => void;
  shouldStop?: () => boolean;
  /** Continue from this checkpoint (its optimizer state null: a fresh optimizer, as a fork that changed it). */
  resume?: TrainerCheckpoint;
  onCheckpoint?: (c: TrainerCheckpoint) => void;
}

export interface TrainRunResult {
  readonly result: TrainResult;
  readonly model: Sequential;
  readonly dataset: LoadedDataset;
  readonly kernels: string;
  /** How pixels became inputs (a standardized run: the training split's mean and std). */
  readonly normalisation: Normalisation;
}

export async function trainRun(config: RunConfig, kernels: Kernels, hooks: TrainRunHooks = {}): Promise<TrainRunResult> {
  const loaded = await loadDataset(config.dataset, { limitTrain: config.limitTrain, limitTest: config.limitTest });
  const split =
    config.validationSplit > 0 ? splitValidation(loaded.train, config.validationSplit, config.seed) : { train: loaded.train, validation: undefined };
  // Statistics from the training split alone (never validation or test), then every split scaled by them.
  const normalisation = resolveNormalisation(config.normalize, split.train);
  const trainSet = renormaliseInPlace(split.train, normalisation);
  const validation = split.validation && renormaliseInPlace(split.validation, normalisation);
  const dataset: LoadedDataset = { ...loaded, train: trainSet, test: renormaliseInPlace(loaded.test, normalisation) };
  const [c, h, w] = trainSet.shape;
  const [mc, mh, mw] = config.model.input;
  if (c !== mc || h !== mh || w !== mw) {
    throw new ConfigError('model.input', `the model expects ${mc}×${mh}×${mw} inputs but ${dataset.title} has ${c}×${h}×${w}`);
  }
  const model = buildModel(config.model, kernels, config.seed);
  const outputs = model.outputShape.reduce((a, b) => a * b, 1);
  if (outputs !== trainSet.classes) {
    throw new ConfigError('model.layers', `the last layer has ${outputs} outputs but ${dataset.title} has ${trainSet.classes} classes`);
  }
  const stepsPerEpoch = Math.ceil(trainSet.n / config.batchSize);
  const schedule = createSchedule(config.schedule, config.lr, stepsPerEpoch, stepsPerEpoch * config.epochs);
  const threads = kernels.replicas && threadsPay(model, config.batchSize, kernels.replicas) ? kernels.replicas : undefined;
  const kernelsName = kernels.replicas && !threads ? oneThreadName(kernels.name) : kernels.name;
  hooks.onReady?.({ dataset, model, stepsPerEpoch, train: trainSet, validation, normalisation, kernels: kernelsName });
  const result = train({
    model,
    optimizer: createOptimizer(config.optimizer, model.params(), kernels),
    schedule,
    l2: config.l2,
    train: trainSet,
    test: dataset.test,
    validation,
    batchSize: config.batchSize,
    epochs: config.epochs,
    seed: config.seed,
    augment: config.augment,
    trainPass: config.trainPass,
    earlyStopping: config.earlyStopping,
    onStep: hooks.onStep,
    onEpoch: hooks.onEpoch && ((m) => hooks.onEpoch!(m, model)),
    shouldStop: hooks.shouldStop,
    resume: hooks.resume,
    onCheckpoint: hooks.onCheckpoint,
    now: () => performance.now(),
    parallel: threads && { threads, optimizer: config.optimizer, seed: config.seed },
  });
  return { result, model, dataset, kernels: kernelsName, normalisation };
}
