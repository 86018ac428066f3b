// Command-line parsing without processes: grid parameters, train options, progress text, exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors';
import { parseGridOptions, parseParam } from './grid-options';
import { epochLine, progressText } from './run-progress';
import { exitCodeOf } from './train-command';
import { parseTrainOptions } from './train-options';

describe('--param', () => {
  it('reads lists, JSON arrays and ranges', () => {
    expect(parseParam('lr=0.1,0.01')).toEqual(['lr', { values: [0.1, 0.01] }]);
    expect(parseParam('optimizer.type=sgd,adam')).toEqual(['optimizer.type', { values: ['sgd', 'adam'] }]);
    expect(parseParam('augment=[{"rotate":10},{}]')).toEqual(['augment', { values: [{ rotate: 10 }, {}] }]);
    expect(parseParam('l2=1e-5..1e-3:3:log')).toEqual(['l2', { min: 1e-5, max: 1e-3, count: 3, log: true }]);
    expect(parseParam('lr=0.001..0.1:4')).toEqual(['lr', { min: 0.001, max: 0.1, count: 4 }]);
  });

  it('refuses what is not PATH=VALUES', () => {
    expect(() => parseParam('lr')).toThrow(/expected PATH=VALUES/);
    expect(() => parseParam('lr=')).toThrow(/expected PATH=VALUES/);
    expect(() => parseParam('lr=a..b:3')).toThrow(/'a' is not a number/);
  });
});

