// CPU time of one training step (forward, loss + L2, backward, update) of the bench's MLP and CNN, batch 128,
// on one thread: the training thread's own CPU (process.threadCpuUsage, Node 24+), else the process's, so a
// machine shared with other work still gives comparable numbers. The first 128 MNIST training images and
// labels (the wasm conv block skips all-zero input regions, so the pixels change the work), `--synthetic`:
// made-up pixels with no zeros. Median of 7 blocks of 20 steps, after 20 warm-up steps.
// Run: node --import tsx scripts/bench/step-cpu.ts [--models mlp,cnn] [--kernels native,relaxed]
// ($NNW_NATIVE_ADDON picks another build of the addon, e.g. to compare two.)
import { parseArgs } from 'node:util';
import { buildModel } from '../../src/engine/models/build';
import { createOptimizer } from '../../src/engine/optim';
import { SoftmaxCrossEntropy } from '../../src/engine/losses/softmax-cross-entropy';
import { singleThreadStep } from '../../src/engine/train/step';
import { Tensor } from '../../src/engine/tensor';
import { loadDataset } from '../../src/main/datasets/load';
import { loadKernels } from '../../src/main/wasm/load-kernels';
import { benchConfig, type BenchModel } from './configs';

const { values: opts } = parseArgs({
  options: { models: { type: 'string', default: 'mlp,cnn' }, kernels: { type: 'string', default: 'native,relaxed' }, synthetic: { type: 'boolean' } },
});

type CpuClock = (since?: NodeJS.CpuUsage) => NodeJS.CpuUsage;
const threadClock = (process as unknown as { threadCpuUsage?: CpuClock }).threadCpuUsage?.bind(process);
const clock: CpuClock = threadClock ?? process.cpuUsage.bind(process);

async function stepMs(model: BenchModel, prefer: 'native' | 'relaxed' | 'simd'): Promise<{ kernels: string; ms: number; blocks: number[] }> {
  const kernels = await loadKernels({ prefer });
  const config = benchConfig(model);
  const net = buildModel(config.model, kernels, 1);
  const optimizer = createOptimizer(config.optimizer, net.params(), kernels);
  const step = singleThreadStep(net, new SoftmaxCrossEntropy(kernels), optimizer, config.l2, kernels);
  const batch = 128;
  const x = new Tensor([batch, ...config.model.input], kernels.alloc(batch * config.model.input.reduce((a, b) => a * b, 1)));
  let labels = new Uint8Array(batch).map((_, i) => (i * 7) % 10);
  if (opts.synthetic) {
    for (let i = 0; i < x.data.length; i++) x.data[i] = ((i * 2654435761) % 1000) / 1000;
  } else {
    const mnist = (await loadDataset({ name: 'mnist' }, { limitTrain: batch, limitTest: 1 })).train;
    x.data.set(mnist.images.subarray(0, x.data.length));
    labels = mnist.labels.slice(0, batch);
  }
  for (let s = 0; s < 20; s++) step(x, labels, batch, 0.001);
  const blocks: number[] = [];
  for (let b = 0; b < 7; b++) {
    const t0 = clock();
    for (let s = 0; s < 20; s++) step(x, labels, batch, 0.001);
    const d = clock(t0);
    blocks.push((d.user + d.system) / 1000 / 20);
  }
  const sorted = [...blocks].sort((a, b) => a - b);
  return { kernels: kernels.name, ms: sorted[3]!, blocks: sorted };
}

async function main(): Promise<void> {
  process.stdout.write(
    `CPU time of ${threadClock ? 'the training thread (process.threadCpuUsage)' : 'the process (process.cpuUsage: Node < 24)'} per step, batch 128\n`,
  );
  for (const model of opts.models!.split(',') as BenchModel[]) {
    for (const prefer of opts.kernels!.split(',') as ('native' | 'relaxed' | 'simd')[]) {
      try {
        const r = await stepMs(model, prefer);
        process.stdout.write(`${model} ${r.kernels.padEnd(20)} ${r.ms.toFixed(3)} ms/step (blocks ${r.blocks.map((v) => v.toFixed(3)).join(' ')})\n`);
      } catch (e) {
        process.stderr.write(`${model} ${prefer} skipped: ${(e as Error).message}\n`);
      }
    }
  }
}

void main();
