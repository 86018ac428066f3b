// A sweep whose process is killed with SIGKILL while a trial trains its second of three epochs: the next start
// resumes that trial in place from its checkpoint (same run id), and it ends exactly as the same trial trained
// straight through. Real CLI and training processes, real SQLite, the MNIST fixture.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepDetail } from '../../shared/api-sweep-types';
import { sweepSpecSchema } from '../../shared/sweep-spec';
import { runRecord } from '../runs/testing/run-record';
import { proposeTrial } from '../sweeps/propose';
import { createWorkbench, type Workbench } from '../workbench/create-workbench';
import { REPO, tempDataDir, tinyRun, withStore } from '../workbench/testing/fixtures';

const MAIN = path.join(REPO, 'src/main/cli/main.ts');

/** 320 samples in batches of 32: 10 steps an epoch, so step 15 is inside epoch 2, past the epoch-1 checkpoint. */
const { lr: _lr, ...base } = tinyRun({ epochs: 3, limitTrain: 320 });
const spec = {
  method: 'random',
  base,
  parameters: { lr: { distribution: 'log_uniform_values', min: 0.01, max: 0.2 } },
  run_cap: 3,
  seed: 6,
};
const HOLD_STEP = 15;
const HELD_RUN = 2;

let temp: ReturnType<typeof tempDataDir>;
beforeAll(() => {
  temp = tempDataDir('nnwb-cli-sweep-resume-');
});
afterAll(() => temp?.remove());

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 150_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the sweep in a CLI process whose trial 1 (run 2) holds at step 15, and kills that process there. */
async function sweepKilledInEpoch2(): Promise<void> {
  const specFile = path.join(temp.dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'sweep', '--spec', specFile, '--concurrency', '1', '--data-dir', temp.dir], {
    cwd: REPO,
    env: { ...process.env, NNWB_DATA_DIR: '', NNWB_TEST_HOLD_AT_STEP: String(HOLD_STEP), NNWB_TEST_HOLD_RUN: String(HELD_RUN) },
    stdio: 'ignore',
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  await until('trial 1 held at step 15 with its epoch-1 checkpoint', () =>
    withStore(temp.dir, (s) => (s.runs.get(HELD_RUN)?.stepsDone === HOLD_STEP && s.checkpoints.get(HELD_RUN, 1) ? true : undefined)),
  );
  // The held training process too: with the CLI gone it would linger for the rest of its hold.
  const trainers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .map(Number);
  child.kill('SIGKILL');
  for (const pid of trainers) process.kill(pid, 'SIGKILL');
  expect(await closed).toBeNull();
}

describe('a sweep killed during a trial', () => {
  it('resumes the trial from its checkpoint at the next start, to the same end as training it straight', async () => {
    await sweepKilledInEpoch2();
    const before = withStore(temp.dir, (s) => ({
      runs: s.runs.list({ orderBy: 'createdAt', descending: false }).map((r) => [r.id, r.status, r.epochsDone]),
      trial: s.sweeps.trialOfRun(HELD_RUN)!,
    }));
    // Killed: trial 0 completed, trial 1 in its second epoch (left `running` by the dead process), one score kept.
    expect(before.runs).toEqual([
      [1, 'completed', 3],
      [2, 'running', 1],
    ]);
    expect(before.trial.number).toBe(1);
    expect(before.trial.epochValues).toHaveLength(1);

    let wb: Workbench | undefined = createWorkbench({ dataDir: temp.dir, mode: 'cli', concurrency: 1 });
    try {
      const id = (await wb.listSweeps({}))[0]!.id;
      const detail: SweepDetail = await until('the sweep to finish', async () => {
        const d = await wb!.getSweep({ id });
        return d.state === 'finished' ? d : undefined;
      });
      expect(detail.trials.map((t) => [t.number, t.run.id, t.run.status])).toEqual([
        [0, 1, 'completed'],
        [1, HELD_RUN, 'completed'],
        [2, 3, 'completed'],
      ]);
      const parsed = sweepSpecSchema.parse(spec);
      expect(detail.trials.map((t) => t.params)).toEqual([0, 1, 2].map((n) => proposeTrial(parsed, n, [])));
      // No trial trained twice: three runs, the held one resumed once from its epoch-1 checkpoint.
      expect(wb.store.runs.list({ orderBy: 'createdAt', descending: false }).map((r) => r.id)).toEqual([1, 2, 3]);
      expect(wb.store.history.facts(HELD_RUN)).toMatchObject({ resumeCount: 1 });
      const trial = wb.store.sweeps.trialOfRun(HELD_RUN)!;
      expect(trial.epochValues).toHaveLength(3);
      expect(trial.epochValues[0]).toBe(before.trial.epochValues[0]);

      // The same trial trained straight through (same config, same seed) ends identically, epoch for epoch.
      const straight = await wb.startRun(wb.store.runs.get(HELD_RUN)!.config);
      await until('the straight run', () => (wb!.store.runs.get(straight.id)?.status === 'completed' ? true : undefined));
      const a = runRecord(wb.store, straight.id);
      const b = runRecord(wb.store, HELD_RUN);
      expect(b.metrics['test/accuracy']?.values).toHaveLength(3);
      expect(b).toEqual(a);
      expect(trial.epochValues).toEqual(a.metrics['test/accuracy']!.values);
    } finally {
      await wb.close();
      wb = undefined;
    }
  }, 300_000);
});
