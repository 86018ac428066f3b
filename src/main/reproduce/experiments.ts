// The report's experiments as data: what each queues (a grid or runs), from which earlier results.
import type { RunConfig } from '../../shared/run-config';
import { ablationDef } from './ablation-experiment';
import { bestSettingOf, settingText } from './best-setting';
import { activationLabel, activationsOf, cellText, cnnConfig, mlpConfig, optimizerLabel } from './configs';
import type { ExperimentDef, ExperimentId } from './experiment-types';
import { stage1Def, stage2Def } from './grid-experiments';
import { REPORT } from '../../shared/report-numbers';

const pairName = (c: RunConfig) => activationsOf(c).map(activationLabel).join(' + ');

const activations: ExperimentDef = {
  id: 'activations',
  number: 1,
  title: 'Activation functions',
  reportSection: '5.2.2, table 1, figures 4–5',
  needs: [],
  plan: (scale) => {
    const choices = [...scale.activations.choices];
    return {
      kind: 'grid',
      spec: {
        name: 'Report 1: activation pairs',
        base: mlpConfig(scale, { epochs: scale.activations.epochs }),
        // Layers: flatten, linear 128, act (2), linear 64, act (4), linear 10.
        parameters: { 'model.layers.2.type': { values: choices }, 'model.layers.4.type': { values: choices } },
      },
    };
  },
  runName: pairName,
};

/** The report's four, simplest first (each a JSON grid value). */
const OPTIMIZERS: readonly Record<string, string | number>[] = [
  { type: 'sgd' },
  { type: 'momentum', momentum: REPORT.setup.momentum },
  { type: 'rmsprop' },
  { type: 'adam' },
];

const optimizers: ExperimentDef = {
  id: 'optimizers',
  number: 5,
  title: 'Optimizers',
  reportSection: '5.2.4, figures 6–7',
  needs: ['stage2'],
  plan: (scale, done) => {
    const { setting } = bestSettingOf(done, 'stage2');
    return {
      kind: 'grid',
      notes: [
        `All four at our best setting (${settingText(setting)}; the report's: ${settingText(REPORT.bestSetting)}), with its decay schedule, ` +
          `${scale.optimizers.epochs} epochs, and ${scale.optimizers.validationSplit * 100} % of the training set held out for the validation loss.`,
      ],
      spec: {
        name: 'Report 4: optimizers',
        base: mlpConfig(scale, { ...setting, epochs: scale.optimizers.epochs, validationSplit: scale.optimizers.validationSplit }),
        parameters: { optimizer: { values: OPTIMIZERS.map((o) => ({ ...o })) } },
      },
    };
  },
  runName: (c) => optimizerLabel(c.optimizer),
};

const bestMlp: ExperimentDef = {
  id: 'best-mlp',
  number: 6,
  title: 'Best MLP',
  reportSection: '6.1, figures 8–14',
  needs: ['stage2'],
  plan: (scale, done) => {
    const { setting } = bestSettingOf(done, 'stage2');
    return {
      kind: 'runs',
      notes: [
        `Our best setting ${settingText(setting)} (the report's: ${settingText(REPORT.bestSetting)}), trained afresh for ${scale.bestMlp.epochs} epochs ` +
          `with seed ${scale.bestMlp.seed} — the grid cells used seed ${scale.seed} — as the report re-trained its best setting.`,
      ],
      configs: [mlpConfig(scale, { ...setting, epochs: scale.bestMlp.epochs, seed: scale.bestMlp.seed, name: `Best MLP (${settingText(setting)})` })],
    };
  },
  runName: (c) => `Best MLP (${cellText(c)})`,
};

const cnn: ExperimentDef = {
  id: 'cnn',
  number: 7,
  title: 'CNN',
  reportSection: '6.2, figures 15–17',
  needs: [],
  plan: (scale) => ({ kind: 'runs', configs: [cnnConfig(scale)] }),
  runName: () => 'CNN (conv 30@5×5, Adam 0.001)',
};

const augmentation: ExperimentDef = {
  id: 'augmentation',
  number: 8,
  title: 'Augmentation on vs off',
  reportSection: '3 (described, never measured)',
  needs: ['stage2'],
  plan: (scale, done) => {
    const { setting } = bestSettingOf(done, 'stage2');
    const a = scale.augmentation;
    return {
      kind: 'runs',
      notes: [
        `"Off" is the best-MLP run of experiment 5; "on" is the same config and seed with random shifts up to ${a.translate} px, ` +
          `rotations up to ${a.rotate}° and scaling by up to ±${a.scale * 100} % (the report names the transforms, not their sizes).`,
      ],
      configs: [mlpConfig(scale, { ...setting, epochs: scale.bestMlp.epochs, seed: scale.bestMlp.seed, augment: { ...a } })],
    };
  },
  runName: (c) => `Best MLP + augmentation (${cellText(c)})`,
};

/** In the report's order; each setup's stage 2 after its stage 1 (a report written from stored runs plans in this order). */
export const EXPERIMENTS: readonly ExperimentDef[] = [
  activations,
  stage1Def('modern'),
  stage1Def('report'),
  stage2Def('modern'),
  stage2Def('report'),
  ablationDef,
  optimizers,
  bestMlp,
  cnn,
  augmentation,
];

/**
 * The order experiments are queued in once their inputs are ready: the single longest run (the CNN) first so
 * it never trails alone at the end, then the critical path stage 1 → stage 2 → the rest, with the activation
 * grid filling the cores meanwhile.
 */
export const QUEUE_ORDER: readonly ExperimentId[] = [
  'cnn',
  'stage1',
  'stage1-report',
  'activations',
  'ablation',
  'stage2',
  'stage2-report',
  'best-mlp',
  'augmentation',
  'optimizers',
];
