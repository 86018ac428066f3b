// The fuzz's requests: arbitrary JSON for any call, and each call's valid example bent one place (a value replaced by
// anything, a key dropped or added, an Object-prototype name, a lone surrogate, a deep nesting), plus raw bodies.
import fc from 'fast-check';
import { callNames, type CallName } from '../../../shared/api-names';
import type { RunConfigInput } from '../../../shared/run-config';

export interface FuzzRequest {
  readonly call: string;
  /** The body as sent: JSON text, '' for none, or raw text that may not be JSON at all. */
  readonly body: string;
  /** How it was made, for the failure report. */
  readonly how: string;
}

/** Ids of what the fuzz's data folder holds, for examples that name real things. */
export interface FuzzIds {
  readonly runs: readonly number[];
  readonly gridId: number;
  readonly sweepId: number;
}

/** One valid input per call, naming seeded runs; typed by CallName so a new call without an example fails to compile. */
export function validExamples(ids: FuzzIds, config: RunConfigInput): Record<CallName, unknown> {
  const [a = 1, b = 2] = ids.runs;
  const reproduction = '2026-11-26T20-20-27';
  return {
    getAppInfo: {},
    getRunPlacement: {},
    setRunPlacement: { placement: 'local' },
    listDatasets: {},
    checkDataset: { name: 'folder', path: 'idx' },
    listRuns: { status: ['completed'], tags: ['t'], text: 'long', limit: 10, offset: 0 },
    getRun: { id: a },
    startRun: config,
    cancelRun: { id: a },
    deleteRun: { id: a },
    renameRun: { id: a, name: 'renamed' },
    tagRun: { id: a, tag: 'baseline' },
    untagRun: { id: a, tag: 'baseline' },
    setRunNotes: { id: a, notes: 'a note' },
    rerunRun: { id: a },
    forkRun: { id: a, overrides: { lr: 0.05 }, fromEpoch: 1 },
    resumeRun: { id: a },
    extendRun: { id: a, epochs: 2 },
    startGrid: { name: 'g', base: config, parameters: { lr: { values: [0.1, 0.01] }, l2: { min: 0.0001, max: 0.01, count: 2, log: true } }, run_cap: 4 },
    listGrids: {},
    getGrid: { id: ids.gridId },
    cancelGrid: { id: ids.gridId },
    startSweep: {
      name: 's',
      method: 'bayes',
      base: config,
      parameters: { lr: { distribution: 'log_uniform_values', min: 0.001, max: 0.1 }, l2: { values: [0, 0.001] } },
      metric: { name: 'test_loss', goal: 'minimize' },
      run_cap: 4,
      seed: 3,
      bayes: { startup_trials: 2 },
      early_terminate: { type: 'hyperband', min_iter: 1, eta: 3 },
    },
    listSweeps: {},
    getSweep: { id: ids.sweepId },
    cancelSweep: { id: ids.sweepId },
    listMetricKeys: { runId: a },
    getMetrics: { runId: a, keys: ['train/loss', 'test/accuracy'], maxPoints: 50, sinceStep: 10 },
    getRunsMetrics: { runIds: [a, b], keys: ['train/loss'], maxPoints: 50 },
    getHistograms: { runId: a, epoch: 0 },
    getHistogramHistory: { runId: a, param: 'layers.1.weight' },
    getWeightImages: { runId: a, epoch: 0, param: 'layers.1.weight', normalize: 'global', maxImages: 4 },
    getWeightMatrix: { runId: a, param: 'layers.1.weight', epoch: 0, maxCells: 100 },
    getConfusion: { runId: a, split: 'test' },
    getMisclassified: { runId: a, trueClass: 1, predictedClass: 2, limit: 4 },
    predict: { runId: a, width: 2, height: 2, pixels: [0, 0.5, 1, 0] },
    exportRun: { runId: a, format: 'metrics-csv' },
    exportTable: { runIds: [a, b], format: 'latex', columns: ['name', 'lr', 'final.testAccuracy'] },
    exportFigure: { runIds: [a], figure: 'loss', format: 'svg', width: 300, height: 200, theme: 'dark' },
    startReproduction: { scale: 'quick', dataset: { name: 'mnist' } },
    listReproductions: {},
    cancelReproduction: { id: reproduction },
    getReportFile: { id: reproduction, file: 'figures/cnn-loss.svg' },
    writeReproductionReport: { id: reproduction },
    listRunViews: {},
    saveRunView: {
      name: 'mine',
      query: 'lr > 0.01',
      statuses: ['completed'],
      tags: [],
      columns: ['name', 'lr', 'best.testAccuracy'],
      sort: { column: 'lr', direction: 'asc' },
    },
    deleteRunView: { name: 'mine' },
  };
}

