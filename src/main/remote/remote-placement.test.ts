// "Run locally" or "run on workers" per run, grid and sweep, through the workbench service: a start call's
// `placement` beats the workbench setting, a sweep's trials follow their sweep, and without a queue it is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls } from '../../shared/api-contract';
import type { SweepDetail } from '../../shared/api-sweep-types';
import { connectRemote } from './connect-remote';
import { createWorkbench, type Workbench } from '../workbench/create-workbench';
import { tempDataDir, tinyRun } from '../workbench/testing/fixtures';
import { NO_REDIS_REASON, startRedis, startWorker, type TestRedis, type WorkerProcess } from './testing/redis-server';

const TIMEOUT = 240_000;
const temps: ReturnType<typeof tempDataDir>[] = [];
const { lr: _lr, ...base } = tinyRun();

afterAll(() => {
  for (const t of temps) t.remove();
});

/** The inputs as a front door hands them over: parsed by the contract's schemas. */
const asRun = (i: unknown) => apiCalls.startRun.input.parse(i);
const asGrid = (i: unknown) => apiCalls.startGrid.input.parse(i);
const asSweep = (i: unknown) => apiCalls.startSweep.input.parse(i);

function folder(): string {
  const t = tempDataDir('nnwb-placement-');
  temps.push(t);
  return t.dir;
}

describe('placement on the start calls', () => {
  it('is checked by the contract, naming the field', () => {
    const bad = apiCalls.startRun.input.safeParse({ ...tinyRun(), placement: 'cloud' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['placement']);
    expect(apiCalls.startGrid.input.safeParse({ base, parameters: { lr: { values: [0.1] } }, placement: 'workers' }).success).toBe(true);
    expect(apiCalls.startSweep.input.safeParse({ method: 'random', base, parameters: { lr: { values: [0.1] } }, placement: 'gpu' }).success).toBe(false);
  });

  it('is refused for workers when the workbench has no queue, and nothing is stored', async () => {
    const wb = createWorkbench({ dataDir: folder(), mode: 'cli', concurrency: 1 });
    try {
      const why = 'placement: this workbench has no Redis queue for workers: start it with --redis redis://user:password@host:6379';
      await expect(wb.startRun(asRun({ ...tinyRun(), placement: 'workers' }))).rejects.toThrow(why);
      await expect(wb.startGrid(asGrid({ base, parameters: { lr: { values: [0.1, 0.2] } }, placement: 'workers' }))).rejects.toThrow(why);
      await expect(wb.startSweep(asSweep({ method: 'random', base, parameters: { lr: { values: [0.1] } }, run_cap: 1, placement: 'workers' }))).rejects.toThrow(
        why,
      );
      expect(wb.store.runs.list({})).toEqual([]);
    } finally {
      await wb.close();
    }
  });
});

describe.skipIf(NO_REDIS_REASON !== null)(`placement with workers (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  let redis: TestRedis;
  let workers: WorkerProcess[] = [];
  let wb: Workbench;

  beforeAll(async () => {
    redis = await startRedis();
    const dataDir = folder();
    // The workbench's own setting stays 'local': each start call below chooses for itself.
    const { remote } = await connectRemote({ redisUrl: redis.url }, dataDir);
    wb = createWorkbench({ dataDir, mode: 'cli', concurrency: 1, progressIntervalMs: 20, remote, placement: 'local' });
    workers = [startWorker(redis.url, 'w1'), startWorker(redis.url, 'w2')];
  }, TIMEOUT);

  afterAll(async () => {
    await wb?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  it(
    'trains a run, a grid and a sweep on workers when asked, and a run without placement here',
    async () => {
      expect(await wb.getRunPlacement(undefined)).toMatchObject({ placement: 'local' });
      const remoteRun = await wb.startRun(asRun({ ...tinyRun(), placement: 'workers' }));
      const localRun = await wb.startRun(asRun(tinyRun({ seed: 2 })));
      const grid = await wb.startGrid(asGrid({ base, parameters: { lr: { values: [0.01, 0.05] } }, placement: 'workers' }));
      const sweep = await wb.startSweep(
        asSweep({ method: 'random', base, parameters: { lr: { values: [0.01, 0.05] } }, run_cap: 3, seed: 1, placement: 'workers' }),
      );
      let detail: SweepDetail;
      for (;;) {
        detail = await wb.getSweep({ id: sweep.id });
        if (detail.state === 'finished') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await wb.manager!.whenIdle();
      const where = (id: number) => {
        const r = wb.store.runs.get(id)!;
        return [r.status, r.placement, r.worker === null ? null : ['w1', 'w2'].includes(r.worker)];
      };
      expect(where(remoteRun.id)).toEqual(['completed', 'workers', true]);
      expect(where(localRun.id)).toEqual(['completed', 'local', null]);
      expect(grid.runs.map((r) => where(r.id))).toEqual(grid.runs.map(() => ['completed', 'workers', true]));
      expect(detail.trials).toHaveLength(3);
      expect(detail.trials.map((t) => where(t.run.id))).toEqual(detail.trials.map(() => ['completed', 'workers', true]));
    },
    TIMEOUT,
  );
});
