// `export`: a run's files, a table of runs (CSV, Markdown, LaTeX), or a figure (SVG), written to disk or stdout.
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CallArg } from '../../shared/api-contract';
import type { ExportedFile } from '../../shared/api-inspect-types';
import { decodeBase64 } from '../../shared/base64';
import { FIGURE_KINDS, RUN_EXPORT_FORMATS } from '../../shared/api-schemas';
import { EXIT } from './exit-codes';
import { COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, int, list, parseFlags } from './flags';
import type { Call } from '../../shared/api-dispatch';
import { withWorkbench } from './session';
import { UsageError } from './usage-error';

export const EXPORT_HELP = `Usage: nn-workbench export run ID --format FORMAT [--out PATH]
       nn-workbench export table (--grid ID | --runs ID,ID,...) --format csv|markdown|latex [--columns C,C,...] [--out PATH]
       nn-workbench export figure KIND --runs ID[,ID...] [--width W] [--height H] [--theme light|dark] [--epoch N] [--out PATH]

run      one run's file; FORMAT: ${RUN_EXPORT_FORMATS.join(', ')}
table    a table of runs (the report's search tables): columns are config paths ("lr", "optimizer.type"),
         scores ("best.testAccuracy", "final.testLoss") or run fields (id, name, status, epochsDone, seconds);
         by default the parameters that vary and the scores
figure   KIND: ${FIGURE_KINDS.join(', ')} as SVG (PNG is not available yet)

  --out PATH               a file, an existing folder (the suggested file name is used), or - for stdout
                           (default: the suggested file name in the current folder)
${DATA_DIR_HELP}
  --json                   print {"file", "bytes", "mimeType"} instead of the path
  -h, --help               show this help
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  format: { type: 'string' },
  out: { type: 'string' },
  grid: { type: 'string' },
  runs: { type: 'string' },
  columns: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  theme: { type: 'string' },
  epoch: { type: 'string' },
} as const;

export async function exportCommand(argv: readonly string[]): Promise<number> {
  const { values: v, positionals } = parseFlags(argv, OPTIONS, true);
  const [what, target, ...extra] = positionals;
  if (v.help || what === undefined) {
    process.stdout.write(EXPORT_HELP);
    return v.help ? EXIT.ok : EXIT.usage;
  }
  if (extra.length) throw new UsageError(`unexpected argument '${extra.join(' ')}'`);
  const ids = (flag: 'runs') => (v[flag] === undefined ? undefined : list(flag, v[flag]).map((s) => int(flag, s)!));
  let request: (call: Call) => Promise<ExportedFile>;
  if (what === 'run') {
    const runId = int('id', target ?? missing('a run id'));
    if (v.format === undefined) throw new UsageError('export run needs --format');
    request = (call) => call('exportRun', { runId, format: v.format } as CallArg<'exportRun'>);
  } else if (what === 'table') {
    if (target !== undefined) throw new UsageError(`export table takes --grid or --runs, not '${target}'`);
    if (v.format === undefined) throw new UsageError('export table needs --format (csv, markdown or latex)');
    const input = {
      runIds: ids('runs'),
      gridId: int('grid', v.grid),
      format: v.format,
      columns: v.columns === undefined ? undefined : list('columns', v.columns),
    };
    request = (call) => call('exportTable', JSON.parse(JSON.stringify(input)) as CallArg<'exportTable'>);
  } else if (what === 'figure') {
    const input = {
      runIds: ids('runs') ?? missing('--runs'),
      figure: target ?? missing('a figure kind'),
      format: v.format ?? 'svg',
      width: int('width', v.width),
      height: int('height', v.height),
      theme: v.theme,
      epoch: int('epoch', v.epoch, 0),
    };
    request = (call) => call('exportFigure', JSON.parse(JSON.stringify(input)) as CallArg<'exportFigure'>);
  } else {
    throw new UsageError(`unknown export '${what}' (use run, table or figure)`);
  }
  return withWorkbench({ dataDir: dataDirOf(v['data-dir']), readOnly: true }, async (call) => {
    const file = await request(call);
    const bytes = file.encoding === 'base64' ? decodeBase64(file.data) : Buffer.from(file.data, 'utf8');
    if (v.out === '-') {
      process.stdout.write(bytes);
      return EXIT.ok;
    }
    const dest = destination(v.out, file.fileName);
    await writeFile(dest, bytes);
    process.stdout.write(v.json ? `${JSON.stringify({ file: dest, bytes: bytes.length, mimeType: file.mimeType })}\n` : `${dest}\n`);
    return EXIT.ok;
  });
}

function missing(what: string): never {
  throw new UsageError(`missing ${what}`);
}

/** `out` as a file, or the suggested name inside `out` when it is a folder (default: the current folder). */
function destination(out: string | undefined, suggested: string): string {
  if (out === undefined) return path.resolve(suggested);
  const isDir = statSync(out, { throwIfNoEntry: false })?.isDirectory() ?? false;
  return isDir ? path.resolve(out, suggested) : path.resolve(out);
}
