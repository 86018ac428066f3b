// The definitions: their grids expand to the report's cells with the report's settings under both setups, stage 2
// follows the report's rule from each setup's stage-1 winner, the ablation switches one factor at a time, and the
// later experiments take the modern stage-2 winner.
import { describe, expect, it } from 'vitest';
import type { GridDetail, RunDetail } from '../../shared/api-types';
import { expandGrid } from '../../shared/grid-expand';
import { gridSpecSchema } from '../../shared/grid-spec';
import { parseRunConfig, type RunConfig } from '../../shared/run-config';
import { parseWith } from '../../shared/validation';
import { bestRun, reportStage2Values } from './best-setting';
import { switchedFactor } from './ablation-experiment';
import { activationsOf, hiddenOf, mlpConfig } from './configs';
import type { ExperimentId, ExperimentRuns, Submission } from './experiment-types';
import { EXPERIMENTS, QUEUE_ORDER } from './experiments';
import { REPORT, reportStage1Row, reportStage2Row } from '../../shared/report-numbers';
import { FULL_SCALE, quickScale } from './scale';
import { differingFactors, MODERN_SETUP, REPORT_SETUP, setupOf } from './setups';

const def = (id: ExperimentId) => EXPERIMENTS.find((d) => d.id === id)!;
const cells = (s: Submission) => (s.kind === 'grid' ? expandGrid(parseWith(gridSpecSchema, s.spec)).map((c) => c.config) : s.configs.map(parseRunConfig));

/** A finished run with `config` and a final test accuracy. */
function run(id: number, config: RunConfig, testAccuracy: number, status: RunDetail['status'] = 'completed'): RunDetail {
  const final = { epoch: 0, trainLoss: 0, trainAccuracy: 0, testLoss: 0, testAccuracy, valLoss: null, valAccuracy: null };
  return { id, config, status, final, gridId: 7, name: `run ${id}` } as unknown as RunDetail;
}

/** A finished stage-1 grid whose scores are the report's table 2. */
function reportStage1(): ExperimentRuns {
  const configs = cells(def('stage1').plan(FULL_SCALE, new Map()));
  const runs = configs.map((c, i) => run(i + 1, c, reportStage1Row(c.lr, hiddenOf(c), c.l2)!.testAccuracy));
  const spec = parseWith(gridSpecSchema, (def('stage1').plan(FULL_SCALE, new Map()) as { spec: unknown }).spec);
  const grid = {
    id: 7,
    spec,
    cells: runs.map((r) => ({ params: { lr: r.config.lr, 'model.layers.1.units': hiddenOf(r.config)[0]!, l2: r.config.l2 }, run: r })),
  } as unknown as GridDetail;
  return { id: 'stage1', grid, runs, notes: [], submittedAt: 0, finishedAt: 0, skipped: null };
}

describe("the report's table 1 and the two setups", () => {
  it('is table 1: momentum 0.9, inverse-time decay 0.001, batch 128, L2 λΣw² 0.001, lr 0.005; modern by default, as before setups', () => {
    const input = mlpConfig(FULL_SCALE, { epochs: 10 });
    expect(input).not.toHaveProperty('normalize');
    expect(input.model).not.toHaveProperty('init');
    const c = parseRunConfig(input);
    expect(c).toMatchObject({
      optimizer: { type: 'momentum', momentum: 0.9 },
      schedule: { type: 'inverse_time', decay: 0.001 },
      batchSize: 128,
      l2: 0.001,
      lr: 0.005,
      epochs: 10,
    });
    expect(c.schedule).not.toHaveProperty('per');
    // Its tables read last epochs only: the full pass over the training set runs once, at the end.
    expect(c.trainPass).toBe('last_epoch');
    expect(hiddenOf(c)).toEqual([128, 64]);
    expect(activationsOf(c)).toEqual(['relu', 'relu']);
  });

  it("reads the report's setup as N(0, 0.01²) init, standardized inputs and the decay per epoch", () => {
    const c = parseRunConfig(mlpConfig(FULL_SCALE, { epochs: 5, setup: REPORT_SETUP }));
    expect(c).toMatchObject({
      model: { init: { type: 'normal', std: 0.01 } },
      normalize: 'standardize',
      schedule: { type: 'inverse_time', decay: 0.001, per: 'epoch' },
    });
    expect(setupOf(c)).toEqual(REPORT_SETUP);
    expect(setupOf(parseRunConfig(mlpConfig(FULL_SCALE, { epochs: 5 })))).toEqual(MODERN_SETUP);
  });

  it('queues every experiment once, numbered by the section that shows it', () => {
    expect([...QUEUE_ORDER].sort()).toEqual(EXPERIMENTS.map((d) => d.id).sort());
    expect(EXPERIMENTS.map((d) => d.number)).toEqual([1, 2, 2, 3, 3, 4, 5, 6, 7, 8]);
    expect(EXPERIMENTS.filter((d) => d.partOf).map((d) => [d.id, d.partOf])).toEqual([
      ['stage1-report', 'stage1'],
      ['stage2-report', 'stage2'],
    ]);
  });
});

