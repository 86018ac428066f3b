// Where the workbench keeps its data: --data-dir, else $NNWB_DATA_DIR, else the platform's per-user data folder.
import { homedir } from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'NNWB_DATA_DIR';
export const DATABASE_FILE_NAME = 'workbench.sqlite';
const APP_FOLDER = 'nn-workbench';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The data folder when no --data-dir is given: $NNWB_DATA_DIR, else
 * Linux `$XDG_DATA_HOME/nn-workbench` (default `~/.local/share/nn-workbench`),
 * macOS `~/Library/Application Support/nn-workbench`, Windows `%APPDATA%\nn-workbench`.
 */
export function defaultDataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  // Build with the target platform's path flavour so the result is right whatever the host is (and testable).
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'win32') return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', APP_FOLDER);
  // XDG says a relative $XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.local', 'share'), APP_FOLDER);
}

/** The data folder for a `--data-dir` flag (relative to `cwd`) or, without one, {@link defaultDataDir}. */
export function resolveDataDir(flag?: string, env: Env = process.env, cwd: string = process.cwd()): string {
  return flag ? path.resolve(cwd, flag) : defaultDataDir(env);
}

/**
 * The data folder of the desktop app, by the CLI's rule, from the app's command line: `--data-dir=<path>` or
 * `--data-dir <path>` anywhere in it (Electron puts its own arguments first), else {@link defaultDataDir}.
 */
export function dataDirFromArgv(argv: readonly string[], env: Env = process.env, cwd: string = process.cwd()): string {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  const flag = i < 0 ? undefined : argv[i]!.startsWith('--data-dir=') ? argv[i]!.slice('--data-dir='.length) : argv[i + 1];
  return resolveDataDir(flag, env, cwd);
}

/** `<dataDir>/workbench.sqlite`. */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}
