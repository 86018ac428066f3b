// Runs the PyTorch side of the benchmark (scripts/bench/torch_bench.py) when Debian's python3-torch is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchModel } from './configs';

/** Debian's python3 (the one with python3-torch), not whatever python3 comes first on PATH. */
const PYTHON = '/usr/bin/python3';

export interface TorchFigures {
  seconds_per_epoch: number;
  samples_per_second: number;
  test_accuracy: number;
}

export function torchAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Debian's OpenBLAS misdetects this CPU; naming the core type is worth ~1.7x to PyTorch. */
function openblasCoretype(): string | undefined {
  const flags = readFileSync('/proc/cpuinfo', 'utf8');
  return flags.includes('avx512f') ? 'SkylakeX' : flags.includes('avx2') ? 'Haswell' : undefined;
}

/** Untimed warm-up steps on each side before the timed epoch (ours: a run of this many batches; see bench.ts). */
export const WARMUP_STEPS = 80;

/**
 * PyTorch's epoch at `threads`. With 2+ threads it runs twice, OpenMP's threads waiting actively (its default:
 * fastest on an idle machine, 0.17 against 0.37–0.50 s for the MLP here) and passively (steadier on a busy one,
 * where busy-waiting swung its times 4×), and the faster counts: ours is compared with PyTorch's best.
 */
export function runTorch(model: BenchModel, threads: number, limit?: number): TorchFigures & { torch_version: string; omp_wait?: string } {
  if (threads === 1) return runTorchOnce(model, threads, limit);
  const runs = (['active', 'passive'] as const).map((wait) => ({ ...runTorchOnce(model, threads, limit, wait), omp_wait: wait }));
  return runs.reduce((best, r) => (r.seconds_per_epoch < best.seconds_per_epoch ? r : best));
}

function runTorchOnce(model: BenchModel, threads: number, limit?: number, wait?: 'active' | 'passive'): TorchFigures & { torch_version: string } {
  const script = path.join(__dirname, 'torch_bench.py');
  const args = [
    script,
    '--model',
    model,
    '--threads',
    String(threads),
    '--warmup',
    String(WARMUP_STEPS),
    ...(wait ? ['--omp-wait', wait] : []),
    ...(limit ? ['--limit', String(limit)] : []),
  ];
  const coretype = openblasCoretype();
  const env = { ...process.env, ...(coretype ? { OPENBLAS_CORETYPE: coretype } : {}) };
  const out = spawnSync(PYTHON, args, { env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`torch_bench.py failed: ${out.stderr.trim().split('\n').at(-1)}`);
  const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  return { ...(result[model] as TorchFigures), torch_version: String(result.torch_version) };
}