/** Strings that have broken servers: prototype names, control characters, lone surrogates, paths, sizes. */
const HOSTILE_STRINGS = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  'final.constructor',
  'best.__proto__',
  'evil\u001b[31m\u0000\n',
  'a\ud800b',
  '\udfff',
  '',
  ' ',
  '../../etc',
  '/',
  '.',
  '/dev/zero',
  '%00',
  '😀',
  'x'.repeat(5000),
];

const BOUNDARY_NUMBERS = [0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, 65_536, 65_537, 100_001];

/** Any JSON value, with the hostile strings and boundary numbers more likely than chance would make them. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...BOUNDARY_NUMBERS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 60 }).map(nestedArrays) },
);

function nestedArrays(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Values of the same kind: what passes a type check and must still be judged (a huge number, a prototype name). */
const sameKind = fc.record({
  number: fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  text: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }),
  repeat: fc.nat({ max: 3 }),
});

/** One edit of an example: where (the `at`-th place, the root included), what, and the values it may use. */
const editPlan = fc.record({
  edit: fc.constantFrom('none', 'replace', 'tweak', 'tweak', 'drop', 'add', 'wrap'),
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 12 })),
  value: anyValue,
  kind: sameKind,
  asArray: fc.boolean(),
});
type EditPlan = typeof editPlan extends fc.Arbitrary<infer P> ? P : never;

/** The example with the plan's edit made. */
function bend(example: unknown, plan: EditPlan): unknown {
  const root = { v: structuredClone(example) as unknown };
  const places: [Record<string, unknown>, string][] = [[root, 'v']];
  for (let i = 0; i < places.length; i++) {
    const [holder, k] = places[i]!;
    const node = holder[k];
    if (typeof node === 'object' && node !== null) for (const child of Object.keys(node)) places.push([node as Record<string, unknown>, child]);
  }
  const [holder, k] = places[plan.at % places.length]!;
  const node = holder[k];
  // defineProperty, not assignment: a key "__proto__" must become a key of the body, not its prototype.
  const put = (target: object, name: string, v: unknown) =>
    Object.defineProperty(target, name, { value: v, enumerable: true, writable: true, configurable: true });
  switch (plan.edit) {
    case 'replace':
      put(holder, k, plan.value);
      break;
    case 'tweak':
      put(holder, k, tweak(node, plan.kind));
      break;
    case 'wrap':
      put(holder, k, plan.asArray ? [node] : { value: node });
      break;
    case 'drop':
      if (Array.isArray(holder)) holder.splice(Number(k), 1);
      else delete holder[k];
      break;
    case 'add':
      if (Array.isArray(node)) node.push(plan.value);
      else if (typeof node === 'object' && node !== null) put(node, plan.key, plan.value);
      else put(holder, k, { [plan.key]: plan.value });
      break;
  }
  return root.v;
}

/** Another value of the same kind as `node`: a number for a number, a string for a string, an array repeated. */
function tweak(node: unknown, kind: EditPlan['kind']): unknown {
  if (typeof node === 'number') return kind.number;
  if (typeof node === 'string') return kind.text;
  if (typeof node === 'boolean') return !node;
  if (Array.isArray(node)) return Array.from({ length: kind.repeat }, () => node).flat();
  return node;
}

/** Calls whose valid example would destroy the seeded state the other cases read (they still get every bent form). */
const NO_UNBENT: ReadonlySet<string> = new Set(['deleteRun']);

export function fuzzRequest(examples: Record<CallName, unknown>): fc.Arbitrary<FuzzRequest> {
  const call = fc.constantFrom(...callNames);
  const bent = fc
    .record({ call, plan: editPlan })
    .filter(({ call, plan }) => !(plan.edit === 'none' && NO_UNBENT.has(call)))
    .map(({ call, plan }) => {
      const body = bend(examples[call], plan);
      return { call, body: body === undefined ? '' : JSON.stringify(body), how: `${plan.edit} at place ${plan.at}` };
    });
  const arbitrary = fc
    .record({
      call: fc.oneof({ weight: 9, arbitrary: call }, { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'nope', '') }),
      value: anyValue,
    })
    .map(({ call, value }) => ({
      call,
      body: JSON.stringify(value),
      how: 'arbitrary JSON',
    }));
  const raw = fc
    .record({ call, body: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{', '{"id":', '[1,]', '{"id":1}}', '\u0000', '{"id":1e999}')) })
    .map((r) => ({ ...r, how: 'raw text' }));
  return fc.oneof({ weight: 8, arbitrary: bent }, { weight: 2, arbitrary }, { weight: 1, arbitrary: raw });
}
