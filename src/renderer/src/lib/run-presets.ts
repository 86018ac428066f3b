// Starting points for the new-run form: the course report's configurations (its Tables 1 and 4 and its CNN).
import { defaultRunForm, type RunFormState } from './run-form-state';

export interface RunPreset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly form: (current: RunFormState) => RunFormState;
}

/** Presets keep the dataset and name the user already chose: they set the model and the training. */
const keep = (current: RunFormState) => ({
  dataset: current.dataset,
  folderPath: current.folderPath,
  name: current.name,
  limitTrain: current.limitTrain,
  limitTest: current.limitTest,
});

export const RUN_PRESETS: readonly RunPreset[] = [
  {
    id: 'report-best-mlp',
    title: 'Best MLP (report, Table 4)',
    description: 'MLP 128·64 ReLU, SGD + momentum 0.9, lr 0.05 with 1/t decay, L2 1e-4, batch 128, 10 epochs — 97.5% test accuracy in the report.',
    form: (c) => ({ ...defaultRunForm(), ...keep(c) }),
  },
  {
    id: 'report-activation',
    title: 'Activation study (report, Table 1)',
    description: 'MLP 128·64, SGD + momentum, lr 0.005 with 1/t decay, L2 1e-3, batch 128, 10 epochs. Swap the activations to compare them.',
    form: (c) => ({ ...defaultRunForm(), ...keep(c), lr: '0.005', l2: '0.001' }),
  },
  {
    id: 'report-cnn',
    title: 'Simple CNN (report, §6.2)',
    description: 'conv 30@5×5 – ReLU – max-pool 2 – 100 – ReLU – 10, Adam lr 0.001, 3 epochs.',
    form: (c) => ({ ...defaultRunForm(), ...keep(c), modelKind: 'cnn', optimizer: 'adam', lr: '0.001', schedule: 'constant', l2: '0', epochs: '3' }),
  },
  {
    id: 'quick-look',
    title: 'Quick look',
    description: 'A small MLP on 2 000 training images for 2 epochs: done in seconds, for trying things out.',
    form: (c) => ({ ...defaultRunForm(), ...keep(c), hidden: '64', epochs: '2', limitTrain: '2000', limitTest: '500', schedule: 'constant', lr: '0.1' }),
  },
];
