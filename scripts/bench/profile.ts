// Where a training epoch's time goes: per kernel op (and who serves it) and per layer (forward, backward).
// A benchmark aid, not a test: it wraps the kernels and the layers of one run with timers (training
// steps only: work done inside an evaluation forward is not counted).
import type { KernelName, Kernels } from '../../src/engine/kernels/kernels';
import { KERNEL_NAMES } from '../../src/engine/kernels/registry';
import type { Sequential } from '../../src/engine/models/sequential';
import type { RunConfig } from '../../src/shared/run-config';
import { trainRun } from '../../src/main/worker/train-run';

export interface KernelTime {
  op: KernelName;
  provider: string;
  calls: number;
  ms: number;
}

export interface LayerTime {
  layer: string;
  forwardMs: number;
  backwardMs: number;
}

export interface EpochProfile {
  trainMs: number;
  kernels: KernelTime[];
  layers: LayerTime[];
}

/** Shared by the wrappers of one run: nested op calls and evaluation forwards are not timed. */
interface Clock {
  depth: number;
  evaluating: boolean;
}

/** `kernels` with every op timed into `times`. */
function timedKernels(kernels: Kernels, times: Map<KernelName, KernelTime>, clock: Clock): Kernels {
  const timed: Record<string, unknown> = { ...kernels };
  for (const op of KERNEL_NAMES) {
    const fn = kernels[op] as (...args: unknown[]) => unknown;
    const entry: KernelTime = { op, provider: kernels.providers[op], calls: 0, ms: 0 };
    times.set(op, entry);
    timed[op] = (...args: unknown[]) => {
      if (clock.depth > 0 || clock.evaluating) return fn(...args);
      clock.depth++;
      const t0 = performance.now();
      try {
        return fn(...args);
      } finally {
        entry.ms += performance.now() - t0;
        entry.calls++;
        clock.depth--;
      }
    };
  }
  return timed as unknown as Kernels;
}

/** Wraps each layer's forward and backward with timers (own properties shadow the class methods). */
function timeLayers(model: Sequential, clock: Clock): LayerTime[] {
  return model.layers.map((layer, i) => {
    const entry: LayerTime = { layer: `${i} ${layer.type}`, forwardMs: 0, backwardMs: 0 };
    const forward = layer.forward.bind(layer);
    const backward = layer.backward.bind(layer);
    layer.forward = (x, training) => {
      clock.evaluating = !training;
      const t0 = performance.now();
      const y = forward(x, training);
      if (training) entry.forwardMs += performance.now() - t0;
      clock.evaluating = false;
      return y;
    };
    layer.backward = (dy) => {
      const t0 = performance.now();
      const dx = backward(dy);
      entry.backwardMs += performance.now() - t0;
      return dx;
    };
    return entry;
  });
}

/** Trains `config` (one epoch) on timed kernels and layers. */
export async function profileEpoch(config: RunConfig, kernels: Kernels): Promise<EpochProfile> {
  const times = new Map<KernelName, KernelTime>();
  const clock: Clock = { depth: 0, evaluating: false };
  let layers: LayerTime[] = [];
  const run = await trainRun(config, timedKernels(kernels, times, clock), {
    onReady: ({ model }) => {
      layers = timeLayers(model, clock);
    },
  });
  const kernelTimes = [...times.values()].filter((t) => t.calls > 0).sort((a, b) => b.ms - a.ms);
  return { trainMs: run.result.epochs[0]!.trainSeconds * 1000, kernels: kernelTimes, layers };
}

/** The two tables as text lines: kernel ops by time, then layers, each with its share of the epoch. */
export function formatProfile(title: string, p: EpochProfile): string[] {
  const pct = (ms: number) => `${((100 * ms) / p.trainMs).toFixed(1).padStart(5)} %`;
  const kernelMs = p.kernels.reduce((s, k) => s + k.ms, 0);
  const layerMs = p.layers.reduce((s, l) => s + l.forwardMs + l.backwardMs, 0);
  return [
    `${title}: ${p.trainMs.toFixed(0)} ms of training steps`,
    '  kernel op              served by            calls       ms   share',
    ...p.kernels.map((k) => `  ${k.op.padEnd(22)} ${k.provider.padEnd(18)} ${String(k.calls).padStart(7)} ${k.ms.toFixed(0).padStart(8)} ${pct(k.ms)}`),
    `  ${'(outside the kernels)'.padEnd(48)} ${(p.trainMs - kernelMs).toFixed(0).padStart(8)} ${pct(p.trainMs - kernelMs)}`,
    '  layer                  forward ms   backward ms   share',
    ...p.layers.map(
      (l) => `  ${l.layer.padEnd(22)} ${l.forwardMs.toFixed(0).padStart(10)} ${l.backwardMs.toFixed(0).padStart(13)} ${pct(l.forwardMs + l.backwardMs)}`,
    ),
    `  ${'(loss, L2, optimizer, batches)'.padEnd(47)} ${(p.trainMs - layerMs).toFixed(0).padStart(8)} ${pct(p.trainMs - layerMs)}`,
  ];
}
