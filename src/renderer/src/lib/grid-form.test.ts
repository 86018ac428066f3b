import { describe, expect, it } from 'vitest';
import { buildGridSpec, gridRow, parseHiddenList, parseInitList, parseValueList } from './grid-form';
import { tinyConfig } from '../../../shared/testing/configs';

describe('grid form', () => {
  it('parses value lists and hidden-size options', () => {
    expect(parseValueList('0.01, 1e-3 relu')).toEqual([0.01, 0.001, 'relu']);
    expect(parseHiddenList('64 64; 128,64')).toEqual([
      [64, 64],
      [128, 64],
    ]);
    expect(parseHiddenList('64; x')).toBeNull();
  });

  it('builds the report stage-1 grid with 18 cells', () => {
    const rows = [gridRow('lr', '0.0001, 0.001, 0.01'), gridRow('hidden', '64 64; 128 64'), gridRow('l2', '0.001, 0.01, 0.1')];
    const r = buildGridSpec(tinyConfig(), rows);
    expect(r.errors).toEqual({});
    expect(r.cells).toBe(18);
    expect(Object.keys(r.spec!.parameters)).toEqual(['lr', 'model', 'l2']);
  });

  it("varies the report's setup: init, input scaling and when the decay moves", () => {
    expect(parseInitList('auto, normal:0.01 he')).toEqual([{ type: 'auto' }, { type: 'normal', std: 0.01 }, { type: 'he' }]);
    expect(parseInitList('normal:x')).toBeNull();
    const base = tinyConfig({ model: { ...tinyConfig().model, init: { type: 'normal', std: 0.01 } }, schedule: { type: 'inverse_time', decay: 0.001 } });
    const rows = [
      gridRow('hidden', '64; 128'),
      gridRow('model.init', 'auto, normal:0.01'),
      gridRow('normalize', 'none, standardize'),
      gridRow('schedule.per', 'step, epoch'),
    ];
    const r = buildGridSpec(base, rows);
    expect(r.errors).toEqual({});
    expect(r.cells).toBe(16);
    expect(r.spec!.parameters['model.init']).toEqual({ values: [{ type: 'auto' }, { type: 'normal', std: 0.01 }] });
    expect((r.spec!.parameters.model as { values: { init?: unknown }[] }).values.every((m) => JSON.stringify(m.init) === '{"type":"normal","std":0.01}')).toBe(
      true,
    );
    const bad = buildGridSpec(base, [gridRow('model.init', 'lecun'), gridRow('normalize', 'none, whiten')]);
    expect(bad.errors['rows.0.values']).toMatch(/auto, he, normal:0\.01/);
    const scaling = buildGridSpec(base, [gridRow('normalize', 'none, whiten')]);
    expect(scaling.errors['rows.0.values']).toMatch(/"none", "standardize"/);
  });

  it('puts a bad value on its row', () => {
    const r = buildGridSpec(tinyConfig(), [gridRow('lr', '0.01, 20')]);
    expect(r.spec).toBeNull();
    expect(r.errors['rows.0.values']).toMatch(/10/);
  });

  it('counts only the values that read, and names the ones that do not', () => {
    const r = buildGridSpec(tinyConfig(), [gridRow('lr', '0.01, abc, 0.1'), gridRow('l2', '0, 1e-4')]);
    expect(r.cells).toBe(4);
    expect(r.spec).toBeNull();
    expect(r.errors).toEqual({ 'rows.0.values': 'not a number: “abc”' });
    // A row with nothing that reads leaves no count to trust.
    expect(buildGridSpec(tinyConfig(), [gridRow('lr', 'abc, x'), gridRow('l2', '0')]).cells).toBeNull();
    // Words are fine where the config takes them.
    expect(buildGridSpec(tinyConfig(), [gridRow('optimizer.type', 'sgd, adam')]).cells).toBe(2);
  });

  it('shows every problem at once: a row that does not read, a value the schema refuses, the cap', () => {
    const r = buildGridSpec(tinyConfig(), [gridRow('lr', 'abc'), gridRow('l2', '-1'), gridRow('batchSize', '0')], { runCap: 'x' });
    expect(Object.keys(r.errors).sort()).toEqual(['rows.0.values', 'rows.1.values', 'rows.2.values', 'runCap']);
  });

  it('refuses an empty grid and a duplicate parameter', () => {
    expect(buildGridSpec(tinyConfig(), []).errors._grid).toMatch(/at least one/);
    expect(buildGridSpec(tinyConfig(), [gridRow('lr', '0.1'), gridRow('lr', '0.2')]).errors['rows.1.path']).toMatch(/already/);
  });
});
