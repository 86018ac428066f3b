// What a training process would fail on, found before a run is written: no dataset, a model over the cap or whose
// shapes do not fit the images, outputs that do not match the classes, nothing left to train on. It reads the IDX
// headers (and a folder's labels) and plans the model's shapes with the engine's own rules, allocating no weight.
import { DatasetError, ConfigError } from '../../engine/errors';
import { validateModelSpec, type ModelPlan } from '../../engine/models/validate';
import type { DatasetListing } from '../../shared/api-types';
import type { DatasetRef, RunConfig } from '../../shared/run-config';
import { countClasses } from '../datasets/load';
import { locateDataset, type DatasetDirs } from '../datasets/locate';
import { describeDataset } from './dataset-listing';

/** Why a config can never train: the config field to blame and the reason. */
export interface Untrainable {
  /** Which of the configs checked. */
  readonly index: number;
  /** A path into the config, e.g. "dataset.path", "model.layers.1", "model.input". */
  readonly field: string;
  readonly reason: string;
}

type Problem = Omit<Untrainable, 'index'>;

interface DatasetFacts {
  readonly title: string;
  readonly shape: readonly [number, number, number];
  readonly trainSize: number;
  readonly classes: number;
}

/** The first of `configs` that can never train, and why; null when every one can. Each dataset is looked at once. */
export async function findUntrainable(configs: readonly RunConfig[], dirs: DatasetDirs): Promise<Untrainable | null> {
  const datasets = new Map<string, Promise<DatasetFacts | Problem>>();
  for (const [index, config] of configs.entries()) {
    const key = JSON.stringify(config.dataset);
    if (!datasets.has(key)) datasets.set(key, datasetFacts(config.dataset, dirs));
    const plan = planModel(config);
    const problem = 'field' in plan ? plan : fitProblem(config, plan, await datasets.get(key)!);
    if (problem) return { index, ...problem };
  }
  return null;
}

/** The field a dataset problem is blamed on: the folder's path, or the choice of a named dataset. */
const datasetField = (ref: DatasetRef) => (ref.name === 'folder' ? 'dataset.path' : 'dataset');

async function datasetFacts(ref: DatasetRef, dirs: DatasetDirs): Promise<DatasetFacts | Problem> {
  const listing: DatasetListing = await describeDataset(ref, dirs);
  if (!listing.available || !listing.shape || listing.trainSize === null) {
    return { field: datasetField(ref), reason: listing.problem ?? 'cannot be read' };
  }
  let classes = listing.classNames.length;
  if (ref.name === 'folder') {
    // A folder names no classes: its labels decide, as they will when it trains.
    try {
      const { files } = await locateDataset(ref, dirs);
      classes = await countClasses([files.trainLabels, files.testLabels]);
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
      return { field: datasetField(ref), reason: err.message };
    }
  }
  return { title: listing.title, shape: listing.shape, trainSize: listing.trainSize, classes };
}

function planModel(config: RunConfig): ModelPlan | Problem {
  try {
    return validateModelSpec(config.model);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { field: err.field, reason: err.message.slice(err.field.length + 2) };
  }
}

function fitProblem(config: RunConfig, plan: ModelPlan, data: DatasetFacts | Problem): Problem | null {
  if ('field' in data) return data;
  const want = config.model.input;
  if (want.join() !== data.shape.join()) {
    return { field: 'model.input', reason: `the model takes ${want.join('×')} inputs but ${data.title} holds ${data.shape.join('×')} images` };
  }
  const outputs = plan.outputShape.reduce((a, b) => a * b, 1);
  if (outputs !== data.classes) {
    return { field: 'model.layers', reason: `the last layer has ${outputs} outputs but ${data.title} has ${data.classes} classes` };
  }
  // splitValidation holds out round(split × n): one training example with a split of 0.5 leaves none.
  const n = Math.min(config.limitTrain ?? data.trainSize, data.trainSize);
  if (n - Math.round(config.validationSplit * n) < 1) {
    const field = data.trainSize === 0 ? datasetField(config.dataset) : config.validationSplit > 0 ? 'validationSplit' : 'limitTrain';
    return { field, reason: `leaves no training example (${n} in ${data.title}, ${Math.round(config.validationSplit * n)} held out for validation)` };
  }
  return null;
}
