// Experiment 3: grid stage 2 under both setups — table 3 in three columns, heatmaps, and table 4 (the best setting).
import { REPORT, reportStage2Row } from '../../../shared/report-numbers';
import { bestRun } from '../best-setting';
import { hiddenText, type MlpSetting, settingOf } from '../configs';
import { figureBlock, para, tableBlock } from '../document';
import { STAGE_IDS } from '../grid-experiments';
import { SETUP_LABELS } from '../setups';
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
import { col, failures, type SectionWriter } from './section-context';

const uniq = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);

export const stage2Section: SectionWriter = async (ctx, result) => {
  const other = ctx.done.get(STAGE_IDS.report.stage2);
  const runs: SetupRuns = { modern: result.runs, report: other?.runs ?? [] };
  // Table 3 is [128, 64] only: a cell of another hidden size has no report row.
  const rowOf = (c: MlpSetting) => (c.hidden.join() === REPORT.stage2.rows[0]!.hidden.join() ? reportStage2Row(c.lr, c.l2) : undefined);
  const cells = comparisonCells(runs, REPORT.stage2.rows, true);
  const hidden = uniq(cells.map((c) => c.hidden[0]!)).length > 1;
  const lrs = uniq(cells.map((c) => c.lr));
  const l2s = uniq(cells.map((c) => c.l2));
  const panels = [
    accuracyPanel('report', cells, (c) => rowOf(c)?.testAccuracy ?? null, lrs, l2s),
    accuracyPanel(`ours, ${SETUP_LABELS.report}`, cells, (c) => testOf(runOf(runs.report, c)), lrs, l2s),
    accuracyPanel(`ours, ${SETUP_LABELS.modern}`, cells, (c) => testOf(runOf(runs.modern, c)), lrs, l2s),
  ];
  const bestModern = bestRun(runs.modern);
  const bestReportSetup = bestRun(runs.report);
  const reportBest = REPORT.stage2.rows.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a));
  const bestRow = (who: string, r: typeof bestModern) => [
    who,
    r?.config.lr ?? null,
    r?.config.l2 ?? null,
    r ? hiddenText(settingOf(r.config).hidden) : null,
    r?.final?.testAccuracy ?? null,
  ];
  return [
    ...result.notes.map(para),
    ...(other?.notes ?? []).map(para),
    tableBlock({
      id: 'grid-stage2',
      title: 'Table 3. Grid search, stage 2',
      caption: `Final accuracies per cell: the report's table 3 (hidden [128, 64]), ours under its setup and modern, each grid seeded from that setup's own stage-1 winner. ${CHANCE_NOTE}.`,
      table: { boldBest: true, columns: comparisonColumns(hidden), rows: cells.map((c) => comparisonRow(c, rowOf(c), runs, hidden)) },
    }),
    figureBlock(
      accuracyHeatmap(
        'grid-stage2-heatmap',
        'Stage 2: learning rate × L2',
        'Test accuracy over learning rate × L2: the report (left), ours under its setup (middle), ours modern (right).',
        panels,
        3,
        { width: 1300, height: 460 },
      ),
    ),
    ...agreementLines(cells, rowOf, runs).map(para),
    tableBlock({
      id: 'best-setting',
      title: 'Table 4. Best setting',
      caption: `The stage-2 winner by final test accuracy; the optimizer comparison, the best MLP and the augmentation runs use ours (${SETUP_LABELS.modern}).`,
      table: {
        columns: [
          col('who', '', 'text'),
          col('lr', 'learning rate', 'number'),
          col('l2', 'L2', 'number'),
          col('hidden', 'hidden', 'text'),
          col('test_accuracy', 'test acc. (%)', 'percent'),
        ],
        rows: [
          bestRow(`ours, ${SETUP_LABELS.modern}`, bestModern),
          bestRow(`ours, ${SETUP_LABELS.report}`, bestReportSetup),
          ['report', REPORT.bestSetting.lr, REPORT.bestSetting.l2, hiddenText(REPORT.bestSetting.hidden), reportBest.testAccuracy],
        ],
      },
    }),
    ...(failures([...runs.report, ...runs.modern]).length ? [para(failures([...runs.report, ...runs.modern]).join(' '))] : []),
  ];
};
