// The reproduction's grid tables 2 and 3 read back from their CSV files in its report folder, for the app: one row
// per cell, the report's test accuracy beside ours under its setup and under the modern one (the renderer parses no CSV).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReproductionComparisonRow, ReproductionComparisonTable } from '../../shared/api-reproduction-types';
import { parseCsv } from './csv';

/** The report folder's comparison tables, with the columns each puts in the page's three (or more) columns. */
export const COMPARISON_TABLES = [
  {
    id: 'grid-stage1',
    title: 'Table 2 · grid stage 1',
    columns: { report: 'report_test_accuracy', reportSetup: 'ours_report_setup_test_accuracy', modern: 'ours_modern_test_accuracy' },
  },
  {
    id: 'grid-stage2',
    title: 'Table 3 · grid stage 2',
    columns: { report: 'report_test_accuracy', reportSetup: 'ours_report_setup_test_accuracy', modern: 'ours_modern_test_accuracy' },
  },
] as const;

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));

/** Rows of a stage-1 or stage-2 table's CSV (columns by id, so their order may change). */
export function comparisonRows(csv: string, columns: { report: string; reportSetup: string; modern: string }): ReproductionComparisonRow[] {
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

/** The comparison tables a report folder holds (from its file list), or null when it holds none. */
export function comparisonTablesIn(folder: string, files: readonly string[]): ReproductionComparisonTable[] | null {
  const present = COMPARISON_TABLES.filter((t) => files.includes(`tables/${t.id}.csv`));
  if (present.length === 0) return null;
  return present.map((t) => ({ id: t.id, title: t.title, rows: comparisonRows(readFileSync(path.join(folder, 'tables', `${t.id}.csv`), 'utf8'), t.columns) }));
}
