import { describe, expect, it } from 'vitest';
import { reportCnnSpec } from '../../../shared/model-presets';
import { parseRunConfig } from '../../../shared/run-config';
import { tinyConfig } from '../../../shared/testing/configs';
import { formFieldOf, formToConfig } from './run-form-parse';
import { configToForm, defaultRunForm, emptyLayerRow } from './run-form-state';
import { RUN_PRESETS } from './run-presets';

describe('formToConfig', () => {
  it('builds a valid config from the default form (the report best MLP)', () => {
    const r = formToConfig(defaultRunForm());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const config = parseRunConfig(r.config);
    expect(config.lr).toBe(0.05);
    expect(config.optimizer).toEqual({ type: 'momentum', momentum: 0.9 });
    expect(config.schedule).toEqual({ type: 'inverse_time', decay: 0.001 });
    expect(config.model.layers.filter((l) => l.type === 'linear').map((l) => (l as { units: number }).units)).toEqual([128, 64, 10]);
    // Today's defaults: no init (auto), pixels/255, the decay per step.
    expect([config.model.init, config.normalize]).toEqual([undefined, 'none']);
  });

  it("builds the course report's setup: N(0, 0.01²) init, standardized inputs, the decay per epoch", () => {
    const r = formToConfig({ ...defaultRunForm(), init: 'normal', initStd: '0.01', normalize: 'standardize', decayPer: 'epoch' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const config = parseRunConfig(r.config);
    expect(config.model.init).toEqual({ type: 'normal', std: 0.01 });
    expect(config.normalize).toBe('standardize');
    expect(config.schedule).toEqual({ type: 'inverse_time', decay: 0.001, per: 'epoch' });
    const given = formToConfig({
      ...defaultRunForm(),
      init: 'xavier',
      normalize: 'given',
      normMean: '0.13',
      normStd: '0.31',
      schedule: 'exponential',
      gamma: '0.9',
      decayPer: 'epoch',
    });
    expect(given.ok && parseRunConfig(given.config)).toMatchObject({
      model: { init: { type: 'xavier' } },
      normalize: { mean: 0.13, std: 0.31 },
      schedule: { type: 'exponential', per: 'epoch' },
    });
  });

  it('puts a bad init std or scaling beside its input', () => {
    const r = formToConfig({ ...defaultRunForm(), init: 'normal', initStd: '0', normalize: 'given', normMean: '0.1', normStd: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.initStd).toMatch(/must be > 0/);
    expect(r.errors.normStd).toBe('is required');
  });

  it('puts schema problems beside their inputs', () => {
    const r = formToConfig({ ...defaultRunForm(), lr: '0', batchSize: '12.5', momentum: '1.2' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.lr).toBe('must be > 0');
    expect(r.errors.batchSize).toBe('must be a whole number');
    expect(r.errors.momentum).toBe('must be < 1');
  });

  it('reports text that is not a number, and missing required values', () => {
    const r = formToConfig({ ...defaultRunForm(), lr: 'fast', epochs: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.lr).toBe('must be a number, got "fast"');
    expect(r.errors.epochs).toBe('is required');
  });

  it('checks hidden sizes and activations of the MLP', () => {
    const bad = formToConfig({ ...defaultRunForm(), hidden: '128, x' });
    expect(!bad.ok && bad.errors.hidden).toMatch(/whole numbers/);
    const acts = formToConfig({ ...defaultRunForm(), hidden: '128, 64, 32', activation: 'relu, tanh' });
    expect(!acts.ok && acts.errors.activation).toMatch(/one per hidden layer \(3\)/);
  });

  it('needs a folder path for the folder dataset', () => {
    const r = formToConfig({ ...defaultRunForm(), dataset: 'folder', folderPath: '  ' });
    expect(!r.ok && r.errors.folderPath).toBe('must not be empty');
  });

  it('names the layer row and parameter at fault in the layer editor', () => {
    const layers = [emptyLayerRow('flatten'), { ...emptyLayerRow('linear'), units: '0' }, { ...emptyLayerRow('dropout'), rate: '1.5' }];
    const r = formToConfig({ ...defaultRunForm(), modelKind: 'layers', layers });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['layers.1.units']).toBe('must be ≥ 1');
    expect(r.errors['layers.2.rate']).toBe('must be < 1');
  });
});

describe('configToForm', () => {
  it('round-trips an MLP config', () => {
    const config = parseRunConfig(tinyConfig({ lr: 0.003, l2: 0.01, optimizer: { type: 'adam', beta1: 0.8 } }));
    const form = configToForm(config);
    expect(form.modelKind).toBe('mlp');
    expect(form.hidden).toBe('16');
    const back = formToConfig(form);
    expect(back.ok && parseRunConfig(back.config)).toEqual(config);
  });

  it("round-trips the report's setup, and keeps a layer's own init through the layer list", () => {
    const model = {
      input: [1, 28, 28] as [number, number, number],
      init: { type: 'normal' as const, std: 0.02 },
      layers: [
        { type: 'flatten' as const },
        { type: 'linear' as const, units: 16, init: { type: 'he' as const } },
        { type: 'relu' as const },
        { type: 'linear' as const, units: 10 },
      ],
    };
    const config = parseRunConfig(tinyConfig({ model, normalize: 'standardize', schedule: { type: 'inverse_time', decay: 0.001, per: 'epoch' } }));
    const form = configToForm(config);
    expect([form.modelKind, form.init, form.initStd, form.normalize, form.decayPer]).toEqual(['layers', 'normal', '0.02', 'standardize', 'epoch']);
    const back = formToConfig(form);
    expect(back.ok && parseRunConfig(back.config)).toEqual(config);
  });

  it('recognises the report CNN and falls back to the layer list otherwise', () => {
    expect(configToForm(parseRunConfig(tinyConfig({ model: reportCnnSpec() }))).modelKind).toBe('cnn');
    const odd = {
      input: [1, 28, 28] as [number, number, number],
      layers: [{ type: 'flatten' as const }, { type: 'dropout' as const, rate: 0.2 }, { type: 'linear' as const, units: 10 }],
    };
    const form = configToForm(parseRunConfig(tinyConfig({ model: odd })));
    expect(form.modelKind).toBe('layers');
    expect(form.layers[1]).toMatchObject({ type: 'dropout', rate: '0.2' });
  });
});

describe('presets and field mapping', () => {
  it('every preset gives a valid config', () => {
    for (const preset of RUN_PRESETS) expect(formToConfig(preset.form(defaultRunForm())).ok, preset.id).toBe(true);
  });

  it('maps server error fields to inputs', () => {
    expect(formFieldOf('dataset.path', { modelKind: 'mlp' })).toBe('folderPath');
    expect(formFieldOf('model.layers.3.units', { modelKind: 'mlp' })).toBe('hidden');
    expect(formFieldOf('model.layers.3', { modelKind: 'layers' })).toBe('layers.3.type');
    expect(formFieldOf('whatever', { modelKind: 'mlp' })).toBe('_form');
    expect(formFieldOf('model.init.std', { modelKind: 'mlp' })).toBe('initStd');
    expect(formFieldOf('normalize.std', { modelKind: 'mlp' })).toBe('normStd');
    expect(formFieldOf('schedule.per', { modelKind: 'mlp' })).toBe('decayPer');
    const last = formToConfig({ ...defaultRunForm(), passEveryEpoch: false });
    expect(last.ok && last.config.trainPass).toBe('last_epoch');
    expect(configToForm(parseRunConfig(tinyConfig({ trainPass: 'last_epoch' }))).passEveryEpoch).toBe(false);
  });
});
