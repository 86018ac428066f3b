// Who may talk to the web door: the right Host (no DNS rebinding), no foreign Origin, and the per-start token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardConfig {
  readonly token: string;
  /** Host header values accepted, lower case, e.g. "127.0.0.1:4321" and "localhost:4321". */
  readonly hosts: ReadonlySet<string>;
  /** Origin header values accepted, e.g. "http://127.0.0.1:4321". */
  readonly origins: ReadonlySet<string>;
  readonly cookieName: string;
}

export type Verdict =
  | { readonly ok: true; readonly via: 'header' | 'cookie' | 'query' }
  | { readonly ok: false; readonly status: 400 | 401 | 403; readonly name: string; readonly message: string; readonly field?: string };

/** A fresh 256-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The guard for a server listening on loopback `port`. The cookie name carries the port: cookies ignore ports. */
export function guardFor(token: string, port: number): GuardConfig {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  return {
    token,
    hosts: new Set(names.map((h) => `${h}:${port}`)),
    origins: new Set(names.map((h) => `http://${h}:${port}`)),
    cookieName: `nnwb_token_${port}`,
  };
}

/**
 * Checks one request. Order matters: Host and Origin first (400 without a Host, 403 for a foreign one, before the
 * token is even looked at),
 * then the token from `Authorization: Bearer`, the cookie, or — on GET only — `?token=`.
 */
export function checkRequest(req: IncomingMessage, url: URL, guard: GuardConfig): Verdict {
  if (req.headers.host === undefined) return { ok: false, status: 400, name: 'BadRequest', field: 'Host', message: 'Host: the header is missing' };
  const host = req.headers.host.toLowerCase();
  if (!guard.hosts.has(host)) {
    return {
      ok: false,
      status: 403,
      name: 'ForbiddenError',
      message: `refused Host "${host.slice(0, 100)}": this server answers only on ${[...guard.hosts][0]}`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !guard.origins.has(origin.toLowerCase())) {
    return { ok: false, status: 403, name: 'ForbiddenError', message: `refused Origin "${origin.slice(0, 100)}"` };
  }
  // Browsers label requests made by other sites; an API call from one is never ours.
  const site = req.headers['sec-fetch-site'];
  if (url.pathname.startsWith('/api/') && (site === 'cross-site' || site === 'same-site')) {
    return { ok: false, status: 403, name: 'ForbiddenError', message: `refused a ${site} request` };
  }
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    return match && sameSecret(match[1]!, guard.token) ? { ok: true, via: 'header' } : unauthorized('wrong token');
  }
  const cookie = readCookie(req.headers.cookie, guard.cookieName);
  if (cookie !== undefined && sameSecret(cookie, guard.token)) return { ok: true, via: 'cookie' };
  const query = url.searchParams.get('token');
  if (query !== null && (req.method === 'GET' || req.method === 'HEAD')) {
    return sameSecret(query, guard.token) ? { ok: true, via: 'query' } : unauthorized('wrong token');
  }
  return unauthorized(cookie !== undefined ? 'wrong token' : 'missing token: open the URL the workbench printed (it ends in ?token=…)');
}

/** The Set-Cookie value that lets the browser in after the first page load. */
export function tokenCookie(guard: GuardConfig): string {
  return `${guard.cookieName}=${guard.token}; HttpOnly; SameSite=Strict; Path=/`;
}

function unauthorized(message: string): Verdict {
  return { ok: false, status: 401, name: 'UnauthorizedError', message };
}

/** Constant-time comparison (hashing first makes the lengths equal). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
