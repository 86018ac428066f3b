// The fork host with real training processes on the tiny MNIST fixture: a full run, cancel, SIGKILL,
// a worker that sends garbage, a worker that crashes, and runs that fail before they start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunConfigInput } from '../../shared/run-config';
import type { WorkerMessage, WorkerMessageOf } from '../../shared/worker-protocol';
import { createForkHost, sourceWorkerEntry } from './fork-host';
import type { TrainingProcess } from './process-host';

const here = path.dirname(fileURLToPath(import.meta.url));
const TINY = path.resolve(here, '../../../resources/fixtures/mnist-tiny');
const FAKE = path.join(here, 'testing', 'fake-worker.ts');

const config = (overrides: Partial<RunConfigInput> = {}): RunConfigInput => ({
  dataset: { name: 'folder', path: TINY },
  model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 32 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
  optimizer: { type: 'momentum' },
  lr: 0.05,
  batchSize: 16,
  epochs: 3,
  seed: 1,
  ...overrides,
});

interface Ended {
  messages: WorkerMessage[];
  code: number | null;
  signal: string | null;
  stderrTail: string;
}

/** Collects every message until the process exits; `onMessage` may act on the process mid-run. */
function untilExit(proc: TrainingProcess, onMessage: (msg: WorkerMessage, proc: TrainingProcess) => void = () => {}): Promise<Ended> {
  const messages: WorkerMessage[] = [];
  proc.onMessage((m) => {
    messages.push(m);
    onMessage(m, proc);
  });
  return new Promise((resolve) => proc.onExit((code, signal, stderrTail) => resolve({ messages, code, signal, stderrTail })));
}

const ofType = <T extends WorkerMessage['type']>(ms: WorkerMessage[], t: T) => ms.filter((m): m is WorkerMessageOf<T> => m.type === t);

