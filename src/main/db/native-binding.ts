// Which better-sqlite3 binary this runtime loads: build/native/better-sqlite3/<runtime>-<abi>-<platform>-<arch>
// when built (`npm run build:native`), else the package's own build; and the one line that says what to build.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The JavaScript runtime a native module must be built for. */
export interface Runtime {
  readonly kind: 'node' | 'electron';
  readonly version: string;
  /** NODE_MODULE_VERSION: Node 20 → 115, 22 → 127, 24 → 137, Electron 45 → 150. */
  readonly abi: string;
  readonly platform: string;
  readonly arch: string;
}

/** Where the per-runtime binaries live, relative to the app's root (build/ is not committed). */
export const NATIVE_DIR = path.join('build', 'native', 'better-sqlite3');
export const BINDING_FILE = 'better_sqlite3.node';

type ProcessLike = Pick<NodeJS.Process, 'versions' | 'platform' | 'arch'>;

/** The runtime running this code: Electron (main or utility process) or plain Node. */
export function currentRuntime(proc: ProcessLike = process): Runtime {
  const { electron, node, modules } = proc.versions as NodeJS.ProcessVersions & { electron?: string };
  return electron
    ? { kind: 'electron', version: electron, abi: modules, platform: proc.platform, arch: proc.arch }
    : { kind: 'node', version: node, abi: modules, platform: proc.platform, arch: proc.arch };
}

/** `node-137-linux-x64`, `electron-150-darwin-arm64`. */
export function bindingFolderName(runtime: Runtime): string {
  return `${runtime.kind}-${runtime.abi}-${runtime.platform}-${runtime.arch}`;
}

/** The binary built for `runtime` under the app root `root` (whether or not it exists). */
export function bindingPath(root: string, runtime: Runtime): string {
  return path.join(root, NATIVE_DIR, bindingFolderName(runtime), BINDING_FILE);
}

/** "Node 24.22.3 (ABI 137, linux-x64)". */
export function describeRuntime(runtime: Runtime): string {
  const name = runtime.kind === 'electron' ? 'Electron' : 'Node';
  return `${name} ${runtime.version} (ABI ${runtime.abi}, ${runtime.platform}-${runtime.arch})`;
}

/** The command that builds the binary for `runtime` (`execPath`: the Node binary, for a Node runtime). */
export function buildCommand(runtime: Runtime, execPath: string = process.execPath): string {
  return runtime.kind === 'electron' ? 'npm run build:native -- --electron' : `npm run build:native -- --node ${execPath}`;
}

/** The nearest folder at or above `start` holding a package.json: the checkout, or the packaged app. */
export function appRootAbove(start: string, exists: (file: string) => boolean = existsSync): string | null {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (exists(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The binary to pass as better-sqlite3's `nativeBinding`, or undefined for the package's default build (what a
 * packaged app has: electron-builder rebuilds node_modules for Electron). Only the app's own folder is searched,
 * never the working directory: a native module is code.
 */
export function chooseBinding(runtime: Runtime, from: string, exists: (file: string) => boolean = existsSync): string | undefined {
  const root = appRootAbove(from, exists);
  const file = root === null ? null : bindingPath(root, runtime);
  return file !== null && exists(file) ? file : undefined;
}

/** This module's folder (CommonJS in the built app, ESM under tsx and vitest). */
function here(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

let chosen: { binding: string | undefined } | null = null;

/** better-sqlite3 options selecting this runtime's binary (looked up once per process). */
export function sqliteOptions(): { nativeBinding?: string } {
  chosen ??= { binding: chooseBinding(currentRuntime(), here()) };
  return chosen.binding === undefined ? {} : { nativeBinding: chosen.binding };
}

/** The native binary could not be loaded: built for another runtime, missing, or broken. */
export class NativeBindingError extends Error {
  constructor(
    readonly runtime: Runtime,
    readonly binding: string,
    readonly reason: string,
  ) {
    super(`better-sqlite3 cannot load ${binding} in ${describeRuntime(runtime)}: ${reason}. Build it with \`${buildCommand(runtime)}\``);
    this.name = 'NativeBindingError';
  }
}

/** Whether `err` (thrown by `new Database`) is a failure to load the native binary rather than an SQLite error. */
export function isBindingLoadError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === 'ERR_DLOPEN_FAILED' || (typeof e?.message === 'string' && /Could not locate the bindings file|NODE_MODULE_VERSION/.test(e.message));
}

/** The one-line error for a load failure: which binary, which runtime, why in a few words, and the fix. */
export function bindingLoadError(err: unknown, runtime: Runtime, binding: string | undefined): NativeBindingError {
  const message = String((err as { message?: unknown })?.message ?? err);
  const builtFor = /using\s+NODE_MODULE_VERSION (\d+)/.exec(message)?.[1];
  const reason = builtFor
    ? `it was built for ABI ${builtFor}`
    : /Could not locate the bindings file/.test(message)
      ? 'the package has no build for it'
      : (message.split('\n')[0] ?? message).replace(/^.*?: /, '');
  return Object.assign(new NativeBindingError(runtime, binding ?? 'the default build of node_modules/better-sqlite3', reason), { cause: err });
}
