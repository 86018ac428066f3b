// Data tables: each format's shape, group headers, the bold best, and escaping.
import { describe, expect, it } from 'vitest';
import { type DataTable, renderDataTable } from './data-table';

const table: DataTable = {
  boldBest: true,
  columns: [
    { id: 'lr', label: 'learning rate', kind: 'number' },
    { id: 'name', label: 'name', kind: 'text' },
    { id: 'ours_test', label: 'test acc. (%)', kind: 'percent', group: 'ours' },
    { id: 'report_test', label: 'test acc. (%)', kind: 'percent', group: 'report' },
  ],
  rows: [
    [0.01, 'a & b', 0.9718, 0.96],
    [0.05, '=x', 0.9, null],
  ],
};

describe('renderDataTable', () => {
  it('writes CSV with ids as header, raw fractions, empty nulls and defused formulas', () => {
    expect(renderDataTable('csv', table)).toBe("lr,name,ours_test,report_test\n0.01,a & b,0.9718,0.96\n0.05,'=x,0.9,\n");
  });

  it('writes Markdown with groups in the labels and the best of each accuracy column in bold', () => {
    const md = renderDataTable('markdown', table).split('\n');
    expect(md[0]).toBe('| learning rate | name | test acc. (%) (ours) | test acc. (%) (report) |');
    expect(md[1]).toBe('|---:|:---|---:|---:|');
    // The report column has a single number: nothing to compare, so nothing in bold.
    expect(md[2]).toBe('| 0.01 | a & b | **97.18** | 96.00 |');
    expect(md[3]).toBe('| 0.05 | =x | 90.00 | – |');
  });

  it('writes booktabs LaTeX with a spanning group header and escaped text', () => {
    const tex = renderDataTable('latex', table);
    expect(tex).toContain('\\begin{tabular}{rlrr}');
    expect(tex).toContain('  \\multicolumn{2}{c}{} & \\multicolumn{1}{c}{ours} & \\multicolumn{1}{c}{report} \\\\');
    expect(tex).toContain('\\cmidrule(lr){3-3} \\cmidrule(lr){4-4}');
    expect(tex).toContain('  0.01 & a \\& b & \\textbf{97.18} & 96.00 \\\\');
    expect(tex.indexOf('\\toprule')).toBeLessThan(tex.indexOf('\\midrule'));
    expect(tex.trimEnd().endsWith('\\end{tabular}')).toBe(true);
  });

  it('writes HTML with escaped cells and right-aligned numbers', () => {
    const html = renderDataTable('html', table);
    expect(html).toContain('<th colspan="2" class="group"></th>');
    expect(html).toContain('<td class="num"><strong>97.18</strong></td>');
    expect(html).toContain('<td>a &amp; b</td>');
    expect(html.match(/<tr>/g)).toHaveLength(4);
  });

  it('flags marked numbers in the text formats and keeps CSV raw', () => {
    const marked: DataTable = {
      columns: [{ id: 'test', label: 'test acc. (%)', kind: 'percent', mark: { when: (v) => v <= 0.12, sign: '(chance)' } }],
      rows: [[0.1135], [0.9718], [null]],
    };
    expect(renderDataTable('csv', marked)).toBe('test\n0.1135\n0.9718\n\n');
    expect(renderDataTable('markdown', marked).split('\n').slice(2, 5)).toEqual(['| 11.35 (chance) |', '| 97.18 |', '| – |']);
    // The mark stays outside the bold of a column's best.
    expect(renderDataTable('markdown', { ...marked, boldBest: true, rows: [[0.1135], [0.11]] }).split('\n')[2]).toBe('| **11.35** (chance) |');
    expect(renderDataTable('latex', marked)).toContain('  11.35 (chance) \\\\');
    expect(renderDataTable('html', marked)).toContain('<td class="num">11.35 (chance)</td>');
  });
});
