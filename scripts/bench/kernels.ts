// Kernel micro-benchmark: GFLOPS of gemm on the shapes the MLP and CNN run, plus conv/pool kernels, per backend.
// Run: node --import tsx scripts/bench/kernels.ts [--quick] [--json]
// A benchmark, not a test: numbers are from one run on one (shared, noisy) machine; compare within a run.
import { parseArgs } from 'node:util';
import { convGeometry, type Kernels } from '../../src/engine/kernels/kernels';
import { referenceKernels } from '../../src/engine/kernels/reference';
import { loadKernels } from '../../src/main/wasm/load-kernels';

interface GemmCase {
  label: string;
  tA: boolean;
  tB: boolean;
  m: number;
  n: number;
  k: number;
  /** Part of one MLP training step (batch 128): counted in the epoch estimate. */
  mlp?: boolean;
}

// Linear weights are [out, in]: forward Y = X·Wᵀ (NT), dW = dYᵀ·X (TN), dX = dY·W (NN).
const gemmCases: GemmCase[] = [
  { label: 'mlp fc1 fwd', tA: false, tB: true, m: 128, n: 128, k: 784, mlp: true },
  { label: 'mlp fc1 dW', tA: true, tB: false, m: 128, n: 784, k: 128, mlp: true },
  { label: 'mlp fc1 dX', tA: false, tB: false, m: 128, n: 784, k: 128 },
  { label: 'mlp fc2 fwd', tA: false, tB: true, m: 128, n: 64, k: 128, mlp: true },
  { label: 'mlp fc2 dW', tA: true, tB: false, m: 64, n: 128, k: 128, mlp: true },
  { label: 'mlp fc2 dX', tA: false, tB: false, m: 128, n: 128, k: 64, mlp: true },
  { label: 'mlp fc3 fwd', tA: false, tB: true, m: 128, n: 10, k: 64, mlp: true },
  { label: 'mlp fc3 dW', tA: true, tB: false, m: 10, n: 64, k: 128, mlp: true },
  { label: 'mlp fc3 dX', tA: false, tB: false, m: 128, n: 64, k: 10, mlp: true },
  { label: 'cnn fc fwd', tA: false, tB: true, m: 128, n: 100, k: 4320 },
  { label: 'cnn fc dW', tA: true, tB: false, m: 100, n: 4320, k: 128 },
  { label: 'cnn fc dX', tA: false, tB: false, m: 128, n: 4320, k: 100 },
  { label: 'conv fwd / image', tA: false, tB: false, m: 30, n: 576, k: 25 },
  { label: 'conv dW / image', tA: false, tB: true, m: 30, n: 25, k: 576 },
  { label: 'conv dcols / image', tA: true, tB: false, m: 25, n: 576, k: 30 },
  { label: 'conv fwd / batch', tA: false, tB: false, m: 30, n: 128 * 576, k: 25 },
  { label: 'square 384', tA: false, tB: false, m: 384, n: 384, k: 384 },
];

const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean' }, json: { type: 'boolean' } },
});
const targetMs = opts.quick ? 40 : 150;

