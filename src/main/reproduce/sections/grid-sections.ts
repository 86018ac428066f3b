// Experiments 2 and 3: the two-stage grid search — tables 2–4 beside the report's, and lr × L2 heatmaps.
import type { RunDetail } from '../../../shared/api-types';
import { heatmapPanelsOption, type HeatmapPanel, SEQUENTIAL } from '../../report/heatmap-figure';
import { bestRun, settingText } from '../best-setting';
import { hiddenText, settingOf } from '../configs';
import { figureBlock, list, para, tableBlock, type Block } from '../document';
import { chartFigure } from '../figures';
import { REPORT, reportStage1Row, reportStage2Row, type ReportGridRow } from '../report-numbers';
import { col, failures, pct, type SectionWriter } from './section-context';

interface Cell {
  readonly lr: number;
  readonly l2: number;
  readonly hidden: readonly number[];
  readonly test: number | null;
}

const ours = (runs: readonly RunDetail[]): Cell[] =>
  runs.map((r) => ({ ...settingOf(r.config), test: r.status === 'completed' ? (r.final?.testAccuracy ?? null) : null }));
const theirs = (rows: readonly ReportGridRow[]): Cell[] => rows.map((r) => ({ ...r, test: r.testAccuracy }));
const uniq = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** One lr (rows, largest on top) × L2 (columns) panel of test accuracies in percent. */
function panel(title: string, cells: readonly Cell[], lrs: readonly number[], l2s: readonly number[]): HeatmapPanel {
  const rows = [...lrs].reverse();
  return {
    title,
    xName: 'L2 λ',
    yName: 'learning rate',
    xLabels: l2s.map(String),
    yLabels: rows.map(String),
    values: rows.map((lr) => l2s.map((l2) => cells.find((c) => c.lr === lr && c.l2 === l2)?.test ?? null).map((v) => (v === null ? null : v * 100))),
  };
}

function heatmap(id: string, title: string, caption: string, panels: HeatmapPanel[], columns: number, size: { width: number; height: number }) {
  // From a few points below the lowest cell: stage 2's 95–98 % would all be one dark blue on 0–100.
  const lowest = Math.min(...panels.flatMap((p) => p.values.flat().filter((v): v is number => v !== null && Number.isFinite(v))));
  const min = Number.isFinite(lowest) ? Math.max(0, Math.floor(lowest) - 3) : 0;
  const style = { min, max: 100, colors: SEQUENTIAL, cellLabel: (v: number) => v.toFixed(1), scaleName: 'test acc. (%)', columns };
  return chartFigure(id, title, caption, heatmapPanelsOption(title, 'test accuracy (%) after the last epoch; blank: not in that grid', panels, style), size);
}

const gridColumns = (withHidden: boolean) => [
  col('lr', 'learning rate', 'number'),
  ...(withHidden ? [col('hidden', 'hidden', 'text')] : []),
  col('l2', 'L2', 'number'),
  col('ours_train_accuracy', 'train acc. (%)', 'percent', 'ours'),
  col('ours_test_accuracy', 'test acc. (%)', 'percent', 'ours'),
  col('report_train_accuracy', 'train acc. (%)', 'percent', 'report'),
  col('report_test_accuracy', 'test acc. (%)', 'percent', 'report'),
];