describe('full-scale plans', () => {
  it('tries all 9 activation pairs for 10 epochs', () => {
    const configs = cells(def('activations').plan(FULL_SCALE, new Map()));
    expect(configs.map((c) => activationsOf(c).join('+'))).toEqual([
      'relu+relu',
      'relu+sigmoid',
      'relu+tanh',
      'sigmoid+relu',
      'sigmoid+sigmoid',
      'sigmoid+tanh',
      'tanh+relu',
      'tanh+sigmoid',
      'tanh+tanh',
    ]);
    expect(configs.every((c) => c.epochs === 10 && c.dataset.name === 'mnist' && c.limitTrain === undefined)).toBe(true);
  });

  it("runs stage 1 as the report's 18 cells of table 2, in its order, for 5 epochs, under each setup", () => {
    for (const [id, setup] of [
      ['stage1', MODERN_SETUP],
      ['stage1-report', REPORT_SETUP],
    ] as const) {
      const configs = cells(def(id).plan(FULL_SCALE, new Map()));
      expect(configs).toHaveLength(18);
      expect(configs.map((c) => [c.lr, hiddenOf(c)[0], c.l2])).toEqual(REPORT.stage1.rows.map((r) => [r.lr, r.hidden[0], r.l2]));
      expect(configs.every((c) => c.epochs === 5 && JSON.stringify(setupOf(c)) === JSON.stringify(setup))).toBe(true);
    }
  });

  it("seeds the report's-setup stage 2 from its own stage-1 winner, under its setup", () => {
    const done = new Map([['stage1-report', { ...reportStage1(), id: 'stage1-report' as const }]] as const);
    const configs = cells(def('stage2-report').plan(FULL_SCALE, done));
    expect(configs.map((c) => [c.lr, c.l2])).toEqual(REPORT.stage2.rows.map((r) => [r.lr, r.l2]));
    expect(configs.every((c) => c.epochs === 10 && JSON.stringify(setupOf(c)) === JSON.stringify(REPORT_SETUP))).toBe(true);
    expect(() => def('stage2-report').plan(FULL_SCALE, new Map([['stage1', reportStage1()]] as const))).toThrow(/"stage1-report" has no completed run/);
  });

  it("switches one factor of the report's setup at a time on three cells, one per regime of table 2", () => {
    const configs = cells(def('ablation').plan(FULL_SCALE, new Map()));
    expect(configs).toHaveLength(9);
    expect(configs.map((c) => [c.lr, hiddenOf(c).join('/'), c.l2, switchedFactor(c)])).toEqual(
      FULL_SCALE.ablation.cells.flatMap((cell) => ['init', 'normalize', 'decayPer'].map((f) => [cell.lr, cell.hidden.join('/'), cell.l2, f])),
    );
    expect(configs.map((c) => differingFactors(REPORT_SETUP, setupOf(c)).length)).toEqual(new Array(9).fill(1));
    expect(configs.every((c) => c.epochs === 5)).toBe(true);
    expect(FULL_SCALE.ablation.cells.map((c) => reportStage1Row(c.lr, c.hidden, c.l2)!.testAccuracy)).toEqual([0.1149, 0.7428, 0.9718]);
    expect(def('ablation').runName(configs[3]!)).toBe("lr 0.001 · [128, 64] · L2 0.01, report's setup but weight init He/Xavier (auto)");
  });

  it("seeds stage 2 from stage 1's winner by the report's rule, giving its table 3 exactly", () => {
    const done = new Map([['stage1', reportStage1()]] as const);
    const plan = def('stage2').plan(FULL_SCALE, done);
    expect(plan.kind === 'grid' && plan.spec.parentGridId).toBe(7);
    const configs = cells(plan);
    expect(configs.map((c) => [c.lr, c.l2])).toEqual(REPORT.stage2.rows.map((r) => [r.lr, r.l2]));
    expect(configs.every((c) => c.epochs === 10 && hiddenOf(c).join() === '128,64')).toBe(true);
    expect(plan.notes!.join(' ')).toMatch(
      /workbench's own refinement .* would have proposed lr \{0\.003162, 0\.01, 0\.03162\} × model\.layers\.1\.units \{96, 128, 160\} × l2 \{0\.0003162, 0\.001, 0\.003162\}/,
    );
  });

  it('gives the stage-2 winner to the optimizers (with a validation split), the best MLP and augmentation', () => {
    const stage2Runs = cells(def('stage2').plan(FULL_SCALE, new Map([['stage1', reportStage1()]] as const))).map((c, i) =>
      run(30 + i, c, reportStage2Row(c.lr, c.l2)!.testAccuracy),
    );
    const done = new Map([['stage2', { ...reportStage1(), id: 'stage2' as const, runs: stage2Runs }]] as const);
    const optimizers = cells(def('optimizers').plan(FULL_SCALE, done));
    expect(optimizers.map((c) => c.optimizer.type)).toEqual(['sgd', 'momentum', 'rmsprop', 'adam']);
    expect(optimizers.every((c) => c.lr === 0.05 && c.l2 === 0.0001 && c.validationSplit === 0.1)).toBe(true);
    const [best] = cells(def('best-mlp').plan(FULL_SCALE, done));
    expect(best).toMatchObject({ lr: 0.05, l2: 0.0001, epochs: 10, seed: 2, augment: {} });
    const [augmented] = cells(def('augmentation').plan(FULL_SCALE, done));
    expect(augmented).toMatchObject({ lr: 0.05, l2: 0.0001, seed: 2, augment: { translate: 2, rotate: 10, scale: 0.1 } });
  });

  it('refuses to plan stage 2 when stage 1 has no completed run', () => {
    const failed = { ...reportStage1(), runs: reportStage1().runs.map((r) => ({ ...r, status: 'failed' as const })) };
    expect(() => def('stage2').plan(FULL_SCALE, new Map([['stage1', failed]] as const))).toThrow(/no completed run/);
  });

  it("builds the report's CNN with Adam at 0.001 for 3 epochs", () => {
    const [cnn] = cells(def('cnn').plan(FULL_SCALE, new Map()));
    expect(cnn).toMatchObject({ optimizer: { type: 'adam' }, lr: 0.001, epochs: 3, l2: 0 });
    expect(cnn!.model.layers[0]).toEqual({ type: 'conv2d', filters: 30, kernel: 5, stride: 1, padding: 0 });
  });
});

