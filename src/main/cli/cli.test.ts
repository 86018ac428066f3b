// The command line as scripts use it: real processes, real data folders, exit codes and the JSON line.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/api-types';
import type { RunConfig } from '../../shared/run-config';
import { databaseFile, openStore } from '../db';
import { REPO, tempDataDir, TINY } from '../workbench/testing/fixtures';

const MAIN = path.join(REPO, 'src/main/cli/main.ts');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `onStderr` may act on the process as lines arrive (e.g. send it SIGINT). */
function cli(args: string[], onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void): Promise<Result> {
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

const tiny = ['--dataset', TINY, '--limit-train', '300', '--limit-test', '100', '--hidden', '16', '--batch', '32', '--quiet'];
let temp: ReturnType<typeof tempDataDir>;

beforeAll(() => {
  temp = tempDataDir('nnwb-cli-');
});
afterAll(() => temp?.remove());

describe('train', () => {
  it('prints the JSON last line, records the run, and `runs list --json` shows it', async () => {
    const res = await cli(['train', ...tiny, '--epochs', '2', '--json', '--data-dir', temp.dir, '--tag', 'cli']);
    expect(res.code).toBe(0);
    const last = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    for (const field of [
      'train_accuracy',
      'train_pass_accuracy',
      'test_accuracy',
      'test_loss',
      'epochs',
      'seconds_per_epoch',
      'parameters',
      'dataset_hash',
      'history',
      'config',
    ]) {
      expect(last).toHaveProperty(field);
    }
    expect(last).toMatchObject({ status: 'completed', epochs: 2, steps: 20, train_samples: 300, test_samples: 100, parameters: 12730, dataset: 'IDX folder' });
    const listed = await cli(['runs', 'list', '--json', '--data-dir', temp.dir]);
    expect(listed.code).toBe(0);
    const runs = JSON.parse(listed.stdout) as RunSummary[];
    expect(runs.map((r) => r.id)).toContain(last.run_id);
    const run = runs.find((r) => r.id === last.run_id)!;
    expect(run).toMatchObject({ status: 'completed', tags: ['cli'] });
    expect(run.final!.testAccuracy).toBe(last.test_accuracy);
  });

  it('refuses a bad option with exit code 2, naming it', async () => {
    const res = await cli(['train', '--epochs', '2', '--bogus', '--data-dir', temp.dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("'--bogus'");
    const bad = await cli(['train', ...tiny, '--lr', '-1', '--data-dir', temp.dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/lr/);
  });

  it('a run that blows up ends diverged: exit code 1, the reason on stderr and in the JSON, the status in the list', async () => {
    const res = await cli(['train', ...tiny, '--optimizer', 'sgd', '--lr', '10', '--epochs', '3', '--json', '--data-dir', temp.dir]);
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { run_id: number; status: string; message: string; epochs: number };
    expect(json).toMatchObject({ status: 'diverged', epochs: 1 });
    expect(json.message).toMatch(/^the training loss rose to [\d.e+]+ in epoch 1, from [\d.]+ at the first step: lower the learning rate$/);
    expect(res.stderr).toContain(`error: run ${json.run_id} diverged: ${json.message}`);
    const listed = await cli(['runs', 'list', '--status', 'diverged', '--json', '--data-dir', temp.dir]);
    expect((JSON.parse(listed.stdout) as RunSummary[]).map((r) => r.id)).toEqual([json.run_id]);
  });

  it('Ctrl-C cancels the run: exit code 130, the run cancelled in the database', async () => {
    let sent = false;
    const res = await cli(
      ['train', ...tiny.filter((a) => a !== '--quiet'), '--epochs', '500', '--batch', '8', '--json', '--data-dir', temp.dir],
      (text, kill) => {
        if (!sent && /epoch 1\/500 /.test(text)) {
          sent = true;
          kill('SIGINT');
        }
      },
    );
    expect(sent).toBe(true);
    expect(res.code).toBe(130);
    const json = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { run_id: number; status: string };
    expect(json.status).toBe('cancelled');
    const store = openStore(databaseFile(temp.dir));
    try {
      expect(store.runs.get(json.run_id)?.status).toBe('cancelled');
    } finally {
      store.close();
    }
  });

  it("trains with the course report's setup from its three flags, and prints the measured scaling", async () => {
    const setup = ['--init', 'normal:0.01', '--normalize', 'standardize', '--schedule', 'inverse-time', '--decay-per', 'epoch'];
    const res = await cli(['train', ...tiny, ...setup, '--epochs', '1', '--json', '--data-dir', temp.dir]);
    expect(res.code).toBe(0);
    const last = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { config: RunConfig; normalisation: { mean: number; std: number } };
    expect(last.config).toMatchObject({
      normalize: 'standardize',
      model: { init: { type: 'normal', std: 0.01 } },
      schedule: { type: 'inverse_time', per: 'epoch' },
    });
    expect(last.normalisation.mean).toBeGreaterThan(0.1);
    expect(last.normalisation.std).toBeGreaterThan(0.2);
  });
});

describe('the other commands', () => {
  it('grid runs every cell and prints its results as JSON', async () => {
    const res = await cli(['grid', ...tiny, '--epochs', '1', '--param', 'lr=0.1,0.01', '--json', '--concurrency', '2', '--data-dir', temp.dir]);
    expect(res.code).toBe(0);
    const grid = JSON.parse(res.stdout.trim()) as { grid_id: number; runs: { params: unknown; status: string }[] };
    expect(grid.runs.map((r) => r.params)).toEqual([{ lr: 0.1 }, { lr: 0.01 }]);
    expect(grid.runs.every((r) => r.status === 'completed')).toBe(true);
    const table = await cli(['export', 'table', '--grid', String(grid.grid_id), '--format', 'csv', '--out', '-', '--data-dir', temp.dir]);
    expect(table.stdout.split('\n')[0]).toBe(
      'name,lr,final.trainAccuracy,final.trainPassAccuracy,final.testLoss,final.testAccuracy,best.testAccuracy,best.epoch',
    );
  });

  it('export writes a run file; show prints a run; an unknown run is exit code 2', async () => {
    const out = path.join(temp.dir, 'config.json');
    const res = await cli(['export', 'run', '1', '--format', 'config-json', '--out', out, '--data-dir', temp.dir]);
    expect(res.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ epochs: 2, lr: 0.05 });
    const shown = await cli(['runs', 'show', '1', '--data-dir', temp.dir]);
    expect(shown.stdout).toMatch(/^# run 1/);
    const missing = await cli(['runs', 'show', '999', '--data-dir', temp.dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('run 999 not found');
  });
});
