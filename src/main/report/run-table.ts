// A table of runs as CSV, Markdown or LaTeX (booktabs): the report's hyper-parameter search tables.
import type { RunSummary } from '../../shared/api-types';
import type { CellValue, ColumnKind, TableColumn } from './table-columns';
import { csvField, latexText, markdownCell, numberText } from './text-formats';

export type TableFormat = 'csv' | 'markdown' | 'latex';

/** A cell as people read it: accuracies in percent to 2 places, losses to 4, other numbers as they are. */
export function displayCell(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return numberText(value);
  if (kind === 'percent') return (value * 100).toFixed(2);
  if (kind === 'loss') return value.toFixed(4);
  return numberText(value);
}

const isNumeric = (c: TableColumn) => c.kind !== 'text';

/** Renders `runs` (one row each, in the given order) under `columns`; every format ends with a newline. */
export function renderTable(format: TableFormat, columns: readonly TableColumn[], runs: readonly RunSummary[]): string {
  const cells = runs.map((r) => columns.map((c) => c.value(r)));
  switch (format) {
    case 'csv': {
      // Raw values (accuracies as fractions, full precision): the file is for programs.
      const header = columns.map((c) => csvField(c.id, true)).join(',');
      const rows = cells.map((row) => row.map((v, j) => csvField(v, columns[j]!.kind === 'text')).join(','));
      return `${[header, ...rows].join('\n')}\n`;
    }
    case 'markdown': {
      const header = `| ${columns.map((c) => markdownCell(c.label)).join(' | ')} |`;
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
        line(columns.map((c) => latexText(c.label))),
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
function bestRows(columns: readonly TableColumn[], cells: readonly CellValue[][]): number[] {
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