describe('fork host: training processes', () => {
  const host = createForkHost();

  it('streams ready → batched progress → epoch → snapshot → done and exits 0', async () => {
    const proc = host.spawn(sourceWorkerEntry());
    proc.send({ type: 'start', runId: 'r1', config: config() });
    const { messages, code, signal } = await untilExit(proc);
    expect([code, signal]).toEqual([0, null]);
    expect(messages[0]).toMatchObject({ type: 'ready', runId: 'r1', dataset: { train: 1000, test: 200 }, stepsPerEpoch: 63 });
    expect(messages.at(-1)).toMatchObject({ type: 'done', runId: 'r1', stopReason: 'completed', steps: 189 });
    const progress = ofType(messages, 'progress');
    const steps = progress.flatMap((m) => m.steps.map((s) => s.step));
    expect(steps).toEqual(Array.from({ length: 189 }, (_, i) => i + 1));
    // Batched: at most a handful of messages per epoch, not one per step.
    expect(progress.length).toBeLessThan(189 / 10);
    expect(ofType(messages, 'epoch').map((e) => e.metrics.epoch)).toEqual([0, 1, 2]);
    expect(ofType(messages, 'snapshot')).toHaveLength(3);
    // The safetensors bytes crossed the process boundary intact: 8-byte header length, then JSON.
    const { weights } = ofType(messages, 'done')[0]!;
    expect(weights).toBeInstanceOf(Uint8Array);
    const headerLength = Number(new DataView(weights.buffer, weights.byteOffset, 8).getBigUint64(0, true));
    const header = JSON.parse(Buffer.from(weights.subarray(8, 8 + headerLength)).toString('utf8'));
    expect(header['layers.1.weight']).toMatchObject({ dtype: 'F32', shape: [32, 784] });
  });

  it('cancels a running run between steps: done with reason cancelled, well before the end', async () => {
    const proc = host.spawn(sourceWorkerEntry());
    proc.send({ type: 'start', runId: 'r2', config: config({ epochs: 500 }) });
    let cancelled = false;
    const { messages, code } = await untilExit(proc, (m, p) => {
      if (m.type === 'epoch' && !cancelled) {
        cancelled = true;
        p.send({ type: 'cancel' });
      }
    });
    const done = ofType(messages, 'done')[0]!;
    expect(code).toBe(0);
    expect(done.stopReason).toBe('cancelled');
    expect(done.stopMessage).toMatch(/^cancelled at step \d+/);
    // Honoured at a step boundary soon after epoch 1 began, not at the end of 500 epochs (31 500 steps).
    expect(done.steps).toBeGreaterThanOrEqual(63);
    expect(done.steps).toBeLessThan(63 * 10);
    expect(done.final!.epoch).toBeLessThan(10);
  });

  it('reports a SIGKILLed worker with the signal and its stderr tail', async () => {
    const proc = createForkHost({ env: { ...process.env, NNWB_FAKE_WORKER: 'hang' } }).spawn(FAKE);
    const { messages, code, signal, stderrTail } = await untilExit(proc, (_, p) => process.kill(p.pid!, 'SIGKILL'));
    expect(messages.map((m) => m.type)).toEqual(['progress']);
    expect([code, signal]).toEqual([null, 'SIGKILL']);
    expect(stderrTail).toBe('fake worker waiting to be killed\n');
  });

  it('kills a real training run mid-run with SIGKILL: exit reports the signal, no done', async () => {
    const proc = host.spawn(sourceWorkerEntry());
    proc.send({ type: 'start', runId: 'r3', config: config({ epochs: 500 }) });
    const { messages, code, signal, stderrTail } = await untilExit(proc, (m, p) => {
      if (m.type === 'epoch' && m.metrics.epoch === 0) process.kill(p.pid!, 'SIGKILL');
    });
    expect([code, signal]).toEqual([null, 'SIGKILL']);
    expect(typeof stderrTail).toBe('string');
    expect(ofType(messages, 'done')).toEqual([]);
    expect(ofType(messages, 'progress').length).toBeGreaterThan(0);
  });

  it('never passes on an invalid message: failed with a ProtocolError, and the worker is killed', async () => {
    const proc = createForkHost({ env: { ...process.env, NNWB_FAKE_WORKER: 'invalid' } }).spawn(FAKE);
    proc.send({ type: 'start', runId: 'r4', config: config() });
    const { messages, signal } = await untilExit(proc);
    expect(messages).toEqual([
      {
        type: 'failed',
        runId: 'r4',
        error: {
          name: 'ProtocolError',
          message: 'the training process sent an invalid message: message.steps.0.step: Invalid input: expected number, received string',
        },
      },
    ]);
    expect(signal).toBe('SIGTERM');
  });

  it('keeps the last KB of stderr of a crashed worker (4 KB by default)', async () => {
    const proc = createForkHost({ env: { ...process.env, NNWB_FAKE_WORKER: 'noisy-crash' }, stderrTailChars: 1024 }).spawn(FAKE);
    const { code, stderrTail, messages } = await untilExit(proc);
    expect(code).toBe(1);
    expect(messages).toEqual([]);
    expect(stderrTail).toContain('boom: the fake worker crashed');
    expect(stderrTail.startsWith('…')).toBe(true);
    expect(stderrTail.length).toBeLessThanOrEqual(1025);
    expect(stderrTail).not.toContain('noise line 0 ');
  });

  it('sends failed naming the missing dataset folder, then exits 0', async () => {
    const missing = path.join(TINY, 'gone');
    const proc = host.spawn(sourceWorkerEntry());
    proc.send({ type: 'start', runId: 'r5', config: config({ dataset: { name: 'folder', path: missing } }) });
    const { messages, code } = await untilExit(proc);
    expect(code).toBe(0);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'failed', runId: 'r5', error: { name: 'DatasetError' } });
    expect((messages[0] as WorkerMessageOf<'failed'>).error.message).toContain(missing);
  });

  it('ends quietly on a cancel before any start', async () => {
    const proc = host.spawn(sourceWorkerEntry());
    proc.send({ type: 'cancel' });
    expect(await untilExit(proc)).toMatchObject({ messages: [], code: 0, signal: null });
  });

  it('answers an invalid start with failed naming the field', async () => {
    const proc = host.spawn(sourceWorkerEntry());
    proc.send({ type: 'start', runId: 'r6', config: { ...config(), lr: -1 } });
    const { messages, code } = await untilExit(proc);
    expect(code).toBe(0);
    expect(messages).toEqual([{ type: 'failed', runId: null, error: { name: 'ValidationError', message: expect.stringMatching(/^message\.config\.lr: /) } }]);
  });
});
