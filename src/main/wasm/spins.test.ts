import { describe, expect, it } from 'vitest';
import { DEFAULT_SPINS } from '../../engine/parallel';
import { LONG_SPINS, parseRunning, runnableThreads, spinsFor } from './spins';

describe('spins of a data-parallel run', () => {
  it('spins long only when a core is free for every thread of the run', () => {
    expect(spinsFor(2, 1, 2)).toBe(LONG_SPINS); // an idle 2-core machine: only the caller runs
    expect(spinsFor(2, 2, 2)).toBe(DEFAULT_SPINS); // another thread is busy: a spinner would take its core
    expect(spinsFor(2, 3, 4)).toBe(LONG_SPINS);
    expect(spinsFor(4, 2, 4)).toBe(DEFAULT_SPINS);
  });

  it('reads the running count of /proc/loadavg and nothing else', () => {
    expect(parseRunning('0.52 0.58 0.59 2/467 12345\n')).toBe(2);
    expect(parseRunning('0.00 0.01 0.05 13/1200 99')).toBe(13);
    expect(parseRunning('')).toBeUndefined();
    expect(parseRunning('0.52 0.58 0.59 x/467 1')).toBeUndefined();
  });

  it('counts at least the caller', () => {
    expect(runnableThreads(2)).toBeGreaterThanOrEqual(process.platform === 'linux' ? 1 : 0);
  });
});