export const stage1Section: SectionWriter = async (ctx, result) => {
  const g = ctx.scale.stage1;
  const runs = result.runs;
  const rows = runs.map((r) => {
    const s = settingOf(r.config);
    const rep = reportStage1Row(s.lr, s.hidden, s.l2);
    return [s.lr, hiddenText(s.hidden), s.l2, r.final?.trainAccuracy ?? null, r.final?.testAccuracy ?? null, rep?.trainAccuracy ?? null, rep?.testAccuracy ?? null];
  });
  const panels: HeatmapPanel[] = [];
  const lrs = uniq([...g.lr, ...REPORT.stage1.rows.map((r) => r.lr)]);
  const l2s = uniq([...g.l2, ...REPORT.stage1.rows.map((r) => r.l2)]);
  for (const [who, cells] of [['ours', ours(runs)], ['report', theirs(REPORT.stage1.rows)]] as const) {
    for (const h of uniq(REPORT.stage1.rows.map((r) => r.hidden[0]).concat(g.firstHidden))) {
      panels.push(panel(`${who} · hidden [${h}, 64]`, cells.filter((c) => c.hidden[0] === h), lrs, l2s));
    }
  }
  const best = bestRun(runs);
  const stuck = runs.filter((r) => r.final && r.final.testAccuracy < 0.2);
  // The cells the report found stuck at chance, as we ran them.
  const theirStuck = runs.filter((r) => {
    const s = settingOf(r.config);
    return r.final && (reportStage1Row(s.lr, s.hidden, s.l2)?.testAccuracy ?? 1) < 0.2;
  });
  const span = (rs: readonly RunDetail[]) => {
    const accs = rs.map((r) => r.final!.testAccuracy);
    return accs.length ? `${pct(Math.min(...accs))} – ${pct(Math.max(...accs))}` : '–';
  };
  const blocks: Block[] = [
    para(
      `Setup: the report's table 1 with ${g.epochs} epochs, lr ${fmt(g.lr)} × hidden ${fmt(g.firstHidden.map((h) => `[${h}, 64]`))} × L2 ${fmt(g.l2)} ` +
        `(${runs.length} cells, grid ${result.grid?.id ?? '–'}). The winner is picked on final test accuracy, as the report did.`,
    ),
    tableBlock({
      id: 'grid-stage1',
      title: 'Table 2. Grid search, stage 1',
      caption: 'Final train and test accuracy per cell, ours beside the report\'s table 2 (– where the report has no such cell).',
      table: { boldBest: true, columns: gridColumns(true), rows },
    }),
    figureBlock(heatmap('grid-stage1-heatmap', 'Stage 1: learning rate × L2', 'Test accuracy over learning rate × L2 for each hidden size, ours (top) and the report\'s (bottom).', panels, panels.length / 2, { width: 1100, height: 760 })),
    list([
      `Best, ours: ${best ? `${settingText(settingOf(best.config))} at ${pct(best.final!.testAccuracy)}` : 'no completed cell'}; ` +
        `the report's: ${settingText(REPORT.stage1.best)} at ${pct(REPORT.stage1.best.testAccuracy)}.`,
      `Stuck near chance (< 20 % test accuracy), ours: ${stuck.length ? stuck.map((r) => r.name).join('; ') : 'none'}. ` +
        `The report: every lr 0.0001 cell and every L2 0.1 cell (11.17 % / 11.49 %); ours in those ${theirStuck.length} cells: ${span(theirStuck)}.`,
      ...failures(runs),
    ]),
  ];
  return blocks;
};

export const stage2Section: SectionWriter = async (_ctx, result) => {
  const runs = result.runs;
  const rows = runs.map((r) => {
    const s = settingOf(r.config);
    const rep = reportStage2Row(s.lr, s.l2);
    return [s.lr, s.l2, r.final?.trainAccuracy ?? null, r.final?.testAccuracy ?? null, rep?.trainAccuracy ?? null, rep?.testAccuracy ?? null];
  });
  const mine = ours(runs);
  const rep = theirs(REPORT.stage2.rows);
  const panels = [
    panel('ours', mine, uniq(mine.map((c) => c.lr)), uniq(mine.map((c) => c.l2))),
    panel('report', rep, uniq(rep.map((c) => c.lr)), uniq(rep.map((c) => c.l2))),
  ];
  const best = bestRun(runs);
  const reportBest = REPORT.stage2.rows.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a));
  return [
    ...result.notes.map(para),
    tableBlock({
      id: 'grid-stage2',
      title: 'Table 3. Grid search, stage 2',
      caption: `Hidden ${best ? hiddenText(settingOf(best.config).hidden) : '–'}; final train and test accuracy, ours beside the report's table 3.`,
      table: { boldBest: true, columns: gridColumns(false), rows },
    }),
    figureBlock(heatmap('grid-stage2-heatmap', 'Stage 2: learning rate × L2', 'Test accuracy over learning rate × L2, ours (left) and the report\'s (right).', panels, 2, { width: 1000, height: 460 })),
    tableBlock({
      id: 'best-setting',
      title: 'Table 4. Best setting',
      caption: 'The stage-2 winner by final test accuracy; the optimizer comparison, the best MLP and the augmentation runs use ours.',
      table: {
        columns: [col('who', '', 'text'), col('lr', 'learning rate', 'number'), col('l2', 'L2', 'number'), col('hidden', 'hidden', 'text'), col('test_accuracy', 'test acc. (%)', 'percent')],
        rows: [
          ['ours', best?.config.lr ?? null, best?.config.l2 ?? null, best ? hiddenText(settingOf(best.config).hidden) : null, best?.final?.testAccuracy ?? null],
          ['report', REPORT.bestSetting.lr, REPORT.bestSetting.l2, hiddenText(REPORT.bestSetting.hidden), reportBest.testAccuracy],
        ],
      },
    }),
    ...(failures(runs).length ? [para(failures(runs).join(' '))] : []),
  ];
};

function fmt(values: readonly (number | string)[]): string {
  return `{${values.join(', ')}}`;
}
