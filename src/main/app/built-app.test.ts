// The built app (out/, from `npm run build`) as a packaged app runs it: its training-process bundle trains the fixture
// under fork with no V8 flags, finding its kernels in <resources>/wasm; its main bundles require only what ships.
import { builtinModules } from 'node:module';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfigInput } from '../../shared/run-config';
import type { WorkerMessage, WorkerMessageOf } from '../../shared/worker-protocol';
import { createForkHost } from '../runs/fork-host';
import type { TrainingProcess } from '../runs/process-host';

/** Every kernels build: SIMD and relaxed SIMD, each with private and shared memory. */
const WASM_FILES = ['kernels-simd.wasm', 'kernels-relaxed.wasm', 'kernels-simd-shared.wasm', 'kernels-relaxed-shared.wasm'];

const root = path.resolve(__dirname, '../../..');
const out = path.join(root, 'out');
const TINY = path.join(root, 'resources/fixtures/mnist-tiny');

const NATIVE_ADDON = path.join(root, 'native', 'build', 'Release', 'nnw_kernels.node');

/**
 * A packaged app's layout, from out/, build/wasm and the native addon: resources/app/{out,node_modules,package.json},
 * resources/wasm and (withNative) resources/native, as electron-builder.yml lays them out.
 */
function packagedApp(dir: string, withWasm: boolean, withNative = false) {
  const resources = path.join(dir, 'resources');
  const app = path.join(resources, 'app');
  cpSync(path.join(out, 'main'), path.join(app, 'out', 'main'), { recursive: true });
  copyFileSync(path.join(root, 'package.json'), path.join(app, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'));
  if (withWasm) {
    mkdirSync(path.join(resources, 'wasm'));
    for (const file of WASM_FILES) copyFileSync(path.join(root, 'build', 'wasm', file), path.join(resources, 'wasm', file));
  }
  if (withNative) {
    mkdirSync(path.join(resources, 'native'));
    copyFileSync(NATIVE_ADDON, path.join(resources, 'native', 'nnw_kernels.node'));
  }
  // Plays Electron's part: it sets process.resourcesPath in the process's main thread (not in worker threads).
  const shim = path.join(dir, 'electron-resources-path.cjs');
  writeFileSync(shim, `if (require('node:worker_threads').isMainThread) process.resourcesPath = ${JSON.stringify(resources)};\n`);
  return { resources, worker: path.join(app, 'out', 'main', 'worker.js'), shim };
}

interface Ended {
  messages: WorkerMessage[];
  code: number | null;
}

function untilExit(proc: TrainingProcess): Promise<Ended> {
  const messages: WorkerMessage[] = [];
  proc.onMessage((m) => messages.push(m));
  return new Promise((resolve) => proc.onExit((code) => resolve({ messages, code })));
}

const ofType = <T extends WorkerMessage['type']>(ms: WorkerMessage[], t: T) => ms.filter((m): m is WorkerMessageOf<T> => m.type === t);

/**
 * Trains 2 epochs of an MLP on the fixture in the packaged app in `dir`, with `threads` data-parallel threads: wide
 * enough (52 M multiply-adds a step) that a run gets its second thread with either backend (see threadsPay).
 */
async function trainPackaged(dir: string, threads: number, withWasm = true, withNative = false): Promise<Ended> {
  const { worker, shim } = packagedApp(dir, withWasm, withNative);
  const env = { ...process.env };
  delete env.NNW_WASM_DIR;
  delete env.NNW_NATIVE_ADDON;
  const host = createForkHost({ execArgv: ['--require', shim], cwd: dir, env });
  const proc = host.spawn(worker);
  const config: RunConfigInput = {
    dataset: { name: 'folder', path: TINY },
    model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 512 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
    optimizer: { type: 'momentum' },
    lr: 0.05,
    batchSize: 64,
    epochs: 2,
    seed: 3,
  };
  proc.send({ type: 'start', runId: `t${threads}`, threads, config });
  return untilExit(proc);
}

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nnwb-packaged-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

beforeAll(() => {
  for (const file of ['main/index.js', 'main/worker.js', 'preload/index.cjs', 'renderer/index.html']) {
    if (!existsSync(path.join(out, file))) throw new Error(`out/${file} is missing: run \`npm run build\` first`);
  }
});

describe('the built training process in a packaged layout', () => {
  it('trains with relaxed-SIMD kernels from <resources>/wasm, on 1 thread and with 2 data-parallel threads', async () => {
    const one = await trainPackaged(temp(), 1);
    const two = await trainPackaged(temp(), 2);
    for (const [{ messages, code }, kernels] of [
      [one, 'wasm-relaxed-simd'],
      [two, 'wasm-relaxed-simd-2t'],
    ] as const) {
      expect(ofType(messages, 'failed')).toEqual([]);
      expect(code).toBe(0);
      expect(ofType(messages, 'ready')[0]).toMatchObject({ kernels, dataset: { train: 1000, test: 200 } });
      expect(ofType(messages, 'done')[0]).toMatchObject({ stopReason: 'completed', steps: 32 });
    }
    // Two threads each take half of every batch and their gradients are summed: the same training, rounded
    // differently (float32 sums in another order), so the numbers agree closely but not bit for bit.
    const final = ({ messages }: Ended) => ofType(messages, 'done')[0]!.final!;
    expect(final(two).trainLoss).toBeCloseTo(final(one).trainLoss, 4);
    expect(Math.abs(final(two).test.accuracy - final(one).test.accuracy)).toBeLessThanOrEqual(0.02);
    expect(final(one).test.accuracy).toBeGreaterThan(0.5);
  });

  // Only where `npm run build:kernels-native` built the addon (it is optional: the wasm kernels serve without it).
  it.skipIf(!existsSync(NATIVE_ADDON))('trains with the native kernels from <resources>/native, on 1 thread and with 2 data-parallel threads', async () => {
    const one = await trainPackaged(temp(), 1, true, true);
    const two = await trainPackaged(temp(), 2, true, true);
    for (const [{ messages, code }, threads] of [
      [one, 1],
      [two, 2],
    ] as const) {
      expect(ofType(messages, 'failed')).toEqual([]);
      expect(code).toBe(0);
      const { kernels } = ofType(messages, 'ready')[0]!;
      expect(kernels).toMatch(threads === 1 ? /^native-(avx512|avx2|generic)$/ : /^native-(avx512|avx2|generic)-2t$/);
      expect(ofType(messages, 'done')[0]).toMatchObject({ stopReason: 'completed', steps: 32 });
    }
    expect(ofType(one.messages, 'done')[0]!.final!.test.accuracy).toBeGreaterThan(0.5);
  });

  it('looks nowhere else: without <resources>/wasm the run fails saying where it looked', async () => {
    const dir = temp();
    const { messages, code } = await trainPackaged(dir, 1, false);
    expect(code).toBe(0);
    expect(ofType(messages, 'failed')[0]?.error.message).toBe(
      `wasm kernels not found (not in ${path.join(dir, 'resources', 'wasm')} nor build/wasm above ${dir}): run \`npm run build:wasm\``,
    );
  });
});

describe('the built main bundles', () => {
  const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const bundles = () => readdirSync(path.join(out, 'main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));

  it('require only Node, Electron, files of out/ and the dependencies a packaged app ships (not devDependencies)', () => {
    const wrong: string[] = [];
    const files = bundles();
    for (const file of files) {
      const text = readFileSync(path.join(out, 'main', file), 'utf8');
      for (const [, spec] of text.matchAll(/\brequire(?:\.resolve)?\("([^"]+)"\)/g)) {
        const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
        const ok = spec!.startsWith('.')
          ? existsSync(path.resolve(path.join(out, 'main', path.dirname(file)), spec!))
          : spec!.startsWith('node:') || builtinModules.includes(spec!) || name === 'electron' || name in dependencies;
        if (!ok) wrong.push(`${file}: require("${spec}")`);
      }
    }
    expect(files).toEqual(expect.arrayContaining(['index.js', 'worker.js']));
    expect(wrong).toEqual([]);
  });

  it('are CommonJS without import.meta, which would be a syntax error there', () => {
    for (const file of bundles()) expect(readFileSync(path.join(out, 'main', file), 'utf8'), file).not.toMatch(/\bimport\.meta\b/);
  });
});
