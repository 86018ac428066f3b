// The grid sections' common parts: one row per cell with the report's numbers and ours under both setups,
// scores at chance marked, lr × L2 heatmap panels, and how close each setup comes to the report.
import type { RunDetail } from '../../../shared/api-types';
import { atChance, type ReportGridRow } from '../../../shared/report-numbers';
import type { DataColumn } from '../../report/data-table';
import { heatmapPanelsOption, type HeatmapPanel, SEQUENTIAL } from '../../report/heatmap-figure';
import { hiddenText, type MlpSetting, settingOf } from '../configs';
import { chartFigure } from '../figures';
import { SETUP_LABELS, type SetupName } from '../setups';
import { col, pct } from './section-context';

/** The grids' runs under each setup. */
export type SetupRuns = Readonly<Record<SetupName, readonly RunDetail[]>>;

/** A score at chance is marked "*" in the report's tables (CSV keeps the number). */
export const CHANCE_SIGN = '*';
export const CHANCE_NOTE = `${CHANCE_SIGN} at chance (≤ 12 %: the report's stuck cells read 11.49 %, always guessing the most common digit gives 11.35 %)`;
const atChanceMark = { when: (v: number) => atChance(v), sign: CHANCE_SIGN };

const sameCell = (a: MlpSetting, b: MlpSetting) => a.lr === b.lr && a.l2 === b.l2 && a.hidden.join() === b.hidden.join();
const completedFinal = (r: RunDetail | undefined) => (r?.status === 'completed' ? r.final : null);

/** Our run of `cell` under a setup, if it ran. */
export function runOf(runs: readonly RunDetail[], cell: MlpSetting): RunDetail | undefined {
  return runs.find((r) => sameCell(settingOf(r.config), cell));
}

/** The test accuracy of a completed run, else null. */
export const testOf = (r: RunDetail | undefined): number | null => completedFinal(r)?.testAccuracy ?? null;

const ourGroup = (setup: SetupName) => `ours, ${SETUP_LABELS[setup]}`;
const idOf = (setup: SetupName) => (setup === 'report' ? 'ours_report_setup' : 'ours_modern');

/** lr, (hidden), L2, then the report's train and test accuracy and ours under each setup (batches, full pass, test). */
export function comparisonColumns(withHidden: boolean): DataColumn[] {
  const mark = (c: DataColumn): DataColumn => ({ ...c, mark: atChanceMark });
  return [
    col('lr', 'learning rate', 'number'),
    ...(withHidden ? [col('hidden', 'hidden', 'text')] : []),
    col('l2', 'L2', 'number'),
    mark(col('report_train_accuracy', 'train acc. (%)', 'percent', 'report')),
    mark(col('report_test_accuracy', 'test acc. (%)', 'percent', 'report')),
    ...(['report', 'modern'] as const).flatMap((s) => [
      mark(col(`${idOf(s)}_train_accuracy`, 'train acc., batches (%)', 'percent', ourGroup(s))),
      col(`${idOf(s)}_train_pass_accuracy`, 'train acc., full pass (%)', 'percent', ourGroup(s)),
      mark(col(`${idOf(s)}_test_accuracy`, 'test acc. (%)', 'percent', ourGroup(s))),
    ]),
  ];
}

/**
 * The cells of a comparison table: every cell either setup ran, in run order, and with `withReportOnly` also
 * the report's cells neither ran (so each of its rows has a line).
 */
export function comparisonCells(runs: SetupRuns, reportRows: readonly ReportGridRow[], withReportOnly: boolean): MlpSetting[] {
  const cells: MlpSetting[] = [];
  const add = (c: MlpSetting) => {
    if (!cells.some((x) => sameCell(x, c))) cells.push({ lr: c.lr, hidden: c.hidden, l2: c.l2 });
  };
  for (const r of [...runs.modern, ...runs.report]) add(settingOf(r.config));
  if (withReportOnly) reportRows.forEach(add);
  return cells;
}

export function comparisonRow(cell: MlpSetting, report: ReportGridRow | undefined, runs: SetupRuns, withHidden: boolean): (string | number | null)[] {
  const ours = (['report', 'modern'] as const).flatMap((s) => {
    const f = completedFinal(runOf(runs[s], cell));
    return [f?.trainAccuracy ?? null, f?.trainPassAccuracy ?? null, f?.testAccuracy ?? null];
  });
  return [cell.lr, ...(withHidden ? [hiddenText(cell.hidden)] : []), cell.l2, report?.trainAccuracy ?? null, report?.testAccuracy ?? null, ...ours];
}

