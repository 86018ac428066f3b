// Grid searches from the course report (its Tables 2 and 3) and a quick one for trying the page out.
import { gridRow, type GridRow } from './grid-form';
import { defaultRunForm, type RunFormState } from './run-form-state';

export interface GridPreset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly name: string;
  readonly base: (current: RunFormState) => RunFormState;
  readonly rows: () => GridRow[];
}

const keepData = (c: RunFormState) => ({ dataset: c.dataset, folderPath: c.folderPath, limitTrain: c.limitTrain, limitTest: c.limitTest });

export const GRID_PRESETS: readonly GridPreset[] = [
  {
    id: 'report-stage-1',
    title: 'Report stage 1 (Table 2)',
    description: 'lr × hidden sizes × L2 — 18 runs of 5 epochs, SGD + momentum.',
    name: 'Stage 1: coarse',
    base: (c) => ({ ...defaultRunForm(), ...keepData(c), epochs: '5' }),
    rows: () => [gridRow('lr', '0.0001, 0.001, 0.01'), gridRow('hidden', '64 64; 128 64'), gridRow('l2', '0.001, 0.01, 0.1')],
  },
  {
    id: 'report-stage-2',
    title: 'Report stage 2 (Table 3)',
    description: 'lr × L2 around the best of stage 1 — 4 runs of 10 epochs, MLP 128·64.',
    name: 'Stage 2: fine',
    base: (c) => ({ ...defaultRunForm(), ...keepData(c), epochs: '10' }),
    rows: () => [gridRow('lr', '0.01, 0.05'), gridRow('l2', '0.0001, 0.001')],
  },
  {
    id: 'quick',
    title: 'Quick grid',
    description: '3 × 3 lr × L2 on 2 000 images, 2 epochs each: a minute on a laptop.',
    name: 'Quick lr × L2',
    base: (c) => ({
      ...defaultRunForm(),
      ...keepData(c),
      hidden: '64',
      epochs: '2',
      limitTrain: c.limitTrain || '2000',
      limitTest: c.limitTest || '500',
      schedule: 'constant',
    }),
    rows: () => [gridRow('lr', '0.01, 0.05, 0.1'), gridRow('l2', '0, 0.0001, 0.001')],
  },
];
