// `grid`: a grid search through the workbench — every cell a recorded run — with progress and a results table.
import type { WorkbenchEvent } from '../../shared/api-contract';
import { FINAL_STATUSES, type GridDetail, type RunStatus } from '../../shared/api-types';
import { describeCell } from '../../shared/grid-expand';
import { EXIT } from './exit-codes';
import { GRID_HELP, parseGridOptions } from './grid-options';
import { ProgressBar } from './progress-bar';
import { onInterrupt, withWorkbench } from './session';
import { pct } from './train-report';

export async function gridCommand(argv: readonly string[]): Promise<number> {
  const options = parseGridOptions(argv);
  if (options.help) {
    process.stdout.write(GRID_HELP);
    return EXIT.ok;
  }
  const bar = new ProgressBar();
  const say = (line: string) => options.quiet || bar.log(line);
  return withWorkbench(
    { dataDir: options.dataDir, concurrency: options.concurrency, kernels: options.kernels, redisUrl: options.redisUrl, queue: options.queue },
    async (call, wb) => {
      const { grid, runs } = await call('startGrid', options.spec);
      const ids = new Set(runs.map((r) => r.id));
      const partial = new Map<number, number>();
      const finished = new Map<number, RunStatus>();
      say(`grid ${grid.id} "${grid.name}": ${runs.length} runs, ${wb.manager!.concurrency} at a time, recorded in ${wb.dataDir}`);
      const redraw = () => {
        if (options.quiet) return;
        const done = finished.size + [...partial.values()].reduce((a, b) => a + b, 0);
        bar.update(`grid ${finished.size}/${runs.length}`, done / runs.length, `running ${partial.size}`);
      };
      const off = wb.subscribe((e: WorkbenchEvent) => {
        if (e.event === 'runProgress' && ids.has(e.payload.runId)) {
          const run = runs.find((r) => r.id === e.payload.runId)!;
          partial.set(run.id, Math.min(1, (e.payload.epoch + e.payload.epochProgress) / run.epochsTotal));
          redraw();
        } else if (e.event === 'runUpdated' && ids.has(e.payload.id) && FINAL_STATUSES.includes(e.payload.status) && !finished.has(e.payload.id)) {
          const r = e.payload;
          finished.set(r.id, r.status);
          partial.delete(r.id);
          const score = r.final ? `test acc ${pct(r.final.testAccuracy)}` : (r.error?.split('\n')[0] ?? '');
          say(`[${finished.size}/${runs.length}] run ${r.id} ${r.name}: ${r.status}${score ? `, ${score}` : ''}`);
        }
      });
      let interrupted = false;
      const removeSignals = onInterrupt(() => {
        interrupted = true;
        say('cancelling the grid (Ctrl-C again to abort)…');
        void call('cancelGrid', { id: grid.id }).catch(() => {});
      });
      try {
        await Promise.all(runs.map((r) => wb.manager!.waitFor(r.id)));
      } finally {
        removeSignals();
        off();
      }
      const detail = await call('getGrid', { id: grid.id });
      process.stdout.write(options.json ? `${JSON.stringify(gridJson(detail))}\n` : gridTable(detail));
      if (interrupted) return EXIT.interrupted;
      return detail.cells.every((c) => c.run.status === 'completed') ? EXIT.ok : EXIT.failed;
    },
  );
}

/** The `--json` object: the grid and one entry per cell with its parameters and scores. */
export function gridJson(grid: GridDetail): Record<string, unknown> {
  return {
    grid_id: grid.id,
    name: grid.name,
    best_run_id: grid.bestRunId,
    status_counts: grid.statusCounts,
    runs: grid.cells.map(({ params, run }) => ({
      run_id: run.id,
      name: run.name,
      params,
      status: run.status,
      epochs: run.epochsDone,
      train_accuracy: run.final?.trainAccuracy ?? null,
      train_pass_accuracy: run.final?.trainPassAccuracy ?? null,
      test_accuracy: run.final?.testAccuracy ?? null,
      test_loss: run.final?.testLoss ?? null,
      validation_accuracy: run.final?.valAccuracy ?? null,
      best_accuracy: run.best ? (run.best.valAccuracy ?? run.best.testAccuracy) : null,
      error: run.status === 'completed' ? null : run.error,
    })),
  };
}

/** Cells best first, as an aligned text table. */
export function gridTable(grid: GridDetail): string {
  const cells = [...grid.cells].sort((a, b) => (b.run.final?.testAccuracy ?? -1) - (a.run.final?.testAccuracy ?? -1));
  const rows = [
    ['run', 'status', 'test acc.', 'test loss', 'params'],
    ...cells.map(({ params, run }) => [
      String(run.id),
      run.status,
      run.final ? pct(run.final.testAccuracy) : '–',
      run.final ? run.final.testLoss.toFixed(4) : '–',
      describeCell(params, run.config.model),
    ]),
  ];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
  const body = rows.map((row) => row.map((c, j) => (j === row.length - 1 ? c : c.padEnd(widths[j]!))).join('  ')).join('\n');
  return `grid ${grid.id} "${grid.name}"${grid.bestRunId === null ? '' : ` — best: run ${grid.bestRunId}`}\n${body}\n`;
}
