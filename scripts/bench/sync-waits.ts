// What the sync points of a data-parallel step cost the training thread (replica 0): wall time per step at 1
// and 2 threads, and per sync point the mean wait per step and the share of steps where replica 0 had to wait
// at all (more than 2 µs): the barrier after backward (the helpers' gradients), and the helpers' slices of
// the update (awaited before the next step, after the next batch is copied). Two epochs of the bench's
// model on the first `limit` MNIST images, the second epoch's steps counted with the first's waits too.
// Run: node --import tsx scripts/bench/sync-waits.ts [--models mlp,cnn] [--kernels relaxed,native] [--threads 1,2]
import { parseArgs } from 'node:util';
import { ReplicaChannel } from '../../src/engine/parallel/channel';
import { loadKernels } from '../../src/main/wasm/load-kernels';
import { trainRun } from '../../src/main/worker/train-run';
import { benchConfig, type BenchModel } from './configs';

const { values: opts } = parseArgs({
  options: {
    models: { type: 'string', default: 'mlp,cnn' },
    kernels: { type: 'string', default: 'relaxed,native' },
    threads: { type: 'string', default: '1,2' },
  },
});

// The channel's slots (see channel.ts) that replica 0 waits on during steps.
const POINTS = new Map([
  [16, 'barrier after backward'],
  [32, "helpers' update slices"],
]);
const waits = new Map<number, { ms: number; count: number }>();
// Replica 0 runs on this thread: its channel's waits are timed by wrapping the (private) method.
const proto = ReplicaChannel.prototype as unknown as { waitFor: (slot: number, target: number, onQuit: string) => boolean };
const waitFor = proto.waitFor;
proto.waitFor = function (this: unknown, slot: number, target: number, onQuit: string) {
  const t0 = performance.now();
  try {
    return waitFor.call(this, slot, target, onQuit);
  } finally {
    const ms = performance.now() - t0;
    const w = waits.get(slot) ?? { ms: 0, count: 0 };
    waits.set(slot, { ms: w.ms + ms, count: w.count + (ms > 0.002 ? 1 : 0) });
  }
};

async function main(): Promise<void> {
  for (const model of opts.models!.split(',') as BenchModel[]) {
    const limit = model === 'mlp' ? 60000 : 12800;
    const steps = 2 * Math.ceil(limit / 128);
    for (const prefer of opts.kernels!.split(',') as ('relaxed' | 'native')[]) {
      for (const threads of opts.threads!.split(',').map(Number)) {
        const kernels = await loadKernels({ prefer, threads, maximumMiB: 512, minStepMacs: 0 });
        waits.clear();
        const run = await trainRun({ ...benchConfig(model, limit), epochs: 2 }, kernels);
        const ms = (run.result.epochs.at(-1)!.trainSeconds * 1000) / (steps / 2);
        const parts = [...POINTS].map(([slot, name]) => {
          const w = waits.get(slot) ?? { ms: 0, count: 0 };
          return `${name} ${((w.ms * 1000) / steps).toFixed(1)} µs, ${((100 * w.count) / steps).toFixed(0)} % of steps`;
        });
        process.stdout.write(`${model} ${kernels.name.padEnd(20)} ${ms.toFixed(3)} ms/step${threads > 1 ? `; waits: ${parts.join('; ')}` : ''}\n`);
        await kernels.replicas?.close();
      }
    }
  }
  process.exit(0);
}
void main();
