// wrapProcess over a fake raw process: validation on receipt, once-only exit with the stderr tail.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../shared/worker-protocol';
import { type RawProcess, wrapProcess } from './process-host';
import { StderrTail } from './stderr-tail';

function fakeRaw() {
  const events = new EventEmitter();
  const stderr = new PassThrough();
  const sent: unknown[] = [];
  let kills = 0;
  const raw: RawProcess = {
    pid: 1234,
    send: (msg) => void sent.push(msg),
    onMessage: (l) => void events.on('message', l),
    onExit: (l) => void events.on('exit', l),
    stderr,
    kill: () => void kills++,
  };
  return { raw, stderr, sent, kills: () => kills, message: (m: unknown) => events.emit('message', m), exit: (...a: unknown[]) => events.emit('exit', ...a) };
}

const step = { step: 1, epoch: 0, epochProgress: 0.5, loss: 1, accuracy: 0.5, lr: 0.1, samplesPerSecond: 10, elapsedSeconds: 0.1 };
const start = {
  type: 'start' as const,
  runId: 'r9',
  config: {
    dataset: { name: 'mnist' as const },
    model: { input: [1, 28, 28] as const, layers: [{ type: 'flatten' as const }, { type: 'linear' as const, units: 10 }] },
    optimizer: { type: 'sgd' as const },
    lr: 0.1,
    batchSize: 8,
    epochs: 1,
    seed: 1,
  },
};

describe('wrapProcess', () => {
  it('delivers valid messages, turns the first invalid one into failed and kills the process', () => {
    const f = fakeRaw();
    const proc = wrapProcess(f.raw);
    const got: WorkerMessage[] = [];
    proc.onMessage((m) => got.push(m));
    proc.send(start);
    f.message({ type: 'progress', runId: 'r9', steps: [step] });
    f.message({ type: 'progress', runId: 'r9', steps: [{ ...step, accuracy: null }] });
    f.message({ type: 'progress', runId: 'r9', steps: [step] }); // after the rejection: ignored
    expect(f.sent).toEqual([start]);
    expect(got.map((m) => m.type)).toEqual(['progress', 'failed']);
    expect(got[1]).toEqual({
      type: 'failed',
      runId: 'r9',
      error: { name: 'ProtocolError', message: 'the training process sent an invalid message: message.steps.0.accuracy: expected a number' },
    });
    expect(f.kills()).toBe(1);
  });

  it('reports the exit once, after the rest of stderr, to early and late listeners', async () => {
    const f = fakeRaw();
    const proc = wrapProcess(f.raw);
    const exits: unknown[][] = [];
    proc.onExit((...a) => exits.push(a));
    f.stderr.write('Error: out of memory\n');
    f.exit(null, 'SIGKILL');
    f.stderr.end('    at train (trainer.ts:42)\n');
    await new Promise((r) => setTimeout(r, 20));
    f.exit(1, null); // a second exit event must not be reported again
    expect(exits).toEqual([[null, 'SIGKILL', 'Error: out of memory\n    at train (trainer.ts:42)\n']]);
    const late: unknown[][] = [];
    proc.onExit((...a) => late.push(a));
    expect(late).toEqual(exits);
    proc.send({ type: 'cancel' });
    proc.kill();
    expect([f.sent, f.kills()]).toEqual([[], 0]);
  });

  it('adds the host note (a failed spawn) to the tail', async () => {
    const f = fakeRaw();
    f.stderr.end();
    const proc = wrapProcess(f.raw);
    await new Promise((r) => setImmediate(r));
    const exit = new Promise<unknown[]>((resolve) => proc.onExit((...a) => resolve(a)));
    f.exit(-2, null, 'could not start /nope.js: spawn ENOENT');
    expect(await exit).toEqual([-2, null, 'could not start /nope.js: spawn ENOENT\n']);
  });
});

describe('StderrTail', () => {
  it('keeps the last maxChars characters and marks the cut', () => {
    const tail = new StderrTail(10);
    tail.push('0123456789');
    expect(tail.toString()).toBe('0123456789');
    tail.push(Buffer.from('abc'));
    for (let i = 0; i < 50; i++) tail.push('x');
    tail.push('END');
    expect(tail.toString()).toBe('…xxxxxxxEND');
  });
});
