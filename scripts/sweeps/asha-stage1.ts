// The README's early-termination figure: the report's stage-1 grid (18 cells, 5 epochs, full MNIST, the report's
// setup) run as a grid sweep without and with ASHA (min_iter 1, eta 3): wall time, trials pruned, and whether
// the best cell is still found. A measurement on a shared machine, not a test: it prints the load it ran under.
// Usage: node --import tsx scripts/sweeps/asha-stage1.ts [--concurrency 2] [--limit-train N]
import { parseArgs } from 'node:util';
import { FULL_SCALE } from '../../src/main/reproduce/scale';
import { mlpConfig } from '../../src/main/reproduce/configs';
import { SETUPS } from '../../src/main/reproduce/setups';
import type { SweepSpecInput } from '../../src/shared/sweep-spec';
import { runSweep } from './run-sweep';

const { values: opts } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '2' },
    'limit-train': { type: 'string' },
  },
});
const concurrency = Number(opts.concurrency);
const s1 = FULL_SCALE.stage1;
const base = {
  ...mlpConfig(FULL_SCALE, { epochs: s1.epochs, setup: SETUPS.report }),
  ...(opts['limit-train'] && { limitTrain: Number(opts['limit-train']) }),
};
const grid: SweepSpecInput = {
  method: 'grid',
  base,
  // The report's table order: lr slowest, then the first hidden size, then L2.
  parameters: {
    lr: { values: [...s1.lr] },
    'model.layers.1.units': { values: [...s1.firstHidden] },
    l2: { values: [...s1.l2] },
  },
};

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const early of [undefined, { type: 'hyperband' as const, min_iter: 1, eta: 3 }]) {
    const label = early ? 'ASHA (min_iter 1, eta 3)' : 'no early termination';
    console.log(`${label}:`);
    const m = await runSweep({ ...grid, name: label, ...(early && { early_terminate: early }) }, { concurrency, onTrial: (l) => console.log(l) });
    const best = m.detail.trials.find((t) => t.run.id === m.detail.bestRunId);
    const epochs = m.detail.trials.reduce((a, t) => a + t.epochsDone, 0);
    const line = `| ${label} | ${m.wallSeconds.toFixed(0)} | ${epochs} | ${m.detail.statusCounts.pruned ?? 0} | ${best ? `${best.run.name.replace(/^#\d+ /, '')} → ${(best.value! * 100).toFixed(2)} %` : '–'} | ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)} |`;
    console.log(line);
    rows.push(line);
  }
  console.log(
    `\n| stage-1 grid, ${concurrency} at a time | wall s | epochs trained | pruned | best cell (test acc.) | load avg |\n|---|---|---|---|---|---|\n${rows.join('\n')}`,
  );
}

void main();
