// Worker protocol: every message type validates, bad fields are named, and messages survive the
// structured clone both hosts use (and not JSON, which is why the fork host uses 'advanced').
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { isTerminal, parseMainMessage, parseWorkerMessage, protocolError, toWireError, type WorkerMessage } from './worker-protocol';

const step = { step: 1, epoch: 0, epochProgress: 0.1, loss: 2.3, accuracy: 0.1, lr: 0.05, samplesPerSecond: 900, elapsedSeconds: 0.01 };
const metrics = {
  epoch: 0,
  trainLoss: 0.5,
  trainAccuracy: 0.8,
  trainPass: { loss: 0.4, accuracy: 0.85 },
  test: { loss: Number.NaN, accuracy: 0.75 },
  lr: 0.05,
  trainSeconds: 1,
  evalSeconds: 0.1,
  samplesPerSecond: 900,
  elapsedSeconds: 1.1,
};
const hist = { min: -1, max: 1, counts: [1, 2, 3], dropped: 0 };
const stats = { count: 6, min: -1, max: 1, mean: 0, std: 0.5, l2: 1.2, positiveShare: 0.5, zeros: 0, nonFinite: 0 };

const samples: WorkerMessage[] = [
  {
    type: 'ready',
    runId: 'r1',
    dataset: { title: 'MNIST', hash: 'a'.repeat(64), train: 900, validation: 100, test: 200, classNames: ['0', '1'], shape: [1, 28, 28] },
    parameterCount: 25450,
    normalisation: { mean: 0.1307, std: 0.3081 },
    kernels: 'wasm-relaxed-simd',
    stepsPerEpoch: 57,
  },
  { type: 'progress', runId: 'r1', steps: [step, { ...step, step: 2 }] },
  {
    type: 'epoch',
    runId: 'r1',
    metrics,
    confusion: { test: { classes: 2, counts: [5, 1, 2, 7] } },
    inspection: {
      params: [{ name: 'layers.1.weight', role: 'weight', shape: [2, 3], values: stats, gradNorm: 0.1, histogram: hist }],
      deadUnits: [{ layer: 'layers.2', groupBy: 'feature', units: 32, dead: 3, samples: 200 }],
    },
  },
  {
    type: 'snapshot',
    runId: 'r1',
    epoch: 0,
    weights: {
      param: 'layers.0.weight',
      layerType: 'conv2d',
      shape: [2, 1, 2, 2],
      count: 2,
      height: 2,
      width: 2,
      pixels: Uint8Array.from([0, 64, 128, 255, 1, 2, 3, 4]),
      lo: Float32Array.from([-1, -2]),
      hi: Float32Array.from([1, 2]),
    },
  },
  {
    type: 'done',
    runId: 'r1',
    stopReason: 'cancelled',
    stopMessage: 'cancelled at step 3',
    steps: 3,
    elapsedSeconds: 0.5,
    final: null,
    weights: Uint8Array.from([8, 0, 0]),
  },
  { type: 'failed', runId: null, error: { name: 'DatasetError', message: '/x: not found' } },
];

describe('worker messages', () => {
  it.each(samples.map((m) => [m.type, m] as const))('accepts a valid %s message, also after a structured clone', (_, msg) => {
    expect(parseWorkerMessage(msg)).toEqual(msg);
    expect(parseWorkerMessage(structuredClone(msg))).toEqual(msg);
    // child_process.fork with serialization 'advanced' uses V8's serializer.
    expect(parseWorkerMessage(deserialize(serialize(msg)))).toEqual(msg);
  });

  it('would not survive JSON: bytes become objects, NaN becomes null', () => {
    const done = samples.find((m) => m.type === 'done')!;
    expect(() => parseWorkerMessage(JSON.parse(JSON.stringify(done)))).toThrow(/^message\.weights: expected a Uint8Array$/);
  });

  it.each([
    [{ type: 'progress', runId: 'r1', steps: [] }, /^message\.steps: /],
    [{ type: 'progress', runId: 'r1', steps: [{ ...step, loss: '2.3' }] }, /^message\.steps\.0\.loss: expected a number$/],
    [{ type: 'progress', runId: 'r1', steps: [{ ...step, extra: 1 }] }, /^message\.steps\.0\.extra: unknown field$/],
    [{ type: 'ready', runId: 'r1' }, /^message\.dataset: /],
    [
      { type: 'epoch', runId: 'r1', metrics, confusion: { test: { classes: 2, counts: [1, 2, 3] } } },
      /^message\.confusion\.test\.counts: counts must have classes² entries$/,
    ],
    [{ ...samples[3]!, weights: { ...(samples[3] as { weights: object }).weights, count: 3 } }, /^message\.weights\.pixels: pixels must hold/],
    [{ type: 'done', runId: 'r1', stopReason: 'bored' }, /^message\.stopReason: /],
    [{ type: 'launch' }, /^message\.type: /],
    ['hello', /^message: /],
  ])('refuses %j naming the field', (input, error) => {
    expect(() => parseWorkerMessage(input)).toThrow(error);
  });

  it('marks done and failed as terminal', () => {
    expect(samples.filter(isTerminal).map((m) => m.type)).toEqual(['done', 'failed']);
  });
});

describe('main messages', () => {
  const config = {
    dataset: { name: 'mnist' },
    model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 10 }] },
    optimizer: { type: 'sgd' },
    lr: 0.1,
    batchSize: 32,
    epochs: 1,
    seed: 1,
  };

  it('fills the defaults of start (kernels auto, the config defaults)', () => {
    const msg = parseMainMessage({ type: 'start', runId: 'r1', config });
    expect(msg).toMatchObject({ type: 'start', kernels: 'auto', threads: 1, config: { l2: 0, validationSplit: 0, schedule: { type: 'constant' } } });
    expect(parseMainMessage({ type: 'cancel' })).toEqual({ type: 'cancel' });
  });

  it('names the bad field of a start message', () => {
    expect(() => parseMainMessage({ type: 'start', runId: 'r1', config: { ...config, lr: -1 } })).toThrow(/^message\.config\.lr: /);
    expect(() => parseMainMessage({ type: 'start', runId: '', config })).toThrow(/^message\.runId: /);
    expect(() => parseMainMessage({ type: 'start', runId: 'r1', config, kernels: 'gpu' })).toThrow(/^message\.kernels: /);
    expect(() => parseMainMessage({ type: 'start', runId: 'r1', config, threads: 0 })).toThrow(/^message\.threads: /);
    expect(() => parseMainMessage({ type: 'cancel', now: true })).toThrow(/^message\.now: unknown field$/);
  });
});

describe('errors on the wire', () => {
  it('keeps only name and message', () => {
    class DatasetError extends Error {
      override name = 'DatasetError';
    }
    expect(toWireError(new DatasetError('/data: not found'))).toEqual({ name: 'DatasetError', message: '/data: not found' });
    expect(toWireError('plain')).toEqual({ name: 'Error', message: 'plain' });
    expect(toWireError(42)).toEqual({ name: 'Error', message: '42' });
  });

  it('words a validation failure as a ProtocolError', () => {
    let caught: unknown;
    try {
      parseWorkerMessage({ type: 'progress', runId: 'r1', steps: 'all of them' });
    } catch (err) {
      caught = err;
    }
    expect(protocolError(caught)).toEqual({
      name: 'ProtocolError',
      message: 'the training process sent an invalid message: message.steps: Invalid input: expected array, received string',
    });
  });
});
