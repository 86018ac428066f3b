// `train` options: parsed strictly (an unknown or malformed option is refused by name) into a RunConfig.
import { REMOTE_HELP, REMOTE_OPTIONS, remoteOf, type RemoteChoice } from './remote-option';
import path from 'node:path';
import type { ActivationType, ModelSpec } from '../../engine/models/spec';
import { mlpSpec, reportCnnSpec } from '../../shared/model-presets';
import { parseRunConfig, type RunConfig, type RunConfigInput } from '../../shared/run-config';
import { DEFAULT_LR } from '../../shared/optimizer-defaults';
import { choice, COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, list, num, parseFlags, stripUndefined } from './flags';
import { UsageError } from './usage-error';

export const TRAIN_HELP = `Usage: npm run train -- [options]

Trains one model in a training process, records the run in the data folder, and prints its metrics.
Ctrl-C cancels the run (exit code 130). Progress goes to stderr; with --json the last line of
stdout is one JSON object (train_accuracy, test_accuracy, test_loss, epochs, seconds_per_epoch, …).

Data
  --dataset NAME|PATH      mnist (default), fashion-mnist, or a folder of IDX files (raw or .gz)
  --limit-train N          train on the first N training samples only
  --limit-test N           evaluate on the first N test samples only
  --validation F           hold out a share F of the training set for validation (default 0)
  --normalize HOW          none (x/255, default), standardize ((x/255 - mean)/std, both measured on the
                           training images and recorded with the run), or MEAN,STD to give them
Model
  --model mlp|cnn          mlp (default) or the report's CNN (conv 30@5x5, pool 2, 100, 10)
  --hidden A,B,...         MLP hidden sizes (default 128,64)
  --activation NAME[,...]  relu (default), sigmoid, tanh, leaky_relu, gelu; one, or one per hidden layer
  --init TYPE[:STD]        auto (default: He before ReLU, else Xavier), he, xavier, or normal[:STD]
                           (N(0, STD^2) weights, STD 0.01 by default; the course report's setup)
Optimisation
  --optimizer NAME         sgd, momentum (default), rmsprop, adam
  --momentum B             momentum coefficient (default 0.9)
  --lr X                   learning rate (default 0.05; 0.001 for rmsprop and adam)
  --schedule NAME          constant (default), step, exponential, inverse-time, cosine
  --decay D                inverse-time decay: lr / (1 + D*t) (the report's 0.001)
  --decay-per step|epoch   t counts steps (default) or epochs (inverse-time; exponential: a staircase)
  --gamma G                step / exponential decay factor (default 0.5 / 0.95)
  --step-epochs N          step schedule: multiply by gamma every N epochs (default 5)
  --l2 L                   L2 strength: loss + L * sum(w^2) over weights (default 0)
  --batch N                batch size (default 128)
  --epochs N               epochs (default 10)
  --seed N                 random seed for init, shuffling, dropout, augmentation (default 1)
  --early-stopping N       stop after N epochs without improvement of the validation (or test) loss
  --train-pass WHEN        score the whole training set after every_epoch (default) or the last_epoch only
  --keep-checkpoints K     end-of-epoch checkpoints kept: last_best (default: the last and the best) or all
                           (a fork from any epoch needs all; see runs resume --help)
Augmentation (off by default)
  --augment-translate PX   random shift up to PX pixels
  --augment-rotate DEG     random rotation up to DEG degrees
  --augment-scale F        random scaling by up to ±F (e.g. 0.1)
Output
  --save FILE              write the trained weights and config as safetensors
  --name NAME              name the run (default: "run <id>")
  --tag TAG                tag the run (repeat for more tags)
${REMOTE_HELP}
${DATA_DIR_HELP}
  --kernels NAME           auto (default: native where built, else wasm), native, relaxed, simd, reference
  --threads N              threads training on shares of each batch (default 1; same seed and thread count
                           give bit-identical runs). A model whose steps are too small to gain from them
                           (under 14 M multiply-adds, e.g. one hidden layer of 64 at batch 128) trains on one
  --json                   print the result as one JSON object on stdout
  --quiet                  no progress output
  -h, --help               show this help
`;

