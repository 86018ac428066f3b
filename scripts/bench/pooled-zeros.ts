// How much of the CNN's FC1 work meets zeros: trains the bench CNN on MNIST (shuffled batches of 128, wasm
// relaxed kernels) and, at some steps, counts in the pooled activations (FC1's input, [128, 4320]) the zero
// elements, the all-zero 4×8 blocks (4 samples × 8 features: one GEMM micro-tile of FC1's dX) and the
// features zero over 4 consecutive samples (an A panel's step of FC1's forward).
// Run: node --import tsx scripts/bench/pooled-zeros.ts [--steps 940]
import { parseArgs } from 'node:util';
import { buildModel } from '../../src/engine/models/build';
import { createOptimizer } from '../../src/engine/optim';
import { SoftmaxCrossEntropy } from '../../src/engine/losses/softmax-cross-entropy';
import { singleThreadStep } from '../../src/engine/train/step';
import { Tensor } from '../../src/engine/tensor';
import { loadDataset } from '../../src/main/datasets/load';
import { loadKernels } from '../../src/main/wasm/load-kernels';
import { benchConfig } from './configs';

const { values: opts } = parseArgs({ options: { steps: { type: 'string', default: '940' } } });

function blockZeros(p: Float32Array, n: number, f: number, rows: number, cols: number): number {
  let zero = 0;
  let total = 0;
  for (let i = 0; i + rows <= n; i += rows) {
    for (let j = 0; j < f; j += cols) {
      let any = false;
      for (let r = 0; r < rows && !any; r++) for (let c = j; c < Math.min(f, j + cols) && !any; c++) any = p[(i + r) * f + c]! > 0;
      if (!any) zero++;
      total++;
    }
  }
  return zero / total;
}

async function main(): Promise<void> {
  const kernels = await loadKernels({ prefer: 'relaxed' });
  const config = benchConfig('cnn');
  const net = buildModel(config.model, kernels, 1);
  const optimizer = createOptimizer(config.optimizer, net.params(), kernels);
  const step = singleThreadStep(net, new SoftmaxCrossEntropy(kernels), optimizer, config.l2, kernels);
  const mnist = (await loadDataset({ name: 'mnist' })).train;
  const batch = 128;
  const pixels = 784;
  const count = mnist.labels.length;
  const order = Array.from({ length: count }, (_, i) => i);
  let seed = 12345;
  for (let i = count - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const x = new Tensor([batch, 1, 28, 28], kernels.alloc(batch * pixels));
  const labels = new Uint8Array(batch);
  const steps = Number(opts.steps);
  const perEpoch = Math.floor(count / batch);
  process.stdout.write('step  zero%  4x8-block%  1x8%  1x16%  4-sample-feature%  128-sample-feature%\n');
  for (let s = 0; s <= steps; s++) {
    const at = (s % perEpoch) * batch;
    for (let b = 0; b < batch; b++) {
      const idx = order[at + b]!;
      x.data.set(mnist.images.subarray(idx * pixels, (idx + 1) * pixels), b * pixels);
      labels[b] = mnist.labels[idx]!;
    }
    if (s % 100 === 0 || s === steps) {
      const p = net.layers[0]!.forward(x, true).data;
      const f = p.length / batch;
      let z = 0;
      for (const v of p) if (!(v > 0)) z++;
      const pct = (v: number): string => (100 * v).toFixed(1).padStart(6);
      process.stdout.write(
        `${String(s).padStart(4)} ${pct(z / p.length)} ${pct(blockZeros(p, batch, f, 4, 8))} ${pct(blockZeros(p, batch, f, 1, 8))} ${pct(blockZeros(p, batch, f, 1, 16))} ${pct(blockZeros(p, batch, f, 4, 1))} ${pct(blockZeros(p, batch, f, 128, 1))}\n`,
      );
    }
    step(x, labels, batch, config.lr);
  }
}

void main();
