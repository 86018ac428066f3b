// The report's blocks as Markdown and HTML: links to the figure and table files, escaping, inlined SVG.
import { describe, expect, it } from 'vitest';
import { figureBlock, heading, inlineHtml, list, para, tableBlock, toHtml, toMarkdown, type Block } from './document';

const blocks: Block[] = [
  heading(1, 'Report'),
  para('Run `npm run reproduce` for **all** of it.'),
  list(['one <two>']),
  tableBlock({ id: 't1', title: 'Table 1', caption: 'a & b', table: { columns: [{ id: 'x', label: 'x', kind: 'percent' }], rows: [[0.5]] } }),
  figureBlock({ id: 'f1', title: 'Loss', caption: 'The loss.', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', png: new Uint8Array(8) }),
];

describe('toMarkdown', () => {
  it('shows figures as PNG linking to the SVG, and tables inline with their CSV and LaTeX', () => {
    const md = toMarkdown(blocks);
    expect(md).toContain('# Report\n\nRun `npm run reproduce` for **all** of it.\n\n- one <two>\n');
    expect(md).toContain('**Table 1.** a & b ([CSV](tables/t1.csv), [LaTeX](tables/t1.tex))\n\n| x |\n|---:|\n| 50.00 |');
    expect(md).toContain('![Loss](figures/f1.png)\n\n*The loss.* ([SVG](figures/f1.svg), [PNG](figures/f1.png))');
  });
});

describe('toHtml', () => {
  it('is one page: escaped text, HTML tables, SVG figures as data URIs', () => {
    const html = toHtml('R & D', blocks);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>R &amp; D</title>');
    expect(html).toContain('<p>Run <code>npm run reproduce</code> for <strong>all</strong> of it.</p>');
    expect(html).toContain('<li>one &lt;two&gt;</li>');
    expect(html).toContain('<td class="num">50.00</td>');
    const uri = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="Loss">/.exec(html);
    expect(Buffer.from(uri![1]!, 'base64').toString()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });

  it('carries every table and figure file in its links, so a lone report.html has no dead link', () => {
    const html = toHtml('R', blocks);
    const links = [...html.matchAll(/<a href="([^"]*)"(?: download="([^"]*)")?>([^<]*)<\/a>/g)].map(([, href, name, label]) => ({ href: href!, name, label }));
    expect(links.map((l) => [l.label, l.name])).toEqual([
      ['CSV', 't1.csv'],
      ['LaTeX', 't1.tex'],
      ['SVG', 'f1.svg'],
      ['PNG', 'f1.png'],
    ]);
    const body = (href: string) => Buffer.from(href.slice(href.indexOf(',') + 1), 'base64');
    expect(links[0]!.href).toMatch(/^data:text\/csv;charset=utf-8;base64,/);
    expect(body(links[0]!.href).toString()).toBe('x\n0.5\n');
    expect(body(links[1]!.href).toString()).toMatch(/^% Table 1\. a & b\n% \\usepackage\{booktabs\}\n\\begin\{tabular\}/);
    expect(body(links[2]!.href).toString()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(links[3]!.href).toMatch(/^data:image\/png;base64,/);
    expect(body(links[3]!.href)).toEqual(Buffer.alloc(8));
  });

  it('turns inline Markdown links into anchors and escapes the rest', () => {
    expect(inlineHtml('see [the CSV](tables/a.csv) & "quotes"')).toBe('see <a href="tables/a.csv">the CSV</a> &amp; &quot;quotes&quot;');
  });
});
