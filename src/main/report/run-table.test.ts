// Run tables: column resolution and the three formats' escaping, checked against literal expected text.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/api-types';
import { reportCnnSpec } from '../../shared/model-presets';
import { DEFAULT_RUN_COLUMNS } from '../../shared/run-columns';
import { parseRunConfig } from '../../shared/run-config';
import { tinyConfig } from '../../shared/testing/configs';
import { displayCell, renderTable } from './run-table';
import { columnFor, tableColumns, variedPaths } from './table-columns';
import { csvField, latexText, markdownCell } from './text-formats';

function run(id: number, name: string, lr: number, testAccuracy: number | null, config = tinyConfig({ lr })): RunSummary {
  const scores =
    testAccuracy === null
      ? null
      : {
          epoch: 1,
          trainLoss: 0.25,
          trainAccuracy: 0.9,
          trainPassLoss: 0.2,
          trainPassAccuracy: 0.93,
          testLoss: 0.3,
          testAccuracy,
          valLoss: null,
          valAccuracy: null,
        };
  return {
    id,
    name,
    status: 'completed',
    gridId: null,
    gridNumber: null,
    parentId: null,
    config: parseRunConfig(config),
    datasetTitle: 'MNIST',
    createdAt: 0,
    startedAt: 1000,
    finishedAt: 3500,
    error: null,
    tags: [],
    notes: '',
    epochsDone: 2,
    epochsTotal: 2,
    stepsDone: 16,
    stepsTotal: 16,
    final: scores,
    best: scores,
    placement: 'local',
    worker: null,
  };
}

const runs = [run(1, 'a, "quoted" | name', 0.1, 0.9731), run(2, '=cmd() 50% & $x_1', 0.01, 0.9812)];

describe('cell escaping', () => {
  it('quotes CSV fields that need it and defuses formulas in text', () => {
    expect(csvField('a,b', true)).toBe('"a,b"');
    expect(csvField('say "hi"', true)).toBe('"say ""hi"""');
    expect(csvField('=1+1', true)).toBe("'=1+1");
    expect(csvField(-0.5, false)).toBe('-0.5');
    expect(csvField(NaN, false)).toBe('NaN');
    expect(csvField(null, false)).toBe('');
  });

  it('escapes Markdown pipes and LaTeX specials', () => {
    expect(markdownCell('a|b')).toBe('a\\|b');
    expect(latexText('50% & $x_1 {#} ~^\\')).toBe('50\\% \\& \\$x\\_1 \\{\\#\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}');
  });

  it('shows accuracies in percent and losses to four places', () => {
    expect(displayCell(0.97314, 'percent')).toBe('97.31');
    expect(displayCell(0.123456, 'loss')).toBe('0.1235');
    expect(displayCell(null, 'number')).toBe('–');
  });
});

describe('columns', () => {
  it('finds the config paths that vary', () => {
    expect(variedPaths(runs)).toEqual(['lr']);
  });

  it('resolves config paths, scores and run fields, and refuses unknown ones by field', () => {
    expect(columnFor('optimizer.type', runs, 'c').value(runs[0]!, 0)).toBe('sgd');
    expect(columnFor('best.epoch', runs, 'c').value(runs[0]!, 0)).toBe(2);
    expect(columnFor('seconds', runs, 'c').value(runs[0]!, 0)).toBe(2.5);
    expect(() => columnFor('nope', runs, 'columns.3')).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'columns.3' }));
    expect(() => columnFor('best.f1', runs, 'columns.0')).toThrow(/unknown score/);
  });
});

describe('renderTable', () => {
  const columns = tableColumns(runs, ['name', 'lr', 'final.testAccuracy']);

  it('writes CSV with raw values', () => {
    expect(renderTable('csv', columns, runs)).toBe('name,lr,final.testAccuracy\n"a, ""quoted"" | name",0.1,0.9731\n\'=cmd() 50% & $x_1,0.01,0.9812\n');
  });

  it('writes a Markdown pipe table, numbers right-aligned', () => {
    expect(renderTable('markdown', columns, runs)).toBe(
      '| Run | LR | Final test (%) |\n|:---|---:|---:|\n| a, "quoted" \\| name | 0.1 | 97.31 |\n| =cmd() 50% & $x_1 | 0.01 | 98.12 |\n',
    );
  });

  it('writes a booktabs tabular with the best accuracy in bold', () => {
    const tex = renderTable('latex', columns, runs);
    expect(tex).toContain('\\begin{tabular}{lrr}');
    expect(tex).toContain('  Run & LR & Final test (\\%) \\\\');
    expect(tex).toContain('  =cmd() 50\\% \\& \\$x\\_1 & 0.01 & \\textbf{98.12} \\\\');
    expect(tex.indexOf('\\toprule')).toBeLessThan(tex.indexOf('\\midrule'));
    expect(tex).toMatch(/\\bottomrule\n\\end\{tabular\}\n$/);
  });
});

describe('a table of MLP and CNN runs', () => {
  const mixed = [
    run(1, 'mlp', 0.05, 0.97),
    run(2, 'cnn', 0.001, 0.98, tinyConfig({ lr: 0.001, model: reportCnnSpec(), optimizer: { type: 'adam' }, limitTrain: 512 })),
  ];

  it('has the columns the runs page shows, in its order, with the models described', () => {
    const columns = tableColumns(mixed, DEFAULT_RUN_COLUMNS);
    const [header, ...rows] = renderTable('markdown', columns, mixed, 3500).trim().split('\n');
    expect(header).toBe('| Run | Status | Best test (%) | Final test (%) | Model | Optimizer | LR | L2 | Batch | Epochs | Duration (s) | Created |');
    expect(rows[1]).toBe('| mlp | completed | 97.00 | 97.00 | hidden 16 relu | SGD | 0.05 | 0 | 32 | 2 | 2.5 | 1970-01-01 00:00 |');
    expect(rows[2]).toContain('| conv 30@5×5 relu · pool 2 · hidden 100 relu | Adam | 0.001 |');
    expect(renderTable('csv', columns, mixed).split('\n')[0]).toBe(DEFAULT_RUN_COLUMNS.join(','));
    expect(renderTable('csv', columns, mixed).split('\n')[1]).toMatch(/,1970-01-01T00:00:00.000Z$/);
  });

  it('by default varies the model as one column, not layer by layer', () => {
    expect(variedPaths(mixed)).toEqual(['limitTrain', 'model', 'optimizer.type', 'lr']);
    expect(tableColumns(mixed).map((c) => c.label)).toEqual([
      'Run',
      'limitTrain',
      'Model',
      'optimizer',
      'LR',
      'Final train (batches)',
      'Final train (full pass)',
      'Final test loss',
      'Final test',
      'Best test',
      'Best epoch',
    ]);
  });
});
