// Dataset listings from IDX headers only: the fixture folder, a missing folder, and class names.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY } from '../workbench/testing/fixtures';
import { classNamesFor, describeDataset } from './dataset-listing';

describe('describeDataset', () => {
  it('reads shape and sizes from the (gzipped) headers of a folder', async () => {
    const d = await describeDataset({ name: 'folder', path: TINY });
    expect(d).toMatchObject({ name: 'folder', available: true, problem: null, location: TINY, shape: [1, 28, 28], trainSize: 1000, testSize: 200 });
    expect(d.classNames).toHaveLength(10);
  });

  it('says what is wrong with a folder that is not there', async () => {
    const d = await describeDataset({ name: 'folder', path: '/no/such/folder' });
    expect(d.available).toBe(false);
    expect(d.problem).toMatch(/not found at \/no\/such\/folder/);
  });

  it('reports unreadable IDX headers instead of throwing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nnwb-idx-'));
    try {
      for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'])
        writeFileSync(path.join(dir, f), 'not idx');
      const d = await describeDataset({ name: 'folder', path: dir });
      expect(d).toMatchObject({ available: false, location: dir });
      expect(d.problem).toMatch(/not readable as IDX/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds Fashion-MNIST class names, numbers otherwise', () => {
    expect(classNamesFor({ name: 'fashion-mnist' }, 10)[9]).toBe('Ankle boot');
    expect(classNamesFor({ name: 'folder', path: '/x' }, 3)).toEqual(['0', '1', '2']);
  });
});
