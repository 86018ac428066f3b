// What a data-parallel step costs in CPU time, part by part, measured on one thread over the shared memory
// the threads use (not wall time: the machine may be shared): the batch copy, forward + backward on the whole
// batch and on half of it, the L2 penalty and gradient, the optimizer step, and the gradient sum of two
// replicas (with its copy back). From these it prints the work per step that does not split over 2 threads
// (the serial part), with every replica running the whole update (as before) and with the update split by
// slices (as now), and the 2-thread speed-up each allows (sync costs not included).
// Run: node --import tsx scripts/bench/serial-cpu.ts [--models mlp,cnn] [--kernels native,relaxed]
import { parseArgs } from 'node:util';
import { Batcher } from '../../src/engine/data/batcher';
import type { Dataset } from '../../src/engine/data/dataset';
import type { Kernels } from '../../src/engine/kernels/kernels';
import { SoftmaxCrossEntropy } from '../../src/engine/losses/softmax-cross-entropy';
import { buildModel } from '../../src/engine/models/build';
import { createOptimizer } from '../../src/engine/optim';
import { addL2Grad, l2Penalty } from '../../src/engine/regularization/l2';
import { Tensor } from '../../src/engine/tensor';
import { loadKernels } from '../../src/main/wasm/load-kernels';
import { benchConfig, type BenchModel } from './configs';

const { values: opts } = parseArgs({ options: { models: { type: 'string', default: 'mlp,cnn' }, kernels: { type: 'string', default: 'native,relaxed' } } });

/** Median CPU microseconds of one call of fn, over 9 blocks of `reps` calls after a warm-up block. */
function cpuUs(fn: () => void, reps = 20): number {
  for (let i = 0; i < reps; i++) fn();
  const blocks: number[] = [];
  for (let b = 0; b < 9; b++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < reps; i++) fn();
    const d = process.cpuUsage(t0);
    blocks.push((d.user + d.system) / reps);
  }
  return blocks.sort((a, b) => a - b)[4]!;
}

async function parts(model: BenchModel, prefer: 'native' | 'relaxed'): Promise<{ name: string; parts: Record<string, number> }> {
  // threads: 2 puts every array in the shared memory the replicas use (no thread runs here).
  const kernels: Kernels = await loadKernels({ prefer, threads: 2 });
  const config = benchConfig(model);
  const net = buildModel(config.model, kernels, 1);
  const params = net.params();
  const optimizer = createOptimizer(config.optimizer, params, kernels);
  const loss = new SoftmaxCrossEntropy(kernels);
  const [c, h, w] = config.model.input;
  const size = c * h * w;
  const n = 2048;
  const ds: Dataset = {
    images: new Float32Array(n * size).map((_, i) => ((i * 2654435761) % 1000) / 1000),
    labels: new Uint8Array(n).map((_, i) => (i * 7) % 10),
    n,
    shape: [c, h, w],
    classes: 10,
    normalisation: { mean: 0, std: 1 },
  };
  const batcher = new Batcher(ds, { batchSize: 128, seed: 1 });
  const labels = kernels.allocInt32(32);
  const buffers = { x: kernels.alloc(128 * size), y: new Uint8Array(labels.buffer, labels.byteOffset, 128) };
  batcher.next(buffers);
  const x = (rows: number) => new Tensor([rows, c, h, w], buffers.x.subarray(0, rows * size));
  const [x128, x64] = [x(128), x(64)];
  const fb = (t: Tensor) => () => {
    loss.forwardBackward(net.forward(t, true), buffers.y.subarray(0, t.shape[0]), 128);
    net.backward(loss.grad);
  };
  const other = params.map((p) => kernels.alloc(p.grad.length));
  const l2 = config.l2 > 0 ? config.l2 : 1e-4; // the CNN bench runs without L2; timed anyway, for configs that use it
  return {
    name: kernels.name,
    parts: {
      batch: cpuUs(() => {
        if (batcher.next(buffers) === 0) batcher.beginEpoch(0);
      }),
      'fwd+bwd 128': cpuUs(fb(x128), 10),
      'fwd+bwd 64': cpuUs(fb(x64), 10),
      'l2 penalty': config.l2 > 0 ? cpuUs(() => l2Penalty(params, l2, kernels)) : 0,
      'l2 grad': config.l2 > 0 ? cpuUs(() => addL2Grad(params, l2, kernels)) : 0,
      optimizer: cpuUs(() => optimizer.step(1e-9)),
      'grad sum (2 replicas)': cpuUs(() =>
        params.forEach((p, i) => {
          kernels.axpy(1, other[i]!, p.grad);
          other[i]!.set(p.grad);
        }),
      ),
    },
  };
}

async function main(): Promise<void> {
  process.stdout.write('CPU µs per step (process.cpuUsage, medians), shared memory, batch 128\n');
  for (const model of opts.models!.split(',') as BenchModel[]) {
    for (const prefer of opts.kernels!.split(',') as ('native' | 'relaxed')[]) {
      try {
        const { name, parts: p } = await parts(model, prefer);
        const update = p['l2 grad']! + p.optimizer! + p['grad sum (2 replicas)']!;
        const one = p.batch! + p['fwd+bwd 128']! + p['l2 penalty']! + p['l2 grad']! + p.optimizer!;
        // Before: the batch copy and L2 penalty on thread 0, half the gradient sum on each, the whole update on each.
        const serialBefore = p.batch! + p['l2 penalty']! + p['l2 grad']! + p.optimizer!;
        const before = serialBefore + p['fwd+bwd 64']! + p['grad sum (2 replicas)']! / 2;
        // Now: the batch copy on thread 0; the L2 penalty, gradient sum, L2 gradient and optimizer step split by slices.
        const serial = p.batch!;
        const two = serial + p['fwd+bwd 64']! + (update + p['l2 penalty']!) / 2;
        const line = (name: string, t: number, s: number) =>
          `${name}: 2 threads ${t.toFixed(0)} µs per thread, serial ${s.toFixed(0)} (${((100 * s) / t).toFixed(0)} %), bound ${(one / t).toFixed(2)}×`;
        process.stdout.write(
          `${model} ${name.padEnd(20)} ${Object.entries(p)
            .map(([k, v]) => `${k} ${v.toFixed(0)}`)
            .join(
              '  ',
            )}\n   1 thread ${one.toFixed(0)} µs; ${line('whole update on every thread', before, serialBefore)}; ${line('update split', two, serial)}\n`,
        );
      } catch (e) {
        process.stderr.write(`${model} ${prefer} skipped: ${(e as Error).message}\n`);
      }
    }
  }
  process.exit(0);
}

void main();