/** One lr (rows, largest on top) × L2 (columns) panel of test accuracies in percent. */
export function accuracyPanel(
  title: string,
  cells: readonly MlpSetting[],
  test: (c: MlpSetting) => number | null,
  lrs: readonly number[],
  l2s: readonly number[],
): HeatmapPanel {
  const rows = [...lrs].reverse();
  const value = (lr: number, l2: number) => {
    const c = cells.find((x) => x.lr === lr && x.l2 === l2);
    const v = c ? test(c) : null;
    return v === null ? null : v * 100;
  };
  return {
    title,
    xName: 'L2 λ',
    yName: 'learning rate',
    xLabels: l2s.map(String),
    yLabels: rows.map(String),
    values: rows.map((lr) => l2s.map((l2) => value(lr, l2))),
  };
}

export function accuracyHeatmap(id: string, title: string, caption: string, panels: HeatmapPanel[], columns: number, size: { width: number; height: number }) {
  // From a few points below the lowest cell: stage 2's 95–98 % would all be one dark blue on 0–100.
  const lowest = Math.min(...panels.flatMap((p) => p.values.flat().filter((v): v is number => v !== null && Number.isFinite(v))));
  const min = Number.isFinite(lowest) ? Math.max(0, Math.floor(lowest) - 3) : 0;
  const style = { min, max: 100, colors: SEQUENTIAL, cellLabel: (v: number) => v.toFixed(1), scaleName: 'test acc. (%)', columns };
  return chartFigure(id, title, caption, heatmapPanelsOption(title, 'test accuracy (%) after the last epoch; blank: not in that grid', panels, style), size);
}

const pp = (d: number) => `${(d * 100).toFixed(2)} pp`;
const span = (xs: readonly number[]) => (xs.length ? `${pct(Math.min(...xs))} – ${pct(Math.max(...xs))}` : '–');

/**
 * How each setup meets the report, cell by cell: the cells it has at chance, and per learning rate the cells it
 * learned — our range there and the largest gap to its numbers.
 */
export function agreementLines(cells: readonly MlpSetting[], reportRow: (c: MlpSetting) => ReportGridRow | undefined, runs: SetupRuns): string[] {
  const theirs = cells.flatMap((c) => {
    const row = reportRow(c);
    return row ? [{ cell: c, row }] : [];
  });
  const ours = (setup: SetupName, cs: typeof theirs) =>
    cs.map((x) => ({ ...x, acc: testOf(runOf(runs[setup], x.cell)) })).filter((x): x is typeof x & { acc: number } => x.acc !== null);
  const lines: string[] = [];
  const stuck = theirs.filter((x) => atChance(x.row.testAccuracy));
  if (stuck.length) {
    const part = (s: SetupName) => {
      const o = ours(s, stuck);
      if (o.length === 0) return `${SETUP_LABELS[s]} did not run these cells`;
      return `${SETUP_LABELS[s]} ${o.filter((x) => atChance(x.acc)).length} of ${o.length} at chance (highest ${pct(Math.max(...o.map((x) => x.acc)))})`;
    };
    lines.push(`At chance in the report (${stuck.length} cells): ours under ${part('report')}; ${part('modern')}.`);
  }
  const learned = theirs.filter((x) => !atChance(x.row.testAccuracy));
  for (const lr of [...new Set(learned.map((x) => x.cell.lr))].sort((a, b) => b - a)) {
    const at = learned.filter((x) => x.cell.lr === lr);
    const part = (s: SetupName) => {
      const o = ours(s, at);
      if (o.length === 0) return `${SETUP_LABELS[s]} did not run these cells`;
      const gap = Math.max(...o.map((x) => Math.abs(x.acc - x.row.testAccuracy)));
      return `${SETUP_LABELS[s]} ${span(o.map((x) => x.acc))} (largest gap ${pp(gap)}${o.length < at.length ? `, ${o.length} of the ${at.length} cells run` : ''})`;
    };
    lines.push(
      `Learned in the report at lr ${lr} (${at.length} cells, ${span(at.map((x) => x.row.testAccuracy))}): ours under ${part('report')}; ${part('modern')}.`,
    );
  }
  return lines;
}
