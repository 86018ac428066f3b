// A `redis://[user:pass@]host:port[/db]` or `rediss://` (TLS) URL as ioredis options, the URL with its password
// hidden for logs and the database, and Redis's refusals in words a user can act on.
import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { explainTlsRefusal, isTlsRefusal } from './tls-refusal';

export class RedisUrlError extends Error {
  constructor(reason: string) {
    super(`--redis: ${reason}`);
    this.name = 'RedisUrlError';
  }
}

/** The options BullMQ and our own clients connect with. `maxRetriesPerRequest: null`: wait out a Redis restart. */
export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisUrlError(`not a URL: ${redactRedisUrl(url)} (expected redis://[user:password@]host:6379[/db])`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new RedisUrlError(`expected redis:// or rediss://, got ${u.protocol}//`);
  if (!u.hostname) throw new RedisUrlError('the URL names no host');
  const dbPart = u.pathname.replace(/^\//, '');
  if (dbPart !== '' && !/^\d{1,2}$/.test(dbPart)) throw new RedisUrlError(`the database must be a number 0–15, got "${dbPart}"`);
  const port = u.port === '' ? 6379 : Number(u.port);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: dbPart === '' ? 0 : Number(dbPart),
    // rediss:// is TLS, verified against the system's CAs (NODE_EXTRA_CA_CERTS adds a private one). An address is
    // checked against the certificate's IP names without SNI, which may only carry host names (RFC 6066).
    tls: u.protocol === 'rediss:' ? { servername: isIP(host) ? undefined : host } : undefined,
    maxRetriesPerRequest: null,
    // Reconnect forever, at most every 2 s: a restarted Redis is picked up within that.
    retryStrategy: (times) => Math.min(100 * times, 2000),
  };
}

/** The URL as it may be shown or stored: the password replaced by `***`. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    // Not a URL: hide whatever sits between "://" and "@".
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Redis's own words on a refused login or a missing permission, as one line naming what to fix. */
export function explainRedisError(err: unknown, url: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const where = redactRedisUrl(url);
  const tls = explainTlsRefusal(err, url, where);
  if (tls) return tls;
  if (/WRONGPASS|invalid username-password|invalid password/i.test(message)) return `Redis at ${where} refused the login: wrong user name or password`;
  if (/NOAUTH/i.test(message)) return `Redis at ${where} needs a password: give it in the URL, redis://user:password@host:6379`;
  if (/NOPERM/i.test(message)) return `Redis at ${where}: the user may not run a command the queue needs (${message})`;
  if (/ECONNREFUSED/.test(message)) return `Redis at ${where} refused the connection: is redis-server running there?`;
  return `Redis at ${where}: ${message}`;
}

/**
 * Connects and checks the login at once (PING), so a wrong password fails here, in one line, rather than as
 * endless reconnects. The client then reconnects by itself whenever Redis goes away.
 */
export async function connectRedis(url: string, name: string): Promise<Redis> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, connectionName: name });
  // Without a listener, ioredis prints every failed reconnect; the callers report what matters. A refused
  // login or a failed TLS handshake shows up here while connect() itself only says the connection closed.
  let refusal: unknown = null;
  const remember = (err: unknown) =>
    (refusal ??= /WRONGPASS|NOAUTH|NOPERM|invalid username-password/i.test(String(err)) || isTlsRefusal(err, url) ? err : null);
  client.on('error', remember);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw new Error(explainRedisError(refusal ?? err, url));
  }
  client.off('error', remember);
  client.on('error', () => {});
  return client;
}
