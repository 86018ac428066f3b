// Test helpers: a real redis-server on 127.0.0.1 at a free port in a temp folder (an ACL user with a password,
// AOF on so a restart keeps the queue), and worker processes started as a user would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REDIS_SERVER = '/usr/bin/redis-server';
/** Why the Redis tests skip here, or null when they can run. */
export const NO_REDIS_REASON = existsSync(REDIS_SERVER) ? null : `${REDIS_SERVER} is missing (apt-get install redis-server)`;

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER_MAIN = path.resolve(here, '../../remote-worker/main.ts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  readonly port: number;
  /** redis://nnwb:<password>@127.0.0.1:<port> */
  readonly url: string;
  /** Stops (SIGTERM: the AOF is flushed) and starts it again on the same port and folder. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_PASSWORD = 's3cret-test-pass';

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nnw-redis-'));
  const port = await freePort();
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    // NOTE: Redis 7.0 replays the AOF as the default user: with that user off, every MULTI/EXEC of the queue is
    // refused on load (NOPERM) and a restart loses the queue. So the default user stays on, with its own password.
    '--user',
    'default',
    'on',
    `>${TEST_PASSWORD}-admin`,
    '~*',
    '&*',
    '+@all',
    '--user',
    'nnwb',
    'on',
    `>${TEST_PASSWORD}`,
    '~*',
    '&*',
    '+@all',
    '--loglevel',
    'warning',
  ];
  let proc: ChildProcess | null = null;
  const up = async () => {
    proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForPort(port);
  };
  const down = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  };
  await up();
  return {
    port,
    url: `redis://nnwb:${TEST_PASSWORD}@127.0.0.1:${port}`,
    async restart(downMs = 1500) {
      await down();
      await new Promise((r) => setTimeout(r, downMs));
      await up();
    },
    async stop() {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface WorkerProcess {
  readonly name: string;
  readonly proc: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with its exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** `npm run worker -- --redis URL --name NAME …` as its own process (`env`: added to this process's). */
export function startWorker(url: string, name: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN, '--redis', url, '--name', name, '--lock-ms', '4000', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    name,
    proc,
    stderr: () => err,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until `text` appears on the worker's stderr. */
export async function workerSays(w: WorkerProcess, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!w.stderr().includes(text)) {
    if (Date.now() > deadline) throw new Error(`worker ${w.name} never said "${text}"; stderr:\n${w.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
