// `sweep` as scripts use it: a real CLI process on the fixture, its progress lines, JSON and exit codes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSpecSchema } from '../../shared/sweep-spec';
import { proposeTrial } from '../sweeps/propose';
import { createWorkbench } from '../workbench/create-workbench';
import { REPO, tempDataDir, tinyRun } from '../workbench/testing/fixtures';

const MAIN = path.join(REPO, 'src/main/cli/main.ts');

function cli(
  args: string[],
  onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO,
      env: { ...process.env, NNWB_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let temp: ReturnType<typeof tempDataDir>;
beforeAll(() => {
  temp = tempDataDir('nnwb-cli-sweep-');
});
afterAll(() => temp?.remove());

describe('sweep', () => {
  it('runs a random sweep, prints each trial as it ends, and the trials and the best as JSON', async () => {
    const { lr: _lr, ...base } = tinyRun({ epochs: 1 });
    const spec = path.join(temp.dir, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        method: 'random',
        base,
        parameters: {
          lr: { distribution: 'log_uniform_values', min: 0.01, max: 0.3 },
        },
        run_cap: 3,
        seed: 4,
      }),
    );
    const res = await cli(['sweep', '--spec', spec, '--json', '--concurrency', '2', '--data-dir', temp.dir]);
    expect(res.stderr).toMatch(/^sweep 1 "random lr": random, up to 3 trials, 2 at a time/);
    expect(res.stderr.match(/^\[\d\/3\] trial \d \(run \d+\) lr=[\d.]+: completed, test_accuracy 0\.\d{4}$/gm)).toHaveLength(3);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout.trim()) as {
      state: string;
      best_value: number;
      trials: { number: number; status: string; value: number }[];
    };
    expect(out.state).toBe('finished');
    expect(out.trials.map((t) => [t.number, t.status])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(out.best_value).toBe(Math.max(...out.trials.map((t) => t.value)));
  }, 180_000);

  it('refuses a bad spec naming the field, before anything trains (exit 2)', async () => {
    const spec = path.join(temp.dir, 'bad.json');
    writeFileSync(
      spec,
      JSON.stringify({
        method: 'random',
        base: tinyRun(),
        parameters: { lr: { distribution: 'uniform', min: 0.5, max: 0.1 } },
        run_cap: 2,
      }),
    );
    const res = await cli(['sweep', '--spec', spec, '--data-dir', temp.dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/parameters\.lr\.max: must be > min/);
    expect((await cli(['sweep', '--data-dir', temp.dir])).stderr).toMatch(/give either --spec FILE or --preset NAME/);
  }, 60_000);
});

describe('sweep after kill -9', () => {
  it('continues in the next workbench: finished trials kept, the killed one trains again or resumes, the seed decides every trial', async () => {
    const dir = tempDataDir('nnwb-cli-sweep-kill-');
    try {
      const { lr: _lr, ...base } = tinyRun({ epochs: 2, limitTrain: 1000, batchSize: 10 });
      const specFile = path.join(dir.dir, 'spec.json');
      const spec = { method: 'random', base, parameters: { lr: { distribution: 'log_uniform_values', min: 0.01, max: 0.2 } }, run_cap: 3, seed: 6 };
      writeFileSync(specFile, JSON.stringify(spec));
      // Killed as soon as the first trial has ended, while the second trains.
      const killed = await cli(
        ['sweep', '--spec', specFile, '--concurrency', '1', '--data-dir', dir.dir],
        (text, kill) => /^\[1\/3\]/m.test(text) && kill('SIGKILL'),
      );
      expect(killed.code).toBeNull();
      const wb = createWorkbench({ dataDir: dir.dir, mode: 'cli', concurrency: 1 });
      try {
        const before = await wb.listSweeps({});
        expect(before).toHaveLength(1);
        const id = before[0]!.id;
        let detail = await wb.getSweep({ id });
        for (const end = Date.now() + 150_000; detail.state === 'running' && Date.now() < end; detail = await wb.getSweep({ id }))
          await new Promise((r) => setTimeout(r, 200));
        expect(detail.state).toBe('finished');
        expect(detail.trials.map((t) => [t.number, t.run.status])).toEqual([
          [0, 'completed'],
          [1, 'completed'],
          [2, 'completed'],
        ]);
        const parsed = sweepSpecSchema.parse(spec);
        expect(detail.trials.map((t) => t.params)).toEqual([0, 1, 2].map((n) => proposeTrial(parsed, n, [])));
        // Trial 0 kept its run (id 1).
        expect(detail.trials[0]!.run.id).toBe(1);
        // The kill can land before trial 1's process started (its run still queued: it trains in place), during its
        // first epoch (no checkpoint yet: it trains again as a new run, its parent the interrupted one) or after it
        // (resumed in place from its checkpoint; sweep-resume.cli.test.ts pins that case down).
        const again = detail.trials[1]!.run;
        if (again.id === 2) expect(wb.store.runs.list({}).map((r) => r.id)).toEqual([3, 2, 1]);
        else {
          expect(again.parentId).toBe(2);
          expect(wb.store.runs.get(2)).toMatchObject({ status: 'interrupted', epochsDone: 0 });
        }
      } finally {
        await wb.close();
      }
    } finally {
      dir.remove();
    }
  }, 240_000);
});
