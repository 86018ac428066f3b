// The HTTP transport with fake fetch and EventSource: envelopes from statuses, one shared event connection.
import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';
import { createHttpTransport, type HttpRequestInit, type HttpResponseLike } from './http-transport';

function response(status: number, text: string): HttpResponseLike {
  return { status, headers: { get: () => null }, text: async () => text, body: null };
}

class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onmessage: ((e: { data: string }) => void) | null = null;
  onopen: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
  }
}

describe('createHttpTransport', () => {
  it('posts JSON with the bearer token and maps statuses to envelopes', async () => {
    const requests: [string, HttpRequestInit][] = [];
    const replies = [
      response(200, '{"id":3}'),
      response(204, ''),
      response(400, '{"name":"ValidationError","message":"id: bad","field":"id"}'),
      response(502, '<html>bad gateway</html>'),
    ];
    const transport = createHttpTransport({
      baseUrl: 'http://127.0.0.1:9',
      token: 't0k',
      fetch: async (url, init) => (requests.push([url, init]), replies.shift()!),
    });
    expect(await transport.invoke('getRun', { id: 3 })).toEqual({ ok: true, value: { id: 3 } });
    expect(requests[0]).toEqual([
      'http://127.0.0.1:9/api/getRun',
      expect.objectContaining({
        method: 'POST',
        body: '{"id":3}',
        headers: expect.objectContaining({ Authorization: 'Bearer t0k', 'Content-Type': 'application/json' }),
      }),
    ]);
    expect(await transport.invoke('deleteRun', { id: 3 })).toEqual({ ok: true, value: undefined });
    expect(await transport.invoke('getRun', { id: 0 })).toEqual({ ok: false, error: { name: 'ValidationError', message: 'id: bad', field: 'id' } });
    expect(await transport.invoke('listRuns', undefined)).toEqual({ ok: false, error: { name: 'Error', message: 'HTTP 502 from listRuns' } });
  });

  it('turns an unreachable server into a NetworkError', async () => {
    const api = createApiClient(createHttpTransport({ baseUrl: '', fetch: () => Promise.reject(new Error('ECONNREFUSED')) }));
    await expect(api.listRuns()).rejects.toMatchObject({ name: 'NetworkError', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('shares one EventSource among subscribers, routes by event name, and closes it after the last one leaves', () => {
    FakeEventSource.opened = [];
    let opens = 0;
    const api = createApiClient(
      createHttpTransport({ baseUrl: '', token: 'a b', fetch: async () => response(200, ''), EventSource: FakeEventSource, onEventsOpen: () => opens++ }),
    );
    const updated: unknown[] = [];
    const deleted: unknown[] = [];
    const off1 = api.onRunUpdated((r) => updated.push(r.id));
    const off2 = api.onRunDeleted((d) => deleted.push(d.id));
    expect(FakeEventSource.opened).toHaveLength(1);
    const source = FakeEventSource.opened[0]!;
    expect(source.url).toBe('/api/events?token=a%20b');
    source.onopen!();
    source.onmessage!({ data: '{"event":"runUpdated","payload":{"id":1}}' });
    source.onmessage!({ data: '{"event":"runDeleted","payload":{"id":2}}' });
    source.onmessage!({ data: '{"event":"noSuchEvent","payload":{}}' });
    source.onmessage!({ data: 'not json' });
    expect([updated, deleted, opens]).toEqual([[1], [2], 1]);
    off1();
    expect(source.closed).toBe(false);
    off2();
    expect(source.closed).toBe(true);
  });
});
