import { describe, expect, it } from 'vitest';
import { SWEEP_PRESETS } from '../../../shared/sweep-presets';
import { tinyConfig } from '../../../shared/testing/configs';
import type { RunConfigInput } from '../../../shared/run-config';
import { buildSweepSpec, defaultSweepSettings, sweepFieldOf, type SweepSettings } from './sweep-form';
import { parseRow, rowForMethod, rowFromPreset, sweepRow, type SweepRow } from './sweep-rows';

const base = tinyConfig({ epochs: 3 }) as RunConfigInput;
const settings = (s: Partial<SweepSettings> = {}): SweepSettings => ({ ...defaultSweepSettings(), ...s });
const range = (path: string, kind: SweepRow['kind'], min: string, max: string, extra: Partial<SweepRow> = {}): SweepRow => ({
  ...sweepRow(path, kind),
  min,
  max,
  ...extra,
});

describe('buildSweepSpec', () => {
  it('builds a random sweep with ASHA in the W&B shape', () => {
    const rows = [range('lr', 'log_uniform_values', '0.0001', '0.1'), sweepRow('batchSize', 'values', '32, 64')];
    const b = buildSweepSpec(base, rows, settings({ name: ' quick ', runCap: '8', seed: '3', early: 'hyperband', minIter: '1', eta: '3' }));
    expect(b.errors).toEqual({});
    expect(b.trials).toBe(8);
    expect(b.spec).toEqual({
      name: 'quick',
      method: 'random',
      base,
      parameters: { lr: { distribution: 'log_uniform_values', min: 0.0001, max: 0.1 }, batchSize: { values: [32, 64] } },
      metric: { name: 'test_accuracy', goal: 'maximize' },
      run_cap: 8,
      seed: 3,
      early_terminate: { type: 'hyperband', min_iter: 1, eta: 3 },
    });
  });

  it('counts a grid and caps it; bayes carries its start-up trials and the median rule its fields', () => {
    const grid = buildSweepSpec(
      base,
      [sweepRow('lr', 'values', '0.1, 0.01, 0.001'), range('l2', 'range', '0.0001', '0.01', { count: '3', log: true })],
      settings({ method: 'grid', runCap: '' }),
    );
    expect(grid.trials).toBe(9);
    expect(grid.spec?.parameters.l2).toEqual({ min: 0.0001, max: 0.01, count: 3, log: true });
    expect(grid.spec?.run_cap).toBeUndefined();
    expect(buildSweepSpec(base, [sweepRow('lr', 'values', '0.1, 0.01, 0.001')], settings({ method: 'grid', runCap: '2' })).trials).toBe(2);
    const bayes = buildSweepSpec(
      base,
      [range('lr', 'uniform', '0.01', '0.1')],
      settings({ method: 'bayes', startupTrials: '4', early: 'median', warmupEpochs: '1', minTrials: '3' }),
    );
    expect(bayes.spec).toMatchObject({ method: 'bayes', bayes: { startup_trials: 4 }, early_terminate: { type: 'median', warmup_epochs: 1, min_trials: 3 } });
  });

  it('names every bad field at once and builds no spec', () => {
    const rows = [
      range('lr', 'log_uniform_values', '0', '0.1'),
      range('l2', 'uniform', '0.5', '0.1'),
      range('batchSize', 'int_uniform', '16.5', '64'),
      range('optimizer.momentum', 'q_uniform', '0.1', '0.2', { q: '0.5' }),
      sweepRow('seed', 'values', '1, two'),
      sweepRow('lr', 'values', '0.1'),
      sweepRow('', 'values', '1'),
    ];
    const b = buildSweepSpec(base, rows, settings({ runCap: '', seed: '-1', early: 'hyperband', minIter: '3', eta: '1' }));
    expect(b.spec).toBeNull();
    expect(b.errors).toEqual({
      'rows.0.min': 'must be > 0 on a log scale',
      'rows.1.max': 'must be more than min (0.5)',
      'rows.2.min': 'a whole number',
      'rows.3.q': 'no multiple of 0.5 lies between min and max',
      'rows.4.values': 'not a number: “two”',
      'rows.5.path': 'this parameter is already in the sweep',
      'rows.6.path': 'choose a parameter',
      runCap: 'a whole number ≥ 1',
      seed: 'a whole number ≥ 0',
      minIter: 'must be fewer than the 3 epochs, or no trial is ever judged',
      eta: 'a whole number ≥ 2',
    });
  });

  it('refuses a validation metric without a validation split, and a sweep with no parameter', () => {
    const b = buildSweepSpec(base, [], settings({ metric: 'val_loss', goal: 'minimize' }));
    expect(b.errors.metric).toMatch(/validation split/);
    expect(b.errors._sweep).toBe('add at least one parameter to search');
    expect(buildSweepSpec({ ...base, validationSplit: 0.1 }, [sweepRow('lr', 'values', '0.1')], settings({ metric: 'val_loss' })).errors).toEqual({});
  });

  it("puts the schema's word on the row too: a range whose corner is no valid config", () => {
    const b = buildSweepSpec(base, [range('batchSize', 'int_uniform', '0', '64')], settings());
    expect(b.spec).toBeNull();
    expect(b.errors).toEqual({ 'rows.0.min': 'must be ≥ 1' });
  });

  it('builds every preset without a problem', () => {
    for (const p of SWEEP_PRESETS) {
      const rows = Object.entries(p.spec.parameters).map(([k, v]) => rowFromPreset(k, v));
      const s = settings({ method: p.spec.method, runCap: p.spec.run_cap ? String(p.spec.run_cap) : '', early: p.spec.early_terminate?.type ?? 'none' });
      const b = buildSweepSpec(p.spec.base, rows, s);
      expect(b.errors, p.id).toEqual({});
      expect(b.spec?.parameters).toEqual(p.spec.parameters);
    }
    const stage1 = SWEEP_PRESETS.find((p) => p.id === 'report-two-stage')!;
    expect(
      buildSweepSpec(
        stage1.spec.base,
        Object.entries(stage1.spec.parameters).map(([k, v]) => rowFromPreset(k, v)),
        settings({ method: 'grid', runCap: '' }),
      ).trials,
    ).toBe(18);
  });
});

