// Tests for the dataset registry: names, file candidates and class names.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { DATASET_NAMES, datasetInfo, IDX_ROLES, numberedClassNames } from './registry';

describe('dataset registry', () => {
  it('maps mnist to the raw IDX names (then .gz)', () => {
    const mnist = datasetInfo('mnist');
    expect(mnist.files.trainImages[0]).toBe('train-images-idx3-ubyte');
    expect(mnist.files.testLabels[0]).toBe('t10k-labels-idx1-ubyte');
    expect(mnist.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('maps fashion-mnist to .gz names and Zalando class names', () => {
    const f = datasetInfo('fashion-mnist');
    expect(f.files.trainLabels[0]).toBe('train-labels-idx1-ubyte.gz');
    expect(f.classNames).toHaveLength(10);
    expect(f.classNames![0]).toBe('T-shirt/top');
    expect(f.classNames![9]).toBe('Ankle boot');
  });

  it('lets a folder hold raw, .gz or dotted names, with classes from the labels', () => {
    const folder = datasetInfo('folder');
    expect(folder.files.testImages).toEqual(['t10k-images-idx3-ubyte', 't10k-images-idx3-ubyte.gz', 't10k-images.idx3-ubyte', 't10k-images.idx3-ubyte.gz']);
    expect(folder.classNames).toBeNull();
    expect(numberedClassNames(3)).toEqual(['0', '1', '2']);
  });

  it('covers every role for every dataset', () => {
    for (const name of DATASET_NAMES) for (const role of IDX_ROLES) expect(datasetInfo(name).files[role].length).toBeGreaterThan(0);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => datasetInfo('cifar')).toThrow(ConfigError);
    expect(() => datasetInfo('cifar')).toThrow('dataset: unknown dataset "cifar" (known: mnist, fashion-mnist, folder)');
  });
});
