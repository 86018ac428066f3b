// Experiment 2: grid stage 1 under the report's setup and the modern one — table 2 in three columns, lr × L2 heatmaps.
import { atChance, REPORT, reportStage1Row } from '../../../shared/report-numbers';
import { bestRun, settingText } from '../best-setting';
import { settingOf } from '../configs';
import { figureBlock, list, para, tableBlock, type Block } from '../document';
import { STAGE_IDS } from '../grid-experiments';
import { SETUP_LABELS, SETUPS, setupText } from '../setups';
import {
  accuracyHeatmap,
  accuracyPanel,
  agreementLines,
  CHANCE_NOTE,
  comparisonCells,
  comparisonColumns,
  comparisonRow,
  runOf,
  type SetupRuns,
  testOf,
} from './grid-tables';
import { epochsText, failures, pct, type SectionWriter } from './section-context';

const uniq = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);
const fmt = (values: readonly (number | string)[]) => `{${values.join(', ')}}`;

export const stage1Section: SectionWriter = async (ctx, result) => {
  const g = ctx.scale.stage1;
  const other = ctx.done.get(STAGE_IDS.report.stage1);
  const runs: SetupRuns = { modern: result.runs, report: other?.runs ?? [] };
  const rowOf = (c: { lr: number; hidden: readonly number[]; l2: number }) => reportStage1Row(c.lr, c.hidden, c.l2);
  const cells = comparisonCells(runs, REPORT.stage1.rows, ctx.scale.name === 'full');
  const standardized = runs.report.find((r) => r.normalisation)?.normalisation;
  const lrs = uniq([...g.lr, ...REPORT.stage1.rows.map((r) => r.lr)]);
  const l2s = uniq([...g.l2, ...REPORT.stage1.rows.map((r) => r.l2)]);
  const sources = [
    ['report', (c: (typeof cells)[number]) => rowOf(c)?.testAccuracy ?? null],
    [`ours, ${SETUP_LABELS.report}`, (c: (typeof cells)[number]) => testOf(runOf(runs.report, c))],
    [`ours, ${SETUP_LABELS.modern}`, (c: (typeof cells)[number]) => testOf(runOf(runs.modern, c))],
  ] as const;
  const hiddens = uniq([...REPORT.stage1.rows.map((r) => r.hidden[0]), ...g.firstHidden]);
  const panels = sources.flatMap(([who, test]) =>
    hiddens.map((h) =>
      accuracyPanel(
        `${who} · hidden [${h}, 64]`,
        cells.filter((c) => c.hidden[0] === h),
        test,
        lrs,
        l2s,
      ),
    ),
  );
  const best = (setup: keyof SetupRuns) => {
    const b = bestRun(runs[setup]);
    return b ? `${settingText(settingOf(b.config))} at ${pct(b.final!.testAccuracy)}` : 'no completed cell';
  };
  const stuck = (setup: keyof SetupRuns) => runs[setup].filter((r) => r.status === 'completed' && r.final && atChance(r.final.testAccuracy)).length;
  const blocks: Block[] = [
    para(
      `Setup: the report's table 1 with ${epochsText(g.epochs)}, lr ${fmt(g.lr)} × hidden ${fmt(g.firstHidden.map((h) => `[${h}, 64]`))} × L2 ${fmt(g.l2)}, ` +
        `run twice: under **${SETUP_LABELS.report}** (${setupText(SETUPS.report)}${standardized ? `; mean ${standardized.mean.toFixed(4)}, std ${standardized.std.toFixed(4)} of the training pixels` : ''}; ` +
        `grid ${other?.grid?.id ?? '–'}) and **${SETUP_LABELS.modern}** (${setupText(SETUPS.modern)}; grid ${result.grid?.id ?? '–'}). ` +
        `The report names neither its init, nor its input scaling, nor how its decay is applied; section 4 measures what each changes. The winner is picked on final test accuracy, as the report did.`,
    ),
    tableBlock({
      id: 'grid-stage1',
      title: 'Table 2. Grid search, stage 1',
      caption:
        `Final accuracies per cell: the report's table 2, ours under its setup, ours under the modern one (– where a cell did not run). ` +
        `Train accuracy "batches" is the mean over the last epoch's mini-batches — what the report's training accuracy most likely is, as it sits below its test accuracy; "full pass" scores the training set after the epoch. ${CHANCE_NOTE}.`,
      table: { boldBest: true, columns: comparisonColumns(true), rows: cells.map((c) => comparisonRow(c, rowOf(c), runs, true)) },
    }),
    figureBlock(
      accuracyHeatmap(
        'grid-stage1-heatmap',
        'Stage 1: learning rate × L2',
        'Test accuracy over learning rate × L2 for each hidden size: the report (top), ours under its setup (middle), ours modern (bottom).',
        panels,
        hiddens.length,
        { width: 1100, height: 1080 },
      ),
    ),
    list([
      `Best, ours under ${SETUP_LABELS.report}: ${best('report')}; ${SETUP_LABELS.modern}: ${best('modern')}; the report's: ${settingText(REPORT.stage1.best)} at ${pct(REPORT.stage1.best.testAccuracy)}.`,
      `Stuck at chance, ours: ${stuck('report')} cells under ${SETUP_LABELS.report}, ${stuck('modern')} ${SETUP_LABELS.modern}; the report: every lr 0.0001 cell and every L2 0.1 cell (11.17 % / 11.49 %).`,
      ...agreementLines(cells, rowOf, runs),
      ...failures([...runs.report, ...runs.modern]),
    ]),
  ];
  return blocks;
};
