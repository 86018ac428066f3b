// The report's setup as config fields: model.init, normalize and schedule.per — accepted in every form, refused by name.
import { describe, expect, it } from 'vitest';
import { gridSpecSchema } from './grid-spec';
import { parseRunConfig, type RunConfigInput } from './run-config';
import { tinyConfig } from './testing/configs';
import { parseWith, ValidationError } from './validation';

const model = tinyConfig().model;

function fieldOf(input: unknown, parse: (x: unknown) => unknown = parseRunConfig): [string, string] {
  try {
    parse(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [(e as ValidationError).field, (e as ValidationError).reason];
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('the setup fields of a run config', () => {
  it('default to today: no init (auto), pixels/255, the decay per step', () => {
    const c = parseRunConfig(tinyConfig({ schedule: { type: 'inverse_time', decay: 0.001 } }));
    expect(c.model.init).toBeUndefined();
    expect(c.normalize).toBe('none');
    expect(c.schedule).toEqual({ type: 'inverse_time', decay: 0.001 });
  });

  it("accept the report's setup and every other form", () => {
    const c = parseRunConfig(
      tinyConfig({
        model: {
          ...model,
          init: { type: 'normal', std: 0.01 },
          layers: [{ type: 'flatten' }, { type: 'linear', units: 16, init: { type: 'he' } }, { type: 'relu' }, { type: 'linear', units: 10 }],
        },
        normalize: 'standardize',
        schedule: { type: 'inverse_time', decay: 0.001, per: 'epoch' },
      }),
    );
    expect([c.model.init, c.normalize, c.schedule]).toEqual([
      { type: 'normal', std: 0.01 },
      'standardize',
      { type: 'inverse_time', decay: 0.001, per: 'epoch' },
    ]);
    expect(parseRunConfig(tinyConfig({ normalize: { mean: 0.1307, std: 0.3081 } })).normalize).toEqual({ mean: 0.1307, std: 0.3081 });
    expect(parseRunConfig(tinyConfig({ schedule: { type: 'exponential', gamma: 0.9, per: 'epoch' } })).schedule).toMatchObject({ per: 'epoch' });
  });

  const bad: [string, Partial<RunConfigInput>, string, RegExp][] = [
    ['an unknown init', { model: { ...model, init: { type: 'lecun' } as never } }, 'model.init.type', /invalid option/i],
    ['a std on he', { model: { ...model, init: { type: 'he', std: 0.1 } } }, 'model.init.std', /only "normal" takes a std/],
    ['a zero std', { model: { ...model, init: { type: 'normal', std: 0 } } }, 'model.init.std', /too small/i],
    [
      "a layer's bad init",
      {
        model: {
          ...model,
          layers: [{ type: 'flatten' }, { type: 'linear', units: 16, init: { type: 'normal', std: 11 } }, { type: 'relu' }, { type: 'linear', units: 10 }],
        },
      },
      'model.layers.1.init.std',
      /too big/i,
    ],
    ['an unknown normalize', { normalize: 'zscore' as never }, 'normalize', /must be "none", "standardize" or \{"mean": m, "std": s\}/],
    ['a normalize std of 0', { normalize: { mean: 0.1, std: 0 } }, 'normalize.std', /too small/i],
    ['a normalize without std', { normalize: { mean: 0.1 } as never }, 'normalize', /must be "none", "standardize"/],
    ['a per of batch', { schedule: { type: 'inverse_time', decay: 0.001, per: 'batch' as never } }, 'schedule.per', /"step"\|"epoch"/],
    ['a trainPass of never', { trainPass: 'never' as never }, 'trainPass', /"every_epoch"\|"last_epoch"/],
    ['a per on a step schedule', { schedule: { type: 'step', everyEpochs: 1, gamma: 0.5, per: 'epoch' } as never }, 'schedule.per', /unknown field/],
  ];
  for (const [what, patch, field, reason] of bad) {
    it(`refuses ${what}, naming ${field}`, () => {
      const [f, r] = fieldOf(tinyConfig(patch));
      expect(f).toBe(field);
      expect(r).toMatch(reason);
    });
  }
});

describe('the setup fields in a grid spec', () => {
  const { normalize: _n, ...base } = tinyConfig();
  const grid = (parameters: Record<string, unknown>) => parseWith(gridSpecSchema, { base, parameters });

  it('vary like any other path', () => {
    const spec = grid({
      normalize: { values: ['none', 'standardize'] },
      'model.init': { values: [{ type: 'auto' }, { type: 'normal', std: 0.01 }] },
      schedule: { value: { type: 'inverse_time', decay: 0.001 } },
      'schedule.per': { values: ['step', 'epoch'] },
    });
    expect(Object.keys(spec.parameters)).toEqual(['normalize', 'model.init', 'schedule', 'schedule.per']);
  });

  it('refuse a bad value, naming the cell and the field', () => {
    const [field, reason] = fieldOf({ base, parameters: { normalize: { values: ['none', 'whiten'] } } }, (x) => parseWith(gridSpecSchema, x));
    expect(field).toMatch(/normalize/);
    expect(reason).toMatch(/must be "none", "standardize"/);
  });
});
