// worker_threads helpers for the wasm gemm: each instantiates the kernels module over the shared memory and
// claims parts of a split gemm through Atomics on a shared control block (a hand-off costs microseconds).
import { Worker } from 'node:worker_threads';
import type { ParallelGemm, WasmMemory, WasmModule } from '../../engine/kernels/wasm';

// Control block (Int32 slots; the hot words sit on separate 64-byte lines).
const GEN = 0; // job generation, bumped to wake the helpers
const QUIT = 1;
const CLAIM = 16; // generation << 12 | part count << 6 | next part index
const DONE = 32; // parts finished in this generation
const WORKSPACES = 48; // one workspace pointer per helper
const ARGS = 64; // 12 gemm arguments per part
const MAX_PARTS = 63;
const MAX_HELPERS = 16;
const SLOTS = ARGS + 12 * MAX_PARTS;
/** Spin iterations (roughly 0.1 ms) before sleeping on the futex: during training the next gemm is near. */
const SPINS = 20000;

// Plain CommonJS so the worker runs the same under tsx, vitest and a bundle (no TypeScript loader needed).
// The claim loop is the same as in run() below.
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, control, index, spins } = workerData;
const ctl = new Int32Array(control);
WebAssembly.instantiate(module, { env: { memory } }).then((instance) => {
  const gemm = instance.exports.gemm;
  parentPort.postMessage('ready');
  let seen = Atomics.load(ctl, ${GEN});
  for (;;) {
    for (let i = 0; i < spins && Atomics.load(ctl, ${GEN}) === seen; i++);
    Atomics.wait(ctl, ${GEN}, seen);
    if (Atomics.load(ctl, ${QUIT})) break;
    const gen = Atomics.load(ctl, ${GEN});
    if (gen === seen) continue;
    seen = gen;
    for (;;) {
      const v = Atomics.load(ctl, ${CLAIM});
      const count = (v >>> 6) & 63, part = v & 63;
      if (v >>> 12 !== gen || part >= count) break;
      if (Atomics.compareExchange(ctl, ${CLAIM}, v, v + 1) !== v) continue;
      const a = ${ARGS} + 12 * part;
      gemm(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7], ctl[a + 8], ctl[a + 9], ctl[a + 10], ctl[a + 11], ctl[${WORKSPACES} + index]);
      if (Atomics.add(ctl, ${DONE}, 1) + 1 === count) Atomics.notify(ctl, ${DONE});
    }
  }
}, (err) => parentPort.postMessage({ error: String(err) }));
`;

export interface GemmThreads extends ParallelGemm {
  /** Stops the helper threads; gemm must not be called on kernels using them afterwards. */
  close(): Promise<void>;
}

/** Starts `helpers` worker threads running `module` over `memory`; resolves when all are ready. */
export async function startGemmThreads(module: WasmModule, memory: WasmMemory, helpers: number): Promise<GemmThreads> {
  if (!(Number.isInteger(helpers) && helpers >= 1 && helpers <= MAX_HELPERS)) {
    throw new Error(`gemm threads: helpers must be an integer from 1 to ${MAX_HELPERS}, got ${helpers}`);
  }
  const ctl = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  const workerData = (index: number) => ({ module, memory, control: ctl.buffer, index, spins: SPINS });
  const workers = Array.from({ length: helpers }, (_, index) => new Worker(workerSource, { eval: true, workerData: workerData(index) }));
  try {
    await Promise.all(workers.map(ready));
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  for (const w of workers) w.unref();
  let gen = 0;

  /** Claims the next part of generation `g`, or returns −1 when none is left. */
  function claim(g: number): number {
    for (;;) {
      const v = Atomics.load(ctl, CLAIM);
      if (v >>> 12 !== g || (v & 63) >= ((v >>> 6) & 63)) return -1;
      if (Atomics.compareExchange(ctl, CLAIM, v, v + 1) === v) return v & 63;
    }
  }

  return {
    helpers,
    run(parts, workspaces, runHere) {
      const count = parts.length;
      if (count > MAX_PARTS) throw new Error(`gemm threads: at most ${MAX_PARTS} parts, got ${count}`);
      // NOTE: the generation is part of the claim word, so a helper still busy with an old job can never
      // claim (and run twice) a part of this one.
      gen = (gen + 1) & 0x7ffff;
      for (let h = 0; h < helpers; h++) ctl[WORKSPACES + h] = workspaces[h]!;
      parts.forEach((part, i) => ctl.set(part, ARGS + 12 * i));
      Atomics.store(ctl, DONE, 0);
      Atomics.store(ctl, CLAIM, (gen << 12) | (count << 6));
      Atomics.store(ctl, GEN, gen);
      Atomics.notify(ctl, GEN);
      for (let i = claim(gen); i >= 0; i = claim(gen)) {
        runHere(parts[i]!);
        Atomics.add(ctl, DONE, 1);
      }
      for (let i = 0; i < SPINS && Atomics.load(ctl, DONE) !== count; i++);
      for (let done = Atomics.load(ctl, DONE); done !== count; done = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, done);
    },
    async close() {
      Atomics.store(ctl, QUIT, 1);
      Atomics.add(ctl, GEN, 1);
      Atomics.notify(ctl, GEN);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m: unknown) => (m === 'ready' ? resolve() : reject(new Error(`gemm thread failed to start: ${JSON.stringify(m)}`))));
    worker.once('error', reject);
  });
}
