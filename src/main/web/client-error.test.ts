// The web door's answers to requests Node's parser or the guard refuse before any call: JSON errors naming the header.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeWorkbench, type FakeWorkbench } from '../../shared/testing/fake-workbench';
import { startWebServer, type WebServer } from './server';

let fake: FakeWorkbench;
let server: WebServer;

async function start() {
  fake = createFakeWorkbench();
  server = await startWebServer({ api: fake, port: 0 });
}
afterEach(async () => server?.close());

function post(call: string, body: unknown) {
  return fetch(`${server.origin}/api/${call}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body),
  });
}

/** Sends `text` as is on a fresh connection; resolves with the status and the parsed JSON body of the answer. */
function rawHttp(text: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.end(text));
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (got += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = got.split('\r\n\r\n');
      try {
        resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) as unknown });
      } catch (err) {
        reject(new Error(`not a JSON answer: ${JSON.stringify(got)} (${(err as Error).message})`));
      }
    });
  });
}

describe('malformed requests', () => {
  it('answers a request without a Host header, or one Node cannot parse, with a JSON error naming the header', async () => {
    await start();
    const token = `Authorization: Bearer ${server.token}\r\n`;
    const json = 'Content-Type: application/json\r\n';
    const host = `Host: 127.0.0.1:${server.port}\r\n`;
    const cases: [string, number, object][] = [
      [`POST /api/listRuns HTTP/1.1\r\n${token}${json}Content-Length: 2\r\n\r\n{}`, 400, { name: 'BadRequest', field: 'Host' }],
      [`GET / HTTP/1.0\r\n${token}\r\n`, 400, { name: 'BadRequest', field: 'Host' }],
      [`POST /api/listRuns HTTP/1.1\r\n${host}${token}${json}Content-Length: abc\r\n\r\n{}`, 400, { name: 'BadRequest', field: 'Content-Length' }],
      [
        `POST /api/listRuns HTTP/1.1\r\n${host}${token}${json}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
        400,
        { name: 'BadRequest', field: 'Content-Length' },
      ],
      [`GET / HTTP/1.1\r\n${host}X-Big: ${'x'.repeat(20_000)}\r\n\r\n`, 431, { name: 'HeadersTooLarge' }],
      [`NOT HTTP AT ALL\r\n\r\n`, 400, { name: 'BadRequest' }],
    ];
    for (const [text, status, error] of cases) {
      const res = await rawHttp(text);
      expect(res.status, text.slice(0, 40)).toBe(status);
      expect(res.body, text.slice(0, 40)).toMatchObject({ ...error, message: expect.any(String) });
    }
    expect(fake.received).toEqual([]);
    // It keeps serving.
    expect((await post('listRuns', {})).status).toBe(200);
  });
});
