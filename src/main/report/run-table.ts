// A table of runs as CSV, Markdown or LaTeX (booktabs): the report's hyper-parameter search tables.
import type { RunSummary } from '../../shared/api-types';
import type { CellValue, ColumnKind, RunColumn } from '../../shared/run-columns';
import { csvField, latexText, markdownCell, numberText } from './text-formats';

export type TableFormat = 'csv' | 'markdown' | 'latex';

/** "2026-11-26 20:20" (UTC): a time as a table cell. */
const timeText = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** A cell as people read it: accuracies in percent to 2 places, losses to 4, seconds to 0.1, other numbers as they are. */
export function displayCell(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return numberText(value);
  if (kind === 'percent') return (value * 100).toFixed(2);
  if (kind === 'loss') return value.toFixed(4);
  if (kind === 'seconds') return value.toFixed(1);
  if (kind === 'time') return timeText(value);
  return numberText(value);
}

/** A header for people, with the unit its cells are in: "Best test (%)", "Duration (s)". */
export function headerText(c: Pick<RunColumn, 'label' | 'kind'>): string {
  return c.kind === 'percent' ? `${c.label} (%)` : c.kind === 'seconds' ? `${c.label} (s)` : c.label;
}

/** A raw CSV value: times as ISO 8601 (programs read it), everything else as stored. */
const csvValue = (v: CellValue, kind: ColumnKind): CellValue => (kind === 'time' && typeof v === 'number' ? new Date(v).toISOString() : v);

const isNumeric = (c: RunColumn) => c.kind !== 'text' && c.kind !== 'time';

/** Renders `runs` (one row each, in the given order) under `columns`; every format ends with a newline. */
export function renderTable(format: TableFormat, columns: readonly RunColumn[], runs: readonly RunSummary[], now = Date.now()): string {
  const cells = runs.map((r) => columns.map((c) => c.value(r, now)));
  switch (format) {
    case 'csv': {
      // Raw values (accuracies as fractions, full precision): the file is for programs.
      const header = columns.map((c) => csvField(c.id, true)).join(',');
      const rows = cells.map((row) => row.map((v, j) => csvField(csvValue(v, columns[j]!.kind), typeof v === 'string')).join(','));
      return `${[header, ...rows].join('\n')}\n`;
    }
    case 'markdown': {
      const header = `| ${columns.map((c) => markdownCell(headerText(c))).join(' | ')} |`;
      const rule = `|${columns.map((c) => (isNumeric(c) ? '---:' : ':---')).join('|')}|`;
      const rows = cells.map((row) => `| ${row.map((v, j) => markdownCell(displayCell(v, columns[j]!.kind))).join(' | ')} |`);
      return `${[header, rule, ...rows].join('\n')}\n`;
    }
    case 'latex': {
      const best = bestRows(columns, cells);
      const line = (parts: string[]) => `  ${parts.join(' & ')} \\\\`;
      const rows = cells.map((row, i) =>
        line(
          row.map((v, j) => {
            const text = latexText(displayCell(v, columns[j]!.kind));
            return best[j] === i ? `\\textbf{${text}}` : text;
          }),
        ),
      );
      return [
        '% \\usepackage{booktabs}',
        `\\begin{tabular}{${columns.map((c) => (isNumeric(c) ? 'r' : 'l')).join('')}}`,
        '  \\toprule',
        line(columns.map((c) => latexText(headerText(c)))),
        '  \\midrule',
        ...rows,
        '  \\bottomrule',
        '\\end{tabular}',
        '',
      ].join('\n');
    }
  }
}

/** For each accuracy column, the row holding its highest value (set in bold, as the report does); else -1. */
function bestRows(columns: readonly RunColumn[], cells: readonly CellValue[][]): number[] {
  return columns.map((c, j) => {
    if (c.kind !== 'percent' || cells.length < 2) return -1;
    let best = -1;
    cells.forEach((row, i) => {
      const v = row[j];
      if (typeof v === 'number' && Number.isFinite(v) && (best < 0 || v > (cells[best]![j] as number))) best = i;
    });
    return best;
  });
}
