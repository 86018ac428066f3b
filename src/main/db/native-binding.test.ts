// Which better-sqlite3 binary each runtime gets, on fake folders and on real ones (a copy of the real binary, a broken one).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError } from '../cli/errors';
import {
  bindingFolderName,
  bindingLoadError,
  bindingPath,
  buildCommand,
  chooseBinding,
  currentRuntime,
  isBindingLoadError,
  NativeBindingError,
  type Runtime,
  sqliteOptions,
} from './native-binding';
import { tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-native-');
afterAll(() => temp.remove());

const node24: Runtime = { kind: 'node', version: '24.22.3', abi: '137', platform: 'linux', arch: 'x64' };
const electron45: Runtime = { kind: 'electron', version: '45.5.0', abi: '150', platform: 'linux', arch: 'x64' };

/** `exists` over a fixed set of files. */
const filesystem =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('the runtime', () => {
  it('is Electron when process.versions has electron, else Node, with its ABI, platform and arch', () => {
    const versions = { node: '24.11.1', modules: '150', electron: '45.5.0' } as unknown as NodeJS.ProcessVersions;
    expect(currentRuntime({ versions, platform: 'darwin', arch: 'arm64' })).toEqual({ ...electron45, platform: 'darwin', arch: 'arm64' });
    expect(currentRuntime()).toEqual({
      kind: 'node',
      version: process.versions.node,
      abi: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
    });
  });

  it('names its folder runtime-abi-platform-arch', () => {
    expect(bindingFolderName(node24)).toBe('node-137-linux-x64');
    expect(bindingFolderName(electron45)).toBe('electron-150-linux-x64');
    expect(bindingPath('/app', electron45)).toBe('/app/build/native/better-sqlite3/electron-150-linux-x64/better_sqlite3.node');
  });
});

describe('chooseBinding', () => {
  const built24 = '/repo/build/native/better-sqlite3/node-137-linux-x64/better_sqlite3.node';

  it("takes the binary built for this runtime under the nearest package.json's folder", () => {
    const fs = filesystem('/repo/package.json', built24);
    expect(chooseBinding(node24, '/repo/out/main/chunks', fs)).toBe(built24);
    expect(chooseBinding(node24, '/repo/src/main/db', fs)).toBe(built24);
  });

  it('falls back to the default build for another ABI, another runtime, or no build at all', () => {
    const fs = filesystem('/repo/package.json', built24);
    expect(chooseBinding({ ...node24, abi: '127', version: '22.23.5' }, '/repo/src/main/db', fs)).toBeUndefined();
    expect(chooseBinding(electron45, '/repo/out/main', fs)).toBeUndefined();
    expect(chooseBinding(node24, '/repo/out/main', filesystem('/repo/package.json'))).toBeUndefined();
  });

  it('looks only in the app that holds the code: a packaged app (its own package.json) never reaches the checkout', () => {
    const fs = filesystem('/repo/package.json', built24, '/repo/dist/linux-unpacked/resources/app.asar/package.json');
    expect(chooseBinding(node24, '/repo/dist/linux-unpacked/resources/app.asar/out/main', fs)).toBeUndefined();
    expect(chooseBinding(node24, '/', filesystem())).toBeUndefined();
  });

  it('loads a real binary from a runtime folder', () => {
    const root = temp.file('app');
    mkdirSync(path.join(root, 'out', 'main'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), '{}');
    const file = bindingPath(root, currentRuntime());
    mkdirSync(path.dirname(file), { recursive: true });
    // The binary this process loads (build:native's, or the package's own) stands in for build:native's output.
    const pkg = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    copyFileSync(sqliteOptions().nativeBinding ?? path.join(pkg, 'build', 'Release', 'better_sqlite3.node'), file);
    const chosen = chooseBinding(currentRuntime(), path.join(root, 'out', 'main'));
    expect(chosen).toBe(file);
    const db = new Database(':memory:', { nativeBinding: chosen });
    expect(db.prepare('SELECT 6 * 7').pluck().get()).toBe(42);
    db.close();
  });
});

describe('a binary that does not load', () => {
  it('is one line naming the binary, the runtime and the command that builds it', () => {
    const broken = temp.file('broken.node');
    writeFileSync(broken, 'not a shared object');
    let thrown: unknown;
    try {
      new Database(':memory:', { nativeBinding: broken });
    } catch (err) {
      thrown = err;
    }
    expect(isBindingLoadError(thrown)).toBe(true);
    const error = bindingLoadError(thrown, node24, broken);
    expect(error).toBeInstanceOf(NativeBindingError);
    expect(error.message).toMatch(
      new RegExp(
        `^better-sqlite3 cannot load ${broken} in Node 24\\.22\\.3 \\(ABI 137, linux-x64\\): .*file too short.*\\. Build it with \`npm run build:native -- --node `,
      ),
    );
    expect(error.message).not.toContain('\n');
    expect(describeError(error)).toEqual({ message: `error: ${error.message}`, code: 1 });
  });

  it("says which ABI the binary was built for, from Node's own message", () => {
    // Node 24's words, loading the Node 20 build.
    const nodeMessage =
      "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\n" +
      'NODE_MODULE_VERSION 137. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).';
    const err = Object.assign(new Error(nodeMessage), { code: 'ERR_DLOPEN_FAILED' });
    expect(bindingLoadError(err, electron45, undefined).message).toBe(
      'better-sqlite3 cannot load the default build of node_modules/better-sqlite3 in Electron 45.5.0 (ABI 150, linux-x64): ' +
        'it was built for ABI 115. Build it with `npm run build:native -- --electron`',
    );
  });

  it('is told apart from SQLite errors', () => {
    expect(isBindingLoadError(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }))).toBe(false);
    expect(isBindingLoadError(new Error('Could not locate the bindings file. Tried:\n → /x'))).toBe(true);
    expect(buildCommand(node24, '/opt/node/bin/node')).toBe('npm run build:native -- --node /opt/node/bin/node');
  });
});
