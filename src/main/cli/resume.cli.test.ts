// Exact resume through the command line: real CLI and training processes, real SQLite. A run killed with
// SIGKILL after its second epoch and resumed equals the run that trained straight through, point for point.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecord } from '../runs/testing/run-record';
import { REPO, tempDataDir, TINY, withStore } from '../workbench/testing/fixtures';

const MAIN = path.join(REPO, 'src/main/cli/main.ts');

interface Cli {
  readonly pid: number;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function cli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPO,
    env: { ...process.env, NNWB_DATA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { pid: child.pid!, done };
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as { run_id: number; status: string; epochs: number };

/** 300 samples (270 with a validation split) in batches of 32: 9–10 steps an epoch, so step 25 is inside epoch 3. */
const tinyData = ['--dataset', TINY, '--limit-train', '300', '--limit-test', '100', '--batch', '32', '--epochs', '4', '--quiet', '--json'];
const tiny = [...tinyData, '--hidden', '16'];

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let temp: ReturnType<typeof tempDataDir>;
beforeAll(() => {
  temp = tempDataDir('nnwb-resume-');
});
afterAll(() => temp?.remove());

/** Trains straight; then trains again, SIGKILLs the training process at step 25 and resumes it. Returns both run ids. */
async function straightAndResumed(extra: string[], threads: string[] = [], base = tiny): Promise<{ straight: number; resumed: number }> {
  const straight = await cli(['train', ...base, ...extra, ...threads, '--data-dir', temp.dir]).done;
  expect(straight.code).toBe(0);
  const straightId = lastJson(straight.stdout).run_id;

  const held = cli(['train', ...base, ...extra, ...threads, '--data-dir', temp.dir], { NNWB_TEST_HOLD_AT_STEP: '25' });
  const runId = straightId + 1;
  // Held at step 25: the checkpoint after epoch 2 is on disk and steps 21–25 of epoch 3 are recorded past it.
  await until('step 25 and the epoch-2 checkpoint', () =>
    withStore(temp.dir, (s) => (s.runs.get(runId)?.stepsDone === 25 && s.checkpoints.get(runId, 2) ? true : undefined)),
  );
  const trainer = execFileSync('ps', ['-o', 'pid=', '--ppid', String(held.pid)], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .map(Number);
  expect(trainer).toHaveLength(1);
  process.kill(trainer[0]!, 'SIGKILL');
  const killed = await held.done;
  expect(killed.code).toBe(1);
  expect(lastJson(killed.stdout).status).toBe('failed');
  const before = withStore(temp.dir, (s) => {
    const at = s.metrics.series(runId, 'train/loss').wallTimes;
    const checkpointStep = s.checkpoints.get(runId, 2)!.step;
    return { checkpointStep, kept: at[checkpointStep - 1], replaced: at[24] };
  });

  const resumed = await cli(['runs', 'resume', String(runId), '--quiet', '--json', ...threads, '--data-dir', temp.dir]).done;
  expect(resumed.stderr).toBe('');
  expect(resumed.code).toBe(0);
  expect(lastJson(resumed.stdout)).toMatchObject({ run_id: runId, status: 'completed', epochs: 4 });
  // It continued from the checkpoint: epochs 1–2 are the points recorded before the kill, epoch 3 was trained again.
  withStore(temp.dir, (s) => {
    const after = s.metrics.series(runId, 'train/loss').wallTimes;
    expect(after[before.checkpointStep - 1]).toBe(before.kept);
    expect(after[24]).toBeGreaterThan(before.replaced!);
    expect(s.history.facts(runId)).toMatchObject({ resumeCount: 1 });
  });
  return { straight: straightId, resumed: runId };
}

describe('runs resume after kill -9', () => {
  it('continues a run killed mid-epoch to the same weights and metrics as the run that never stopped', async () => {
    const { straight, resumed } = await straightAndResumed(['--model', 'mlp', '--optimizer', 'adam', '--lr', '0.01', '--validation', '0.1']);
    withStore(temp.dir, (s) => {
      const a = runRecord(s, straight);
      const b = runRecord(s, resumed);
      expect(Object.keys(b.metrics).length).toBeGreaterThan(10);
      expect(b.metrics['train/loss']!.steps).toHaveLength(36);
      expect(b).toEqual(a);
      // Only the last and the best checkpoint are kept.
      expect(s.checkpoints.list(resumed).length).toBeLessThanOrEqual(2);
      expect(s.checkpoints.list(resumed).at(-1)!.epochsDone).toBe(4);
    });
  }, 300_000);

  it('does the same with two data-parallel threads', async () => {
    // The report's CNN: the MLP's steps here are too small for a second thread, which it would then not use.
    const { straight, resumed } = await straightAndResumed(['--model', 'cnn'], ['--threads', '2'], tinyData);
    withStore(temp.dir, (s) => {
      expect(s.runs.get(straight)!.kernels).toMatch(/-2t$/);
      expect(runRecord(s, resumed)).toEqual(runRecord(s, straight));
    });
  }, 300_000);
});
