// The README's sampler figure, measured with real trainings: on the report's stage-1 space (lr × L2 log-uniform over
// the grid's range, first hidden size 64 or 128, the report's setup), with the same budget of trials, the best test
// accuracy random search and bayes (TPE) find, over several sweep seeds. Defaults are the README's design, fixed
// before measuring: 16 sweep seeds, run_cap 20, bayes's default 10 start-up trials, 2 epochs on full MNIST train,
// scored on the full test set. Random and bayes with the same seed share their first 10 trials (the start-up trials
// are the random sampler's; 11 when trial 10 is proposed before 10 have finished), so each seed is a paired comparison.
// Usage: node --import tsx scripts/sweeps/compare-samplers.ts [--seeds 16] [--budget 20] [--startup 10]
import { parseArgs } from 'node:util';
import { FULL_SCALE } from '../../src/main/reproduce/scale';
import { mlpConfig } from '../../src/main/reproduce/configs';
import { SETUPS } from '../../src/main/reproduce/setups';
import type { SweepSpecInput } from '../../src/shared/sweep-spec';
import { STAGE1_PARAMETERS } from '../../src/main/sweeps/testing/stage1-objective';
import { runSweep } from './run-sweep';

const { values: opts } = parseArgs({
  options: {
    seeds: { type: 'string', default: '16' },
    budget: { type: 'string', default: '20' },
    startup: { type: 'string', default: '10' },
    'limit-train': { type: 'string', default: '60000' },
    'limit-test': { type: 'string', default: '10000' },
    epochs: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '2' },
  },
});
const base = {
  ...mlpConfig(FULL_SCALE, {
    epochs: Number(opts.epochs),
    setup: SETUPS.report,
  }),
  limitTrain: Number(opts['limit-train']),
  limitTest: Number(opts['limit-test']),
};
const budget = Number(opts.budget);
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const results: Record<'random' | 'bayes', number[]> = {
    random: [],
    bayes: [],
  };
  let load = [Infinity, 0];
  const t0 = performance.now();
  for (let seed = 1; seed <= Number(opts.seeds); seed++) {
    for (const method of ['random', 'bayes'] as const) {
      const spec: SweepSpecInput = {
        name: `${method} seed ${seed}`,
        method,
        base,
        parameters: STAGE1_PARAMETERS,
        metric: { name: 'test_accuracy', goal: 'maximize' },
        run_cap: budget,
        seed,
        ...(method === 'bayes' && {
          bayes: { startup_trials: Number(opts.startup) },
        }),
      };
      const m = await runSweep(spec, { concurrency: Number(opts.concurrency), onTrial: (line) => console.log(line) });
      results[method].push(m.detail.bestValue ?? NaN);
      load = [Math.min(load[0]!, m.load[0], m.load[1]), Math.max(load[1]!, m.load[0], m.load[1])];
      console.log(`${method} seed ${seed}: best ${pct(m.detail.bestValue!)} in ${m.wallSeconds.toFixed(0)} s`);
    }
  }
  const diffs = results.bayes.map((b, i) => b - results.random[i]!);
  const wins = diffs.filter((d) => d > 0).length;
  const ties = diffs.filter((d) => d === 0).length;
  console.log(
    `\n${budget} trials each, ${opts.epochs} epochs on ${opts['limit-train']}/${opts['limit-test']} MNIST images, bayes start-up ${opts.startup}; ` +
      `${((performance.now() - t0) / 1000).toFixed(0)} s, load average ${load[0]!.toFixed(1)}–${load[1]!.toFixed(1)}`,
  );
  console.log(`| seed | random | bayes | bayes − random |\n|---|---|---|---|`);
  diffs.forEach((d, i) => console.log(`| ${i + 1} | ${pct(results.random[i]!)} | ${pct(results.bayes[i]!)} | ${(d * 100).toFixed(2)} |`));
  console.log(`| **mean** | **${pct(mean(results.random))}** | **${pct(mean(results.bayes))}** | ${(mean(diffs) * 100).toFixed(2)} |`);
  console.log(`bayes wins ${wins}, ties ${ties}, loses ${diffs.length - wins - ties}`);
}

void main();
