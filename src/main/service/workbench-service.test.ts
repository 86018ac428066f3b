// The workbench service in its own process, for real: child_process.fork on both sides (utilityProcess.fork in
// the app), real SQLite, real training processes that this process starts for the service and relays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../shared/api-contract';
import { decodeBase64 } from '../../shared/base64';
import { databaseFile, openStore } from '../db';
import { forkProcess, sourceWorkerEntry } from '../runs/fork-host';
import type { RawProcess } from '../runs/process-host';
import { nextEvent, tempDataDir, tinyRun } from '../workbench/testing/fixtures';
import { sourceServiceEntry } from './fork-service';
import { serviceClient, startWorkbenchService, type WorkbenchService } from './workbench-service';

const isAlive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A service on `dataDir` whose training processes are recorded as this process starts them. */
async function start(dataDir: string, entry = sourceServiceEntry()) {
  const spawned: { entry: string; raw: RawProcess }[] = [];
  const stderr: string[] = [];
  const service = await startWorkbenchService({
    channel: forkProcess(entry),
    spawnTraining: (trainingEntry) => {
      const raw = forkProcess(trainingEntry);
      spawned.push({ entry: trainingEntry, raw });
      return raw;
    },
    options: { dataDir, mode: 'electron', concurrency: 1, progressIntervalMs: 20 },
    echoStderr: (chunk) => void stderr.push(chunk),
  });
  return { service, client: serviceClient(service), spawned, stderr };
}

/** Minutes of training (125 000 steps of a 784-256-10 MLP): it only ends when stopped. */
const longRun = () =>
  tinyRun({
    epochs: 1000,
    limitTrain: 1000,
    batchSize: 8,
    model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 256 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
  });

describe('calls, events and a run through the service process', () => {
  const temp = tempDataDir('nnwb-service-');
  let s: Awaited<ReturnType<typeof start>>;
  const events: WorkbenchEvent[] = [];

  beforeAll(async () => {
    s = await start(temp.dir);
    s.service.subscribe((e) => events.push(e));
  }, 60_000);
  afterAll(async () => {
    await s?.service.close();
    temp.remove();
  });

  it('answers calls, and refuses bad ones with the error name and field', async () => {
    expect(s.service.pid).not.toBe(process.pid);
    expect(await s.client.getAppInfo()).toMatchObject({ mode: 'electron', dataDir: temp.dir });
    expect(await s.client.listRuns()).toEqual([]);
    expect(await s.service.dispatch('startRun', tinyRun({ lr: -1 }))).toMatchObject({ ok: false, error: { name: 'ValidationError', field: 'lr' } });
    await expect(s.client.getRun({ id: 999 })).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await s.service.dispatch('dropTables', {})).toMatchObject({ ok: false, error: { name: 'NotFoundError', message: 'unknown call "dropTables"' } });
    expect(await s.client.listRuns()).toEqual([]);
  });

  it('trains a run in a process started here, typed arrays intact over both hops, and streams its events', async () => {
    const completed = nextEvent(s.service, (e) => e.event === 'runUpdated' && e.payload.status === 'completed');
    const started = await s.client.startRun(tinyRun({ name: 'relayed' }));
    await completed;
    expect(s.spawned.map((p) => p.entry)).toEqual([sourceWorkerEntry()]);
    const run = await s.client.getRun({ id: started.id });
    expect(run).toMatchObject({ status: 'completed', name: 'relayed', hasWeights: true, snapshotEpochs: [0, 1] });
    // Snapshots (Uint8Array pixels, Float32Array ranges) and the weights (Uint8Array) crossed training → main → service.
    const images = await s.client.getWeightImages({ runId: run.id, epoch: 1, normalize: 'per-image', maxImages: 4 });
    expect(decodeBase64(images.grids[0]!.pixels)).toHaveLength(4 * 28 * 28);
    const p = await s.client.predict({ runId: run.id, width: 28, height: 28, pixels: new Array<number>(784).fill(0.2) });
    expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const mine = events.filter((e) => 'runId' in e.payload && e.payload.runId === run.id);
    expect(mine.filter((e) => e.event === 'runEpoch')).toHaveLength(2);
    expect(mine.filter((e) => e.event === 'runProgress').length).toBeGreaterThan(0);
  });

  it('refuses a second service on the same data folder, by the error name', async () => {
    await expect(start(temp.dir)).rejects.toMatchObject({ name: 'DataDirLockedError' });
  });
});

describe('closing', () => {
  it('answers the calls in flight, cancels the running run (kept), ends its process, then exits', async () => {
    const temp = tempDataDir('nnwb-service-close-');
    try {
      const s = await start(temp.dir);
      const long = await s.client.startRun(longRun());
      await nextEvent(s.service, (e) => e.event === 'runProgress' && e.payload.runId === long.id);
      const inFlight = s.client.listRuns();
      const closed = s.service.close();
      expect((await inFlight).map((r) => r.id)).toEqual([long.id]);
      await closed;
      expect(isAlive(s.service.pid)).toBe(false);
      expect(s.spawned.map((p) => isAlive(p.raw.pid))).toEqual([false]);
      await expect(s.client.listRuns()).rejects.toMatchObject({ name: 'ServiceStoppedError', message: 'the workbench is closed' });
      const store = openStore(databaseFile(temp.dir));
      try {
        expect(store.runs.get(long.id)?.status).toBe('cancelled');
        expect(store.metrics.keys(long.id).reduce((n, k) => n + k.points, 0)).toBeGreaterThan(0);
      } finally {
        store.close();
      }
    } finally {
      temp.remove();
    }
  });
});

describe('a crashed service', () => {
  it('fails the pending and later calls with the reason, ends its training processes, and the next start recovers', async () => {
    const temp = tempDataDir('nnwb-service-crash-');
    let next: WorkbenchService | undefined;
    try {
      const s = await start(temp.dir);
      const long = await s.client.startRun(longRun());
      await nextEvent(s.service, (e) => e.event === 'runProgress' && e.payload.runId === long.id);
      const reasons: string[] = [];
      s.service.onCrash((r) => reasons.push(r));
      // Stopped first, so the call is surely pending when the process dies.
      process.kill(s.service.pid!, 'SIGSTOP');
      const pending = s.service.dispatch('listRuns', {});
      process.kill(s.service.pid!, 'SIGKILL');
      const reason = 'the workbench service stopped unexpectedly (signal SIGKILL)';
      expect(await pending).toEqual({ ok: false, error: { name: 'ServiceStoppedError', message: reason } });
      expect(reasons).toEqual([reason]);
      expect(await s.service.dispatch('listRuns', {})).toEqual({ ok: false, error: { name: 'ServiceStoppedError', message: reason } });
      await until(() => !isAlive(s.spawned[0]!.raw.pid), 'the orphaned training process has ended');
      await s.service.close();

      next = (await start(temp.dir)).service;
      expect(next.startup.interrupted).toBe(1);
    } finally {
      await next?.close();
      temp.remove();
    }
  });

  it('that cannot start at all is reported with its exit and the end of its stderr', async () => {
    const temp = tempDataDir('nnwb-service-gone-');
    try {
      await expect(start(temp.dir, `${temp.dir}/no-such-service.js`)).rejects.toThrow(
        /^the workbench service could not start \(exit code 1\):\n[\s\S]*(Cannot find module|MODULE_NOT_FOUND)/,
      );
    } finally {
      temp.remove();
    }
  });
});