describe('the stage-2 rule and the winner', () => {
  it("keeps the winner's lr and tries 5×, keeps its L2 and tries a tenth", () => {
    expect(reportStage2Values({ lr: 0.01, l2: 0.001, hidden: [128, 64] })).toEqual({ lr: [0.01, 0.05], l2: [0.0001, 0.001], hidden: [128, 64] });
    expect(reportStage2Values({ lr: 0.001, l2: 0.01, hidden: [64, 64] })).toEqual({ lr: [0.001, 0.005], l2: [0.001, 0.01], hidden: [64, 64] });
  });

  it('picks the completed run with the best final test accuracy, the earlier on a tie', () => {
    const c = parseRunConfig(mlpConfig(FULL_SCALE, { epochs: 1 }));
    expect(bestRun([run(1, c, 0.5), run(2, c, 0.9, 'failed'), run(3, c, 0.7), run(4, c, 0.7)])?.id).toBe(3);
    expect(bestRun([run(1, c, 0.5, 'cancelled')])).toBeUndefined();
  });
});

describe('the quick scale', () => {
  it('keeps every experiment but shrinks the data, the grids and the epochs', () => {
    const q = quickScale();
    expect(q).toMatchObject({ limitTrain: 2000, limitTest: 500 });
    expect(cells(def('activations').plan(q, new Map()))).toHaveLength(4);
    expect(cells(def('stage1').plan(q, new Map()))).toHaveLength(8);
    expect(cells(def('stage1-report').plan(q, new Map()))).toHaveLength(8);
    // The ablation's cells are cells of the quick grid, so both ends exist.
    const grid = cells(def('stage1').plan(q, new Map())).map((c) => [c.lr, hiddenOf(c).join(), c.l2].join());
    expect(q.ablation.cells.every((c) => grid.includes([c.lr, c.hidden.join(), c.l2].join()))).toBe(true);
    for (const id of ['activations', 'stage1', 'stage1-report', 'ablation', 'cnn'] as const) {
      expect(cells(def(id).plan(q, new Map())).every((c) => c.epochs <= 2 && c.limitTrain === 2000)).toBe(true);
    }
  });
});
