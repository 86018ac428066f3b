// How long a waiting replica spins before it sleeps, from how busy the machine is as a run starts.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { DEFAULT_SPINS } from '../../engine/parallel';

/** Spins when a core is free for every thread of the run: about a millisecond of checks. */
export const LONG_SPINS = 100_000;

/**
 * Spins for a run on `threads` threads: long when the machine has a core for each (`runnable`, the threads
 * running now, counts the caller), else short, as a spinner would take the core the replica it waits for needs.
 * Waking a sleeper costs tens of microseconds, so short spins leave a small step waiting on every sync point.
 */
export function spinsFor(threads: number, runnable = runnableThreads(), cores = availableParallelism()): number {
  return runnable <= cores - threads + 1 ? LONG_SPINS : DEFAULT_SPINS;
}

/**
 * Threads running or ready to run, the caller included: the fewest of `reads` reads of /proc/loadavg's running
 * count a millisecond apart (Linux), else the last minute's load average. The running count is of this instant:
 * a run that just finished, such as the previous one of a grid, does not weigh on it for a minute as on the
 * load average.
 */
export function runnableThreads(reads = 5): number {
  let fewest = Infinity;
  for (let i = 0; i < reads; i++) {
    if (i > 0) Atomics.wait(pause, 0, 0, 1);
    const running = readRunning();
    if (running === undefined) return Math.round(loadavg()[0]!);
    fewest = Math.min(fewest, running);
  }
  return fewest;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function readRunning(): number | undefined {
  try {
    return parseRunning(readFileSync('/proc/loadavg', 'latin1'));
  } catch {
    return undefined;
  }
}

/** The running count of a /proc/loadavg line ("0.52 0.58 0.59 2/467 12345" → 2), or undefined. */
export function parseRunning(line: string): number | undefined {
  const match = /^\S+ \S+ \S+ (\d+)\/\d+ /.exec(line);
  return match ? Number(match[1]) : undefined;
}