describe('grid options', () => {
  it('builds a spec from the train flags and --param', () => {
    const o = parseGridOptions(['--epochs', '3', '--param', 'lr=0.1,0.01', '--run-cap', '1', '--name', 'g', '--data-dir', '/tmp/x']);
    if (o.help) throw new Error('unexpected help');
    expect(o.spec).toMatchObject({ name: 'g', run_cap: 1, parameters: { lr: { values: [0.1, 0.01] } }, base: { epochs: 3 } });
    expect(o.dataDir).toBe('/tmp/x');
  });

  it('reads a spec file, and refuses mixing it with config flags', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nnwb-spec-'));
    try {
      const file = path.join(dir, 'spec.json');
      writeFileSync(file, JSON.stringify({ base: {}, parameters: { lr: { values: [1] } } }));
      const o = parseGridOptions(['--spec', file]);
      expect(o.help === false && o.spec.parameters).toEqual({ lr: { values: [1] } });
      expect(() => parseGridOptions(['--spec', file, '--lr', '0.1'])).toThrow(/cannot be combined with --lr/);
      // On the command line a relative dataset folder is from the working folder (the service would read it from the data folder).
      writeFileSync(file, JSON.stringify({ base: { dataset: { name: 'folder', path: 'data/idx' } }, parameters: { lr: { values: [1] } } }));
      const relative = parseGridOptions(['--spec', file]);
      expect(relative.help === false && relative.spec.base).toEqual({ dataset: { name: 'folder', path: path.resolve('data/idx') } });
      writeFileSync(file, '{ nope');
      expect(() => parseGridOptions(['--spec', file])).toThrow(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('needs a spec or a parameter', () => {
    expect(() => parseGridOptions(['--epochs', '1'])).toThrow(/give --spec FILE or at least one --param/);
  });
});

describe('train options', () => {
  it("reads the course report's setup: --init normal:0.01 --normalize standardize --decay-per epoch", () => {
    const o = parseTrainOptions(['--init', 'normal:0.01', '--normalize', 'standardize', '--schedule', 'inverse-time', '--decay-per', 'epoch']);
    if (o.help) throw new Error('unexpected help');
    expect(o.config.model.init).toEqual({ type: 'normal', std: 0.01 });
    expect(o.config.normalize).toBe('standardize');
    expect(o.config.schedule).toEqual({ type: 'inverse_time', decay: 0.001, per: 'epoch' });
    const d = parseTrainOptions([]);
    expect(d.help === false && [d.config.model.init, d.config.normalize]).toEqual([undefined, 'none']);
    const given = parseTrainOptions(['--model', 'cnn', '--init', 'he', '--normalize', '0.13,0.31']);
    expect(given.help === false && [given.config.model.init, given.config.normalize]).toEqual([{ type: 'he' }, { mean: 0.13, std: 0.31 }]);
    const g = parseGridOptions(['--init', 'xavier', '--normalize', 'standardize', '--param', 'lr=0.1,0.01']);
    expect(g.help === false && g.spec.base).toMatchObject({ normalize: 'standardize', model: { init: { type: 'xavier' } } });
  });

  it('refuses a bad --init, --normalize or --decay-per by name', () => {
    expect(() => parseTrainOptions(['--init', 'lecun'])).toThrow(/^--init: expected one of auto, he, xavier, normal, got 'lecun'$/);
    expect(() => parseTrainOptions(['--init', 'normal:x'])).toThrow(/^--init: expected a number, got 'x'$/);
    expect(() => parseTrainOptions(['--init', 'he:0.1'])).toThrow(/^model\.init\.std: only "normal" takes a std$/);
    expect(() => parseTrainOptions(['--normalize', '0.1'])).toThrow(/^--normalize: expected none, standardize or MEAN,STD, got '0\.1'$/);
    expect(() => parseTrainOptions(['--normalize', '0.1,0'])).toThrow(/^normalize\.std: /);
    expect(() => parseTrainOptions(['--schedule', 'inverse-time', '--decay-per', 'batch'])).toThrow(/^--decay-per: expected one of step, epoch, got 'batch'$/);
    expect(() => parseTrainOptions(['--decay-per', 'epoch'])).toThrow(/^--decay-per applies to --schedule inverse-time or exponential$/);
    expect(() => parseTrainOptions(['--train-pass', 'never'])).toThrow(/^--train-pass: expected one of every_epoch, last_epoch, got 'never'$/);
    const last = parseTrainOptions(['--train-pass', 'last_epoch']);
    expect(last.help === false && last.config.trainPass).toBe('last_epoch');
  });

  it('keeps the train flags, adds --data-dir, --name and --tag, and stores a folder absolute', () => {
    const o = parseTrainOptions(['--dataset', 'some/dir', '--name', 'mine', '--tag', 'a', '--tag', 'b', '--data-dir', 'rel']);
    if (o.help) throw new Error('unexpected help');
    expect(o.config.dataset).toEqual({ name: 'folder', path: path.resolve('some/dir') });
    expect(o.config.name).toBe('mine');
    expect(o.tags).toEqual(['a', 'b']);
    expect(o.dataDir).toBe(path.resolve('rel'));
  });
});

describe('what a user reads', () => {
  it('formats progress from the last values of a batch', () => {
    const t = progressText(
      {
        runId: 1,
        status: 'running',
        epoch: 1,
        epochProgress: 0.5,
        stepsDone: 15,
        stepsTotal: 20,
        metrics: [
          { key: 'train/loss', steps: [14, 15], epochs: [1, 1], values: [0.5, null], times: [0, 0] },
          { key: 'train/accuracy', steps: [15], epochs: [1], values: [0.875], times: [0] },
          { key: 'train/lr', steps: [15], epochs: [1], values: [0.05], times: [0] },
          { key: 'train/samples_per_second', steps: [15], epochs: [1], values: [12345.6], times: [0] },
        ],
      },
      4,
    );
    expect(t).toEqual({ label: 'epoch 2/4', detail: 'loss 0.5000 acc 87.50% lr 0.0500 · 12,346 samples/s' });
  });

  it("prints an epoch, the batches' and the full pass's train accuracy labelled", () => {
    const e = {
      epoch: 0,
      step: 10,
      trainLoss: 1,
      trainAccuracy: 0.5,
      trainPassLoss: 0.9,
      trainPassAccuracy: 0.55,
      testLoss: 2,
      testAccuracy: 0.25,
      valLoss: null,
      valAccuracy: null,
      lr: 0.1,
      trainSeconds: 1.234,
      evalSeconds: 0,
      samplesPerSecond: 0,
      elapsedSeconds: 0,
    };
    expect(epochLine(e, 3)).toBe('epoch 1/3  train (batches) loss 1.0000 acc 50.00%  (full pass) acc 55.00%  test loss 2.0000 acc 25.00%  1.23 s');
    expect(epochLine({ ...e, trainPassAccuracy: null }, 3)).toBe('epoch 1/3  train (batches) loss 1.0000 acc 50.00%  test loss 2.0000 acc 25.00%  1.23 s');
  });

  it('maps outcomes to exit codes', () => {
    expect(exitCodeOf({ status: 'completed' })).toBe(0);
    expect(exitCodeOf({ status: 'failed' })).toBe(1);
    expect(exitCodeOf({ status: 'cancelled' })).toBe(130);
    expect(describeError(Object.assign(new Error('lr: must be > 0'), { name: 'ValidationError' }))).toEqual({
      message: 'error: invalid lr: must be > 0',
      code: 2,
    });
    expect(describeError(Object.assign(new Error('in use'), { name: 'DataDirLockedError' }))).toEqual({ message: 'error: in use', code: 1 });
  });
});
