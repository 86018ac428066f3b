// Property-based fuzz of every call over real HTTP against real web mode on a temp data folder: whatever the body,
// the answer is a 2xx, or a 4xx JSON error with a name and a message, never a 5xx; the server keeps answering; and
// nothing is written unless the call succeeded and is one that writes.
//
// Bounded in `npm test` (300 cases, about 5 s, and at most 30 s on a loaded machine); `npm run fuzz` runs 20,000
// (about 90 s). FUZZ_RUNS=… and FUZZ_SECONDS=… set either; the seed is printed, FUZZ_SEED=… (and FUZZ_PATH=…) repeat it.
//
// NOTE: nothing may train here, or a valid-looking startRun would cost minutes. So the named datasets point at
// folders that do not exist and no IDX folder is anywhere a fuzzed path can reach: every run, re-run, fork, grid
// and reproduction is refused by the trainability gate, and the test fails if a training process is ever spawned.
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../shared/api-names';
import { createGridRuns } from '../runs/grid-runs';
import { sampleConfig } from '../db/testing/fixtures';
import { seedLongRuns } from '../db/testing/long-runs';
import { watchWrites, type DataFolderState, type WriteWatch } from '../db/testing/write-watch';
import { spyHost } from '../runs/testing/manager-fixtures';
import { tempDataDir } from '../workbench/testing/fixtures';
import { fuzzRequest, validExamples, type FuzzRequest } from './testing/fuzz-requests';
import { startWebApp, type WebApp } from './web-app';

/** Calls that may change the database or the data folder when they succeed. Every other call must never write. */
const WRITERS: ReadonlySet<CallName> = new Set<CallName>([
  'startRun',
  'cancelRun',
  'deleteRun',
  'renameRun',
  'tagRun',
  'untagRun',
  'setRunNotes',
  'rerunRun',
  'forkRun',
  'resumeRun',
  'extendRun',
  'startGrid',
  'cancelGrid',
  'startSweep',
  'cancelSweep',
  'startReproduction',
  'cancelReproduction',
  'writeReproductionReport',
  'saveRunView',
  'deleteRunView',
]);

// `npm run fuzz` is the long run: npm names the script it runs in npm_lifecycle_event (on every platform).
const LONG = process.env.npm_lifecycle_event === 'fuzz';
const RUNS = Number(process.env.FUZZ_RUNS ?? (LONG ? 20_000 : 300));
const SECONDS = Number(process.env.FUZZ_SECONDS ?? (LONG || process.env.FUZZ_RUNS ? Infinity : 30));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;

let temp: ReturnType<typeof tempDataDir>;
let app: WebApp;
let watch: WriteWatch;
const host = spyHost();
let examples: ReturnType<typeof validExamples>;

beforeAll(async () => {
  temp = tempDataDir('nnwb-fuzz-');
  const nowhere = path.join(temp.dir, 'no-such-dataset');
  app = await startWebApp({ dataDir: temp.dir, concurrency: 1, port: 0, processHost: host, datasetDirs: { mnist: nowhere, fashionMnist: nowhere } });
  // Something to find: three finished runs with curves, a failed one, and a grid of two queued cells.
  const store = app.workbench.store;
  const runs = seedLongRuns(store, { runs: 3, points: 300, stepsPerEpoch: 100 });
  store.runs.tag(runs[0]!, 't');
  const failed = store.runs.create({ config: sampleConfig(), name: 'failed' }).id;
  store.runs.setStatus(failed, 'running');
  store.runs.setStatus(failed, 'failed', { error: 'it failed' });
  const grid = createGridRuns(store, { base: sampleConfig(), parameters: { lr: { values: [0.1, 0.2] } } });
  // …and a finished sweep (no trials) to read and cancel.
  const sweep = store.experiments.create({
    kind: 'sweep',
    name: 's',
    spec: { method: 'random', run_cap: 1, base: sampleConfig(), parameters: { lr: { values: [0.1] } } },
  });
  store.sweeps.create(sweep.id);
  store.sweeps.setState(sweep.id, 'finished');
  examples = validExamples({ runs: [...runs, failed], gridId: grid.experiment.id, sweepId: sweep.id }, sampleConfig());
  watch = watchWrites(temp.dir);
}, 60_000);

afterAll(async () => {
  watch?.close();
  await app?.close();
  temp?.remove();
});

async function send(request: FuzzRequest): Promise<{ status: number; text: string }> {
  const res = await fetch(`${app.server.origin}/api/${request.call}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.server.token}` },
    body: request.body,
  });
  return { status: res.status, text: await res.text() };
}

/** Checks one request's answer and what it left behind; throws saying what went wrong. */
async function check(request: FuzzRequest): Promise<void> {
  const before: DataFolderState = watch.state();
  const spawned = host.spawned.length;
  const { status, text } = await send(request);
  const seen = `${request.call} (${request.how}) ${request.body.slice(0, 400)} → ${status} ${text.slice(0, 400)}`;
  if (status >= 500 || status < 200 || (status >= 300 && status < 400)) throw new Error(`status ${status}: ${seen}`);
  if (status >= 400) {
    const error = JSON.parse(text) as { name?: unknown; message?: unknown };
    if (typeof error.name !== 'string' || !error.name || typeof error.message !== 'string' || !error.message)
      throw new Error(`a refusal without name and message: ${seen}`);
  } else if (status !== 204) {
    JSON.parse(text);
  }
  const wrote = JSON.stringify(watch.state()) !== JSON.stringify(before);
  if (wrote && !(status < 300 && WRITERS.has(request.call as CallName))) throw new Error(`wrote without a successful writing call: ${seen}`);
  if (host.spawned.length !== spawned || app.workbench.manager!.queuedRuns().length > 0) throw new Error(`started training: ${seen}`);
  const alive = await send({ call: 'getAppInfo', body: '{}', how: 'ping' });
  if (alive.status !== 200) throw new Error(`the server stopped answering after ${seen}`);
}

describe('the API under fuzz', () => {
  it(
    'answers every request with a 2xx or a named 4xx, keeps serving, and writes only when a writing call succeeds',
    async () => {
      const started = Date.now();
      const details = await fc.check(fc.asyncProperty(fuzzRequest(examples), check), {
        numRuns: RUNS,
        seed: SEED,
        path: process.env.FUZZ_PATH,
        interruptAfterTimeLimit: SECONDS * 1000,
        markInterruptAsFailure: false,
      });
      console.info(
        `api fuzz: seed ${SEED}, ${details.numRuns} of ${RUNS} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (repeat with FUZZ_SEED=${SEED})`,
      );
      if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `failed with seed ${SEED}`);
      expect(details.numRuns).toBeGreaterThan(0);
    },
    Number.isFinite(SECONDS) ? SECONDS * 1000 + 120_000 : RUNS * 1000,
  );
});
