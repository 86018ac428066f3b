// `sweep`: a grid, random or Bayesian sweep through the workbench, printing each trial as it ends and the best.
import { readFileSync } from 'node:fs';
import type { SweepDetail, SweepSummary } from '../../shared/api-sweep-types';
import { FINAL_STATUSES } from '../../shared/api-types';
import { describeCell } from '../../shared/grid-expand';
import { presetSpec, SWEEP_PRESETS, type SweepPreset } from '../sweeps/presets';
import { EXIT } from './exit-codes';
import { COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, int, parseFlags } from './flags';
import { onInterrupt, withWorkbench } from './session';
import { UsageError } from './usage-error';

export const SWEEP_HELP = `Usage: nn-workbench sweep --spec FILE.json [options]
       nn-workbench sweep --preset ${SWEEP_PRESETS.join('|')} [options]

Runs a sweep: grid, random or Bayesian (TPE) search, optionally with early termination (ASHA or the median
rule). Trials are proposed as slots free up and recorded as runs of one sweep in the data folder; a sweep the
workbench stopped in the middle continues the next time it starts. The spec is JSON in the shape of W&B sweeps:
  { "method": "bayes", "base": { …a run config… },
    "parameters": { "lr": { "distribution": "log_uniform_values", "min": 1e-4, "max": 0.1 },
                    "model.layers.1.units": { "values": [64, 128] } },
    "metric": { "name": "test_accuracy", "goal": "maximize" }, "run_cap": 20, "seed": 0,
    "early_terminate": { "type": "hyperband", "min_iter": 1, "eta": 3 } }

  --preset NAME            report-stage1: the report's stage-1 grid with ASHA; report-stage1-bayes: bayes over its space
  --concurrency N          trials training at once (default: the number of cores)
${DATA_DIR_HELP}
  --json                   print the sweep's trials as one JSON object on stdout
  --quiet                  no progress output
  -h, --help               show this help
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  spec: { type: 'string' },
  preset: { type: 'string' },
  concurrency: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

function specOf(file: string | undefined, preset: string | undefined): unknown {
  if ((file === undefined) === (preset === undefined)) throw new UsageError('give either --spec FILE or --preset NAME');
  if (preset !== undefined) {
    if (!(SWEEP_PRESETS as readonly string[]).includes(preset)) throw new UsageError(`--preset: expected one of ${SWEEP_PRESETS.join(', ')}, got '${preset}'`);
    return presetSpec(preset as SweepPreset);
  }
  let text: string;
  try {
    text = readFileSync(file!, 'utf8');
  } catch (err) {
    throw new UsageError(`--spec: cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--spec: ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

export async function sweepCommand(argv: readonly string[]): Promise<number> {
  const v = parseFlags(argv, OPTIONS).values;
  if (v.help) {
    process.stdout.write(SWEEP_HELP);
    return EXIT.ok;
  }
  const spec = specOf(v.spec, v.preset);
  const say = (line: string) => v.quiet || process.stderr.write(`${line}\n`);
  return withWorkbench(
    {
      dataDir: dataDirOf(v['data-dir']),
      concurrency: int('concurrency', v.concurrency),
    },
    async (call, wb) => {
      const sweep = await call('startSweep', spec as never);
      say(`sweep ${sweep.id} "${sweep.name}": ${sweep.method}, up to ${sweep.runCap} trials, ${wb.manager!.concurrency} at a time, recorded in ${wb.dataDir}`);
      const reported = new Set<number>();
      const report = async () => {
        const detail = await call('getSweep', { id: sweep.id });
        for (const t of detail.trials) {
          if (reported.has(t.number) || !FINAL_STATUSES.includes(t.run.status)) continue;
          reported.add(t.number);
          const value = t.value === null ? '' : `, ${detail.metric.name} ${t.value.toFixed(4)}`;
          say(
            `[${reported.size}/${detail.runCap}] trial ${t.number} (run ${t.run.id}) ${describeCell(t.params, t.run.config.model)}: ${t.run.status}${value}${t.prunedReason ? ` — ${t.prunedReason}` : ''}`,
          );
        }
        return detail;
      };
      let interrupted = false;
      const ended = new Promise<void>((resolve) => {
        const off = wb.subscribe((e) => {
          if (e.event !== 'sweepUpdated' || e.payload.id !== sweep.id) return;
          void report();
          if (e.payload.state !== 'running') {
            off();
            resolve();
          }
        });
        void call('getSweep', { id: sweep.id }).then((d: SweepSummary) => d.state !== 'running' && (off(), resolve()));
      });
      const removeSignals = onInterrupt(() => {
        interrupted = true;
        say('cancelling the sweep (Ctrl-C again to abort)…');
        void call('cancelSweep', { id: sweep.id }).catch(() => {});
      });
      try {
        await ended;
        await wb.manager!.whenIdle();
      } finally {
        removeSignals();
      }
      const detail = await report();
      process.stdout.write(v.json ? `${JSON.stringify(sweepJson(detail))}\n` : sweepTable(detail));
      if (interrupted) return EXIT.interrupted;
      return detail.bestRunId !== null ? EXIT.ok : EXIT.failed;
    },
  );
}

/** The `--json` object: the sweep, its best trial, every trial, and parameter importance. */
export function sweepJson(s: SweepDetail): Record<string, unknown> {
  return {
    sweep_id: s.id,
    name: s.name,
    method: s.method,
    metric: s.metric,
    state: s.state,
    best_run_id: s.bestRunId,
    best_value: s.bestValue,
    status_counts: s.statusCounts,
    trials: s.trials.map((t) => ({
      number: t.number,
      run_id: t.run.id,
      params: t.params,
      status: t.run.status,
      epochs: t.epochsDone,
      value: t.value,
      pruned_reason: t.prunedReason,
    })),
    importance: s.importance,
    importance_method: s.importanceMethod,
  };
}

/** Trials best first, as an aligned text table, then the best one. */
export function sweepTable(s: SweepDetail): string {
  const sign = s.metric.goal === 'maximize' ? -1 : 1;
  const trials = [...s.trials].sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : sign * (a.value - b.value)));
  const rows = [
    ['trial', 'run', 'status', 'epochs', s.metric.name, 'params'],
    ...trials.map((t) => [
      String(t.number),
      String(t.run.id),
      t.run.status,
      String(t.epochsDone),
      t.value === null ? '–' : t.value.toFixed(4),
      describeCell(t.params, t.run.config.model),
    ]),
  ];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
  const body = rows.map((row) => row.map((c, j) => (j === row.length - 1 ? c : c.padEnd(widths[j]!))).join('  ')).join('\n');
  const best = s.trials.find((t) => t.run.id === s.bestRunId);
  const bestLine = best
    ? `best: trial ${best.number} (run ${best.run.id}) ${describeCell(best.params, best.run.config.model)} — ${s.metric.name} ${best.value!.toFixed(4)}`
    : 'best: none (no trial scored)';
  return `sweep ${s.id} "${s.name}" (${s.method}, ${s.state})\n${body}\n${bestLine}\n`;
}
