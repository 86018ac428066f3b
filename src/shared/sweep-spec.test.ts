// Sweep specs: one validation path for grid, random and bayes; a bad sweep is refused naming the field.
import { describe, expect, it } from 'vitest';
import { trialConfig } from './sweep-corners';
import { sweepSpecSchema, type SweepSpecInput } from './sweep-spec';
import { tinyConfig } from './testing/configs';
import { parseWith, ValidationError } from './validation';

const { lr: _lr, ...base } = tinyConfig();

const parse = (spec: Partial<SweepSpecInput>) =>
  parseWith(sweepSpecSchema, { method: 'random', run_cap: 4, base, parameters: { lr: { distribution: 'log_uniform_values', min: 0.001, max: 0.1 } }, ...spec });

function refusal(spec: Partial<SweepSpecInput>): string {
  try {
    parse(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).message;
  }
  throw new Error('expected the spec to be refused');
}

describe('sweepSpecSchema', () => {
  it('fills the defaults: metric test_accuracy/maximize, seed 0; a loss metric defaults to minimize', () => {
    const spec = parse({});
    expect(spec.metric).toEqual({ name: 'test_accuracy', goal: 'maximize' });
    expect(spec.seed).toBe(0);
    expect(parse({ metric: { name: 'test_loss' } }).metric.goal).toBe('minimize');
    expect(parse({ method: 'bayes', bayes: {} }).bayes).toEqual({ startup_trials: 10, candidates: 24 });
    expect(parse({ early_terminate: { type: 'hyperband', min_iter: 1 } }).early_terminate).toEqual({ type: 'hyperband', min_iter: 1, eta: 3 });
  });

  it('accepts every parameter form of random and bayes sweeps', () => {
    const spec = parse({
      method: 'bayes',
      parameters: {
        lr: { distribution: 'uniform', min: 0.01, max: 0.2 },
        l2: { distribution: 'q_uniform', min: 0, max: 0.01, q: 0.001 },
        batchSize: { distribution: 'int_uniform', min: 16, max: 64 },
        'model.layers.1.units': { values: [8, 16] },
        'optimizer.type': { distribution: 'categorical', values: ['sgd', 'adam'] },
        epochs: { value: 1 },
      },
    });
    expect(Object.keys(spec.parameters)).toHaveLength(6);
  });

  it('refuses a bad sweep naming the field', () => {
    expect(refusal({ run_cap: undefined })).toMatch(/^run_cap: a random sweep needs run_cap/);
    expect(refusal({ parameters: { lr: { distribution: 'uniform', min: 0.1, max: 0.01 } } })).toMatch(/^parameters\.lr\.max: must be > min/);
    expect(refusal({ parameters: { lr: { distribution: 'log_uniform_values', min: 0, max: 0.1 } } })).toMatch(/^parameters\.lr\.min: must be > 0/);
    expect(refusal({ parameters: { lr: { distribution: 'q_uniform', min: 0.01, max: 0.1 } } })).toMatch(/^parameters\.lr\.q:/);
    expect(refusal({ parameters: { batchSize: { distribution: 'int_uniform', min: 1.5, max: 8 } } })).toMatch(/^parameters\.batchSize\.min: must be an integer/);
    expect(refusal({ parameters: { lr: { distribution: 'uniform', values: [1] } } })).toMatch(/^parameters\.lr\.values:/);
    expect(refusal({ parameters: { lr: { min: 0.1, max: 0.2, count: 3 } } })).toMatch(/^parameters\.lr\.count: `count` is for grids/);
    expect(refusal({ parameters: { lr: { distribution: 'gaussian' as never, min: 0, max: 1 } } })).toMatch(/^parameters\.lr\.distribution:/);
    expect(refusal({ method: 'grid', parameters: { lr: { distribution: 'uniform', min: 0.1, max: 0.2 } } })).toMatch(/^parameters\.lr\.distribution:/);
    expect(refusal({ early_terminate: { type: 'hyperband', min_iter: 0 } })).toMatch(/^early_terminate\.min_iter:/);
    expect(refusal({ metric: { name: 'val_loss' } })).toMatch(/^metric\.name: val_loss needs a validation split/);
    expect(refusal({ bayes: {} })).toMatch(/^bayes: only for method 'bayes'/);
  });

  it('refuses a range that can produce an invalid config, at the bound that does', () => {
    // lr must be > 0: a uniform range from 0 would sample lr = 0.
    expect(refusal({ parameters: { lr: { distribution: 'uniform', min: 0, max: 0.1 } } })).toMatch(/^parameters\.lr\.min:/);
    expect(refusal({ parameters: { lr: { value: 0.1 }, batchSize: { distribution: 'int_uniform', min: 8, max: 1e9 } } })).toMatch(/^parameters\.batchSize\.max:/);
    expect(refusal({ parameters: { lr: { value: 0.1 }, 'optimizer.type': { values: ['sgd', 'nope'] } } })).toMatch(/^parameters\.optimizer\.type\.values\.1:/);
    expect(refusal({ parameters: { lr: { value: 0.1 } }, base: { ...base, epochs: 0 } })).toMatch(/^base\.epochs:/);
  });

  it('validates a grid sweep like a grid spec', () => {
    const spec = parse({ method: 'grid', run_cap: undefined, parameters: { lr: { min: 0.01, max: 0.1, count: 3, log: true } } });
    expect(spec.method).toBe('grid');
    expect(refusal({ method: 'grid', parameters: { lr: { values: [0.1, -1] } } })).toMatch(/^parameters\.lr\.values\.1:/);
  });

  it('builds a trial config from the base and the sampled values', () => {
    const spec = parse({});
    expect(trialConfig(spec, { lr: 0.05 }).lr).toBe(0.05);
    expect(() => trialConfig(spec, { lr: -1 })).toThrow(ValidationError);
  });
});
