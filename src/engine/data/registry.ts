// Datasets by name: which four IDX files make each one, and what its classes are called. No I/O here.
import { ConfigError } from '../errors';

export type DatasetName = 'mnist' | 'fashion-mnist' | 'folder';
export const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'fashion-mnist', 'folder'];

/** The four roles, in the order they are hashed and reported. */
export type IdxRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
export const IDX_ROLES: readonly IdxRole[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

/** The canonical (uncompressed) file name of each role. */
export const IDX_BASE_NAMES: Readonly<Record<IdxRole, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

export interface DatasetInfo {
  readonly name: DatasetName;
  readonly title: string;
  /** For each role, the file names to look for, best first (the first that exists wins). */
  readonly files: Readonly<Record<IdxRole, readonly string[]>>;
  /** Class names by label; null when the labels decide (a user folder: "0", "1", …). */
  readonly classNames: readonly string[] | null;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

// Zalando's names, in label order (fashion-mnist README).
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const;

function filesFor(variants: (base: string) => string[]): Record<IdxRole, string[]> {
  const out = {} as Record<IdxRole, string[]>;
  for (const role of IDX_ROLES) out[role] = variants(IDX_BASE_NAMES[role]);
  return out;
}

/** `train-images-idx3-ubyte` → `train-images.idx3-ubyte`, the spelling of some re-distributions. */
function dotted(base: string): string {
  return base.replace(/-(idx\d)/, '.$1');
}

export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = {
  mnist: {
    name: 'mnist',
    title: 'MNIST',
    files: filesFor((b) => [b, `${b}.gz`]),
    classNames: DIGITS,
  },
  'fashion-mnist': {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST',
    files: filesFor((b) => [`${b}.gz`, b]),
    classNames: FASHION,
  },
  folder: {
    name: 'folder',
    title: 'IDX folder',
    files: filesFor((b) => [b, `${b}.gz`, dotted(b), `${dotted(b)}.gz`]),
    classNames: null,
  },
};

/**
 * Looks a dataset up by name.
 * @throws ConfigError('dataset', …) for an unknown name, listing the known ones.
 */
export function datasetInfo(name: string): DatasetInfo {
  if (!(DATASET_NAMES as readonly string[]).includes(name)) {
    throw new ConfigError('dataset', `unknown dataset "${name}" (known: ${DATASET_NAMES.join(', ')})`);
  }
  return DATASETS[name as DatasetName];
}

/** Class names for `classes` labels when the dataset has none of its own: "0", "1", …. */
export function numberedClassNames(classes: number): string[] {
  return Array.from({ length: classes }, (_, i) => String(i));
}
