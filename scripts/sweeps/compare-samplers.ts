// The README's sampler figure, measured with real trainings: on the report's stage-1 space (lr × L2 log-uniform over
// the grid's range, first hidden size 64 or 128, the report's setup), with the same budget of trials, the best test
// accuracy random search and bayes (TPE) find, over several sweep seeds. A subset of MNIST and few epochs keep the
// many trainings affordable. Usage: node --import tsx scripts/sweeps/compare-samplers.ts [--seeds 3] [--budget 12]
import { parseArgs } from 'node:util';
import { FULL_SCALE } from '../../src/main/reproduce/scale';
import { mlpConfig } from '../../src/main/reproduce/configs';
import { SETUPS } from '../../src/main/reproduce/setups';
import type { SweepSpecInput } from '../../src/shared/sweep-spec';
import { STAGE1_PARAMETERS } from '../../src/main/sweeps/testing/stage1-objective';
import { runSweep } from './run-sweep';

const { values: opts } = parseArgs({
  options: {
    seeds: { type: 'string', default: '3' },
    budget: { type: 'string', default: '12' },
    startup: { type: 'string', default: '4' },
    'limit-train': { type: 'string', default: '6000' },
    'limit-test': { type: 'string', default: '2000' },
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
        run_cap: budget,
        seed,
        ...(method === 'bayes' && {
          bayes: { startup_trials: Number(opts.startup) },
        }),
      };
      const m = await runSweep(spec, { concurrency: Number(opts.concurrency) });
      results[method].push(m.detail.bestValue ?? NaN);
      load = [Math.min(load[0]!, m.load[0], m.load[1]), Math.max(load[1]!, m.load[0], m.load[1])];
      console.log(`${method} seed ${seed}: best ${(m.detail.bestValue! * 100).toFixed(2)} % in ${m.wallSeconds.toFixed(0)} s`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `\n${budget} trials each, ${opts.epochs} epochs on ${opts['limit-train']}/${opts['limit-test']} MNIST images, bayes start-up ${opts.startup}; ` +
      `${((performance.now() - t0) / 1000).toFixed(0)} s, load average ${load[0]!.toFixed(1)}–${load[1]!.toFixed(1)}`,
  );
  console.log(`| method | best test acc. per seed | mean |\n|---|---|---|`);
  for (const m of ['random', 'bayes'] as const)
    console.log(`| ${m} | ${results[m].map((v) => `${(v * 100).toFixed(2)} %`).join(', ')} | ${(mean(results[m]) * 100).toFixed(2)} % |`);
}

void main();
