// Experiment 4: why our numbers differ. Three stage-1 cells under the report's setup with one factor at a time
// switched to the modern choice; the two ends (all report's, all modern) are the stage-1 grids' own runs.
import type { RunConfig } from '../../shared/run-config';
import { cellText, mlpConfig } from './configs';
import type { ExperimentDef } from './experiment-types';
import { differingFactors, FACTOR_NAMES, factorText, MODERN_SETUP, REPORT_SETUP, SETUP_FACTORS, setupOf, withFactor } from './setups';

/** The factor a run of the ablation switched (the one where its setup leaves the report's). */
export function switchedFactor(config: Pick<RunConfig, 'model' | 'normalize' | 'schedule'>) {
  const [factor] = differingFactors(REPORT_SETUP, setupOf(config));
  return factor;
}

export const ablationDef: ExperimentDef = {
  id: 'ablation',
  number: 4,
  title: 'Why our numbers differ',
  reportSection: '– (what the report leaves unsaid: 4.1, 5.1, table 1)',
  needs: [],
  plan: (scale) => ({
    kind: 'runs',
    notes: [
      `Each of ${scale.ablation.cells.length} stage-1 cells, ${scale.stage1.epochs === 1 ? '1 epoch' : `${scale.stage1.epochs} epochs`}, trained under the report's setup with one factor at a time ` +
        `switched to the modern choice: ${SETUP_FACTORS.map((f) => `${FACTOR_NAMES[f]} ${factorText(f, REPORT_SETUP)} → ${factorText(f, MODERN_SETUP)}`).join('; ')}.`,
    ],
    configs: scale.ablation.cells.flatMap((cell) =>
      SETUP_FACTORS.map((factor) => mlpConfig(scale, { ...cell, epochs: scale.stage1.epochs, setup: withFactor(REPORT_SETUP, factor, MODERN_SETUP) })),
    ),
  }),
  runName: (c) => {
    const factor = switchedFactor(c);
    return `${cellText(c)}, report's setup but ${factor ? `${FACTOR_NAMES[factor]} ${factorText(factor, MODERN_SETUP)}` : 'nothing switched'}`;
  },
};
