// A table of arbitrary rows (ours beside a paper's numbers) as CSV, Markdown, LaTeX (booktabs) or HTML.
import { displayCell } from './run-table';
import type { CellValue, ColumnKind } from '../../shared/run-columns';
import { csvField, latexText, markdownCell } from './text-formats';
import { escapeXml } from './xml';

export interface DataColumn {
  /** CSV header: stable, machine-readable (e.g. "ours_test_accuracy"). */
  readonly id: string;
  /** Header for people, e.g. "test acc. (%)". */
  readonly label: string;
  readonly kind: ColumnKind;
  /** A header spanning neighbouring columns with the same group, e.g. "ours" and "report". */
  readonly group?: string;
  /** Numbers to flag in Markdown, LaTeX and HTML with `sign` after them (CSV keeps the raw value), e.g. scores at chance. */
  readonly mark?: { readonly when: (value: number) => boolean; readonly sign: string };
}

export interface DataTable {
  readonly columns: readonly DataColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Set the highest value of each accuracy column in bold (LaTeX, HTML, Markdown). */
  readonly boldBest?: boolean;
}

export type DataTableFormat = 'csv' | 'markdown' | 'latex' | 'html';

const numeric = (c: DataColumn) => c.kind !== 'text';

/** Renders `table`; every format ends with a newline. CSV keeps raw values (fractions, full precision). */
export function renderDataTable(format: DataTableFormat, table: DataTable): string {
  const { columns, rows } = table;
  const best = table.boldBest ? bestRows(table) : columns.map(() => -1);
  const shown = (i: number, j: number) => displayCell(rows[i]![j] ?? null, columns[j]!.kind);
  /** " *" after a marked number (outside any bold). */
  const marked = (i: number, j: number) => {
    const v = rows[i]![j] ?? null;
    const mark = columns[j]!.mark;
    return mark && typeof v === 'number' && mark.when(v) ? ` ${mark.sign}` : '';
  };
  switch (format) {
    case 'csv': {
      const lines = [
        columns.map((c) => csvField(c.id, true)).join(','),
        ...rows.map((r) => r.map((v, j) => csvField(v, columns[j]!.kind === 'text')).join(',')),
      ];
      return `${lines.join('\n')}\n`;
    }
    case 'markdown': {
      const header = `| ${columns.map((c) => markdownCell(c.group ? `${c.label} (${c.group})` : c.label)).join(' | ')} |`;
      const rule = `|${columns.map((c) => (numeric(c) ? '---:' : ':---')).join('|')}|`;
      const body = rows.map(
        (r, i) =>
          `| ${r.map((_, j) => (best[j] === i ? `**${markdownCell(shown(i, j))}**` : markdownCell(shown(i, j))) + markdownCell(marked(i, j))).join(' | ')} |`,
      );
      return `${[header, rule, ...body].join('\n')}\n`;
    }
    case 'latex': {
      const line = (parts: string[]) => `  ${parts.join(' & ')} \\\\`;
      const groupLines: string[] = [];
      const spans = groupSpans(columns);
      if (spans.some((s) => s.group)) {
        groupLines.push(line(spans.map((s) => (s.count === 1 && !s.group ? '' : `\\multicolumn{${s.count}}{c}{${latexText(s.group)}}`))));
        groupLines.push(
          `  ${spans
            .filter((s) => s.group)
            .map((s) => `\\cmidrule(lr){${s.start + 1}-${s.start + s.count}}`)
            .join(' ')}`,
        );
      }
      const body = rows.map((r, i) =>
        line(r.map((_, j) => (best[j] === i ? `\\textbf{${latexText(shown(i, j))}}` : latexText(shown(i, j))) + latexText(marked(i, j)))),
      );
      return [
        '% \\usepackage{booktabs}',
        `\\begin{tabular}{${columns.map((c) => (numeric(c) ? 'r' : 'l')).join('')}}`,
        '  \\toprule',
        ...groupLines,
        line(columns.map((c) => latexText(c.label))),
        '  \\midrule',
        ...body,
        '  \\bottomrule',
        '\\end{tabular}',
        '',
      ].join('\n');
    }
    case 'html': {
      const spans = groupSpans(columns);
      const align = (c: DataColumn) => (numeric(c) ? ' class="num"' : '');
      const head = [
        ...(spans.some((s) => s.group) ? [`<tr>${spans.map((s) => `<th colspan="${s.count}" class="group">${escapeXml(s.group)}</th>`).join('')}</tr>`] : []),
        `<tr>${columns.map((c) => `<th${align(c)}>${escapeXml(c.label)}</th>`).join('')}</tr>`,
      ];
      const body = rows.map(
        (r, i) =>
          `<tr>${r.map((_, j) => `<td${align(columns[j]!)}>${best[j] === i ? `<strong>${escapeXml(shown(i, j))}</strong>` : escapeXml(shown(i, j))}${escapeXml(marked(i, j))}</td>`).join('')}</tr>`,
      );
      return `<table>\n<thead>\n${head.join('\n')}\n</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>\n`;
    }
  }
}

/** Runs of neighbouring columns with the same group ('' for none). */
function groupSpans(columns: readonly DataColumn[]): { group: string; start: number; count: number }[] {
  const spans: { group: string; start: number; count: number }[] = [];
  columns.forEach((c, j) => {
    const g = c.group ?? '';
    const last = spans.at(-1);
    if (last && last.group === g) last.count++;
    else spans.push({ group: g, start: j, count: 1 });
  });
  return spans;
}

/** For each accuracy column with two or more numbers, the row of its highest value; else -1. */
function bestRows(table: DataTable): number[] {
  return table.columns.map((c, j) => {
    if (c.kind !== 'percent') return -1;
    let best = -1;
    let seen = 0;
    table.rows.forEach((r, i) => {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) return;
      seen++;
      if (best < 0 || v > (table.rows[best]![j] as number)) best = i;
    });
    return seen >= 2 ? best : -1;
  });
}
