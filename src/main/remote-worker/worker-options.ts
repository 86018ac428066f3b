// The worker's command line: `npm run worker -- --redis URL [--concurrency N] [--name NAME] …`, checked by name.
import { hostname } from 'node:os';
import { choice, int, parseFlags } from '../cli/flags';
import { UsageError } from '../cli/usage-error';
import { workerNameSchema } from '../../shared/remote-protocol';
import { kernelPreferenceSchema, type KernelPreference } from '../../shared/worker-protocol';
import { redisOptions, RedisUrlError } from '../remote/redis-connection';
import { DEFAULT_QUEUE } from '../remote/keys';

export const WORKER_HELP = `Usage: npm run worker -- --redis redis://[user:password@]host:6379[/db] [options]

Trains runs the workbench app puts on its Redis queue, with the same engine as local runs, and sends their
metrics and weights back. Datasets are not sent: the worker trains only on its own copy with the same hash.

  --redis URL          the app's Redis (rediss:// for TLS); default $NNWB_REDIS_URL, which keeps the password
                       out of the process list. A server certificate from a private CA is trusted with
                       NODE_EXTRA_CA_CERTS=/path/to/ca.pem in the worker's environment (read when Node starts)
  --concurrency N      runs trained at once (default 1)
  --name NAME          shown in the app's runs table (default: host name and process id)
  --queue NAME         the queue's name (default ${DEFAULT_QUEUE}; one per app data folder)
  --data-dir DIR       where a run's relative dataset folder is read from
  --kernels K          auto (default), native, relaxed, simd, reference
  --threads N          threads per run (default 1)
  --lock-ms MS         how long a silent worker keeps a job before another takes it over (default 30000)
`;

export interface WorkerOptions {
  readonly redisUrl: string;
  readonly concurrency: number;
  readonly name: string;
  readonly queue: string;
  readonly dataDir: string | undefined;
  readonly kernels: KernelPreference;
  readonly threads: number;
  readonly lockMs: number;
}

export function parseWorkerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): WorkerOptions | 'help' {
  const { values } = parseFlags(argv, {
    redis: { type: 'string' },
    concurrency: { type: 'string' },
    name: { type: 'string' },
    queue: { type: 'string' },
    'data-dir': { type: 'string' },
    kernels: { type: 'string' },
    threads: { type: 'string' },
    'lock-ms': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const redisUrl = values.redis ?? env.NNWB_REDIS_URL;
  if (!redisUrl) throw new UsageError('--redis: required (or set NNWB_REDIS_URL), e.g. --redis redis://worker:secret@10.0.0.5:6379');
  try {
    redisOptions(redisUrl);
  } catch (err) {
    if (err instanceof RedisUrlError) throw new UsageError(err.message);
    throw err;
  }
  const name = values.name ?? `${hostname()}-${process.pid}`;
  const checked = workerNameSchema.safeParse(name);
  if (!checked.success) throw new UsageError(`--name: ${checked.error.issues[0]!.message}, got '${name}'`);
  const queue = values.queue ?? DEFAULT_QUEUE;
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(queue)) throw new UsageError(`--queue: 1–60 letters, digits, _ or -, got '${queue}'`);
  return {
    redisUrl,
    concurrency: int('concurrency', values.concurrency) ?? 1,
    name,
    queue,
    dataDir: values['data-dir'],
    kernels: choice('kernels', values.kernels, kernelPreferenceSchema.options, 'auto'),
    threads: int('threads', values.threads) ?? 1,
    lockMs: int('lock-ms', values['lock-ms'], 1000) ?? 30_000,
  };
}
