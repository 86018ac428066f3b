// The runs query language: what parses, what it means on real run summaries, and the errors a person reads.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from './api-types';
import { mlpSpec, reportCnnSpec } from './model-presets';
import { parseRunConfig, type RunConfigInput } from './run-config';
import { compileQuery } from './run-query-match';
import { parseQuery, QueryError } from './run-query';
import { tinyConfig } from './testing/configs';

function run(id: number, config: Partial<RunConfigInput>, testAccuracy: number | null, extra: Partial<RunSummary> = {}): RunSummary {
  const scores =
    testAccuracy === null
      ? null
      : {
          epoch: 1,
          trainLoss: 0.2,
          trainAccuracy: 0.99,
          trainPassLoss: null,
          trainPassAccuracy: null,
          testLoss: 0.1,
          testAccuracy,
          valLoss: null,
          valAccuracy: null,
        };
  return {
    id,
    name: `run ${id}`,
    status: 'completed',
    gridId: null,
    gridNumber: null,
    parentId: null,
    config: parseRunConfig(tinyConfig(config)),
    datasetTitle: 'MNIST',
    createdAt: 0,
    startedAt: 0,
    finishedAt: 60_000,
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
    ...extra,
  };
}

const runs = [
  run(1, { lr: 0.001, optimizer: { type: 'adam' }, seed: 1 }, 0.975, { tags: ['baseline'] }),
  run(2, { lr: 0.05, optimizer: { type: 'momentum', momentum: 0.9 }, seed: 2 }, 0.962),
  run(3, { lr: 0.1, optimizer: { type: 'sgd' }, seed: 3, model: reportCnnSpec() }, 0.981, { name: 'cnn wide' }),
  run(4, { lr: 0.5, optimizer: { type: 'sgd' }, seed: 4, model: mlpSpec({ hidden: [64], activation: 'tanh' }) }, null, { status: 'failed' }),
];
const ids = (q: string) => runs.filter((r) => compileQuery(q, runs)(r, 0)).map((r) => r.id);
function error(q: string): QueryError {
  try {
    compileQuery(q, runs);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`"${q}" compiled`);
}

describe('parseQuery', () => {
  it('reads clauses, lists and words, with where each is', () => {
    const q = parseQuery('lr > 0.01 and optimizer=adam, seed in (1, 2) cnn "two words"');
    expect(q.clauses.map((c) => [c.field, c.op, c.values.map((v) => v.text)])).toEqual([
      ['lr', '>', ['0.01']],
      ['optimizer', '=', ['adam']],
      ['seed', '=', ['1', '2']],
    ]);
    expect(q.words.map((w) => w.text)).toEqual(['cnn', 'two words']);
    expect(q.clauses[1]).toMatchObject({ start: 14, end: 28 });
  });

  it('says what is missing and where', () => {
    expect(() => parseQuery('lr >')).toThrow('expected a value after ">" at 4');
    expect(() => parseQuery('seed in (1, 2')).toThrow('expected "," or ")" at the end');
    expect(() => parseQuery('> 3')).toThrow(/unexpected ">" at 1: a comparison needs a field before it/);
    expect(() => parseQuery('name = "open')).toThrow('unclosed ": add the closing quote');
  });
});

describe('compileQuery', () => {
  it('filters on config and metrics, as the issue asks', () => {
    expect(ids('lr > 0.01')).toEqual([2, 3, 4]);
    expect(ids('optimizer = adam')).toEqual([1]);
    expect(ids('test_acc >= 0.97')).toEqual([1, 3]);
    expect(ids('test_acc >= 97%')).toEqual([1, 3]);
    expect(ids('test_acc >= 97')).toEqual([1, 3]);
    expect(ids('lr > 0.01 optimizer = sgd')).toEqual([3, 4]);
  });

  it('matches text case-insensitively, by containment with ~, lists with in, and tags', () => {
    expect(ids('model ~ conv')).toEqual([3]);
    expect(ids('model = "hidden 64 tanh"')).toEqual([4]);
    expect(ids('status != completed')).toEqual([4]);
    const withPruned = [...runs, run(5, { lr: 0.2 }, 0.11, { status: 'pruned', error: 'ASHA rung 1 (epoch 1): 0.11 below the top 1/3 (0.9)' })];
    expect(withPruned.filter((r) => compileQuery('status = pruned', withPruned)(r, 0)).map((r) => r.id)).toEqual([5]);
    expect(withPruned.filter((r) => compileQuery('status in (failed, pruned)', withPruned)(r, 0)).map((r) => r.id)).toEqual([4, 5]);
    expect(ids('seed in (1, 3)')).toEqual([1, 3]);
    expect(ids('tag = baseline')).toEqual([1]);
    expect(ids('optimizer.momentum = 0.9')).toEqual([2]);
    expect(ids('wide')).toEqual([3]);
    expect(ids('#2')).toEqual([2]);
    expect(ids('')).toEqual([1, 2, 3, 4]);
  });

  it('refuses what cannot mean anything, naming the field and the place', () => {
    expect(error('tset_acc >= 0.9')).toMatchObject({ message: expect.stringMatching(/^unknown field "tset_acc" at 1: try lr/), start: 0, end: 8 });
    expect(error('lr > 0.01 and lr > adam').message).toBe('lr holds numbers: "adam" at 15 is not one');
    expect(error('optimizer > 3').message).toMatch(/^">" compares numbers, and optimizer holds text/);
    expect(error('lr ~ 0.1').message).toMatch(/^"~" matches text, and lr holds numbers/);
    expect(error('constructor = 1').message).toMatch(/^unknown field "constructor"/);
    expect(error('__proto__.x = 1').message).toMatch(/^unknown field "__proto__.x"/);
  });
});
