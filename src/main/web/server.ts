// The web front door: the API contract over HTTP (POST /api/<call>) and SSE (GET /api/events) on loopback,
// plus the built renderer. No logic of its own: every call goes through the shared dispatcher to the backend.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkbenchBackend } from '../../shared/api-contract';
import { createDispatcher, type Dispatch } from '../../shared/api-dispatch';
import { httpStatusOf, type WireError } from '../../shared/api-wire';
import { contentSecurityPolicy } from '../../shared/csp';
import { BodyError, readJsonBody } from './body';
import { answerClientError } from './client-error';
import { EventStreams } from './event-stream';
import { checkRequest, guardFor, newToken, tokenCookie, type GuardConfig } from './guard';
import { serveStatic } from './static-files';

export interface WebServerOptions {
  readonly api: WorkbenchBackend;
  /** Loopback only: '127.0.0.1' (default), 'localhost' or '::1'. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The built renderer (index.html and assets); without it only the API is served. */
  readonly staticDir?: string;
  /** Default: a fresh random token per start. */
  readonly token?: string;
  /** Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Default 15 s. */
  readonly keepAliveMs?: number;
}

export interface WebServer {
  /** Open this in a browser: it carries the token, and the first load trades it for a cookie. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Starts the server; resolves once it listens. @throws Error for a non-loopback host. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`web server: host must be loopback (127.0.0.1, localhost or ::1), got "${host}"`);
  const token = options.token ?? newToken();
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const dispatch = createDispatcher(options.api);
  const streams = new EventStreams(options.api, { keepAliveMs: options.keepAliveMs ?? 15_000, maxBufferedBytes: 8 * 1024 * 1024 });
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  let guard: GuardConfig | null = null;

  // requireHostHeader off: a request without Host reaches the guard, which refuses it in JSON (Node's own refusal is
  // a bare 400); what the parser itself refuses gets the same JSON through the clientError listener.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    if (!guard) {
      res.writeHead(503).end();
      return;
    }
    handle(req, res, { guard, dispatch, streams, headers, maxBody, staticDir: options.staticDir }).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { name: 'Error', message: (err as Error).message }, headers);
      else res.destroy();
    });
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard = guardFor(token, port);
  const origin = `http://${host === '::1' ? '[::1]' : host}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Context {
  readonly guard: GuardConfig;
  readonly dispatch: Dispatch;
  readonly streams: EventStreams;
  readonly headers: Record<string, string>;
  readonly maxBody: number;
  readonly staticDir: string | undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const verdict = checkRequest(req, url, ctx.guard);
  if (!verdict.ok) {
    const extra: Record<string, string> = verdict.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
    const field = verdict.field === undefined ? {} : { field: verdict.field };
    return sendJson(res, verdict.status, { name: verdict.name, message: verdict.message, ...field }, { ...ctx.headers, ...extra });
  }
  const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');

  if (isApi && url.pathname === '/api/events') {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET', ctx.headers);
    return ctx.streams.attach(req, res, ctx.headers);
  }
  if (isApi) {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST', ctx.headers);
    let input: unknown;
    try {
      input = await readJsonBody(req, ctx.maxBody);
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      const close: Record<string, string> = err.status === 413 ? { Connection: 'close' } : {};
      return sendJson(res, err.status, { name: err.errorName, message: err.message }, { ...ctx.headers, ...close });
    }
    const result = await ctx.dispatch(url.pathname.slice('/api/'.length), input);
    if (!result.ok) return sendJson(res, httpStatusOf(result.error), result.error, ctx.headers);
    if (result.value === undefined) {
      res.writeHead(204, { ...ctx.headers, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    return sendJson(res, 200, result.value, ctx.headers);
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD', ctx.headers);
  if (verdict.via === 'query') {
    // Trade the token in the address bar for a cookie, and drop it from the URL (history, screenshots).
    // One leading slash only: "//host" in Location would send the browser elsewhere.
    url.searchParams.delete('token');
    res.writeHead(303, {
      ...ctx.headers,
      'Set-Cookie': tokenCookie(ctx.guard),
      Location: `/${url.pathname.replace(/^\/+/, '')}${url.search}`,
      'Cache-Control': 'no-store',
    });
    res.end();
    return;
  }
  if (!ctx.staticDir) {
    res.writeHead(404, { ...ctx.headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('no renderer is served here (start with a static folder); the API is at /api/<call>');
    return;
  }
  return serveStatic(req, res, ctx.staticDir, url.pathname, ctx.headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch (err) {
    status = 500;
    text = JSON.stringify({ name: 'Error', message: `result is not JSON: ${(err as Error).message}` } satisfies WireError);
  }
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function methodNotAllowed(res: ServerResponse, allow: string, headers: Record<string, string>): void {
  return sendJson(res, 405, { name: 'MethodNotAllowed', message: `use ${allow}` }, { ...headers, Allow: allow });
}
