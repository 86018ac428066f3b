import { describe, expect, it } from 'vitest';
import { refineValues } from './grid-refine';
import { buildGridSpec, gridRow, parseHiddenList, parseValueList } from './grid-form';
import { tinyConfig } from '../../../shared/testing/configs';

describe('refineValues', () => {
  it('searches a decade grid geometrically around the winner', () => {
    // Winner 0.01 in [1e-4, 1e-3, 1e-2]: half a decade each side → 0.01/√10, 0.01, 0.01·√10.
    expect(refineValues([0.0001, 0.001, 0.01], 0.01)).toEqual([0.003162, 0.01, 0.03162]);
  });

  it('searches a linear grid at half the step and stays non-negative', () => {
    expect(refineValues([0, 0.5, 1], 0)).toEqual([0, 0.25]);
    expect(refineValues([32, 64, 128], 64)).toEqual([48, 64, 80]);
  });

  it('keeps a single value', () => {
    expect(refineValues([0.1], 0.1)).toEqual([0.1]);
  });
});

describe('grid form', () => {
  it('parses value lists and hidden-size options', () => {
    expect(parseValueList('0.01, 1e-3 relu')).toEqual([0.01, 0.001, 'relu']);
    expect(parseHiddenList('64 64; 128,64')).toEqual([[64, 64], [128, 64]]);
    expect(parseHiddenList('64; x')).toBeNull();
  });

  it('builds the report stage-1 grid with 18 cells', () => {
    const rows = [gridRow('lr', '0.0001, 0.001, 0.01'), gridRow('hidden', '64 64; 128 64'), gridRow('l2', '0.001, 0.01, 0.1')];
    const r = buildGridSpec(tinyConfig(), rows);
    expect(r.errors).toEqual({});
    expect(r.cells).toBe(18);
    expect(Object.keys(r.spec!.parameters)).toEqual(['lr', 'model', 'l2']);
  });

  it('puts a bad value on its row', () => {
    const r = buildGridSpec(tinyConfig(), [gridRow('lr', '0.01, 20')]);
    expect(r.spec).toBeNull();
    expect(r.errors['rows.0.values']).toMatch(/10/);
  });

  it('refuses an empty grid and a duplicate parameter', () => {
    expect(buildGridSpec(tinyConfig(), []).errors._grid).toMatch(/at least one/);
    expect(buildGridSpec(tinyConfig(), [gridRow('lr', '0.1'), gridRow('lr', '0.2')]).errors['rows.1.path']).toMatch(/already/);
  });
});
