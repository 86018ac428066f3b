// loadKernels: the fallback order, the missing-build message, and the relaxed module run in a fresh Node started with no flags.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNativeAddon } from '../native/native-addon';
import { findWasmDir, loadKernels, packagedWasmDir, relaxedSimdSupported } from './load-kernels';

/** Every kernels build: SIMD and relaxed SIMD, each with private and shared memory. */
const WASM_FILES = ['kernels-simd.wasm', 'kernels-relaxed.wasm', 'kernels-simd-shared.wasm', 'kernels-relaxed-shared.wasm'];

const repoRoot = path.resolve(__dirname, '../../..');

describe('loadKernels', () => {
  it('gives the reference or the plain-SIMD kernels when asked', async () => {
    expect((await loadKernels({ prefer: 'reference' })).name).toBe('reference');
    expect((await loadKernels({ prefer: 'simd', initialMiB: 4 })).name).toBe('wasm-simd');
  });

  it('picks relaxed SIMD among the wasm kernels, switching the V8 flag on at run time where needed', async () => {
    // This file's process starts without the flag (vitest does not pass it).
    const withoutFlag = relaxedSimdSupported(undefined, false);
    if (!withoutFlag) {
      expect((await loadKernels({ native: false, enableRelaxedFlag: false })).name).toBe('wasm-simd');
      await expect(loadKernels({ prefer: 'relaxed', enableRelaxedFlag: false })).rejects.toThrow(/--experimental-wasm-relaxed-simd/);
    }
    expect((await loadKernels({ native: false })).name).toBe('wasm-relaxed-simd');
    expect(relaxedSimdSupported(undefined, false)).toBe(true);
  });

  it('picks the native kernels by default where they are built', async () => {
    const addon = loadNativeAddon();
    const auto = await loadKernels({});
    if (typeof addon === 'string') {
      expect(auto.name).toBe('wasm-relaxed-simd');
      await expect(loadKernels({ prefer: 'native' })).rejects.toThrow(addon);
    } else {
      expect(auto.name).toBe(`native-${addon.isaNames().find(Boolean)}`);
      expect((await loadKernels({ prefer: 'native' })).name).toBe(auto.name);
    }
  });

  it('tells to run npm run build:wasm when the modules are missing', async () => {
    expect(() => findWasmDir('/nonexistent/wasm')).toThrow('wasm kernels not found in /nonexistent/wasm: run `npm run build:wasm`');
    await expect(loadKernels({ dir: '/nonexistent/wasm', native: false })).rejects.toThrow(/npm run build:wasm/);
  });

  it('runs the relaxed-SIMD kernels in a Node started with no flags, matching the reference', () => {
    const script = `(async () => {
      const { loadKernels } = require('./src/main/wasm/load-kernels.ts');
      const { referenceKernels } = require('./src/engine/kernels/reference/index.ts');
      const k = await loadKernels({ prefer: 'relaxed', initialMiB: 4 });
      let worst = 0;
      for (const [tA, tB, m, n, k2] of [[false, true, 37, 29, 400], [true, false, 5, 70, 9], [false, false, 64, 64, 64], [true, true, 3, 11, 17]]) {
        const a = k.alloc(m * k2), b = k.alloc(k2 * n);
        a.forEach((_, i) => { a[i] = Math.sin(i); });
        b.forEach((_, i) => { b[i] = Math.cos(i); });
        const c = k.alloc(m * n), ref = new Float32Array(m * n);
        k.gemm(tA, tB, m, n, k2, a, b, c, 0);
        referenceKernels.gemm(tA, tB, m, n, k2, a, b, ref, 0);
        for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(c[i] - ref[i]));
      }
      console.log(JSON.stringify({ name: k.name, worst }));
    })();`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--eval', script], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const result = JSON.parse(out.trim()) as { name: string; worst: number };
    expect(result.name).toBe('wasm-relaxed-simd');
    expect(result.worst).toBeLessThan(1e-3);
  });
});

describe('findWasmDir', () => {
  it('finds build/wasm of this checkout', () => {
    expect(findWasmDir()).toBe(path.join(repoRoot, 'build/wasm'));
  });

  it("takes a packaged app's <resources>/wasm first, when process.resourcesPath holds the kernels", () => {
    const resources = mkdtempSync(path.join(tmpdir(), 'nnw-resources-'));
    const proc = process as { resourcesPath?: string };
    try {
      expect(packagedWasmDir({})).toBeUndefined();
      expect(packagedWasmDir({ resourcesPath: resources })).toBe(path.join(resources, 'wasm'));
      proc.resourcesPath = resources;
      // An Electron run from the checkout (no wasm folder in its resources) still finds build/wasm.
      expect(findWasmDir()).toBe(path.join(repoRoot, 'build/wasm'));
      mkdirSync(path.join(resources, 'wasm'));
      for (const file of WASM_FILES) copyFileSync(path.join(repoRoot, 'build/wasm', file), path.join(resources, 'wasm', file));
      expect(findWasmDir()).toBe(path.join(resources, 'wasm'));
    } finally {
      delete proc.resourcesPath;
      rmSync(resources, { recursive: true, force: true });
    }
  });

  it('takes the folder from $NNWB_WASM_DIR (or its old name, NNW_WASM_DIR)', () => {
    const saved = { new: process.env.NNWB_WASM_DIR, old: process.env.NNW_WASM_DIR };
    try {
      process.env.NNWB_WASM_DIR = '/nowhere/new';
      expect(() => findWasmDir()).toThrow('wasm kernels not found in /nowhere/new');
      delete process.env.NNWB_WASM_DIR;
      process.env.NNW_WASM_DIR = '/nowhere/old';
      expect(() => findWasmDir()).toThrow('wasm kernels not found in /nowhere/old');
    } finally {
      for (const [name, value] of [
        ['NNWB_WASM_DIR', saved.new],
        ['NNW_WASM_DIR', saved.old],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
