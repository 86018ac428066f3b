// Writes the report folder: report.md, report.html, every figure as SVG and PNG, every table as CSV and LaTeX.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Block, figurePath, type ReportFigure, type ReportTable, tableFile, tablePath, toHtml, toMarkdown } from './document';

export interface WrittenReport {
  readonly dir: string;
  /** Paths relative to `dir`, in writing order. */
  readonly files: readonly string[];
}

/** Writes everything under `dir` (created if needed). @throws RangeError for two figures or tables with one id. */
export async function writeReportFolder(dir: string, title: string, blocks: readonly Block[]): Promise<WrittenReport> {
  const figures = blocks.flatMap((b) => (b.kind === 'figure' ? [b.figure] : []));
  const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
  unique(
    figures.map((f) => f.id),
    'figure',
  );
  unique(
    tables.map((t) => t.id),
    'table',
  );
  await mkdir(path.join(dir, 'figures'), { recursive: true });
  await mkdir(path.join(dir, 'tables'), { recursive: true });
  const files: string[] = [];
  const write = async (rel: string, data: string | Uint8Array) => {
    await writeFile(path.join(dir, rel), data);
    files.push(rel);
  };
  for (const f of figures) await writeFigure(f, write);
  for (const t of tables) await writeTable(t, write);
  await write('report.md', toMarkdown(blocks));
  await write('report.html', toHtml(title, blocks));
  return { dir, files };
}

async function writeFigure(f: ReportFigure, write: (rel: string, data: string | Uint8Array) => Promise<void>): Promise<void> {
  await write(figurePath(f, 'svg'), f.svg);
  await write(figurePath(f, 'png'), f.png);
}

async function writeTable(t: ReportTable, write: (rel: string, data: string | Uint8Array) => Promise<void>): Promise<void> {
  await write(tablePath(t, 'csv'), tableFile(t, 'csv'));
  await write(tablePath(t, 'tex'), tableFile(t, 'tex'));
}

function unique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new RangeError(`two ${what}s with the id "${id}"`);
    seen.add(id);
  }
}
