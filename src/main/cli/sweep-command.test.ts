// `sweep` as scripts use it: a real CLI process on the fixture, its progress lines, JSON and exit codes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDataDir, tinyRun } from '../workbench/testing/fixtures';

const MAIN = path.join(REPO, 'src/main/cli/main.ts');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO,
      env: { ...process.env, NNWB_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
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
