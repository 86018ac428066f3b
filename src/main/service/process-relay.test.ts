// The relay's two halves joined in memory over fake processes: what a host adapter may do (fail to spawn,
// learn its pid late, end stderr after the exit as Electron does) reaches the service's TrainingProcess intact.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../shared/worker-protocol';
import type { RawProcess } from '../runs/process-host';
import { ProcessRelay } from './process-relay';
import { createRelayedProcessHost } from './relayed-process-host';

function fakeProcess() {
  const events = new EventEmitter();
  const stderr = new PassThrough();
  const sent: unknown[] = [];
  let pid: number | undefined;
  let kills = 0;
  const raw: RawProcess = {
    get pid() {
      return pid;
    },
    send: (msg) => void sent.push(msg),
    onMessage: (l) => void events.on('message', l),
    onExit: (l) => void events.on('exit', l),
    stderr,
    kill: () => void kills++,
  };
  return {
    raw,
    stderr,
    sent,
    kills: () => kills,
    started: (p: number) => (pid = p),
    message: (m: unknown) => events.emit('message', m),
    exit: (code: number | null, signal: string | null) => events.emit('exit', code, signal),
  };
}

/** Both halves, wired as the channel would (synchronously here). */
function joined(spawn: (entry: string) => RawProcess) {
  const spawned: string[] = [];
  const toRelay: { relay?: ProcessRelay } = {};
  const service = createRelayedProcessHost((req) => toRelay.relay!.handle(req));
  const relay = new ProcessRelay(
    (entry) => {
      spawned.push(entry);
      return spawn(entry);
    },
    (report) => service.receive(report),
  );
  toRelay.relay = relay;
  return { host: service.host, relay, spawned };
}

const ended = (proc: ReturnType<ReturnType<typeof joined>['host']['spawn']>) =>
  new Promise<[number | null, string | null, string]>((resolve) => proc.onExit((...e) => resolve(e)));

describe('the process relay', () => {
  it('starts the entry in main, relays both ways, says the pid once known, and forwards kill', async () => {
    const f = fakeProcess();
    const { host, relay, spawned } = joined(() => f.raw);
    const proc = host.spawn('/app/worker.js');
    expect(spawned).toEqual(['/app/worker.js']);
    expect(proc.pid).toBeUndefined();
    proc.send({ type: 'cancel' });
    expect(f.sent).toEqual([{ type: 'cancel' }]);
    const got: WorkerMessage[] = [];
    proc.onMessage((m) => got.push(m));
    f.started(4321);
    f.message({ type: 'failed', runId: null, error: { name: 'Error', message: 'x' } });
    expect(proc.pid).toBe(4321);
    expect(got).toEqual([{ type: 'failed', runId: null, error: { name: 'Error', message: 'x' } }]);
    proc.kill();
    expect(f.kills()).toBe(1);
    const end = ended(proc);
    f.stderr.end('last words\n');
    f.exit(null, 'SIGTERM');
    expect(await end).toEqual([null, 'SIGTERM', 'last words\n']);
    expect(relay.size).toBe(0);
  });

  it('keeps stderr that arrives after the exit (Electron reports the exit first)', async () => {
    const f = fakeProcess();
    const { host } = joined(() => f.raw);
    const proc = host.spawn('/app/worker.js');
    const end = ended(proc);
    f.exit(1, null);
    f.stderr.end('Error: boom\n');
    expect(await end).toEqual([1, null, 'Error: boom\n']);
  });

  it('reports a spawn that throws as an exit naming the entry and the reason', async () => {
    const { host } = joined(() => {
      throw new Error('utilityProcess.fork before ready');
    });
    const proc = host.spawn('/app/worker.js');
    expect(await ended(proc)).toEqual([null, null, 'could not start /app/worker.js: utilityProcess.fork before ready\n']);
  });

  it('kills every process still running when the service is gone', () => {
    const a = fakeProcess();
    const b = fakeProcess();
    const queue = [a, b];
    const { host, relay } = joined(() => queue.shift()!.raw);
    host.spawn('/app/worker.js');
    host.spawn('/app/worker.js');
    relay.killAll();
    expect([a.kills(), b.kills()]).toEqual([1, 1]);
  });
});
