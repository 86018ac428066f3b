// Tests for the batcher: coverage of every example once per epoch, the partial last batch, and seeded determinism.
import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError } from '../errors';
import { Batcher, epochOrder } from './batcher';
import { type Dataset, datasetFromIdx } from './dataset';
import { encodeIdxU8, parseIdx } from './idx';

/** n one-pixel-per-channel 1×1×2 examples: example i holds [i, i] (so a batch row names its source) and label i % 10. */
function numbered(n: number): Dataset {
  const imgs = parseIdx(
    encodeIdxU8(
      [n, 1, 2],
      Uint8Array.from({ length: 2 * n }, (_, k) => Math.floor(k / 2)),
    ),
    'i',
  );
  const lbls = parseIdx(
    encodeIdxU8(
      [n],
      Uint8Array.from({ length: n }, (_, i) => i % 10),
    ),
    'l',
  );
  return datasetFromIdx(imgs, lbls, { classes: 10, imagesFile: 'i', labelsFile: 'l', normalisation: { mean: 0, std: 1 / 255 } });
}

/** The source indices of every example of one epoch, batch by batch. */
function runEpoch(b: Batcher, epoch: number): number[][] {
  b.beginEpoch(epoch);
  const buf = b.allocBuffers();
  const batches: number[][] = [];
  for (let count = b.next(buf); count > 0; count = b.next(buf)) {
    const rows = Array.from({ length: count }, (_, k) => buf.x[2 * k]!);
    rows.forEach((i, k) => {
      expect(buf.x[2 * k + 1]).toBe(i);
      expect(buf.y[k]).toBe(i % 10);
    });
    batches.push(rows);
  }
  return batches;
}

describe('Batcher', () => {
  it('visits every example exactly once per epoch and keeps the partial last batch', () => {
    const b = new Batcher(numbered(23), { batchSize: 5, seed: 3 });
    expect(b.batchesPerEpoch).toBe(5);
    const batches = runEpoch(b, 0);
    expect(batches.map((x) => x.length)).toEqual([5, 5, 5, 5, 3]);
    expect(batches.flat().sort((a, c) => a - c)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('shuffles: the order is not the stored order and changes between epochs', () => {
    const b = new Batcher(numbered(50), { batchSize: 8, seed: 1 });
    const e0 = runEpoch(b, 0).flat();
    const e1 = runEpoch(b, 1).flat();
    expect(e0).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(e0).not.toEqual(e1);
    expect([...e1].sort((a, c) => a - c)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('same seed and epoch ⇒ same order, whatever came before; epochOrder reproduces it', () => {
    const a = new Batcher(numbered(40), { batchSize: 7, seed: 9 });
    const b = new Batcher(numbered(40), { batchSize: 7, seed: 9 });
    runEpoch(a, 0);
    expect(runEpoch(a, 2)).toEqual(runEpoch(b, 2));
    expect(runEpoch(b, 2).flat()).toEqual(Array.from(epochOrder(40, 9, 2)));
    const c = new Batcher(numbered(40), { batchSize: 7, seed: 10 });
    expect(runEpoch(c, 2)).not.toEqual(runEpoch(b, 2));
  });

  it('keeps stored order when shuffle is off', () => {
    const b = new Batcher(numbered(7), { batchSize: 3, seed: 1, shuffle: false });
    expect(runEpoch(b, 4)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('copies through the gatherRows it is given, with the rows of the batch in visiting order', () => {
    const calls: number[][] = [];
    const plain = new Batcher(numbered(23), { batchSize: 5, seed: 3 });
    const gathered = new Batcher(numbered(23), {
      batchSize: 5,
      seed: 3,
      gatherRows: (src, rows, size, dst) => {
        calls.push(Array.from(rows));
        rows.forEach((r, k) => dst.set(src.subarray(r * size, (r + 1) * size), k * size));
      },
    });
    const batches = runEpoch(gathered, 1);
    expect(batches).toEqual(runEpoch(plain, 1));
    expect(calls).toEqual(batches);
  });

  it('returns 0 after the epoch until the next beginEpoch, and fills caller buffers in place', () => {
    const b = new Batcher(numbered(4), { batchSize: 4, seed: 1 });
    const buf = { x: new Float32Array(8), y: new Uint8Array(4) };
    expect(b.next(buf)).toBe(4);
    const x = buf.x;
    expect(b.next(buf)).toBe(0);
    expect(buf.x).toBe(x);
    b.beginEpoch(1);
    expect(b.next(buf)).toBe(4);
  });

  it('applies augmentation deterministically when asked', () => {
    const ds = numbered(6);
    const run = (seed: number) => {
      const b = new Batcher(ds, { batchSize: 6, seed, augment: { translate: 1 } });
      const buf = b.allocBuffers();
      b.next(buf);
      return Array.from(buf.x);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('rejects a bad batch size, small buffers and a bad augment spec', () => {
    const ds = numbered(4);
    expect(() => new Batcher(ds, { batchSize: 0, seed: 1 })).toThrow(ConfigError);
    expect(() => new Batcher(ds, { batchSize: 2.5, seed: 1 })).toThrow('batchSize: must be a positive integer, got 2.5');
    const b = new Batcher(ds, { batchSize: 2, seed: 1 });
    expect(() => b.next({ x: new Float32Array(3), y: new Uint8Array(2) })).toThrow(ShapeError);
    expect(() => new Batcher(ds, { batchSize: 2, seed: 1, augment: { rotate: -5 } })).toThrow('augment.rotate');
  });
});
