// A dataset's content hash without loading it for training: what the app puts on a remote job and what a worker
// checks its own copy against. Remembered per file (path, size, mtime), so a grid of 200 cells hashes once.
import { stat } from 'node:fs/promises';
import { IDX_ROLES } from '../../engine/data/registry';
import { hashIdxBytes, readBytes } from './load';
import { type DatasetDirs, type DatasetRef, locateDataset } from './locate';

export interface DatasetIdentity {
  readonly title: string;
  readonly dir: string;
  /** The same sha256 as loadDataset's `hash`. */
  readonly hash: string;
}

const memo = new Map<string, Promise<string>>();

/** @throws DatasetError naming the dataset folder or file that is missing or unreadable. */
export async function datasetIdentity(ref: DatasetRef, dirs: DatasetDirs = {}): Promise<DatasetIdentity> {
  const { files, info, dir } = await locateDataset(ref, dirs);
  const paths = IDX_ROLES.map((role) => files[role]);
  const stamps = await Promise.all(
    paths.map(async (p) => {
      const s = await stat(p);
      return `${p}:${s.size}:${s.mtimeMs}`;
    }),
  );
  const key = stamps.join('|');
  let hash = memo.get(key);
  if (!hash) {
    hash = Promise.all(paths.map(readBytes)).then(hashIdxBytes);
    memo.set(key, hash);
    hash.catch(() => memo.delete(key));
  }
  return { title: info.title, dir, hash: await hash };
}
