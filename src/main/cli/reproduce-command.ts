// `reproduce`: re-runs every experiment of the course report through the workbench and writes its report folder.
import path from 'node:path';
import type { DatasetRef } from '../../shared/run-config';
import { REPRODUCE_TAG, sessionTag } from '../reproduce/pipeline';
import { startReproduction } from '../reproduce/reproduce';
import { type ReproduceScale, scaleFor } from '../reproduce/scale';
import { timestampName } from '../reproduce/session-name';
import { EXIT } from './exit-codes';
import { COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, int, parseFlags } from './flags';
import { onInterrupt, withWorkbench } from './session';
import { kernelsOf, type KernelChoice } from './train-options';
import { UsageError } from './usage-error';

export const REPRODUCE_HELP = `Usage: nn-workbench reproduce [options]      (npm run reproduce -- [options])

Re-runs every experiment of the course report on MNIST — activation pairs, the two-stage grid search,
the optimizer comparison, the best MLP, the CNN, augmentation on vs off — recording each run in the
data folder, then writes a report folder: report.md, report.html, every figure as SVG and PNG, every
table as CSV and LaTeX, with the report's numbers beside ours. Ctrl-C cancels the remaining runs.

  --quick                  the same pipeline on 2000/500 images, smaller grids and 1–2 epochs (seconds)
  --out DIR                the report folder (default: reports/<date-time>)
  --report-only TAG        train nothing: write the report of an earlier reproduction from its runs in the
                           data folder (TAG is the session tag it printed, e.g. reproduce@2025-03-01T14-05-09;
                           give --quick again if it was a quick one)
  --dataset NAME|PATH      mnist (default), fashion-mnist, or a folder of IDX files
  --concurrency N          runs training at once (default: the number of cores)
${DATA_DIR_HELP}
  --kernels NAME           auto (default), relaxed, simd, reference
  --json                   print a JSON summary on stdout
  --quiet                  no progress output
  -h, --help               show this help
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  quick: { type: 'boolean' },
  out: { type: 'string' },
  'report-only': { type: 'string' },
  dataset: { type: 'string' },
  concurrency: { type: 'string' },
  kernels: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export type ReproduceOptions =
  | { help: true }
  | {
      help: false;
      scale: ReproduceScale;
      outDir: string;
      /** This reproduction's name (its runs are tagged `reproduce@<session>`). */
      session: string;
      reportOnly?: string;
      dataDir: string;
      concurrency?: number;
      kernels: KernelChoice;
      json: boolean;
      quiet: boolean;
    };

function datasetOf(text: string | undefined): DatasetRef {
  if (text === undefined || text === 'mnist') return { name: 'mnist' };
  if (text === 'fashion-mnist') return { name: 'fashion-mnist' };
  if (text.trim() === '') throw new UsageError('--dataset: expected mnist, fashion-mnist or a folder');
  return { name: 'folder', path: path.resolve(text) };
}

export function parseReproduceOptions(argv: readonly string[], now = new Date()): ReproduceOptions {
  const v = parseFlags(argv, OPTIONS).values;
  if (v.help) return { help: true };
  const dataset = datasetOf(v.dataset);
  const scale = scaleFor(v.quick ? 'quick' : 'full', dataset);
  const reportOnly = v['report-only'];
  if (reportOnly !== undefined && !reportOnly.startsWith(`${REPRODUCE_TAG}@`)) {
    throw new UsageError(`--report-only: expected a session tag like ${REPRODUCE_TAG}@2025-03-01T14-05-09, got '${reportOnly}'`);
  }
  return {
    help: false,
    scale,
    outDir: path.resolve(v.out ?? path.join('reports', timestampName(now))),
    session: sessionTag(timestampName(now)),
    ...(reportOnly !== undefined && { reportOnly }),
    dataDir: dataDirOf(v['data-dir']),
    concurrency: int('concurrency', v.concurrency),
    kernels: kernelsOf(v),
    json: Boolean(v.json),
    quiet: Boolean(v.quiet),
  };
}

/** Exit code: 0 when every run completed, 1 when some failed, 130 when cancelled. */
export async function reproduceCommand(argv: readonly string[]): Promise<number> {
  const options = parseReproduceOptions(argv);
  if (options.help) {
    process.stdout.write(REPRODUCE_HELP);
    return EXIT.ok;
  }
  const say = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
  return withWorkbench({ dataDir: options.dataDir, concurrency: options.concurrency, kernels: options.kernels }, async (call, wb) => {
    if (!options.reportOnly) {
      say(
        `reproducing the course report (${options.scale.name}), ${wb.manager!.concurrency} runs at a time; runs recorded in ${wb.dataDir}, tagged ${options.session}`,
      );
    }
    const command = ['npm run reproduce --', ...argv].join(' ');
    const reproduction = startReproduction(
      { call, waitFor: (id) => wb.manager!.waitFor(id) },
      { scale: options.scale, outDir: options.outDir, command, session: options.session, reportOnly: options.reportOnly, log: say },
    );
    let interrupted = false;
    const removeSignals = onInterrupt(() => {
      interrupted = true;
      say('cancelling the remaining runs (Ctrl-C again to abort)…');
      void reproduction.cancel();
    });
    let result;
    try {
      result = await reproduction.result;
    } finally {
      removeSignals();
    }
    const runs = [...result.done.values()].flatMap((e) => e.runs);
    const completed = runs.filter((r) => r.status === 'completed').length;
    const summary = {
      session: options.reportOnly ?? options.session,
      out_dir: result.outDir,
      report: path.join(result.outDir, 'report.md'),
      wall_seconds: Math.round(result.wallSeconds * 10) / 10,
      runs: runs.length,
      completed,
      files: result.files.length,
      skipped: [...result.done.values()].filter((e) => e.skipped).map((e) => e.id),
    };
    process.stdout.write(
      options.json
        ? `${JSON.stringify(summary)}\n`
        : `report written to ${summary.report} (${summary.files} files; ${completed}/${runs.length} runs completed) in ${summary.wall_seconds} s\n`,
    );
    if (interrupted) return EXIT.interrupted;
    return completed === runs.length && summary.skipped.length === 0 ? EXIT.ok : EXIT.failed;
  });
}
