// The report's seven experiments as data: what each queues (a grid or runs), from which earlier results.
import type { RunConfig } from '../../shared/run-config';
import { refineGridSpec } from '../../shared/grid-refine';
import { bestSettingOf, reportStage2Values, settingText } from './best-setting';
import { activationLabel, activationsOf, cnnConfig, hiddenOf, hiddenText, mlpConfig, optimizerLabel } from './configs';
import type { ExperimentDef, ExperimentId } from './experiment-types';
import { REPORT } from './report-numbers';

const pairName = (c: RunConfig) => activationsOf(c).map(activationLabel).join(' + ');
const cellName = (c: RunConfig) => `lr ${c.lr} · ${hiddenText(hiddenOf(c))} · L2 ${c.l2}`;
const fmt = (values: readonly unknown[]) => `{${values.join(', ')}}`;

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

const stage1: ExperimentDef = {
  id: 'stage1',
  number: 2,
  title: 'Grid search, stage 1',
  reportSection: '5.2.3, table 2',
  needs: [],
  plan: (scale) => ({
    kind: 'grid',
    spec: {
      name: 'Report 2: grid stage 1 (lr × hidden × L2)',
      base: mlpConfig(scale, { epochs: scale.stage1.epochs }),
      // The report's table order: lr slowest, then the hidden sizes, then L2.
      parameters: { lr: { values: [...scale.stage1.lr] }, 'model.layers.1.units': { values: [...scale.stage1.firstHidden] }, l2: { values: [...scale.stage1.l2] } },
    },
  }),
  runName: cellName,
};

const stage2: ExperimentDef = {
  id: 'stage2',
  number: 3,
  title: 'Grid search, stage 2',
  reportSection: '5.2.3, tables 3–4',
  needs: ['stage1'],
  plan: (scale, done) => {
    const { setting } = bestSettingOf(done, 'stage1');
    const values = reportStage2Values(setting);
    const first = done.get('stage1')!.grid!;
    const notes = [
      `Seeded from our stage-1 winner (${settingText(setting)}) by the report's own rule, read off its tables 2 → 3: ` +
        `the winner's lr and 5× it, its L2 and a tenth of it, its hidden sizes, ${scale.stage2.epochs} epochs → lr ${fmt(values.lr)} × L2 ${fmt(values.l2)}. ` +
        `The report went from lr 0.01 · [128, 64] · L2 0.001 to lr {0.01, 0.05} × L2 {0.0001, 0.001}.`,
    ];
    try {
      const cells = first.cells.map((c) => ({ params: c.params, score: c.run.status === 'completed' ? (c.run.final?.testAccuracy ?? null) : null }));
      const proposal = refineGridSpec(first.spec, first.id, cells, { top: 1 });
      const shown = Object.entries(proposal.parameters).map(([k, p]) => `${k} ${describeValues(p)}`);
      notes.push(`For comparison, the workbench's own refinement (± half a grid step around the winner) would have proposed ${shown.join(' × ')}.`);
    } catch {
      // The proposal is only an aside; the report's rule above already decided the grid.
    }
    return {
      kind: 'grid',
      notes,
      spec: {
        name: 'Report 3: grid stage 2 (lr × L2)',
        base: mlpConfig(scale, { epochs: scale.stage2.epochs, hidden: values.hidden }),
        parameters: { lr: { values: values.lr }, l2: { values: values.l2 } },
        parentGridId: first.id,
      },
    };
  },
  runName: cellName,
};

/** The report's four, simplest first (each a JSON grid value). */
const OPTIMIZERS: readonly Record<string, string | number>[] = [{ type: 'sgd' }, { type: 'momentum', momentum: REPORT.setup.momentum }, { type: 'rmsprop' }, { type: 'adam' }];

const optimizers: ExperimentDef = {
  id: 'optimizers',
  number: 4,
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
  number: 5,
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
  runName: (c) => `Best MLP (${cellName(c)})`,
};

const cnn: ExperimentDef = {
  id: 'cnn',
  number: 6,
  title: 'CNN',
  reportSection: '6.2, figures 15–17',
  needs: [],
  plan: (scale) => ({ kind: 'runs', configs: [cnnConfig(scale)] }),
  runName: () => 'CNN (conv 30@5×5, Adam 0.001)',
};

const augmentation: ExperimentDef = {
  id: 'augmentation',
  number: 7,
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
  runName: (c) => `Best MLP + augmentation (${cellName(c)})`,
};

/** In the report's order (and issue 5's numbering). */
export const EXPERIMENTS: readonly ExperimentDef[] = [activations, stage1, stage2, optimizers, bestMlp, cnn, augmentation];

/**
 * The order experiments are queued in once their inputs are ready: the single longest run (the CNN) first so
 * it never trails alone at the end, then the critical path stage 1 → stage 2 → the rest, with the activation
 * grid filling the cores meanwhile.
 */
export const QUEUE_ORDER: readonly ExperimentId[] = ['cnn', 'stage1', 'activations', 'stage2', 'best-mlp', 'augmentation', 'optimizers'];

function describeValues(p: { values?: readonly unknown[]; value?: unknown }): string {
  if (p.values) return fmt(p.values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))));
  return String(typeof p.value === 'object' ? JSON.stringify(p.value) : p.value);
}
