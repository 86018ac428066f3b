// The reproduction's tables 2, 3 and 5 read back from their CSV files, as the Reproduce page shows them: one row
// per cell, the report's test accuracy beside ours under its setup and under the modern one.
import { parseCsv } from './csv';

/** The report folder's comparison tables, with the columns each puts in the page's three (or more) columns. */
export const COMPARISON_TABLES = [
  { id: 'grid-stage1', title: 'Table 2 · grid stage 1', columns: { report: 'report_test_accuracy', reportSetup: 'ours_report_setup_test_accuracy', modern: 'ours_modern_test_accuracy' } },
  { id: 'grid-stage2', title: 'Table 3 · grid stage 2', columns: { report: 'report_test_accuracy', reportSetup: 'ours_report_setup_test_accuracy', modern: 'ours_modern_test_accuracy' } },
] as const;

export interface ComparisonRow {
  /** "lr 0.01 · [128, 64] · L2 0.001". */
  readonly cell: string;
  readonly report: number | null;
  readonly reportSetup: number | null;
  readonly modern: number | null;
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));

/** Rows of a stage-1 or stage-2 table's CSV (columns by id, so their order may change). */
export function comparisonRows(csv: string, columns: { report: string; reportSetup: string; modern: string }): ComparisonRow[] {
  const [head, ...rows] = parseCsv(csv);
  if (!head) return [];
  const at = (row: string[], id: string) => row[head.indexOf(id)];
  return rows.map((row) => ({
    cell: [`lr ${at(row, 'lr')}`, at(row, 'hidden'), `L2 ${at(row, 'l2')}`].filter((p) => p !== undefined).join(' · '),
    report: num(at(row, columns.report)),
    reportSetup: num(at(row, columns.reportSetup)),
    modern: num(at(row, columns.modern)),
  }));
}

/** The largest |ours − report| over the cells both have, in points; null when none. */
export function largestGap(rows: readonly ComparisonRow[], ours: 'reportSetup' | 'modern'): number | null {
  const gaps = rows.flatMap((r) => (r.report !== null && r[ours] !== null ? [Math.abs(r[ours]! - r.report) * 100] : []));
  return gaps.length ? Math.max(...gaps) : null;
}
