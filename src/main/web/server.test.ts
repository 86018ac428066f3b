// The web door against a fake in-memory backend: token, Host and Origin checks, calls, SSE, static files.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/api-client';
import type { RunSummary } from '../../shared/api-types';
import { createHttpTransport } from '../../shared/http-transport';
import { SseParser, type SseMessage } from '../../shared/sse';
import { tinyConfig } from '../../shared/testing/configs';
import { createFakeWorkbench, type FakeWorkbench } from '../../shared/testing/fake-workbench';
import { startWebServer, type WebServer } from './server';

let dir: string;
let www: string;
let fake: FakeWorkbench;
let server: WebServer;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nnwb-web-'));
  www = path.join(dir, 'www');
  mkdirSync(path.join(www, 'assets'), { recursive: true });
  writeFileSync(path.join(www, 'index.html'), '<!doctype html><title>NN Workbench</title>');
  writeFileSync(path.join(www, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(www, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(www, 'assets', 'k.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(path.join(www, '.env'), 'SECRET=1');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(www, 'leak.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(options: { keepAliveMs?: number; maxBodyBytes?: number } = {}) {
  fake = createFakeWorkbench();
  server = await startWebServer({ api: fake, port: 0, staticDir: www, ...options });
}
afterEach(async () => server?.close());

const auth = () => ({ Authorization: `Bearer ${server.token}` });

function post(call: string, body: unknown, headers: Record<string, string> = auth()) {
  return fetch(`${server.origin}/api/${call}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** A request with exactly this path and these headers (fetch normalises paths and owns Host). */
function raw(
  pathname: string,
  headers: Record<string, string> = {},
  method = 'GET',
  withToken = true,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: pathname, method, headers: { ...(withToken ? auth() : {}), ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads SSE messages from a streaming fetch until `count` data messages (or the `until` comment) arrived. */
async function readEvents(res: Response, count: number): Promise<SseMessage[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const got: SseMessage[] = [];
  while (got.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    got.push(...parser.feed(decoder.decode(value, { stream: true })));
  }
  await reader.cancel();
  return got;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('access', () => {
  it('refuses a request without a token with 401', async () => {
    await start();
    const res = await post('listRuns', {}, {});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ name: 'UnauthorizedError' });
    expect((await fetch(`${server.origin}/`)).status).toBe(401);
    expect(fake.received).toEqual([]);
  });

  it('refuses a wrong token in the header, the cookie or the query with 401', async () => {
    await start();
    expect((await post('listRuns', {}, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post('listRuns', {}, { Authorization: `Basic ${server.token}` })).status).toBe(401);
    expect((await post('listRuns', {}, { Cookie: `nnwb_token_${server.port}=nope` })).status).toBe(401);
    expect((await fetch(`${server.origin}/?token=nope`)).status).toBe(401);
    // The query token opens pages and the event stream, never a call.
    expect((await post(`listRuns?token=${server.token}`, {}, {})).status).toBe(401);
  });

  it('refuses a foreign Host with 403 even with the right token (DNS rebinding)', async () => {
    await start();
    for (const host of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const res = await raw('/api/listRuns', { Host: host, 'Content-Type': 'application/json' }, 'POST');
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ name: 'ForbiddenError' });
    }
    expect((await raw('/', { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin and cross-site requests with 403', async () => {
    await start();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null']) {
      expect((await raw('/api/events', { Origin: origin })).status, origin).toBe(403);
    }
    expect((await raw('/api/listRuns', { 'Sec-Fetch-Site': 'cross-site' }, 'POST')).status).toBe(403);
    expect(fake.received).toEqual([]);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie, then serves the page with its CSP', async () => {
    await start();
    const first = await fetch(server.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^nnwb_token_${server.port}=${server.token};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await fetch(`${server.origin}/`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self';.*object-src 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('NN Workbench');
  });

  it('keeps the redirect on this server whatever the path looks like', async () => {
    await start();
    const res = await raw(`/.//evil.example/x?token=${server.token}&tab=2`, {}, 'GET', false);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/evil.example/x?tab=2');
  });

  it('refuses to bind anything but loopback', async () => {
    await expect(startWebServer({ api: createFakeWorkbench(), host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});

describe('calls', () => {
  it('round-trips calls through the typed HTTP client', async () => {
    await start();
    const api = createApiClient(createHttpTransport({ baseUrl: server.origin, token: server.token, fetch }));
    const run = await api.startRun(tinyConfig({ name: 'over http' }));
    expect(run).toMatchObject({ id: 1, name: 'over http', status: 'queued' });
    expect(await api.getRun({ id: 1 })).toMatchObject({ name: 'over http', config: { lr: 0.1, l2: 0 } });
    expect(await api.tagRun({ id: 1, tag: 'baseline' })).toMatchObject({ tags: ['baseline'] });
    expect(await api.deleteRun({ id: 1 })).toBeUndefined();
    await expect(api.getRun({ id: 1 })).rejects.toMatchObject({ name: 'NotFoundError', message: 'run 1 not found' });
    await expect(api.startRun(tinyConfig({ batchSize: 0 }))).rejects.toMatchObject({ name: 'ValidationError', field: 'batchSize' });
  });

  it('answers a bad body with 400 naming the field, and never calls the service', async () => {
    await start();
    const res = await post('getRun', { id: 'seven' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { name: string; message: string; field: string };
    expect(body).toMatchObject({ name: 'ValidationError', field: 'id' });
    expect(body.message).toMatch(/^id: /);
    const grid = await post('startGrid', { base: tinyConfig(), parameters: { lr: { values: [0.1, 99] } } });
    expect(grid.status).toBe(400);
    expect(await grid.json()).toMatchObject({ field: 'parameters.lr.values.1' });
    expect(fake.received).toEqual([]);
  });

  it('refuses malformed requests with the right status', async () => {
    await start({ maxBodyBytes: 10_000 });
    const notJson = await fetch(`${server.origin}/api/listRuns`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
    const broken = await fetch(`${server.origin}/api/listRuns`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{"limit":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/^body: not valid JSON/) });
    const huge = await post('setRunNotes', { id: 1, notes: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect((await post('dropTables', {})).status).toBe(404);
    expect((await fetch(`${server.origin}/api/listRuns`, { headers: auth() })).status).toBe(405);
    expect(fake.received).toEqual([]);
  });
});

describe('events', () => {
  it('streams backend events over SSE and unsubscribes when the client leaves', async () => {
    await start();
    const res = await fetch(`${server.origin}/api/events?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await waitFor(() => fake.listenerCount() === 1, 'the subscription');
    await post('startRun', tinyConfig({ name: 'live' }));
    fake.emit({ event: 'runDeleted', payload: { id: 1 } });
    const messages = await readEvents(res, 2);
    expect(messages.map((m) => JSON.parse(m.data) as unknown)).toEqual([
      { event: 'runUpdated', payload: expect.objectContaining({ id: 1, name: 'live' }) },
      { event: 'runDeleted', payload: { id: 1 } },
    ]);
    await waitFor(() => fake.listenerCount() === 0, 'the cleanup after disconnect');
  });

  it('sends keep-alive comments', async () => {
    await start({ keepAliveMs: 30 });
    const res = await fetch(`${server.origin}/api/events`, { headers: auth() });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes(': keep-alive')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text.startsWith('retry: 2000\n: connected\n\n')).toBe(true);
    await reader.cancel();
  });

  it('delivers events to the typed client over streaming fetch, and close() ends the stream', async () => {
    await start();
    let opened = 0;
    const api = createApiClient(createHttpTransport({ baseUrl: server.origin, token: server.token, fetch, onEventsOpen: () => opened++ }));
    const seen: RunSummary[] = [];
    const off = api.onRunUpdated((run) => seen.push(run));
    await waitFor(() => fake.listenerCount() === 1 && opened === 1, 'the subscription');
    await api.startRun(tinyConfig({ name: 'pushed' }));
    await waitFor(() => seen.length === 1, 'the runUpdated event');
    expect(seen[0]).toMatchObject({ id: 1, name: 'pushed' });
    await server.close();
    expect(fake.listenerCount()).toBe(0);
    off();
  });
});

describe('static files', () => {
  it('serves assets with their MIME types and falls back to index.html for app routes', async () => {
    await start();
    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/k.wasm': 'application/wasm',
      '/runs/3': 'text/html; charset=utf-8',
    };
    for (const [p, type] of Object.entries(types)) {
      const res = await raw(p);
      expect(res.status, p).toBe(200);
      expect(res.headers['content-type'], p).toBe(type);
    }
    expect((await raw('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the folder, a dotfile, or a symlink leading out', async () => {
    await start();
    for (const p of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/leak.txt',
      '/.env',
      '/assets/%00.js',
      '/%E0%A4%A',
    ]) {
      const res = await raw(p);
      expect([400, 404], `${p} → ${res.status}`).toContain(res.status);
      expect(res.body).not.toContain('SECRET');
    }
  });
});
