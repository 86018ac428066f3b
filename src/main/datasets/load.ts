// Loads a dataset from disk: locate the four IDX files, gunzip, parse, normalise, and hash the contents.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type Dataset, datasetFromIdx, type Normalisation } from '../../engine/data/dataset';
import { type IdxArray, parseIdx } from '../../engine/data/idx';
import { IDX_ROLES, type IdxRole, numberedClassNames } from '../../engine/data/registry';
import { DatasetError } from '../../engine/errors';
import { type DatasetDirs, type DatasetRef, locateDataset } from './locate';

const gunzipAsync = promisify(gunzip);

export interface LoadOptions {
  /** Keep only the first N training / test examples (the hash still covers the whole files). */
  readonly limitTrain?: number;
  readonly limitTest?: number;
  /** Default x/255. */
  readonly normalisation?: Normalisation;
  /** Override where named datasets live. */
  readonly dirs?: DatasetDirs;
}

export interface LoadedDataset {
  readonly train: Dataset;
  readonly test: Dataset;
  /** sha256 (hex) over the four decompressed files in role order: equal data ⇒ equal hash, raw or `.gz`. */
  readonly hash: string;
  readonly classNames: readonly string[];
  readonly title: string;
  readonly dir: string;
  readonly files: Readonly<Record<IdxRole, string>>;
}

/** Reads one file, gunzipping it when it starts with the gzip magic bytes (whatever its name says). */
export async function readBytes(file: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    throw new DatasetError(file, `cannot read: ${(err as Error).message}`);
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return await gunzipAsync(raw);
    } catch (err) {
      throw new DatasetError(file, `corrupt gzip data: ${(err as Error).message}`);
    }
  }
  return raw;
}

/** sha256 (hex) of the four decompressed files in role order. */
export function hashIdxBytes(bytes: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const b of bytes) {
    // The length prefix keeps the four files' boundaries in the hash.
    hash.update(`${b.length}:`);
    hash.update(b);
  }
  return hash.digest('hex');
}

function maxLabel(labels: IdxArray): number {
  let m = 0;
  for (let i = 0; i < labels.data.length; i++) if (labels.data[i]! > m) m = labels.data[i]!;
  return m;
}

/**
 * How many classes the labels in `files` make (the largest label + 1), as loadDataset counts a folder's: only
 * the label files are read, a few kilobytes each for MNIST. @throws DatasetError for an unreadable or corrupt file.
 */
export async function countClasses(files: readonly string[]): Promise<number> {
  const labels = await Promise.all(files.map(async (file) => parseIdx(await readBytes(file), file)));
  return Math.max(...labels.map(maxLabel)) + 1;
}

/**
 * Loads the train and test sets of a dataset.
 * images: `[N, 1, 28, 28]` for the MNIST family, normalised x/255 unless `options.normalisation` says otherwise.
 * @throws DatasetError naming the folder or file that is missing, corrupt, or inconsistent.
 */
export async function loadDataset(ref: DatasetRef, options: LoadOptions = {}): Promise<LoadedDataset> {
  const located = await locateDataset(ref, options.dirs);
  const { files, info } = located;
  const bytes = await Promise.all(IDX_ROLES.map((role) => readBytes(files[role])));
  const hash = hashIdxBytes(bytes);
  const [trainImages, trainLabels, testImages, testLabels] = IDX_ROLES.map((role, i) => parseIdx(bytes[i]!, files[role])) as [
    IdxArray,
    IdxArray,
    IdxArray,
    IdxArray,
  ];
  // A user folder names no classes: the largest label seen decides how many there are.
  const classNames = info.classNames ?? numberedClassNames(Math.max(maxLabel(trainLabels), maxLabel(testLabels)) + 1);
  const common = { classes: classNames.length, normalisation: options.normalisation };
  const train = datasetFromIdx(trainImages, trainLabels, {
    ...common,
    imagesFile: files.trainImages,
    labelsFile: files.trainLabels,
    limit: options.limitTrain,
  });
  const test = datasetFromIdx(testImages, testLabels, {
    ...common,
    imagesFile: files.testImages,
    labelsFile: files.testLabels,
    limit: options.limitTest,
  });
  if (train.shape.join() !== test.shape.join()) {
    throw new DatasetError(
      files.testImages,
      `image shape ${test.shape.join('×')} differs from the training images' ${train.shape.join('×')} in ${files.trainImages}`,
    );
  }
  return { train, test, hash, classNames, title: info.title, dir: located.dir, files };
}