/** The flags that describe a run's config: `train` takes them, and `grid` takes them as its base. */
export const CONFIG_OPTIONS = {
  dataset: { type: 'string' },
  'limit-train': { type: 'string' },
  'limit-test': { type: 'string' },
  validation: { type: 'string' },
  normalize: { type: 'string' },
  model: { type: 'string' },
  init: { type: 'string' },
  hidden: { type: 'string' },
  activation: { type: 'string' },
  optimizer: { type: 'string' },
  momentum: { type: 'string' },
  lr: { type: 'string' },
  schedule: { type: 'string' },
  decay: { type: 'string' },
  'decay-per': { type: 'string' },
  gamma: { type: 'string' },
  'step-epochs': { type: 'string' },
  l2: { type: 'string' },
  batch: { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  'early-stopping': { type: 'string' },
  'train-pass': { type: 'string' },
  'keep-checkpoints': { type: 'string' },
  'augment-translate': { type: 'string' },
  'augment-rotate': { type: 'string' },
  'augment-scale': { type: 'string' },
  kernels: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

const OPTIONS = {
  ...CONFIG_OPTIONS,
  ...COMMON_OPTIONS,
  save: { type: 'string' },
  name: { type: 'string' },
  tag: { type: 'string', multiple: true },
  threads: { type: 'string' },
  ...REMOTE_OPTIONS,
} as const;

export type KernelChoice = 'auto' | 'native' | 'relaxed' | 'simd' | 'reference';

export type TrainOptions =
  | { help: true }
  | ({
      help: false;
      config: RunConfig;
      json: boolean;
      quiet: boolean;
      save?: string;
      kernels: KernelChoice;
      threads: number;
      dataDir: string;
      tags: string[];
    } & RemoteChoice);

/** The config-describing flags as parsed by parseFlags (a subset of any command's values). */
export type ConfigFlags = { [K in keyof typeof CONFIG_OPTIONS]?: (typeof CONFIG_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** Parses `train` arguments; throws UsageError (bad flag) or ValidationError (bad value, field named). */
export function parseTrainOptions(argv: readonly string[]): TrainOptions {
  const v = parseFlags(argv, OPTIONS).values;
  if (v.help) return { help: true };
  const config = configFromFlags(v);
  return {
    help: false,
    config: v.name === undefined ? config : parseRunConfig({ ...config, name: v.name }),
    json: Boolean(v.json),
    quiet: Boolean(v.quiet),
    save: v.save,
    kernels: kernelsOf(v),
    threads: threadsOf(v.threads),
    dataDir: dataDirOf(v['data-dir']),
    tags: v.tag ?? [],
    ...remoteOf(v),
  };
}

function threadsOf(text: string | undefined): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--threads: expected an integer from 1 to 64, got '${text}'`);
  return n;
}

export function kernelsOf(v: ConfigFlags): KernelChoice {
  return choice('kernels', v.kernels, ['auto', 'native', 'relaxed', 'simd', 'reference'] as const, 'auto');
}

/** A validated RunConfig from the config flags. @throws UsageError (bad flag) or ValidationError (bad value). */
export function configFromFlags(v: ConfigFlags): RunConfig {
  const model = choice('model', v.model, ['mlp', 'cnn'] as const, 'mlp');
  const optimizer = choice('optimizer', v.optimizer, ['sgd', 'momentum', 'rmsprop', 'adam'] as const, 'momentum');
  const schedule = choice('schedule', v.schedule, ['constant', 'step', 'exponential', 'inverse-time', 'cosine'] as const, 'constant');
  const hidden = list('hidden', v.hidden ?? '128,64').map((s) => num('hidden', s)!);
  const acts = list('activation', v.activation ?? 'relu') as ActivationType[];
  const activation = acts.length === 1 ? acts[0]! : acts;
  if (model === 'cnn' && (v.hidden !== undefined || v.activation !== undefined)) {
    throw new UsageError('--hidden and --activation apply to --model mlp only');
  }
  // A folder is stored absolute: the run must still find it when re-run from another working directory.
  const dataset =
    v.dataset === undefined || v.dataset === 'mnist'
      ? { name: 'mnist' as const }
      : v.dataset === 'fashion-mnist'
        ? { name: 'fashion-mnist' as const }
        : { name: 'folder' as const, path: path.resolve(v.dataset) };
  const gamma = num('gamma', v.gamma);
  const per = v['decay-per'] === undefined ? undefined : choice('decay-per', v['decay-per'], ['step', 'epoch'] as const, 'step');
  if (per !== undefined && schedule !== 'inverse-time' && schedule !== 'exponential') {
    throw new UsageError('--decay-per applies to --schedule inverse-time or exponential');
  }
  const spec = model === 'cnn' ? reportCnnSpec() : mlpSpec({ hidden, activation });
  const input: RunConfigInput = {
    dataset,
    limitTrain: num('limit-train', v['limit-train']),
    limitTest: num('limit-test', v['limit-test']),
    validationSplit: num('validation', v.validation),
    normalize: normalizeOf(v.normalize),
    model: v.init === undefined ? spec : { ...spec, init: initOf(v.init) },
    optimizer: optimizer === 'momentum' ? { type: 'momentum', momentum: num('momentum', v.momentum) ?? 0.9 } : { type: optimizer },
    lr: num('lr', v.lr) ?? DEFAULT_LR[optimizer],
    schedule:
      schedule === 'inverse-time'
        ? { type: 'inverse_time', decay: num('decay', v.decay) ?? 0.001, per }
        : schedule === 'step'
          ? { type: 'step', everyEpochs: num('step-epochs', v['step-epochs']) ?? 5, gamma: gamma ?? 0.5 }
          : schedule === 'exponential'
            ? { type: 'exponential', gamma: gamma ?? 0.95, per }
            : { type: schedule },
    l2: num('l2', v.l2),
    batchSize: num('batch', v.batch) ?? 128,
    epochs: num('epochs', v.epochs) ?? 10,
    seed: num('seed', v.seed) ?? 1,
    augment: {
      translate: num('augment-translate', v['augment-translate']),
      rotate: num('augment-rotate', v['augment-rotate']),
      scale: num('augment-scale', v['augment-scale']),
    },
    earlyStopping: v['early-stopping'] === undefined ? undefined : { patience: num('early-stopping', v['early-stopping'])! },
    trainPass: v['train-pass'] === undefined ? undefined : choice('train-pass', v['train-pass'], ['every_epoch', 'last_epoch'] as const, 'every_epoch'),
    keepCheckpoints:
      v['keep-checkpoints'] === undefined ? undefined : choice('keep-checkpoints', v['keep-checkpoints'], ['last_best', 'all'] as const, 'last_best'),
  };
  return parseRunConfig(stripUndefined(input));
}

/** `--init normal:0.01` → { type: 'normal', std: 0.01 }; the schema then checks the std belongs to the type. */
function initOf(text: string): NonNullable<ModelSpec['init']> {
  const [type, std, ...rest] = text.split(':');
  if (rest.length > 0) throw new UsageError(`--init: expected TYPE or TYPE:STD, got '${text}'`);
  const t = choice('init', type, ['auto', 'he', 'xavier', 'normal'] as const, 'auto');
  return std === undefined ? { type: t } : { type: t, std: num('init', std)! };
}

/** `--normalize standardize`, or `--normalize 0.1307,0.3081` for a given mean and std. */
function normalizeOf(text: string | undefined): RunConfigInput['normalize'] {
  if (text === undefined || text === 'none' || text === 'standardize') return text;
  const parts = list('normalize', text);
  if (parts.length !== 2) throw new UsageError(`--normalize: expected none, standardize or MEAN,STD, got '${text}'`);
  return { mean: num('normalize', parts[0])!, std: num('normalize', parts[1])! };
}
