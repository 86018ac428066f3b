// connectToParent picks Electron's parentPort or Node's process.send, and refuses a process with neither.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../shared/worker-protocol';
import { connectToParent } from './parent-port';

const failed: WorkerMessage = { type: 'failed', runId: null, error: { name: 'Error', message: 'x' } };

describe('connectToParent', () => {
  it('uses process.parentPort inside Electron, unwrapping MessageEvent.data', async () => {
    const port = new EventEmitter() as EventEmitter & { postMessage: (m: unknown) => void };
    const posted: unknown[] = [];
    port.postMessage = (m) => posted.push(m);
    const link = connectToParent(Object.assign(new EventEmitter(), { parentPort: port }) as unknown as NodeJS.Process);
    const received: unknown[] = [];
    link.onMessage((m) => received.push(m));
    port.emit('message', { data: { type: 'cancel' } });
    await link.send(failed);
    expect([link.kind, received, posted]).toEqual(['electron', [{ type: 'cancel' }], [failed]]);
  });

  it('uses process.send under child_process.fork and resolves once the message is out', async () => {
    const proc = Object.assign(new EventEmitter(), {
      connected: true,
      sent: [] as unknown[],
      send(msg: unknown, _handle: unknown, _options: unknown, cb: (err: Error | null) => void) {
        this.sent.push(msg);
        setImmediate(() => cb(null));
        return true;
      },
    });
    const link = connectToParent(proc as unknown as NodeJS.Process);
    const received: unknown[] = [];
    let gone = false;
    link.onMessage((m) => received.push(m));
    link.onDisconnect(() => (gone = true));
    proc.emit('message', { type: 'cancel' });
    proc.emit('disconnect');
    await link.send(failed);
    expect([link.kind, received, proc.sent, gone]).toEqual(['node', [{ type: 'cancel' }], [failed], true]);
  });

  it('refuses to run without a parent', () => {
    expect(() => connectToParent(new EventEmitter() as unknown as NodeJS.Process)).toThrow(/must be started by the app/);
  });
});
