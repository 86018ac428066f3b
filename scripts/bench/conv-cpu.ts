// Conv-block kernels timed in CPU time of this thread (not wall time: the machine may be shared):
// forward, dW+db, fused conv+ReLU+pool forward and dW+db, batch 128, the CNN's first layer, per backend.
// Run: node --import tsx scripts/bench/conv-cpu.ts [--reps 20]
import { parseArgs } from 'node:util';
import { convGeometry, type Kernels } from '../../src/engine/kernels/kernels';
import { loadKernels } from '../../src/main/wasm/load-kernels';

const { values: opts } = parseArgs({ options: { reps: { type: 'string', default: '15' } } });
const reps = Number(opts.reps);

/** Median CPU milliseconds (user + system, this process) of one call, over `reps` samples after a warm-up. */
function cpuMs(fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let s = 0; s < reps; s++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    samples.push((d.user + d.system) / 1000);
  }
  return samples.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

function filled(kernels: Kernels, n: number, seed: number): Float32Array {
  const out = kernels.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(i * 0.37 + seed) * Math.cos(i * 0.011);
  return out;
}

function bench(kernels: Kernels): Record<string, number> {
  const batch = 128;
  const g = convGeometry(1, 28, 28, 30, 5, 1, 0);
  const pool = { size: 2, stride: 2 };
  const xs = filled(kernels, batch * 28 * 28, 5);
  const w = filled(kernels, 30 * 25, 6);
  const b = filled(kernels, 30, 7);
  const y = kernels.alloc(batch * 30 * 576);
  const dy = filled(kernels, batch * 30 * 576, 8);
  const yPooled = kernels.alloc(batch * 30 * 144);
  const dyPooled = filled(kernels, batch * 30 * 144, 9);
  const argPooled = kernels.allocInt32(batch * 30 * 144);
  const dw = kernels.alloc(30 * 25);
  const db = kernels.alloc(30);
  kernels.conv2dReluPoolForward(g, pool, batch, xs, w, b, yPooled, argPooled);
  return {
    'conv fwd ms': cpuMs(() => kernels.conv2dForward(g, batch, xs, w, b, true, y)),
    'conv dW ms': cpuMs(() => kernels.conv2dParamGrads(g, batch, xs, dy, dw, db)),
    'block fwd ms': cpuMs(() => kernels.conv2dReluPoolForward(g, pool, batch, xs, w, b, yPooled, argPooled)),
    'block dW ms': cpuMs(() => kernels.conv2dReluPoolParamGrads(g, pool, batch, xs, dyPooled, argPooled, yPooled, dw, db)),
  };
}

async function main(): Promise<void> {
  for (const prefer of ['native', 'relaxed'] as const) {
    try {
      const kernels = await loadKernels({ prefer, maximumMiB: 512 });
      const r = bench(kernels);
      process.stdout.write(
        `${kernels.name.padEnd(22)} ${Object.entries(r)
          .map(([k, v]) => `${k} ${v.toFixed(3)}`)
          .join('  ')}\n`,
      );
    } catch (e) {
      process.stderr.write(`${prefer} skipped: ${(e as Error).message}\n`);
    }
  }
}

void main();
