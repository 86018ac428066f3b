// The report as a list of blocks (headings, text, tables, figures), written out as Markdown and as HTML.
import type { DataTable } from '../report/data-table';
import { renderDataTable } from '../report/data-table';
import { escapeXml } from '../report/xml';

export interface ReportFigure {
  /** File stem: figures/<id>.svg and figures/<id>.png. */
  readonly id: string;
  /** The title drawn in the figure. */
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
  /** The SVG rasterised (2× its size). */
  readonly png: Uint8Array;
}

export interface ReportTable {
  /** File stem: tables/<id>.csv and tables/<id>.tex. */
  readonly id: string;
  readonly title: string;
  readonly caption?: string;
  readonly table: DataTable;
}

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  /** Inline `code` and **bold** are understood in both formats. */
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly table: ReportTable }
  | { readonly kind: 'figure'; readonly figure: ReportFigure };

export const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
export const para = (text: string): Block => ({ kind: 'paragraph', text });
export const list = (items: readonly string[]): Block => ({ kind: 'list', items });
export const tableBlock = (table: ReportTable): Block => ({ kind: 'table', table });
export const figureBlock = (figure: ReportFigure): Block => ({ kind: 'figure', figure });

export const figurePath = (f: ReportFigure, ext: 'svg' | 'png') => `figures/${f.id}.${ext}`;
export const tablePath = (t: ReportTable, ext: 'csv' | 'tex') => `tables/${t.id}.${ext}`;

/** A table's file in `format`: the CSV as is, the LaTeX under a comment naming it. */
export function tableFile(t: ReportTable, format: 'csv' | 'tex'): string {
  if (format === 'csv') return renderDataTable('csv', t.table);
  const caption = `% ${t.title}${t.caption ? `. ${t.caption}` : ''}`.replace(/\r?\n/g, ' ');
  return `${caption}\n${renderDataTable('latex', t.table)}`;
}

const dataUri = (mime: string, data: string | Uint8Array) => `data:${mime};base64,${Buffer.from(data).toString('base64')}`;
/** A link that saves the file it carries: report.html works as one file, wherever it is saved. */
const fileLink = (label: string, name: string, uri: string) => `<a href="${uri}" download="${escapeXml(name)}">${label}</a>`;

/** report.md: figures as PNG images linking to their SVG, tables inline with links to their CSV and LaTeX. */
export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${b.text}`, '');
        break;
      case 'paragraph':
        out.push(b.text, '');
        break;
      case 'list':
        out.push(...b.items.map((i) => `- ${i}`), '');
        break;
      case 'table': {
        const t = b.table;
        out.push(`**${t.title}.**${t.caption ? ` ${t.caption}` : ''} ([CSV](${tablePath(t, 'csv')}), [LaTeX](${tablePath(t, 'tex')}))`, '');
        out.push(renderDataTable('markdown', t.table), '');
        break;
      }
      case 'figure': {
        const f = b.figure;
        out.push(`![${f.title}](${figurePath(f, 'png')})`, '', `*${f.caption}* ([SVG](${figurePath(f, 'svg')}), [PNG](${figurePath(f, 'png')}))`, '');
        break;
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Inline Markdown (`code`, **bold**, [text](href)) as HTML, everything else escaped. */
export function inlineHtml(text: string): string {
  return escapeXml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:1060px;margin:2em auto;padding:0 1em;color:#222}
h1,h2,h3{line-height:1.25}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:14px}th,td{padding:.25em .7em;border-bottom:1px solid #e5e5e5}
thead th{border-bottom:2px solid #999}th.group{border-bottom:1px solid #999;text-align:center}.num{text-align:right}
figure{margin:1em 0 2em}figure img{max-width:100%;border:1px solid #eee}figcaption{font-size:14px;color:#555}
code{background:#f4f4f4;padding:0 .2em;border-radius:3px}.caption{font-size:14px;color:#555}`;

/**
 * report.html: one file, figures inlined as SVG data URIs (no id clashes between them), tables as HTML, and
 * every table and figure file it links to carried in the link itself (saved as a download): no link is dead
 * when the page is saved on its own, as a browser saves it from web mode.
 */
export function toHtml(title: string, blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`<h${b.level}>${inlineHtml(b.text)}</h${b.level}>`);
        break;
      case 'paragraph':
        out.push(`<p>${inlineHtml(b.text)}</p>`);
        break;
      case 'list':
        out.push(`<ul>\n${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('\n')}\n</ul>`);
        break;
      case 'table': {
        const t = b.table;
        const csv = fileLink('CSV', `${t.id}.csv`, dataUri('text/csv;charset=utf-8', tableFile(t, 'csv')));
        const links = `(${csv}, ${fileLink('LaTeX', `${t.id}.tex`, dataUri('application/x-tex;charset=utf-8', tableFile(t, 'tex')))})`;
        out.push(`<p class="caption"><strong>${inlineHtml(t.title)}.</strong> ${t.caption ? inlineHtml(t.caption) : ''} ${links}</p>`);
        out.push(renderDataTable('html', t.table).trimEnd());
        break;
      }
      case 'figure': {
        const f = b.figure;
        const uri = dataUri('image/svg+xml', f.svg);
        const links = `(${fileLink('SVG', `${f.id}.svg`, uri)}, ${fileLink('PNG', `${f.id}.png`, dataUri('image/png', f.png))})`;
        out.push(
          `<figure id="${escapeXml(f.id)}"><img src="${uri}" alt="${escapeXml(f.title)}"><figcaption>${inlineHtml(f.caption)} ${links}</figcaption></figure>`,
        );
        break;
      }
    }
  }
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeXml(title)}</title>\n<style>\n${STYLE}\n</style>\n</head>\n<body>\n${out.join('\n')}\n</body>\n</html>\n`;
}
