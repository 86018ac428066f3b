// `runs list` and `runs show ID`: what the data folder holds, read without taking it from a running app.
import type { CallArg } from '../../shared/api-contract';
import { RUN_STATUSES, type RunSummary } from '../../shared/api-types';
import { summaryMarkdown } from '../report/run-files';
import { EXIT } from './exit-codes';
import { COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, int, list, parseFlags } from './flags';
import { withWorkbench } from './session';
import { runsTrainCommand } from './runs-train-command';
import { pct } from './train-report';
import { UsageError } from './usage-error';

export const RUNS_HELP = `Usage: nn-workbench runs list [options]
       nn-workbench runs show ID [--json]
       nn-workbench runs resume|extend|fork ID … (see \`runs resume --help\`)

list: the recorded runs, newest first (a table, or with --json an array of run summaries).
  --status S[,S...]        only runs in these states: ${RUN_STATUSES.join(', ')}
  --tag T                  only runs carrying this tag (repeat: all of them)
  --grid ID                only the runs of this grid
  --text X                 name or notes containing X
  --limit N                at most N runs (default 1000)
show: one run in full (a Markdown summary, or with --json its complete record).
${DATA_DIR_HELP}
  --json                   print JSON on stdout
  -h, --help               show this help
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  status: { type: 'string' },
  tag: { type: 'string', multiple: true },
  grid: { type: 'string' },
  text: { type: 'string' },
  limit: { type: 'string' },
} as const;

export async function runsCommand(argv: readonly string[]): Promise<number> {
  const [first, ...after] = argv;
  if (first === 'resume' || first === 'extend' || first === 'fork') return runsTrainCommand(first, after);
  const { values: v, positionals } = parseFlags(argv, OPTIONS, true);
  const [sub, ...rest] = positionals;
  if (v.help || sub === undefined) {
    process.stdout.write(RUNS_HELP);
    return v.help ? EXIT.ok : EXIT.usage;
  }
  const dataDir = dataDirOf(v['data-dir']);
  if (sub === 'list') {
    if (rest.length) throw new UsageError(`runs list takes no arguments, got '${rest.join(' ')}'`);
    const filter = {
      status: v.status === undefined ? undefined : list('status', v.status),
      tags: v.tag,
      gridId: int('grid', v.grid),
      text: v.text,
      limit: int('limit', v.limit),
    };
    return withWorkbench({ dataDir, readOnly: true }, async (call) => {
      // The contract checks the values (an unknown status is refused by name).
      const runs = await call('listRuns', JSON.parse(JSON.stringify(filter)) as CallArg<'listRuns'>);
      process.stdout.write(v.json ? `${JSON.stringify(runs)}\n` : runTable(runs));
      return EXIT.ok;
    });
  }
  if (sub === 'show') {
    if (rest.length !== 1) throw new UsageError(`runs show takes one run id, got ${rest.length ? `'${rest.join(' ')}'` : 'none'}`);
    const id = int('id', rest[0]);
    return withWorkbench({ dataDir, readOnly: true }, async (call) => {
      const run = await call('getRun', { id: id! });
      process.stdout.write(v.json ? `${JSON.stringify(run)}\n` : summaryMarkdown(run));
      return EXIT.ok;
    });
  }
  throw new UsageError(`unknown runs command '${sub}' (use list, show, resume, extend or fork)`);
}

/** Runs as an aligned text table; "no runs" when there are none. */
export function runTable(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'no runs recorded yet\n';
  const rows = [
    ['id', 'status', 'epochs', 'test acc.', 'best', 'dataset', 'name'],
    ...runs.map((r) => [
      String(r.id),
      r.status,
      `${r.epochsDone}/${r.epochsTotal}`,
      r.final ? pct(r.final.testAccuracy) : '–',
      r.best ? pct(r.best.valAccuracy ?? r.best.testAccuracy) : '–',
      r.datasetTitle,
      r.name,
    ]),
  ];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
  return rows.map((row) => row.map((cell, j) => (j === row.length - 1 ? cell : cell.padEnd(widths[j]!))).join('  ')).join('\n') + '\n';
}
