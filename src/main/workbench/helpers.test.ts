// The service's small parts: the event hub, the LRU cache, the best epoch, file-name slugs.
import { describe, expect, it, vi } from 'vitest';
import type { EpochRecord } from '../../shared/api-types';
import { figureStem, slug } from '../../shared/figure-names';
import { EventHub } from './event-hub';
import { Lru } from './lru';
import { bestEpoch, datasetTitle } from './run-views';

describe('EventHub', () => {
  it('delivers to every subscriber, survives a throwing one, and stops after unsubscribe', () => {
    const errors: unknown[] = [];
    const hub = new EventHub((e) => errors.push(e));
    const got: string[] = [];
    hub.subscribe(() => {
      throw new Error('bad listener');
    });
    const off = hub.subscribe((e) => got.push(e.event));
    hub.emit({ event: 'runDeleted', payload: { id: 1 } });
    off();
    hub.emit({ event: 'runDeleted', payload: { id: 2 } });
    expect(got).toEqual(['runDeleted']);
    expect(errors).toHaveLength(2);
  });

  it('builds a lazy event only when someone listens', () => {
    const hub = new EventHub();
    const build = vi.fn(() => ({ event: 'runDeleted' as const, payload: { id: 1 } }));
    hub.emit(build);
    expect(build).not.toHaveBeenCalled();
  });
});

describe('Lru', () => {
  it('evicts the least recently used and forgets rejected promises', async () => {
    const lru = new Lru<string, number>(2);
    lru.get('a', () => 1);
    lru.get('b', () => 2);
    lru.get('a', () => 99);
    lru.get('c', () => 3);
    expect(lru.get('a', () => 99)).toBe(1);
    expect(lru.get('b', () => 20)).toBe(20);
    const failing = new Lru<string, Promise<number>>(2);
    await expect(failing.get('x', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await new Promise((r) => setTimeout(r, 0));
    expect(await failing.get('x', () => Promise.resolve(5))).toBe(5);
  });
});

const epoch = (e: number, testAccuracy: number, valAccuracy: number | null = null): EpochRecord => ({
  epoch: e,
  step: e,
  trainLoss: 1,
  trainPassLoss: 0.9,
  trainPassAccuracy: null,
  trainAccuracy: 0.5,
  testLoss: 1,
  testAccuracy,
  valLoss: null,
  valAccuracy,
  lr: 0.1,
  trainSeconds: 1,
  evalSeconds: 0,
  samplesPerSecond: 1,
  elapsedSeconds: 1,
});

describe('bestEpoch', () => {
  it('ranks by validation accuracy when there is one, else test accuracy; ties keep the earlier', () => {
    expect(bestEpoch([epoch(0, 0.9, 0.8), epoch(1, 0.95, 0.7)])?.epoch).toBe(0);
    expect(bestEpoch([epoch(0, 0.9), epoch(1, 0.95), epoch(2, 0.95)])?.epoch).toBe(1);
    expect(bestEpoch([epoch(0, NaN)])).toBeNull();
    expect(bestEpoch([])).toBeNull();
  });
});

describe('names', () => {
  it('titles datasets and slugs file names', () => {
    expect(datasetTitle({ name: 'fashion-mnist' })).toBe('Fashion-MNIST');
    expect(datasetTitle({ name: 'folder', path: '/d' })).toBe('folder /d');
    expect(slug('Run 3: lr=0.1 (fork)')).toBe('run-3-lr-0-1-fork');
    expect(slug('***')).toBe('run');
  });

  it('names every figure one way: run, name, what, epoch', () => {
    expect(figureStem([{ id: 12, name: 'MLP 32 (fork)' }], 'Loss')).toBe('run-12-mlp-32-fork-loss');
    expect(figureStem([{ id: 12, name: 'x' }], 'first-layer-weights', 2)).toBe('run-12-x-first-layer-weights-epoch-3');
    expect(
      figureStem(
        [
          { id: 1, name: 'a' },
          { id: 2, name: 'b' },
        ],
        'accuracy',
      ),
    ).toBe('runs-1-2-accuracy');
  });
});
