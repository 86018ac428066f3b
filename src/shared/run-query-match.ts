// A runs query compiled into a test of one run: fields resolve to table columns (short aliases like test_acc
// included) and values are checked against the column's kind, so `lr > adam` or `tset_acc > 0.9` fail clearly.
import type { RunSummary } from './api-types';
import { describeDataset, describeOptimizer } from './describe-config';
import { describeModel } from './describe-model';
import { resolveColumn, type RunColumn } from './run-columns';
import { type CompareOp, parseQuery, QueryError, type QueryClause } from './run-query';

/** Short names for the fields people filter on most; any column id or config path works too. */
export const QUERY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['test_acc', 'final.testAccuracy'],
  ['best_test_acc', 'best.testAccuracy'],
  ['best_acc', 'best.testAccuracy'],
  ['train_acc', 'final.trainAccuracy'],
  ['val_acc', 'final.valAccuracy'],
  ['test_loss', 'final.testLoss'],
  ['train_loss', 'final.trainLoss'],
  ['val_loss', 'final.valLoss'],
  ['optimizer', 'optimizer.type'],
  ['batch', 'batchSize'],
  ['epochs_done', 'epochsDone'],
  ['duration', 'seconds'],
  ['grid', 'gridId'],
]);

const KNOWN_HINT =
  'try lr, l2, batch, epochs, seed, optimizer, model, dataset, status, name, tag, test_acc, best_test_acc, train_acc, test_loss, duration, or a config path like optimizer.momentum';

export type RunTest = (run: RunSummary, now: number) => boolean;

const NUMERIC_OPS: ReadonlySet<CompareOp> = new Set(['>', '>=', '<', '<=']);
const TEXT_OPS: ReadonlySet<CompareOp> = new Set(['~', '!~']);

/** Equal up to float noise (grid ranges round to 12 digits; typed values are short). */
const same = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

function compareNumbers(op: CompareOp, x: number, y: number): boolean {
  switch (op) {
    case '>':
      return x > y;
    case '>=':
      return x >= y || same(x, y);
    case '<':
      return x < y;
    case '<=':
      return x <= y || same(x, y);
    default:
      return same(x, y);
  }
}

function numberTest(clause: QueryClause, column: RunColumn): RunTest {
  if (TEXT_OPS.has(clause.op))
    throw new QueryError(`"${clause.op}" matches text, and ${clause.field} holds numbers: use =, !=, >, >=, <, <=`, clause.start, clause.end);
  const targets = clause.values.map((v) => {
    if (v.kind !== 'number') throw new QueryError(`${clause.field} holds numbers: "${v.text}" at ${clause.start + 1} is not one`, clause.start, clause.end);
    // Accuracies are fractions but read as percentages: 97% and 97 both mean 0.97.
    return column.kind === 'percent' && (v.percent || v.n > 1) ? v.n / 100 : v.n;
  });
  const negate = clause.op === '!=';
  return (run, now) => {
    const x = column.value(run, now);
    if (typeof x !== 'number') return negate;
    return negate ? !targets.some((y) => same(x, y)) : targets.some((y) => compareNumbers(clause.op, x, y));
  };
}

function textTest(clause: QueryClause, read: (run: RunSummary, now: number) => readonly string[]): RunTest {
  if (NUMERIC_OPS.has(clause.op))
    throw new QueryError(`"${clause.op}" compares numbers, and ${clause.field} holds text: use =, !=, ~ (contains) or !~`, clause.start, clause.end);
  const targets = clause.values.map((v) => v.text.toLowerCase());
  const contains = clause.op === '~' || clause.op === '!~';
  const negate = clause.op === '!=' || clause.op === '!~';
  return (run, now) => {
    const have = read(run, now).map((s) => s.toLowerCase());
    const hit = targets.some((t) => have.some((h) => (contains ? h.includes(t) : h === t)));
    return negate ? !hit : hit;
  };
}

function clauseTest(clause: QueryClause, runs: readonly RunSummary[]): RunTest {
  const field = clause.field;
  if (field === 'tag' || field === 'tags') return textTest(clause, (r) => r.tags);
  const id = QUERY_ALIASES.get(field.toLowerCase()) ?? field;
  const column = resolveColumn(id, runs);
  if (typeof column === 'string')
    throw new QueryError(`unknown field "${field}" at ${clause.start + 1}: ${KNOWN_HINT}`, clause.start, clause.start + field.length);
  if (column.kind === 'text') {
    return textTest(clause, (r, now) => {
      const v = column.value(r, now);
      return v === null ? [] : [String(v)];
    });
  }
  return numberTest(clause, column);
}

/** Each run's text, built once: summaries are replaced, never changed, when a run changes. */
const haystacks = new WeakMap<RunSummary, string>();

/** What a bare word is looked for in: "#12", name, notes, dataset, model, optimizer, status and tags. */
function haystack(run: RunSummary): string {
  let text = haystacks.get(run);
  if (text === undefined) {
    const c = run.config;
    text = [
      `#${run.id}`,
      run.name,
      run.notes,
      run.datasetTitle,
      describeDataset(c),
      describeModel(c.model),
      describeOptimizer(c.optimizer),
      run.status,
      ...run.tags,
    ]
      .join(' ')
      .toLowerCase();
    haystacks.set(run, text);
  }
  return text;
}

/**
 * The test a run must pass to be shown: every clause, and every bare word somewhere in its text. `runs` tells which
 * config paths exist and whether they hold numbers. @throws QueryError naming what is wrong and where.
 */
export function compileQuery(text: string, runs: readonly RunSummary[]): RunTest {
  const parsed = parseQuery(text);
  const tests = parsed.clauses.map((c) => clauseTest(c, runs));
  const words = parsed.words.map((w) => w.text.toLowerCase());
  if (tests.length === 0 && words.length === 0) return () => true;
  return (run, now) => {
    if (!tests.every((t) => t(run, now))) return false;
    if (words.length === 0) return true;
    const text = haystack(run);
    return words.every((w) => text.includes(w));
  };
}
