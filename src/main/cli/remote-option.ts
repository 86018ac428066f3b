// `--redis URL [--queue NAME]` on train, grid and serve: the runs they start train on remote workers.
import type { RemoteChoice } from '../remote/connect-remote';
import { DEFAULT_QUEUE } from '../remote/keys';
import { redisOptions, RedisUrlError } from '../remote/redis-connection';
import { UsageError } from './usage-error';

export const REMOTE_OPTIONS = {
  redis: { type: 'string' },
  queue: { type: 'string' },
} as const;

export const REMOTE_HELP = `  --redis URL              train on remote workers through this Redis (redis://user:password@host:6379[/db],
                           rediss:// for TLS; see \`npm run worker -- --help\`)
  --queue NAME             the workers' queue (default ${DEFAULT_QUEUE})`;

export type { RemoteChoice } from '../remote/connect-remote';

export function remoteOf(v: { redis?: string; queue?: string }): RemoteChoice {
  if (v.queue !== undefined && v.redis === undefined) throw new UsageError('--queue: needs --redis');
  if (v.redis === undefined) return {};
  try {
    redisOptions(v.redis);
  } catch (err) {
    if (err instanceof RedisUrlError) throw new UsageError(err.message);
    throw err;
  }
  if (v.queue !== undefined && !/^[A-Za-z0-9_-]{1,60}$/.test(v.queue)) throw new UsageError(`--queue: 1–60 letters, digits, _ or -, got '${v.queue}'`);
  return { redisUrl: v.redis, queue: v.queue };
}
