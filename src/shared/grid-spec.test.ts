// Grid specs: values and ranges expand to the Cartesian product, run_cap cuts it, bad cells are named.
import { describe, expect, it } from 'vitest';
import { describeCell, expandGrid, gridSize, parameterValues } from './grid-expand';
import { gridSpecSchema, type GridSpecInput } from './grid-spec';
import { tinyConfig } from './testing/configs';
import { parseWith, ValidationError } from './validation';

const { lr: _lr, ...base } = tinyConfig();

function parse(spec: Partial<GridSpecInput>) {
  return parseWith(gridSpecSchema, { base, parameters: { lr: { values: [0.1] } }, ...spec });
}

function fieldOf(spec: Partial<GridSpecInput>): string {
  try {
    parse(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).field;
  }
  throw new Error('expected the spec to be refused');
}

describe('parameterValues', () => {
  it('spaces a linear range with both ends exact', () => {
    expect(parameterValues({ min: 0, max: 1, count: 5 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('spaces a log range without float noise', () => {
    expect(parameterValues({ min: 1e-4, max: 1e-1, count: 4, log: true })).toEqual([1e-4, 1e-3, 1e-2, 1e-1]);
  });

  it('rounds integer ranges and passes lists through', () => {
    expect(parameterValues({ min: 32, max: 256, count: 3, integer: true })).toEqual([32, 144, 256]);
    expect(parameterValues({ values: ['a', { type: 'sgd' }] })).toEqual(['a', { type: 'sgd' }]);
    expect(parameterValues({ value: 3 })).toEqual([3]);
  });
});

describe('expandGrid', () => {
  it('expands the product with the first parameter slowest and validates every cell', () => {
    const spec = parse({ parameters: { lr: { values: [0.1, 0.01] }, l2: { values: [0, 1e-3, 1e-2] } } });
    const cells = expandGrid(spec);
    expect(cells.map((c) => describeCell(c.params))).toEqual([
      'lr=0.1 l2=0',
      'lr=0.1 l2=0.001',
      'lr=0.1 l2=0.01',
      'lr=0.01 l2=0',
      'lr=0.01 l2=0.001',
      'lr=0.01 l2=0.01',
    ]);
    expect(cells[4]!.config).toMatchObject({ lr: 0.01, l2: 1e-3, batchSize: 32, schedule: { type: 'constant' } });
  });

  it('sets nested paths and whole objects', () => {
    const spec = parse({
      parameters: {
        lr: { value: 0.05 },
        optimizer: { values: [{ type: 'sgd' }, { type: 'adam' }] },
        'model.layers.1.units': { values: [8, 32] },
      },
    });
    const cells = expandGrid(spec);
    expect(cells).toHaveLength(4);
    expect(cells[3]!.config.optimizer).toEqual({ type: 'adam' });
    expect(cells[3]!.config.model.layers[1]).toEqual({ type: 'linear', units: 32 });
    // The base is not mutated by the expansion.
    expect(spec.base.model!.layers[1]).toEqual({ type: 'linear', units: 16 });
  });

  it('honours run_cap and counts the full product', () => {
    const spec = parse({
      parameters: { lr: { min: 1e-3, max: 1e-1, count: 50, log: true }, seed: { min: 1, max: 100, count: 100, integer: true } },
      run_cap: 7,
    });
    expect(gridSize(spec)).toEqual({ cells: 5000, runs: 7 });
    expect(expandGrid(spec)).toHaveLength(7);
  });
});

describe('gridSpecSchema refusals', () => {
  it.each<[string, Partial<GridSpecInput>, string]>([
    ['an out-of-range value', { parameters: { lr: { values: [0.1, 50] } } }, 'parameters.lr.values.1'],
    ['a wrongly typed value', { parameters: { lr: { values: ['fast'] } } }, 'parameters.lr.values.0'],
    ['an unknown config path', { parameters: { lr: { value: 0.1 }, lrr: { values: [1] } } }, 'parameters.lrr.values.0'],
    [
      'a nested bad value',
      { base: { ...base, optimizer: { type: 'momentum' } }, parameters: { lr: { value: 0.1 }, 'optimizer.momentum': { values: [0.9, 2] } } },
      'parameters.optimizer.momentum.values.1',
    ],
    ['a log range from 0', { parameters: { lr: { min: 0, max: 1, count: 3, log: true } } }, 'parameters.lr.min'],
    ['a range missing count', { parameters: { lr: { min: 0.1, max: 1 } } }, 'parameters.lr.count'],
    ['an inverted range', { parameters: { lr: { min: 1, max: 0.1, count: 3 } } }, 'parameters.lr.max'],
    ['values and a range at once', { parameters: { lr: { values: [0.1], min: 0.1, max: 1, count: 2 } } }, 'parameters.lr'],
    ['an empty values list', { parameters: { lr: { values: [] } } }, 'parameters.lr.values'],
    ['an absurd values list', { parameters: { lr: { values: new Array(1001).fill(0.1) } } }, 'parameters.lr.values'],
    ['a bad path', { parameters: { lr: { value: 0.1 }, 'a..b': { values: [1] } } }, 'parameters.a..b'],
    ['a prototype path', { parameters: { lr: { value: 0.1 }, '__proto__.x': { values: [1] } } }, 'parameters.__proto__.x'],
    ['no parameters', { parameters: {} }, 'parameters'],
    [
      'too many cells without run_cap',
      { parameters: { lr: { min: 0.01, max: 0.1, count: 40 }, seed: { min: 1, max: 40, count: 40, integer: true } } },
      'parameters',
    ],
    ['an absurd run_cap', { run_cap: 5000 }, 'run_cap'],
    ['a bad base field', { base: { ...base, batchSize: 0 } }, 'base.batchSize'],
    ['a base missing what no parameter gives', { base: { ...base, dataset: undefined } }, 'base.dataset'],
    ['an unknown top-level field', { sweep: true } as Partial<GridSpecInput>, 'sweep'],
  ])('refuses %s', (_what, spec, field) => {
    expect(fieldOf(spec)).toBe(field);
  });

  it('accepts W&B-style method: grid', () => {
    expect(parse({ method: 'grid' }).method).toBe('grid');
  });
});
