// build:native's parts (targets, environment, failure reasons) and the script itself failing in one line.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEnv, failureReason } from './compile';
import { electronTarget, nodeTarget, TargetError } from './targets';

const root = path.resolve(__dirname, '..', '..');
const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nnwb-native-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A local port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Runs build-sqlite.ts with `args` under this Node; resolves with its exit code and output. */
async function buildNative(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const script = path.join(root, 'scripts', 'native', 'build-sqlite.ts');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('targets', () => {
  it('a Node binary: its version and ABI, and its headers from <prefix>/include/node', () => {
    const prefix = temp();
    mkdirSync(path.join(prefix, 'bin'));
    symlinkSync(process.execPath, path.join(prefix, 'bin', 'node'));
    expect(() => nodeTarget(path.join(prefix, 'bin', 'node'))).toThrow(new RegExp(`has no headers in ${prefix}/include/node`));
    mkdirSync(path.join(prefix, 'include', 'node'), { recursive: true });
    writeFileSync(path.join(prefix, 'include', 'node', 'common.gypi'), '{}');
    const target = nodeTarget(path.join(prefix, 'bin', 'node'));
    expect(target.runtime).toEqual({
      kind: 'node',
      version: process.versions.node,
      abi: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
    });
    expect(target.gypArgs).toEqual([`--nodedir=${prefix}`, `--target=${process.versions.node}`, `--arch=${process.arch}`]);
    expect(target.checkWith).toBe(path.join(prefix, 'bin', 'node'));
  });

  it('refuses what is not a Node binary', () => {
    expect(() => nodeTarget('/nonexistent/node')).toThrow(TargetError);
    const fake = path.join(temp(), 'node');
    writeFileSync(fake, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    expect(() => nodeTarget(fake)).toThrow(`${fake} did not run as Node`);
  });

  it("Electron: node_modules' version and ABI, headers from the given URL, a published binary tried first", () => {
    const target = electronTarget(root, 'http://mirror.example/headers');
    expect(target.runtime).toMatchObject({ kind: 'electron', version: '45.5.0', abi: '150' });
    expect(target.gypArgs).toContain('--dist-url=http://mirror.example/headers');
    expect(target.gypArgs).toContain('--runtime=electron');
    expect(target.prebuiltArgs).toContain('--target=45.5.0');
    expect(() => electronTarget(temp())).toThrow('the electron package is not installed (run `npm install`)');
  });
});

describe('the build environment', () => {
  it("drops npm's settings that would aim node-gyp at another runtime (.npmrc's nodedir=/usr), keeps the rest", () => {
    const env = buildEnv({ npm_config_nodedir: '/usr', npm_config_target: '20.0.0', npm_config_runtime: 'node', npm_config_proxy: 'http://p', PATH: '/bin' });
    expect(env).toEqual({ npm_config_proxy: 'http://p', PATH: '/bin' });
  });
});

describe('failureReason', () => {
  it("reads node-gyp's part of the log: network, toolchain, Python, or its first error", () => {
    const fetch = '\n$ node prebuild-install/bin.js\nprebuild-install warn install getaddrinfo ENOTFOUND github.com\n';
    const gyp = (text: string) => `${fetch}\n$ node node-gyp.js rebuild\n${text}`;
    expect(
      failureReason(
        gyp(
          'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and\ngyp ERR! stack is related to network connectivity.',
        ),
        'https://h',
      ),
    ).toBe('its headers could not be downloaded from https://h (no network?)');
    expect(failureReason(gyp('gyp ERR! stack Error: not found: make'), 'https://h')).toMatch(/^there is no C\+\+ toolchain/);
    expect(failureReason(gyp('gyp ERR! find Python Could not find any Python installation to use'), 'https://h')).toBe(
      'node-gyp needs Python 3 (install python3)',
    );
    expect(failureReason(gyp('../src/better_sqlite3.cpp:1:10: error: no such file\ngyp ERR! build error'), 'https://h')).toBe(
      '../src/better_sqlite3.cpp:1:10: error: no such file',
    );
  });
});

describe('npm run build:native', () => {
  it('fails in one line, naming the runtime and the reason, where Electron headers cannot be had', async () => {
    const out = temp();
    const url = `http://127.0.0.1:${await closedPort()}`;
    // HOME: an empty node-gyp header cache, so the headers must be downloaded (and the download is refused).
    const result = await buildNative(['--electron', '--from-source', '--headers-url', url, '--out', out], { ...process.env, HOME: temp() });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `could not build better-sqlite3 for Electron 45.5.0 (ABI 150, ${process.platform}-${process.arch}): its headers could not be downloaded from ${url} (no network?) (log: ${result.stderr.match(/log: (.*)\)/)?.[1]})`,
    ]);
    expect(readdirSync(out)).toEqual([]);
    const log = result.stderr.match(/log: (.*)\)/)![1]!;
    expect(readdirSync(path.dirname(log))).toEqual(['build.log']);
    dirs.push(path.dirname(log));
    expect(result.stdout).toMatch(/^building better-sqlite3 \d+\.\d+\.\d+ for Electron 45\.5\.0/);
  });

  it('refuses a missing Node binary and unknown options in one line', async () => {
    expect(await buildNative(['--node', '/nonexistent/node'])).toMatchObject({ code: 1, stderr: 'no Node binary at /nonexistent/node\n' });
    expect(await buildNative(['--bogus'])).toMatchObject({ code: 1, stderr: "Unknown option '--bogus' (see npm run build:native -- --help)\n" });
  });
});
