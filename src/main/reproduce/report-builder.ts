// Assembles the whole report: header, the numbers at a glance, one section per experiment, the runs appendix.
import type { ReproductionHeadlineRow } from '../../shared/api-reproduction-types';
import { bestRun } from './best-setting';
import { heading, para, tableBlock, type Block } from './document';
import type { DoneExperiments, ExperimentDef, ExperimentId } from './experiment-types';
import { headerBlocks, type ReproductionInfo, runsAppendix } from './report-header';
import { REPORT } from '../../shared/report-numbers';
import { activationsSection } from './sections/activations-section';
import { augmentationSection } from './sections/augmentation-section';
import { bestMlpSection } from './sections/best-mlp-section';
import { cnnSection } from './sections/cnn-section';
import { ablationSection } from './sections/ablation-section';
import { optimizersSection } from './sections/optimizers-section';
import { col, type SectionContext, type SectionWriter } from './sections/section-context';
import { stage1Section } from './sections/stage1-section';
import { stage2Section } from './sections/stage2-section';
import { MODERN_SETUP, REPORT_SETUP, SETUP_LABELS, setupText } from './setups';

/** Each section's writer; an experiment shown in another's section (`partOf`) has none. */
const SECTIONS: Readonly<Partial<Record<ExperimentId, SectionWriter>>> = {
  activations: activationsSection,
  stage1: stage1Section,
  stage2: stage2Section,
  ablation: ablationSection,
  optimizers: optimizersSection,
  'best-mlp': bestMlpSection,
  cnn: cnnSection,
  augmentation: augmentationSection,
};

export const REPORT_TITLE = 'NN Workbench: the course report, reproduced';

/** The sections that run the modern setup only (the grids run both; section 4 says why). */
const MODERN_ONLY = new Set<ExperimentId>(['activations', 'optimizers', 'best-mlp', 'cnn', 'augmentation']);
const MODERN_NOTE = `Setup: ${SETUP_LABELS.modern} (${setupText(MODERN_SETUP)}), as the rest of this report after the grids; section 4 shows what the report's own setup changes.`;

/** Every block of the report; the sections (and their figures) first, so the header's wall time covers them. */
export async function buildReport(ctx: SectionContext, defs: readonly ExperimentDef[], info: ReproductionInfo): Promise<Block[]> {
  const sections: Block[] = [];
  for (const def of defs) {
    const write = SECTIONS[def.id];
    if (def.partOf || !write) continue;
    const result = ctx.done.get(def.id);
    sections.push(heading(2, `${def.number}. ${def.title}`), para(`Report section ${def.reportSection}.`));
    if (MODERN_ONLY.has(def.id)) sections.push(para(MODERN_NOTE));
    if (!result || result.skipped) {
      sections.push(para(`Skipped: ${result?.skipped ?? 'not run'}.`));
      continue;
    }
    sections.push(...(await write(ctx, result, def)));
  }
  return [
    heading(1, REPORT_TITLE),
    para(
      'Every experiment of the course report "Neural Network and Deep Learning — PJ 1" (an MLP and a small CNN on MNIST, written with a NumPy engine) ' +
        "re-run with this workbench's TypeScript engine, through the same service and queue as the app. Each table puts the report's numbers beside ours. " +
        `The grid search (sections 2–3) runs under two setups — ${SETUP_LABELS.report} (${setupText(REPORT_SETUP)}) and ${SETUP_LABELS.modern} (${setupText(MODERN_SETUP)}) — ` +
        'and section 4 measures why they differ; every other experiment runs the modern setup.',
    ),
    ...headerBlocks(info, defs, ctx.done),
    heading(2, 'At a glance'),
    tableBlock(glanceTable(ctx.done)),
    ...sections,
    heading(2, 'Appendix: runs'),
    ...runsAppendix(defs, ctx.done),
  ];
}

/** The headline numbers (Table S), ours beside the course report's: also what the app shows of a reproduction. */
export function headlineRows(done: DoneExperiments): ReproductionHeadlineRow[] {
  const best = (id: ExperimentId) => bestRun(done.get(id)?.runs ?? []);
  const only = (id: ExperimentId) => {
    const r = done.get(id)?.runs[0];
    return r?.status === 'completed' ? r : undefined;
  };
  const stage2 = REPORT.stage2.rows.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a));
  const cnnLast = REPORT.cnn.perEpoch.at(-1)!;
  const row = (quantity: string, ours: number | null | undefined, report: number | null) => ({ quantity, ours: ours ?? null, report });
  return [
    row(`grid stage 1: best test accuracy (${SETUP_LABELS.report})`, best('stage1-report')?.final?.testAccuracy, REPORT.stage1.best.testAccuracy),
    row(`grid stage 1: best test accuracy (${SETUP_LABELS.modern})`, best('stage1')?.final?.testAccuracy, REPORT.stage1.best.testAccuracy),
    row(`grid stage 2: best test accuracy (${SETUP_LABELS.report})`, best('stage2-report')?.final?.testAccuracy, stage2.testAccuracy),
    row(`grid stage 2: best test accuracy (${SETUP_LABELS.modern})`, best('stage2')?.final?.testAccuracy, stage2.testAccuracy),
    row('best MLP: train accuracy (batches)', only('best-mlp')?.final?.trainAccuracy, REPORT.bestMlp.trainAccuracy),
    row('best MLP: train accuracy (full pass)', only('best-mlp')?.final?.trainPassAccuracy, null),
    row('best MLP: test accuracy', only('best-mlp')?.final?.testAccuracy, REPORT.bestMlp.testAccuracy),
    row('CNN: train accuracy (batches, last epoch)', only('cnn')?.final?.trainAccuracy, cnnLast.trainAccuracy),
    row('CNN: test accuracy (last epoch)', only('cnn')?.final?.testAccuracy, cnnLast.testAccuracy),
    row('best MLP + augmentation: test accuracy', only('augmentation')?.final?.testAccuracy, null),
  ];
}

function glanceTable(done: DoneExperiments) {
  const rows = headlineRows(done).map((r) => [r.quantity, r.ours, r.report]);
  return {
    id: 'summary',
    title: 'Table S. The headline numbers',
    caption:
      `Final-epoch accuracies; the report column is from its tables 2–3, section 6 and abstract (– : not measured). After the grids, every run is ${SETUP_LABELS.modern}. ` +
      'Train accuracy "batches" is the mean over the last epoch\'s mini-batches, "full pass" scores the training set after it.',
    table: { columns: [col('quantity', '', 'text'), col('ours', 'ours (%)', 'percent'), col('report', 'report (%)', 'percent')], rows },
  };
}
