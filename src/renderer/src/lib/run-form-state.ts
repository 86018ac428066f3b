// The new-run form's state: what the inputs hold (numbers as typed text, so a half-typed "1e-" is not lost),
// its defaults, and the reverse mapping from a stored config (fork, re-run with changes).
import type { ActivationType, InitSpec, InitType, LayerSpec, LayerType, ModelSpec } from '../../../engine/models/spec';
import type { DatasetName } from '../../../engine/data/registry';
import type { RunConfig } from '../../../shared/run-config';

export type ModelKind = 'mlp' | 'cnn' | 'layers';
export type OptimizerType = RunConfig['optimizer']['type'];
export type ScheduleType = RunConfig['schedule']['type'];
/** `given`: the form's mean and std fields. */
export type NormalizeChoice = 'none' | 'standardize' | 'given';

/** One row of the layer-list editor: the type and every parameter any type may take, as text. */
export interface LayerRow {
  type: LayerType;
  units: string;
  filters: string;
  kernel: string;
  stride: string;
  padding: string;
  size: string;
  rate: string;
  slope: string;
  /** A linear or conv layer's own init, kept from a forked config (the model-wide init is the form's `init`). */
  init?: InitSpec;
}

export interface RunFormState {
  name: string;
  dataset: DatasetName;
  folderPath: string;
  limitTrain: string;
  limitTest: string;
  validationSplit: string;
  normalize: NormalizeChoice;
  normMean: string;
  normStd: string;
  modelKind: ModelKind;
  /** "128, 64" */
  hidden: string;
  /** One activation for every hidden layer, or one per layer as "relu, tanh". */
  activation: string;
  layers: LayerRow[];
  init: InitType;
  /** The std of `normal` ('' for its default, 0.01). */
  initStd: string;
  optimizer: OptimizerType;
  momentum: string;
  nesterov: boolean;
  rho: string;
  beta1: string;
  beta2: string;
  eps: string;
  lr: string;
  schedule: ScheduleType;
  everyEpochs: string;
  gamma: string;
  decay: string;
  /** When the inverse-time or exponential decay moves. */
  decayPer: 'step' | 'epoch';
  minLr: string;
  warmupSteps: string;
  l2: string;
  batchSize: string;
  epochs: string;
  seed: string;
  translate: string;
  rotate: string;
  scale: string;
  /** Score the whole training set after every epoch (else after the last only). */
  passEveryEpoch: boolean;
  /** Keep every end-of-epoch checkpoint (a fork from any epoch), not only the last and the best. */
  keepAllCheckpoints: boolean;
  earlyStopping: boolean;
  patience: string;
  minDelta: string;
}

/** The form's free-text fields (not the choices like `dataset` or `optimizer`): what `RunFormInput` can bind. */
export type RunFormTextField = { [K in keyof RunFormState]: string extends RunFormState[K] ? K : never }[keyof RunFormState];

export const ACTIVATIONS: readonly ActivationType[] = ['relu', 'tanh', 'sigmoid', 'leaky_relu', 'gelu'];
export const LAYER_TYPES: readonly LayerType[] = ['linear', 'conv2d', 'maxpool2d', 'flatten', 'dropout', 'relu', 'tanh', 'sigmoid', 'leaky_relu', 'gelu'];

export function emptyLayerRow(type: LayerType = 'linear'): LayerRow {
  return { type, units: '100', filters: '16', kernel: '3', stride: '', padding: '', size: '2', rate: '0.5', slope: '' };
}

export function defaultRunForm(): RunFormState {
  return {
    name: '',
    dataset: 'mnist',
    folderPath: '',
    limitTrain: '',
    limitTest: '',
    validationSplit: '0',
    normalize: 'none',
    normMean: '',
    normStd: '',
    modelKind: 'mlp',
    hidden: '128, 64',
    activation: 'relu',
    layers: [emptyLayerRow('flatten'), emptyLayerRow('linear'), emptyLayerRow('relu'), { ...emptyLayerRow('linear'), units: '10' }],
    init: 'auto',
    initStd: '',
    optimizer: 'momentum',
    momentum: '0.9',
    nesterov: false,
    rho: '',
    beta1: '',
    beta2: '',
    eps: '',
    lr: '0.05',
    schedule: 'inverse_time',
    everyEpochs: '5',
    gamma: '0.5',
    decay: '0.001',
    decayPer: 'step',
    minLr: '',
    warmupSteps: '',
    l2: '0.0001',
    batchSize: '128',
    epochs: '10',
    seed: '1',
    translate: '',
    rotate: '',
    scale: '',
    passEveryEpoch: true,
    keepAllCheckpoints: false,
    earlyStopping: false,
    patience: '3',
    minDelta: '0',
  };
}

const str = (v: number | undefined | null): string => (v === undefined || v === null ? '' : String(v));
const ACTIVATION_SET = new Set<string>(ACTIVATIONS);