/** Median milliseconds of one call of `fn`, after a warm-up that lets V8 tier the wasm up. */
function timeIt(fn: () => void, budgetMs = targetMs): number {
  const t0 = performance.now();
  let warm = 0;
  while (warm < 3 || performance.now() - t0 < budgetMs / 4) {
    fn();
    warm++;
  }
  const perCall = (performance.now() - t0) / warm;
  const reps = Math.max(1, Math.round(budgetMs / 5 / perCall));
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const start = performance.now();
    for (let r = 0; r < reps; r++) fn();
    samples.push((performance.now() - start) / reps);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

function filled(kernels: Kernels, n: number, seed: number): Float32Array {
  const out = kernels.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(i * 0.37 + seed);
  return out;
}

function benchGemm(kernels: Kernels, g: GemmCase): number {
  const a = filled(kernels, g.m * g.k, 1);
  const b = filled(kernels, g.k * g.n, 2);
  const c = kernels.alloc(g.m * g.n);
  // The reference is ~100× slower: give it a smaller budget so the run stays short.
  const budget = kernels.name === 'reference' ? targetMs / 3 : targetMs;
  return timeIt(() => kernels.gemm(g.tA, g.tB, g.m, g.n, g.k, a, b, c, 0), budget);
}

function benchConv(kernels: Kernels): Record<string, number> {
  const batch = 32;
  const g = convGeometry(1, 28, 28, 30, 5, 1, 0);
  const pool = { size: 2, stride: 2 };
  const xs = filled(kernels, batch * 28 * 28, 5);
  const w = filled(kernels, 30 * 25, 6);
  const b = filled(kernels, 30, 7);
  const y = kernels.alloc(batch * 30 * 576);
  const yPooled = kernels.alloc(batch * 30 * 144);
  const argPooled = kernels.allocInt32(batch * 30 * 144);
  const dw = kernels.alloc(30 * 25);
  const db = kernels.alloc(30);
  const x = filled(kernels, 28 * 28, 3);
  const cols = kernels.alloc(25 * 576);
  const act = filled(kernels, 30 * 24 * 24, 4);
  const pooled = kernels.alloc(30 * 12 * 12);
  const argmax = kernels.allocInt32(30 * 12 * 12);
  const dx = kernels.alloc(30 * 24 * 24);
  return {
    'im2col 1×28×28 k5 (µs)': timeIt(() => kernels.im2col(x, 1, 28, 28, 5, 5, 1, 0, cols)) * 1000,
    'col2im 1×28×28 k5 (µs)': timeIt(() => kernels.col2im(cols, 1, 28, 28, 5, 5, 1, 0, x)) * 1000,
    'maxpool fwd 30×24×24 2/2 (µs)': timeIt(() => kernels.maxPoolForward(act, 30, 24, 24, 2, 2, pooled, argmax)) * 1000,
    'maxpool bwd 30×24×24 2/2 (µs)': timeIt(() => kernels.maxPoolBackward(pooled, argmax, dx)) * 1000,
    [`conv 30@5×5 fwd, ${batch} images (µs)`]: timeIt(() => kernels.conv2dForward(g, batch, xs, w, b, true, y)) * 1000,
    [`conv dW+db, ${batch} images (µs)`]: timeIt(() => kernels.conv2dParamGrads(g, batch, xs, y, dw, db)) * 1000,
    [`conv+ReLU+pool fwd, ${batch} images (µs)`]: timeIt(() => kernels.conv2dReluPoolForward(g, pool, batch, xs, w, b, yPooled, argPooled)) * 1000,
    [`conv+ReLU+pool dW+db, ${batch} images (µs)`]:
      timeIt(() => kernels.conv2dReluPoolParamGrads(g, pool, batch, xs, yPooled, argPooled, yPooled, dw, db)) * 1000,
  };
}

interface Backend {
  label: string;
  kernels: Kernels;
}

async function main(): Promise<void> {
  const backends: Backend[] = [];
  const add = async (label: string, load: () => Promise<Kernels>) => {
    try {
      backends.push({ label, kernels: await load() });
    } catch (e) {
      process.stderr.write(`${label} skipped: ${(e as Error).message}\n`);
    }
  };
  await add('relaxed', () => loadKernels({ prefer: 'relaxed', maximumMiB: 512 }));
  await add('simd', () => loadKernels({ prefer: 'simd', maximumMiB: 512 }));
  await add('reference', async () => referenceKernels);

  const rows = gemmCases.map((g) => {
    const flops = 2 * g.m * g.n * g.k;
    const cells: Record<string, string | number> = { shape: `${g.label} ${g.tA ? 'T' : 'N'}${g.tB ? 'T' : 'N'} ${g.m}×${g.n}×${g.k}` };
    for (const { label, kernels } of backends) {
      const ms = benchGemm(kernels, g);
      cells[`${label} GFLOPS`] = +(flops / ms / 1e6).toFixed(1);
      cells[`${label} µs`] = +(ms * 1000).toFixed(1);
    }
    return { g, cells };
  });
  const conv = backends.map((b) => ({ name: b.label, ...benchConv(b.kernels) }));

  // MLP 784-128-64-10, batch 128: 469 steps of the GEMMs marked `mlp` (fc1 needs no dX).
  const epoch = backends.map(({ label }) => ({
    name: label,
    seconds: (469 * rows.filter((r) => r.g.mlp).reduce((s, r) => s + (r.cells[`${label} µs`] as number), 0)) / 1e6,
  }));

  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ gemm: rows.map((r) => r.cells), conv, mlpEpochGemmSeconds: epoch }, null, 2)}\n`);
    return;
  }
  const columns = Object.keys(rows[0]!.cells);
  const table = [columns, columns.map(() => '---'), ...rows.map((r) => columns.map((c) => String(r.cells[c])))];
  process.stdout.write(`${table.map((line) => `| ${line.join(' | ')} |`).join('\n')}\n\n`);
  for (const c of conv) process.stdout.write(`${JSON.stringify(c)}\n`);
  for (const e of epoch) process.stdout.write(`MLP epoch, GEMMs only (${e.name}): ${e.seconds.toFixed(3)} s\n`);
}

void main();
