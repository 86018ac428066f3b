// Resume, extend and fork-from-epoch in the app: the workbench service, its run manager, real training processes
// and a real SQLite file. A run SIGKILLed mid-epoch and resumed, and a run extended, equal the run trained straight.
import { execFileSync } from 'node:child_process';
import { truncateSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig, type RunConfigInput } from '../../shared/run-config';
import { runRecord } from '../runs/testing/run-record';
import { createWorkbench, type Workbench } from './create-workbench';
import { tempDataDir, tinyRun } from './testing/fixtures';

let temp: ReturnType<typeof tempDataDir>;
let wb: Workbench;
let straight: number;
const config = (o: Partial<RunConfigInput> = {}) => parseRunConfig(tinyRun({ epochs: 4, keepCheckpoints: 'all', validationSplit: 0.1, ...o }));

async function trained(c: ReturnType<typeof config>): Promise<number> {
  const run = await wb.startRun(c);
  await wb.manager!.waitFor(run.id);
  return run.id;
}

async function until(what: string, probe: () => boolean, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** This process's training processes (the run manager forks them). */
function trainingProcesses(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(`worker${path.sep}entry`))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

beforeAll(async () => {
  temp = tempDataDir('nnwb-resume-wb-');
  wb = createWorkbench({ dataDir: temp.dir, mode: 'cli', concurrency: 1, progressIntervalMs: 20 });
  straight = await trained(config());
}, 120_000);

afterAll(async () => {
  await wb?.close();
  temp?.remove();
});

describe('resume in the app', () => {
  it('a run whose training process is SIGKILLed mid-epoch 3 resumes (same id) to the straight run’s weights and metrics', async () => {
    process.env.NNWB_TEST_HOLD_AT_STEP = '21';
    let id: number;
    try {
      id = (await wb.startRun(config())).id;
      await until('step 21', () => wb.store.runs.get(id)?.stepsDone === 21 && wb.store.checkpoints.get(id, 2) !== undefined);
    } finally {
      delete process.env.NNWB_TEST_HOLD_AT_STEP;
    }
    const pids = trainingProcesses();
    expect(pids).toHaveLength(1);
    process.kill(pids[0]!, 'SIGKILL');
    const killed = await wb.manager!.waitFor(id);
    expect(killed.status).toBe('failed');
    expect(killed.error).toContain('SIGKILL');

    const queued = await wb.resumeRun({ id });
    expect(queued).toMatchObject({ id, epochsDone: 2 });
    expect(['queued', 'running']).toContain(queued.status);
    const done = await wb.manager!.waitFor(id);
    expect(done.status).toBe('completed');
    expect(runRecord(wb.store, id)).toEqual(runRecord(wb.store, straight));
    expect(wb.store.history.facts(id)).toMatchObject({ resumeCount: 1 });
  }, 300_000);

  it('a completed 2-epoch run extended by 2 equals the 4-epoch run', async () => {
    const id = await trained(config({ epochs: 2 }));
    const queued = await wb.extendRun({ id, epochs: 2 });
    expect(queued).toMatchObject({ epochsDone: 2, epochsTotal: 4 });
    expect(['queued', 'running']).toContain(queued.status);
    await wb.manager!.waitFor(id);
    expect(runRecord(wb.store, id)).toEqual(runRecord(wb.store, straight));
  }, 300_000);

  it('a fork from epoch 2 with a lower learning rate copies epochs 1–2 and continues from the parent’s checkpoint', async () => {
    const fork = await wb.forkRun({ id: straight, overrides: { lr: 0.01 }, fromEpoch: 2 });
    expect(fork).toMatchObject({ epochsDone: 2, parentId: straight });
    await wb.manager!.waitFor(fork.id);
    const parent = wb.store.metrics.series(straight, 'train/loss');
    const child = wb.store.metrics.series(fork.id, 'train/loss');
    const step2 = wb.store.checkpoints.get(straight, 2)!.step;
    expect(child.steps).toEqual(parent.steps);
    expect(child.values.slice(0, step2)).toEqual(parent.values.slice(0, step2));
    // Step step2 + 1's loss is measured before its update, on the checkpoint's weights; the next differs.
    expect(child.values[step2]).toBe(parent.values[step2]);
    expect(child.values[step2 + 1]).not.toBe(parent.values[step2 + 1]);
    expect(wb.store.metrics.series(fork.id, 'train/lr').values.slice(step2)).toEqual(child.steps.slice(step2).map(() => 0.01));
    expect(wb.store.runs.get(fork.id)).toMatchObject({ status: 'completed', epochsDone: 4 });
    expect(wb.store.history.facts(fork.id)).toMatchObject({ forkEpoch: 2 });
  }, 300_000);

  it('refuses what it cannot do, saying why', async () => {
    await expect(wb.resumeRun({ id: straight })).rejects.toThrow(
      `run ${straight} is completed: only an interrupted, failed or cancelled run can be resumed (a completed run can be extended)`,
    );
    const kept = await trained(config({ keepCheckpoints: undefined }));
    const epochs = wb.store.checkpoints.list(kept).map((c) => c.epochsDone);
    expect(epochs.length).toBeLessThanOrEqual(2);
    expect(epochs).toContain(4);
    const missing = [1, 2, 3].find((e) => !epochs.includes(e))!;
    const best = epochs.length === 2 ? epochs[0] : 4;
    await expect(wb.forkRun({ id: kept, overrides: {}, fromEpoch: missing })).rejects.toThrow(
      `fromEpoch: epoch ${missing} has no checkpoint: only the last (4) and best (${best}) are kept; start runs with keepCheckpoints: "all" (--keep-checkpoints all) to keep all`,
    );
    // A torn checkpoint file is named, and the run is left as it was.
    const last = wb.store.checkpoints.latest(kept)!;
    truncateSync(path.join(temp.dir, last.file), 100);
    await expect(wb.extendRun({ id: kept, epochs: 1 })).rejects.toThrow(
      `the checkpoint of run ${kept} after epoch 4 is corrupt: ${path.join(temp.dir, last.file)} has 100 bytes`,
    );
    expect(wb.store.runs.get(kept)).toMatchObject({ status: 'completed', epochsDone: 4 });
  }, 300_000);
});
