// Experiments 2 and 3, the two-stage grid search, under each setup: stage 1 over the report's table-2 cells,
// stage 2 seeded from that setup's own stage-1 winner by the report's rule.
import { refineGridSpec } from '../../shared/grid-refine';
import { bestSettingOf, reportStage2Values, settingText } from './best-setting';
import { cellText, mlpConfig } from './configs';
import type { ExperimentDef, ExperimentId } from './experiment-types';
import { SETUP_LABELS, SETUPS, type SetupName, setupText } from './setups';

const fmt = (values: readonly unknown[]) => `{${values.join(', ')}}`;

/** The ids of the two stages under a setup: the modern ones keep the ids of reproductions made before setups. */
export const STAGE_IDS: Readonly<Record<SetupName, { stage1: ExperimentId; stage2: ExperimentId }>> = {
  modern: { stage1: 'stage1', stage2: 'stage2' },
  report: { stage1: 'stage1-report', stage2: 'stage2-report' },
};

const suffix = (setup: SetupName) => (setup === 'modern' ? '' : ` — ${SETUP_LABELS[setup]}`);

export function stage1Def(setup: SetupName): ExperimentDef {
  return {
    id: STAGE_IDS[setup].stage1,
    number: 2,
    title: `Grid search, stage 1${suffix(setup)}`,
    reportSection: '5.2.3, table 2',
    needs: [],
    ...(setup !== 'modern' && { partOf: STAGE_IDS.modern.stage1 }),
    plan: (scale) => ({
      kind: 'grid',
      notes: [`Under ${SETUP_LABELS[setup]}: ${setupText(SETUPS[setup])}.`],
      spec: {
        name: `Report 2: grid stage 1 (lr × hidden × L2), ${SETUP_LABELS[setup]}`,
        base: mlpConfig(scale, { epochs: scale.stage1.epochs, setup: SETUPS[setup] }),
        // The report's table order: lr slowest, then the hidden sizes, then L2.
        parameters: {
          lr: { values: [...scale.stage1.lr] },
          'model.layers.1.units': { values: [...scale.stage1.firstHidden] },
          l2: { values: [...scale.stage1.l2] },
        },
      },
    }),
    runName: (c) => `${cellText(c)}${setup === 'modern' ? '' : ` (${SETUP_LABELS[setup]})`}`,
  };
}

export function stage2Def(setup: SetupName): ExperimentDef {
  const ids = STAGE_IDS[setup];
  return {
    id: ids.stage2,
    number: 3,
    title: `Grid search, stage 2${suffix(setup)}`,
    reportSection: '5.2.3, tables 3–4',
    needs: [ids.stage1],
    ...(setup !== 'modern' && { partOf: STAGE_IDS.modern.stage2 }),
    plan: (scale, done) => {
      const { setting } = bestSettingOf(done, ids.stage1);
      const values = reportStage2Values(setting);
      const first = done.get(ids.stage1)!.grid!;
      const notes = [
        `Under ${SETUP_LABELS[setup]}, seeded from its stage-1 winner (${settingText(setting)}) by the report's own rule, read off its tables 2 → 3: ` +
          `the winner's lr and 5× it, its L2 and a tenth of it, its hidden sizes, ${scale.stage2.epochs} epochs → lr ${fmt(values.lr)} × L2 ${fmt(values.l2)}.`,
      ];
      if (setup === 'modern') {
        notes.push(`The report went from lr 0.01 · [128, 64] · L2 0.001 to lr {0.01, 0.05} × L2 {0.0001, 0.001}.`);
        try {
          const cells = first.cells.map((c) => ({ params: c.params, score: c.run.status === 'completed' ? (c.run.final?.testAccuracy ?? null) : null }));
          const proposal = refineGridSpec(first.spec, first.id, cells, { top: 1 });
          const shown = Object.entries(proposal.parameters).map(([k, p]) => `${k} ${describeValues(p)}`);
          notes.push(`For comparison, the workbench's own refinement (± half a grid step around the winner) would have proposed ${shown.join(' × ')}.`);
        } catch {
          // The proposal is only an aside; the report's rule above already decided the grid.
        }
      }
      return {
        kind: 'grid',
        notes,
        spec: {
          name: `Report 3: grid stage 2 (lr × L2), ${SETUP_LABELS[setup]}`,
          base: mlpConfig(scale, { epochs: scale.stage2.epochs, hidden: values.hidden, setup: SETUPS[setup] }),
          parameters: { lr: { values: values.lr }, l2: { values: values.l2 } },
          parentGridId: first.id,
        },
      };
    },
    runName: (c) => `${cellText(c)}${setup === 'modern' ? '' : ` (${SETUP_LABELS[setup]})`}`,
  };
}

function describeValues(p: { values?: readonly unknown[]; value?: unknown }): string {
  if (p.values) return fmt(p.values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))));
  return String(typeof p.value === 'object' ? JSON.stringify(p.value) : p.value);
}
