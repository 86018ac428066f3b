// Remote workers over rediss:// with a real TLS-only redis-server and a private CA made by openssl. NODE_EXTRA_CA_CERTS
// is read once when Node starts, so both sides run as their own processes as a user starts them: the worker
// (`npm run worker`) and the app's `train --redis` command. A run trains and is recorded as a local one is; a process
// that does not trust the CA is refused; a client using the wrong scheme for the port fails at once, in words.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import { databaseFile, openStore, type Store } from '../db';
import { readEpochRecords } from '../runs/run-metrics';
import { REPO, TINY } from '../workbench/testing/fixtures';
import { startRedis, startWorker, TEST_PASSWORD } from './testing/redis-server';
import { redisSuite } from './testing/remote-suite';
import { makeCertificates, NO_TLS_REDIS_REASON, startTlsRedis } from './testing/tls-redis';

const TIMEOUT = 180_000;
const CLI = path.join(REPO, 'src/main/cli/main.ts');
const TINY_ARGS = ['--dataset', TINY, '--limit-train', '300', '--limit-test', '100', '--hidden', '16', '--batch', '32', '--epochs', '2', '--quiet', '--json'];

const suite = redisSuite('nnw-remote-tls-', { app: 'per-file', start: startTlsRedis, skipReason: NO_TLS_REDIS_REASON });
// Each process states its own trust: none inherits a NODE_EXTRA_CA_CERTS from the shell running the tests.
const NO_EXTRA_CA = { NODE_EXTRA_CA_CERTS: '' };

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The workbench's command line as its own process (`env`: added to this process's). */
function cli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO, env: { ...process.env, NNWB_DATA_DIR: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `promise`, or a failure naming what never happened: a refused connection must end, not hang. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function recorded(store: Store, id: number) {
  const loss = store.metrics.series(id, METRIC_KEYS.loss);
  const epochs = readEpochRecords(store.metrics, id).map((e) => [e.epoch, e.step, e.testAccuracy, e.testLoss]);
  return { steps: loss.steps, values: loss.values, epochs, weights: store.artifacts.weights(id)!.data };
}

const runIdOf = (res: CliResult) => (JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { run_id: number }).run_id;

describe.skipIf(NO_TLS_REDIS_REASON !== null)(`remote workers over TLS (skipped: ${NO_TLS_REDIS_REASON ?? 'redis-server and openssl present'})`, () => {
  it(
    'trains over rediss:// when the worker and the app trust the private CA, recording the metrics and weights of a local run',
    async () => {
      const trust = { NODE_EXTRA_CA_CERTS: suite.redis.caFile };
      suite.workers = [startWorker(suite.redis.url, 'tls-worker', [], trust)];
      const remote = await cli(['train', ...TINY_ARGS, '--redis', suite.redis.url, '--data-dir', suite.temp.dir], trust);
      expect(remote.stderr).toBe('');
      expect(remote.code).toBe(0);
      const local = await cli(['train', ...TINY_ARGS, '--data-dir', suite.temp.dir], NO_EXTRA_CA);
      expect(local.code).toBe(0);
      const store = openStore(databaseFile(suite.temp.dir));
      try {
        const remoteId = runIdOf(remote);
        const localId = runIdOf(local);
        expect(store.runs.get(remoteId)).toMatchObject({ status: 'completed', placement: 'workers', worker: 'tls-worker', epochsDone: 2, stepsDone: 20 });
        expect(store.runs.get(localId)).toMatchObject({ status: 'completed', placement: 'local', worker: null });
        const fromWorker = recorded(store, remoteId);
        expect(fromWorker.steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(fromWorker).toEqual(recorded(store, localId));
      } finally {
        store.close();
      }
      // Trusted by the CA alone: no warning that verification was turned off anywhere.
      expect(suite.workers[0]!.stderr()).not.toMatch(/NODE_TLS_REJECT_UNAUTHORIZED|certificate/i);
    },
    TIMEOUT,
  );

  it(
    'refuses a worker and the app that do not trust the CA (none, or another private one), and a host the certificate does not name',
    async () => {
      const other = mkdtempSync(path.join(tmpdir(), 'nnw-other-ca-'));
      try {
        const otherCa = (await makeCertificates(other)).ca;
        const refused = `Redis at rediss://nnwb:***@127.0.0.1:${suite.redis.port}: TLS certificate verification failed (SELF_SIGNED_CERT_IN_CHAIN`;
        for (const [name, env] of [
          ['no-ca', NO_EXTRA_CA],
          ['other-ca', { NODE_EXTRA_CA_CERTS: otherCa }],
        ] as const) {
          const w = startWorker(suite.redis.url, name, [], env);
          suite.workers.push(w);
          expect(await within(w.exited, 60_000, `worker ${name} to give up`)).toBe(1);
          expect(w.stderr()).toContain(refused);
          expect(w.stderr()).toContain('NODE_EXTRA_CA_CERTS=/path/to/ca.pem');
          expect(w.stderr()).not.toContain(TEST_PASSWORD);
        }
        const app = await cli(['train', ...TINY_ARGS, '--redis', suite.redis.url, '--data-dir', suite.temp.dir], NO_EXTRA_CA);
        expect(app.code).toBe(1);
        expect(app.stderr).toContain(refused);
        // Trusted CA, but a host name the certificate (IP:127.0.0.1 only) does not name: refused as well.
        const byName = startWorker(suite.redis.url.replace('@127.0.0.1:', '@localhost:'), 'by-name', [], { NODE_EXTRA_CA_CERTS: suite.redis.caFile });
        suite.workers.push(byName);
        expect(await within(byName.exited, 60_000, 'the worker using a name outside the certificate to give up')).toBe(1);
        expect(byName.stderr()).toContain(
          `Redis at rediss://nnwb:***@localhost:${suite.redis.port}: TLS certificate verification failed (Hostname/IP does not match`,
        );
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );

  it(
    'fails at once, in words, when a redis:// client reaches the TLS port',
    async () => {
      const w = startWorker(suite.redis.plainUrl, 'plain', [], { NODE_EXTRA_CA_CERTS: suite.redis.caFile });
      suite.workers = [w];
      expect(await within(w.exited, 60_000, 'the plain-text worker to give up')).toBe(1);
      const hint = `Redis at redis://nnwb:***@127.0.0.1:${suite.redis.port} reset the connection at once: if that port speaks TLS, use rediss:// instead of redis://`;
      expect(w.stderr()).toContain(hint);
      const app = await within(
        cli(['train', ...TINY_ARGS, '--redis', suite.redis.plainUrl, '--data-dir', suite.temp.dir], NO_EXTRA_CA),
        60_000,
        'the app to give up',
      );
      expect(app.code).toBe(1);
      expect(app.stderr).toContain(hint);
    },
    TIMEOUT,
  );

  it(
    'fails, in words, when a rediss:// client reaches a plain-text port (the handshake times out)',
    async () => {
      const plain = await startRedis();
      try {
        const w = startWorker(plain.url.replace('redis://', 'rediss://'), 'tls-to-plain', [], NO_EXTRA_CA);
        suite.workers = [w];
        // ioredis gives up a connection after 10 s (its connectTimeout): long, but an end.
        expect(await within(w.exited, 60_000, 'the TLS worker at a plain port to give up')).toBe(1);
        expect(w.stderr()).toContain(
          `Redis at rediss://nnwb:***@127.0.0.1:${plain.port}: no TLS handshake (ETIMEDOUT): if that port speaks plain Redis, use redis://`,
        );
      } finally {
        await plain.stop();
      }
    },
    TIMEOUT,
  );
});
