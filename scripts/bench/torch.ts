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

export function runTorch(model: BenchModel, threads: number, limit?: number): TorchFigures & { torch_version: string } {
  const script = path.join(__dirname, 'torch_bench.py');
  // With 2+ threads OpenMP's busy-waiting swings PyTorch's times 4x on a shared machine: wait passively.
  const args = [
    script,
    '--model',
    model,
    '--threads',
    String(threads),
    ...(threads > 1 ? ['--omp-wait', 'passive'] : []),
    ...(limit ? ['--limit', String(limit)] : []),
  ];
  const coretype = openblasCoretype();
  const env = { ...process.env, ...(coretype ? { OPENBLAS_CORETYPE: coretype } : {}) };
  const out = spawnSync(PYTHON, args, { env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`torch_bench.py failed: ${out.stderr.trim().split('\n').at(-1)}`);
  const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  return { ...(result[model] as TorchFigures), torch_version: String(result.torch_version) };
}
