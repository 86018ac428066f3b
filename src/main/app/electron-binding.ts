// The desktop app's better-sqlite3 binary: which Electron (version, ABI) node_modules holds, whether its binary is
// built, and on `npm start` building it once (scripts/native/build-sqlite.ts) or saying in one line why it cannot.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindingPath, describeRuntime, type Runtime } from '../db/native-binding';

/** The folder of the electron package the app at `root` uses; throws a one-line error when it is not installed. */
export function electronPackageDir(root: string): string {
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    throw new Error('the electron package is not installed (run `npm install`)');
  }
}

/** The Electron in `electronDir` (node_modules/electron): its version from package.json, its ABI from abi_version. */
export function electronRuntime(electronDir: string, platform: string = process.platform, arch: string = process.arch): Runtime {
  const { version } = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as { version: string };
  const abi = readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
  if (!/^\d+$/.test(abi)) throw new Error(`${path.join(electronDir, 'abi_version')} does not hold an ABI number: ${JSON.stringify(abi)}`);
  return { kind: 'electron', version, abi, platform, arch };
}

export type BindingPlan =
  { readonly action: 'ready'; readonly binding: string } | { readonly action: 'build'; readonly binding: string; readonly runtime: Runtime };

/** Ready when `root` already holds the binary for `runtime`, else build it. */
export function electronBindingPlan(root: string, runtime: Runtime, exists: (file: string) => boolean = existsSync): BindingPlan {
  const binding = bindingPath(root, runtime);
  return exists(binding) ? { action: 'ready', binding } : { action: 'build', binding, runtime };
}

/** Runs the build script with `args` in `root`; resolves with its exit code and the last line it wrote to stderr. */
export type BuildRunner = (root: string, args: readonly string[]) => Promise<{ code: number; lastLine: string }>;

/** The real runner: `node --import tsx scripts/native/build-sqlite.ts …`, its stdout shown, its stderr kept. */
export const runBuildScript: BuildRunner = (root, args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'native', 'build-sqlite.ts'), ...args], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4096)));
    const lastLine = () => stderr.trim().split('\n').at(-1) ?? '';
    child.on('error', (err) => resolve({ code: 1, lastLine: `could not run the build script: ${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, lastLine: lastLine() }));
  });

/**
 * Makes sure the app's Electron has its better-sqlite3 binary, building it when missing.
 * Resolves null when it is there, else the one line saying why it is not.
 */
export async function ensureElectronBinding(
  root: string,
  runtime: Runtime,
  print: (line: string) => void,
  run: BuildRunner = runBuildScript,
): Promise<string | null> {
  const plan = electronBindingPlan(root, runtime);
  if (plan.action === 'ready') return null;
  print(`NN Workbench: building better-sqlite3 for ${describeRuntime(runtime)}, once (a few minutes)…`);
  const { code, lastLine } = await run(root, ['--electron']);
  if (code === 0 && existsSync(plan.binding)) return null;
  return lastLine || `building better-sqlite3 for ${describeRuntime(runtime)} failed (exit code ${code})`;
}
