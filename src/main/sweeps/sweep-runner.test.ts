// The sweep runner through the workbench: real SQLite, real training processes on the MNIST fixture.
import { afterAll, describe, expect, it } from 'vitest';
import type { SweepDetail } from '../../shared/api-sweep-types';
import { sweepSpecSchema, type SweepSpecInput } from '../../shared/sweep-spec';
import { createWorkbench, type Workbench } from '../workbench/create-workbench';
import { tempDataDir, tinyRun } from '../workbench/testing/fixtures';
import { proposeTrial } from './propose';

const temps: ReturnType<typeof tempDataDir>[] = [];
const open: Workbench[] = [];
afterAll(async () => {
  for (const wb of open) await wb.close({ keepQueued: false });
  for (const t of temps) t.remove();
});

function workbench(dir: string, concurrency: number): Workbench {
  const wb = createWorkbench({
    dataDir: dir,
    mode: 'cli',
    concurrency,
    progressIntervalMs: 50,
  });
  open.push(wb);
  return wb;
}

/** Polls `check` until it returns something, for events that arrive from other processes. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 150_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finished = (wb: Workbench, id: number) => until(async () => ((await wb.getSweep({ id })).state === 'finished' ? wb.getSweep({ id }) : undefined));

// Long enough epochs (100 steps of a 784–128–10 MLP) that a prune reaches the process before the run ends.
const { lr: _lr, ...base } = tinyRun({
  limitTrain: 1000,
  batchSize: 10,
  epochs: 4,
  model: {
    input: [1, 28, 28],
    layers: [{ type: 'flatten' }, { type: 'linear', units: 128 }, { type: 'relu' }, { type: 'linear', units: 10 }],
  },
});

describe('a random sweep with ASHA on the fixture', () => {
  const spec: SweepSpecInput = {
    name: 'asha',
    method: 'random',
    base,
    parameters: {
      lr: { distribution: 'log_uniform_values', min: 0.00001, max: 0.3 },
    },
    run_cap: 8,
    seed: 5,
    early_terminate: { type: 'hyperband', min_iter: 1, eta: 2 },
  };
  let detail: SweepDetail;

  it('runs run_cap trials, prunes some at a rung with the reason, and keeps their metrics', async () => {
    const temp = tempDataDir('nnwb-sweep-');
    temps.push(temp);
    const wb = workbench(temp.dir, 2);
    const started = await wb.startSweep(sweepSpecSchema.parse(spec));
    expect(started).toMatchObject({
      name: 'asha',
      method: 'random',
      earlyTerminate: 'hyperband',
      state: 'running',
      runCap: 8,
    });
    detail = await finished(wb, started.id);
    expect(detail.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The seeded random sampler decided every trial's lr.
    const parsed = sweepSpecSchema.parse(spec);
    expect(detail.trials.map((t) => t.params)).toEqual(detail.trials.map((t) => proposeTrial(parsed, t.number, [])));
    const pruned = detail.trials.filter((t) => t.run.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) {
      expect(t.prunedReason).toMatch(/^ASHA rung [12] \(epoch [12]\): [\d.e-]+ below the top 1\/2 \([\d.e-]+\)$/);
      expect(t.run.error).toBe(t.prunedReason);
      expect(t.epochsDone).toBeLessThan(4);
      expect(t.run.final).not.toBeNull();
      expect(t.value).toBe(t.run.final!.testAccuracy);
    }
    expect(detail.trials.filter((t) => t.run.status === 'completed').length).toBeGreaterThan(0);
    expect(detail.statusCounts.pruned).toBe(pruned.length);
  }, 300_000);

  it('reports the best trial, the best-so-far line and parameter importance', () => {
    const values = detail.trials.map((t) => t.value).filter((v): v is number => v !== null);
    expect(detail.bestValue).toBe(Math.max(...values));
    expect(detail.trials.find((t) => t.run.id === detail.bestRunId)?.value).toBe(detail.bestValue);
    let best = -Infinity;
    for (const t of detail.trials) {
      if (t.value !== null) best = Math.max(best, t.value);
      expect(t.bestSoFar).toBe(best === -Infinity ? null : best);
    }
    expect(detail.importance.map((i) => i.path)).toEqual(['lr']);
    expect(detail.importance[0]!.importance).toBeCloseTo(1, 6);
    expect(detail.importanceMethod).toMatch(/permutation importance/);
  });
});

describe('a sweep across a restart', () => {
  it('continues where it was: finished trials are not repeated, the one cut short continues', async () => {
    const temp = tempDataDir('nnwb-sweep-resume-');
    temps.push(temp);
    const spec = sweepSpecSchema.parse({
      method: 'random',
      base: { ...base, epochs: 2 },
      parameters: {
        lr: { distribution: 'log_uniform_values', min: 0.01, max: 0.2 },
      },
      run_cap: 4,
      seed: 9,
    });
    const first = workbench(temp.dir, 1);
    const { id } = await first.startSweep(spec);
    const before = await until(async () => {
      const d = await first.getSweep({ id });
      return d.trials.filter((t) => t.run.status === 'completed').length >= 2 && d.trials.some((t) => t.run.status === 'running') ? d : undefined;
    });
    await first.close();
    open.splice(open.indexOf(first), 1);
    const closed = createWorkbench({ dataDir: temp.dir, mode: 'cli', readOnly: true });
    expect((await closed.getSweep({ id })).state).toBe('interrupted');
    await closed.close();
    const done = before.trials.filter((t) => t.run.status === 'completed');

    const second = workbench(temp.dir, 1);
    const after = await finished(second, id);
    expect(after.trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
    expect(after.trials.every((t) => t.run.status === 'completed')).toBe(true);
    // The finished trials kept their runs; no trial was proposed twice; the parameters are the seed's.
    for (const t of done) expect(after.trials[t.number]!.run.id).toBe(t.run.id);
    expect(after.trials.map((t) => t.params)).toEqual([0, 1, 2, 3].map((n) => proposeTrial(spec, n, [])));
    // The trial cut short by the closing resumes in place from its epoch-1 checkpoint, or, cut in its first
    // epoch, trains again as a new run.
    const cut = before.trials.find((t) => t.run.status === 'running')!;
    const again = after.trials[cut.number]!.run;
    if (second.store.checkpoints.get(cut.run.id, 1)) {
      expect(again.id).toBe(cut.run.id);
      expect(second.store.history.facts(cut.run.id)).toMatchObject({ resumeCount: 1 });
    } else {
      expect(again.id).not.toBe(cut.run.id);
      expect(again.parentId).toBe(cut.run.id);
    }
  }, 300_000);
});
