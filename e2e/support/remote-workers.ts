// A real redis-server and real remote workers (`npm run worker`) for the e2e specs, each as its own process:
// the same test Redis as the vitest suites (src/main/remote/testing/redis-process.ts), the same worker entry.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export const hasRedis = existsSync('/usr/bin/redis-server');

const REDIS_PROCESS = path.join(ROOT, 'src', 'main', 'remote', 'testing', 'redis-process.ts');
const WORKER_MAIN = path.join(ROOT, 'src', 'main', 'remote-worker', 'main.ts');

export interface Started {
  readonly proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function start(args: readonly string[]): Started {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  proc.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    output: () => output,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** A password-protected redis-server on 127.0.0.1 at a free port; resolves once it serves, with its URL. */
export async function startTestRedis(): Promise<Started & { url: string }> {
  const redis = start([REDIS_PROCESS]);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis did not start:\n${redis.output()}`)), 30_000);
    redis.proc.stdout!.on('data', () => {
      const m = /^redis (\S+)$/m.exec(redis.output());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    redis.proc.once('exit', () => reject(new Error(`redis exited:\n${redis.output()}`)));
  });
  return { ...redis, url };
}

/** `npm run worker -- --redis URL --name NAME`; SIGTERM lets it finish its runs in hand, then it exits. */
export function startWorker(url: string, name: string): Started {
  return start([WORKER_MAIN, '--redis', url, '--name', name]);
}
