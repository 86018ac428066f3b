// What the app shows about a dataset before training on it: is it here, where, its classes and sizes.
// Only the IDX headers are read (16 bytes each, gunzipping just that much), so listing costs milliseconds.
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { DATASETS, numberedClassNames } from '../../engine/data/registry';
import type { DatasetListing } from '../../shared/api-types';
import type { DatasetRef } from '../../shared/run-config';
import { locateDataset, type DatasetDirs } from '../datasets/locate';

/** The first `n` bytes of a file, decompressed when it is gzip. */
async function headBytes(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  let magic: Buffer;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(n), 0, n, 0);
    magic = buffer.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (!(magic[0] === 0x1f && magic[1] === 0x8b)) return magic;
  const chunks: Buffer[] = [];
  let got = 0;
  const gunzip = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= n) break;
    }
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(chunks).subarray(0, n);
}

/** The dimensions an IDX header declares, or null when the bytes are not an IDX header. */
async function idxDims(file: string): Promise<number[] | null> {
  const head = await headBytes(file, 4 + 4 * 4);
  if (head.length < 4 || head[0] !== 0 || head[1] !== 0) return null;
  const rank = head[3]!;
  if (rank < 1 || rank > 4 || head.length < 4 + 4 * rank) return null;
  return Array.from({ length: rank }, (_, i) => head.readUInt32BE(4 + 4 * i));
}

/** Where `ref` stands on this machine; never throws (a problem is reported in `problem`). */
export async function describeDataset(ref: DatasetRef, dirs: DatasetDirs = {}): Promise<DatasetListing> {
  const info = DATASETS[ref.name];
  const title = ref.name === 'folder' ? `folder ${ref.path}` : info.title;
  const base = { name: ref.name, title, classNames: info.classNames ?? [], shape: null, trainSize: null, testSize: null };
  let located;
  try {
    located = await locateDataset(ref, dirs);
  } catch (err) {
    return { ...base, available: false, problem: (err as Error).message, location: null };
  }
  const [trainImages, testImages, trainLabels] = await Promise.all(
    [located.files.trainImages, located.files.testImages, located.files.trainLabels].map((f) => idxDims(f).catch(() => null)),
  );
  if (!trainImages || !testImages || !trainLabels) {
    const problem = `${located.dir}: not readable as IDX files (a header is missing or corrupt)`;
    return { ...base, available: false, problem, location: located.dir };
  }
  const shape: [number, number, number] =
    trainImages.length === 4 ? [trainImages[1]!, trainImages[2]!, trainImages[3]!] : [1, trainImages[1] ?? 1, trainImages[2] ?? 1];
  return {
    ...base,
    // A folder names no classes; MNIST-like folders nearly always hold ten, and training finds the true count.
    classNames: info.classNames ?? numberedClassNames(10),
    available: true,
    problem: null,
    location: located.dir,
    shape,
    trainSize: trainImages[0]!,
    testSize: testImages[0]!,
  };
}

/** Class names of a dataset's labels: its own names, else "0", "1", … for `classes` labels. */
export function classNamesFor(ref: DatasetRef, classes: number): string[] {
  const own = DATASETS[ref.name].classNames;
  return own && own.length === classes ? [...own] : numberedClassNames(classes);
}