/** The MLP this spec is (hidden sizes + activations), or null when it is anything else (a layer with its own init included). */
export function asMlp(model: ModelSpec): { hidden: number[]; activations: ActivationType[] } | null {
  const [first, ...rest] = model.layers;
  if (first?.type !== 'flatten' || rest.some((l) => 'init' in l && l.init !== undefined)) return null;
  const hidden: number[] = [];
  const activations: ActivationType[] = [];
  for (let i = 0; i < rest.length - 1; i += 2) {
    const lin = rest[i]!;
    const act = rest[i + 1]!;
    if (lin.type !== 'linear' || !ACTIVATION_SET.has(act.type) || act.type === 'leaky_relu') return null;
    hidden.push(lin.units);
    activations.push(act.type as ActivationType);
  }
  const last = rest[rest.length - 1];
  if (rest.length % 2 !== 1 || last?.type !== 'linear') return null;
  return { hidden, activations };
}

function isReportCnn(model: ModelSpec): boolean {
  const l = model.layers;
  return (
    l.length === 7 &&
    l[0]?.type === 'conv2d' &&
    l[0].filters === 30 &&
    l[0].kernel === 5 &&
    (l[0].stride ?? 1) === 1 &&
    (l[0].padding ?? 0) === 0 &&
    l[1]?.type === 'relu' &&
    l[2]?.type === 'maxpool2d' &&
    l[2].size === 2 &&
    l[3]?.type === 'flatten' &&
    l[4]?.type === 'linear' &&
    l[4].units === 100 &&
    l[5]?.type === 'relu' &&
    l[6]?.type === 'linear'
  );
}

export function layerToRow(layer: LayerSpec): LayerRow {
  const row = emptyLayerRow(layer.type);
  switch (layer.type) {
    case 'linear':
      return { ...row, units: str(layer.units), ...(layer.init && { init: layer.init }) };
    case 'conv2d':
      return {
        ...row,
        filters: str(layer.filters),
        kernel: str(layer.kernel),
        stride: str(layer.stride),
        padding: str(layer.padding),
        ...(layer.init && { init: layer.init }),
      };
    case 'maxpool2d':
      return { ...row, size: str(layer.size), stride: str(layer.stride) };
    case 'dropout':
      return { ...row, rate: str(layer.rate) };
    case 'leaky_relu':
      return { ...row, slope: str(layer.slope) };
    default:
      return row;
  }
}

/** The form showing `config` (a fork starts from here). */
export function configToForm(config: RunConfig): RunFormState {
  const form = defaultRunForm();
  const o = config.optimizer;
  const s = config.schedule;
  const mlp = asMlp(config.model);
  const sameAct = mlp && mlp.activations.every((a) => a === mlp.activations[0]);
  return {
    ...form,
    name: config.name ?? '',
    dataset: config.dataset.name,
    folderPath: config.dataset.name === 'folder' ? config.dataset.path : '',
    limitTrain: str(config.limitTrain),
    limitTest: str(config.limitTest),
    validationSplit: str(config.validationSplit),
    normalize: typeof config.normalize === 'string' ? config.normalize : 'given',
    normMean: typeof config.normalize === 'object' ? str(config.normalize.mean) : '',
    normStd: typeof config.normalize === 'object' ? str(config.normalize.std) : '',
    modelKind: mlp && mlp.hidden.length > 0 ? 'mlp' : isReportCnn(config.model) ? 'cnn' : 'layers',
    hidden: mlp ? mlp.hidden.join(', ') : form.hidden,
    activation: mlp && mlp.activations.length > 0 ? (sameAct ? mlp.activations[0]! : mlp.activations.join(', ')) : form.activation,
    layers: config.model.layers.map(layerToRow),
    init: config.model.init?.type ?? 'auto',
    initStd: str(config.model.init?.std),
    optimizer: o.type,
    momentum: o.type === 'momentum' ? str(o.momentum) : form.momentum,
    nesterov: o.type === 'momentum' ? (o.nesterov ?? false) : false,
    rho: o.type === 'rmsprop' ? str(o.rho) : '',
    beta1: o.type === 'adam' ? str(o.beta1) : '',
    beta2: o.type === 'adam' ? str(o.beta2) : '',
    eps: o.type === 'adam' || o.type === 'rmsprop' ? str(o.eps) : '',
    lr: str(config.lr),
    schedule: s.type,
    everyEpochs: s.type === 'step' ? str(s.everyEpochs) : form.everyEpochs,
    gamma: s.type === 'step' || s.type === 'exponential' ? str(s.gamma) : form.gamma,
    decay: s.type === 'inverse_time' ? str(s.decay) : form.decay,
    decayPer: (s.type === 'inverse_time' || s.type === 'exponential') && s.per === 'epoch' ? 'epoch' : 'step',
    minLr: s.type === 'cosine' ? str(s.minLr) : '',
    warmupSteps: s.type === 'cosine' ? str(s.warmupSteps) : '',
    l2: str(config.l2),
    batchSize: str(config.batchSize),
    epochs: str(config.epochs),
    seed: str(config.seed),
    translate: str(config.augment.translate),
    rotate: str(config.augment.rotate),
    scale: str(config.augment.scale),
    passEveryEpoch: config.trainPass !== 'last_epoch',
    keepAllCheckpoints: config.keepCheckpoints === 'all',
    earlyStopping: config.earlyStopping !== undefined,
    patience: config.earlyStopping ? str(config.earlyStopping.patience) : form.patience,
    minDelta: config.earlyStopping ? str(config.earlyStopping.minDelta) : form.minDelta,
  };
}