describe('sweep rows', () => {
  it('carry their numbers across methods', () => {
    const lr = range('lr', 'log_uniform_values', '0.001', '0.1');
    expect(rowForMethod(lr, 'grid')).toMatchObject({ kind: 'range', log: true, min: '0.001', max: '0.1' });
    expect(rowForMethod({ ...range('batchSize', 'range', '16', '64'), log: false }, 'bayes').kind).toBe('int_uniform');
    expect(rowForMethod(sweepRow('lr', 'values', '0.1'), 'grid').kind).toBe('values');
  });

  it('give an integer grid range for layer widths', () => {
    expect(parseRow(range('model.layers.1.units', 'range', '64', '128', { count: '3' })).parameter).toEqual({ min: 64, max: 128, count: 3, integer: true });
  });
});

describe('sweepFieldOf', () => {
  const rows = [sweepRow('lr'), sweepRow('l2')];
  it('places what the service refuses on its field', () => {
    expect(sweepFieldOf(['parameters', 'l2', 'max'], rows)).toBe('rows.1.max');
    expect(sweepFieldOf(['parameters', 'lr', 'distribution'], rows)).toBe('rows.0.values');
    expect(sweepFieldOf(['run_cap'], rows)).toBe('runCap');
    expect(sweepFieldOf(['early_terminate', 'eta'], rows)).toBe('eta');
    expect(sweepFieldOf(['bayes', 'startup_trials'], rows)).toBe('startupTrials');
    expect(sweepFieldOf(['base', 'lr'], rows)).toBe('base.lr');
    expect(sweepFieldOf(['parameters', 'momentum'], rows)).toBe('_sweep');
    // A dotted parameter path, as the service's error names it (one string) and as the schema does (one key).
    const units = [sweepRow('model.layers.1.units')];
    expect(sweepFieldOf('parameters.model.layers.1.units.max'.split('.'), units)).toBe('rows.0.max');
    expect(sweepFieldOf(['parameters', 'model.layers.1.units', 'q'], units)).toBe('rows.0.q');
  });
});
