// Web mode end to end: a real run started over HTTP and streamed over SSE to completion; the token is required.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../shared/api-contract';
import { SseParser } from '../../shared/sse';
import { tempDataDir, tinyRun } from '../workbench/testing/fixtures';
import { startWebApp, type WebApp } from './web-app';

let temp: ReturnType<typeof tempDataDir>;
let app: WebApp;

beforeAll(async () => {
  temp = tempDataDir('nnwb-web-');
  app = await startWebApp({ dataDir: temp.dir, concurrency: 1, port: 0, progressIntervalMs: 20 });
});
afterAll(async () => {
  await app?.close();
  temp?.remove();
});

const auth = () => ({ Authorization: `Bearer ${app.server.token}` });
const post = (call: string, body: unknown, headers: Record<string, string> = auth()) =>
  fetch(`${app.server.origin}/api/${call}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Reads the event stream until `done` says stop; returns every event read. */
async function readUntil(res: Response, done: (e: WorkbenchEvent) => boolean): Promise<WorkbenchEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const got: WorkbenchEvent[] = [];
  for (;;) {
    const { done: ended, value } = await reader.read();
    if (ended) throw new Error('the event stream ended early');
    for (const m of parser.feed(decoder.decode(value, { stream: true }))) {
      const e = JSON.parse(m.data) as WorkbenchEvent;
      got.push(e);
      if (done(e)) {
        await reader.cancel();
        return got;
      }
    }
  }
}

describe('web mode', () => {
  it('refuses calls and the event stream without the token', async () => {
    expect((await post('listRuns', {}, {})).status).toBe(401);
    expect((await post('listRuns', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${app.server.origin}/api/events`)).status).toBe(401);
  });

  it('prints a URL that carries the token', () => {
    expect(app.url).toBe(`${app.server.origin}/?token=${app.server.token}`);
  });

  it('streams a full run started over HTTP to completion', async () => {
    const stream = await fetch(`${app.server.origin}/api/events`, { headers: auth() });
    expect(stream.status).toBe(200);
    const res = await post('startRun', tinyRun({ name: 'over http' }));
    expect(res.status).toBe(200);
    const run = (await res.json()) as { id: number; status: string };
    const events = await readUntil(stream, (e) => e.event === 'runUpdated' && e.payload.id === run.id && e.payload.status === 'completed');
    const kinds = new Set(events.map((e) => e.event));
    expect(kinds).toEqual(new Set(['runUpdated', 'runProgress', 'runEpoch']));
    expect(events.filter((e) => e.event === 'runEpoch')).toHaveLength(2);
    const detail = (await (await post('getRun', { id: run.id })).json()) as { status: string; epochs: unknown[]; name: string };
    expect(detail).toMatchObject({ status: 'completed', name: 'over http' });
    expect(detail.epochs).toHaveLength(2);
  });

  it('answers a bad argument with 400 naming the field', async () => {
    const res = await post('startRun', tinyRun({ lr: -1 }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ name: 'ValidationError', field: 'lr' });
  });
});
