// npm start's decisions about the Electron binary of better-sqlite3: which Electron, when to build, what it says.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../db/native-binding';
import { type BuildRunner, electronBindingPlan, electronRuntime, ensureElectronBinding } from './electron-binding';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nnwb-ebind-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const electron45: Runtime = { kind: 'electron', version: '45.5.0', abi: '150', platform: 'linux', arch: 'x64' };
const binaryIn = (root: string) => path.join(root, 'build/native/better-sqlite3/electron-150-linux-x64/better_sqlite3.node');

describe('electronRuntime', () => {
  it("reads node_modules' Electron: 45.5.0, ABI 150 (its abi_version file)", () => {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    expect(electronRuntime(dir, 'linux', 'x64')).toEqual(electron45);
  });

  it('refuses an abi_version that is not a number', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'package.json'), '{"version":"45.5.0"}');
    writeFileSync(path.join(dir, 'abi_version'), 'v150\n');
    expect(() => electronRuntime(dir)).toThrow(/abi_version does not hold an ABI number: "v150"/);
  });
});

describe('electronBindingPlan', () => {
  it('is ready when the binary is built, and builds it otherwise', () => {
    const built = binaryIn('/repo');
    expect(electronBindingPlan('/repo', electron45, (f) => f === built)).toEqual({ action: 'ready', binding: built });
    expect(electronBindingPlan('/repo', electron45, () => false)).toEqual({ action: 'build', binding: built, runtime: electron45 });
    expect(electronBindingPlan('/repo', { ...electron45, abi: '151' }, (f) => f === built)).toMatchObject({ action: 'build' });
  });
});

describe('ensureElectronBinding', () => {
  /** A runner that records its calls and, when `builds`, writes the binary as the real script would. */
  function runner(builds: boolean, lastLine = ''): BuildRunner & { calls: string[][] } {
    const calls: string[][] = [];
    const run = async (root: string, args: readonly string[]) => {
      calls.push([root, ...args]);
      if (builds) {
        mkdirSync(path.dirname(binaryIn(root)), { recursive: true });
        writeFileSync(binaryIn(root), 'binary');
      }
      return { code: builds ? 0 : 1, lastLine };
    };
    return Object.assign(run, { calls });
  }

  it('does nothing when the binary is there', async () => {
    const root = temp();
    mkdirSync(path.dirname(binaryIn(root)), { recursive: true });
    writeFileSync(binaryIn(root), 'binary');
    const run = runner(true);
    expect(await ensureElectronBinding(root, electron45, () => {}, run)).toBeNull();
    expect(run.calls).toEqual([]);
  });

  it('builds it once when missing, saying so first', async () => {
    const root = temp();
    const lines: string[] = [];
    const run = runner(true);
    expect(await ensureElectronBinding(root, electron45, (l) => lines.push(l), run)).toBeNull();
    expect(run.calls).toEqual([[root, '--electron']]);
    expect(lines).toEqual(['NN Workbench: building better-sqlite3 for Electron 45.5.0 (ABI 150, linux-x64), once (a few minutes)…']);
    expect(await ensureElectronBinding(root, electron45, (l) => lines.push(l), run)).toBeNull();
    expect(run.calls).toHaveLength(1);
  });

  it("gives the build's last line as the reason when it fails, or a line of its own", async () => {
    const reason = 'could not build better-sqlite3 for Electron 45.5.0 (ABI 150, linux-x64): its headers could not be downloaded';
    expect(await ensureElectronBinding(temp(), electron45, () => {}, runner(false, reason))).toBe(reason);
    expect(await ensureElectronBinding(temp(), electron45, () => {}, runner(false))).toBe(
      'building better-sqlite3 for Electron 45.5.0 (ABI 150, linux-x64) failed (exit code 1)',
    );
  });
});
