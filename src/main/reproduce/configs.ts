// Run configs in the report's terms: its Table 1 MLP setup (momentum 0.9, inverse-time decay 0.001, batch 128)
// with the fields an experiment changes, under the report's setup or the modern one, and its CNN; plus reading
// those terms back from a stored config.
import { mlpSpec, reportCnnSpec } from '../../shared/model-presets';
import type { RunConfig, RunConfigInput } from '../../shared/run-config';
import { type Activation, REPORT } from '../../shared/report-numbers';
import type { ReproduceScale } from './scale';
import { MODERN_SETUP, type Setup } from './setups';

export interface MlpSetting {
  readonly hidden: readonly [number, number];
  readonly lr: number;
  readonly l2: number;
}

/**
 * The report's tables read each run's last epoch only, so its runs score the whole training set once, at the end:
 * a pass every epoch would add ~40 % to each MLP epoch and a third to the reproduction's wall time.
 */
const LAST_EPOCH_PASS = 'last_epoch' as const;

/** The report's MLP setup (Table 1) at `scale`, with `changes` applied. */
export function mlpConfig(
  scale: ReproduceScale,
  changes: Partial<MlpSetting> & {
    epochs: number;
    activations?: readonly [Activation, Activation];
    optimizer?: RunConfigInput['optimizer'];
    validationSplit?: number;
    seed?: number;
    augment?: RunConfigInput['augment'];
    name?: string;
    /** Default: modern (today's configs, unchanged). */
    setup?: Setup;
  },
): RunConfigInput {
  const s = REPORT.setup;
  const setup = changes.setup ?? MODERN_SETUP;
  const model = mlpSpec({ hidden: changes.hidden ?? s.hidden, activation: changes.activations ?? 'relu' });
  return {
    ...(changes.name !== undefined && { name: changes.name }),
    ...datasetFields(scale),
    model: setup.init ? { ...model, init: setup.init } : model,
    ...(setup.normalize !== 'none' && { normalize: setup.normalize }),
    // The report's "SGDMomentum" with its usual 0.9, and "decay 0.001": lr / (1 + 0.001·t), t the step or the epoch.
    optimizer: changes.optimizer ?? { type: 'momentum', momentum: s.momentum },
    lr: changes.lr ?? s.lr,
    schedule: { type: 'inverse_time', decay: s.decay, ...(setup.decayPer === 'epoch' && { per: 'epoch' as const }) },
    // L2 as the report writes it: λ·Σw² over the weights.
    l2: changes.l2 ?? s.l2,
    batchSize: s.batchSize,
    epochs: changes.epochs,
    seed: changes.seed ?? scale.seed,
    ...(changes.validationSplit !== undefined && { validationSplit: changes.validationSplit }),
    ...(changes.augment !== undefined && { augment: changes.augment }),
    trainPass: LAST_EPOCH_PASS,
  };
}

/** The report's CNN: conv 30@5×5 – ReLU – pool – 100 – ReLU – 10, Adam at 0.001, constant rate, no L2. */
export function cnnConfig(scale: ReproduceScale): RunConfigInput {
  return {
    name: 'CNN (conv 30@5×5, Adam 0.001)',
    ...datasetFields(scale),
    model: reportCnnSpec(),
    optimizer: { type: 'adam' },
    lr: REPORT.cnn.lr,
    batchSize: scale.cnn.batchSize,
    epochs: scale.cnn.epochs,
    seed: scale.seed,
    trainPass: LAST_EPOCH_PASS,
  };
}

function datasetFields(scale: ReproduceScale): Pick<RunConfigInput, 'dataset' | 'limitTrain' | 'limitTest'> {
  return {
    dataset: scale.dataset,
    ...(scale.limitTrain !== undefined && { limitTrain: scale.limitTrain }),
    ...(scale.limitTest !== undefined && { limitTest: scale.limitTest }),
  };
}

/** The hidden sizes of an MLP config: its Linear layers but the last. */
export function hiddenOf(config: Pick<RunConfig, 'model'>): number[] {
  const units = config.model.layers.flatMap((l) => (l.type === 'linear' ? [l.units] : []));
  return units.slice(0, -1);
}

/** The hidden activations of an MLP config, in layer order. */
export function activationsOf(config: Pick<RunConfig, 'model'>): string[] {
  return config.model.layers.filter((l) => l.type === 'relu' || l.type === 'sigmoid' || l.type === 'tanh').map((l) => l.type);
}

/** The report's spelling of an activation: ReLU, Sigmoid, Tanh. */
export function activationLabel(a: string): string {
  return a === 'relu' ? 'ReLU' : a.charAt(0).toUpperCase() + a.slice(1);
}

/** The report's spelling of an optimizer. */
export function optimizerLabel(o: RunConfig['optimizer']): string {
  switch (o.type) {
    case 'sgd':
      return 'SGD';
    case 'momentum':
      return `SGD-Momentum (${o.momentum ?? 0.9})`;
    case 'rmsprop':
      return 'RMSProp';
    case 'adam':
      return 'Adam';
  }
}

/** "[128, 64]". */
export const hiddenText = (hidden: readonly number[]) => `[${hidden.join(', ')}]`;

/** A grid cell of an MLP config: "lr 0.01 · [128, 64] · L2 0.001". */
export const cellText = (c: RunConfig) => `lr ${c.lr} · ${hiddenText(hiddenOf(c))} · L2 ${c.l2}`;

/** The setting of an MLP config, as the grids vary it. */
export function settingOf(config: RunConfig): MlpSetting {
  const [a = 0, b = 0] = hiddenOf(config);
  return { hidden: [a, b], lr: config.lr, l2: config.l2 };
}
