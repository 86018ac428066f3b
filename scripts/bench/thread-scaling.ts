// How the 2-thread speed-up grows with the work per step: MLPs of several sizes and batch sizes, one epoch on the
// first `--limit` MNIST images at 1 and at 2 threads (both threads forced, whatever the step size), per backend,
// with each step's multiply-adds and whether a run of that size gets its second thread by default
// (MIN_STEP_MACS in src/main/wasm/replica-threads.ts). Idle machine only: wall time.
// Run: node --import tsx scripts/bench/thread-scaling.ts [--kernels native,relaxed] [--limit 20000]
import { parseArgs } from 'node:util';
import { buildModel } from '../../src/engine/models/build';
import { stepMacs } from '../../src/engine/parallel';
import { loadKernels } from '../../src/main/wasm/load-kernels';
import { trainRun } from '../../src/main/worker/train-run';
import { mlpSpec } from '../../src/shared/model-presets';
import { parseRunConfig } from '../../src/shared/run-config';

const { values: opts } = parseArgs({ options: { kernels: { type: 'string', default: 'native,relaxed' }, limit: { type: 'string', default: '20000' } } });
const SHAPES: [hidden: number[], batch: number][] = [
  [[64], 128],
  [[128, 64], 64],
  [[128, 64], 128],
  [[128, 64], 256],
  [[256, 128], 128],
  [[512, 128], 128],
  [[1024], 128],
];

async function main(): Promise<void> {
  for (const prefer of opts.kernels!.split(',') as ('native' | 'relaxed')[]) {
    const one = await loadKernels({ prefer, threads: 1 });
    const two = await loadKernels({ prefer, threads: 2, minStepMacs: 0 });
    const byDefault = (await loadKernels({ prefer, threads: 2 })).replicas!;
    for (const [hidden, batchSize] of SHAPES) {
      const config = parseRunConfig({
        dataset: { name: 'mnist' },
        limitTrain: Number(opts.limit),
        limitTest: 1000,
        model: mlpSpec({ hidden, activation: 'relu' }),
        optimizer: { type: 'momentum', momentum: 0.9 },
        lr: 0.05,
        l2: 1e-4,
        batchSize,
        epochs: 2,
        seed: 1,
      });
      // The second epoch is timed: the first warms the JIT up.
      const seconds = async (k: typeof one) => (await trainRun(config, k)).result.epochs[1]!.trainSeconds;
      const [t1, t2] = [await seconds(one), await seconds(two)];
      const macs = stepMacs(buildModel(config.model, one, 1), batchSize);
      const used = macs >= (byDefault.minStepMacs ?? 0) ? 'both' : 'one';
      process.stdout.write(
        `${one.name.padEnd(18)} hidden ${hidden.join('-').padEnd(8)} batch ${String(batchSize).padEnd(4)} ${(macs / 1e6).toFixed(0).padStart(4)} M MAC/step: ` +
          `1 thread ${t1.toFixed(3)} s, 2 threads ${t2.toFixed(3)} s = ${(t1 / t2).toFixed(2)}× (by default: ${used} thread${used === 'one' ? '' : 's'})\n`,
      );
    }
    await Promise.all([two.replicas?.close(), byDefault.close()]);
  }
  process.exit(0);
}
void main();
