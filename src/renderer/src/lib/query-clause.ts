// Query text from pieces the filter builder picks, and a clause taken back out of the query (a chip's ×).
import type { RunSummary } from '../../../shared/api-types';
import { columnChoices, resolveColumn, type RunColumn } from '../../../shared/run-columns';
import { QUERY_ALIASES } from '../../../shared/run-query-match';
import type { CompareOp } from '../../../shared/run-query';

export interface QueryField {
  /** What the query calls it: an alias ("test_acc") or a column id. */
  readonly name: string;
  readonly label: string;
  readonly numeric: boolean;
  readonly percent: boolean;
}

/** Aliases offered first, in this order. */
const COMMON = [
  'lr',
  'l2',
  'batch',
  'epochs',
  'seed',
  'optimizer',
  'model',
  'dataset',
  'status',
  'name',
  'test_acc',
  'best_test_acc',
  'train_acc',
  'test_loss',
  'duration',
];

/** The fields the builder offers for these runs: the common aliases, tags, then every other column. */
export function queryFields(runs: readonly RunSummary[]): QueryField[] {
  const field = (name: string, column: RunColumn): QueryField => ({
    name,
    label: column.label,
    numeric: column.kind !== 'text',
    percent: column.kind === 'percent',
  });
  const out: QueryField[] = [];
  const used = new Set<string>();
  for (const name of COMMON) {
    const column = resolveColumn(QUERY_ALIASES.get(name) ?? name, runs);
    if (typeof column === 'string') continue;
    out.push(field(name, column));
    used.add(column.id);
  }
  out.push({ name: 'tag', label: 'Tag', numeric: false, percent: false });
  for (const column of columnChoices(runs)) if (!used.has(column.id)) out.push(field(column.id, column));
  return out;
}

export const NUMBER_OPS: readonly CompareOp[] = ['>=', '>', '<=', '<', '=', '!='];
export const TEXT_OPS: readonly CompareOp[] = ['=', '!=', '~', '!~'];

/** `field op value` with the value quoted when it has spaces or symbols the query reads otherwise. */
export function clauseText(field: string, op: CompareOp, value: string): string {
  const v = value.trim();
  const bare = /^[\w.%#/-]+$/u.test(v);
  const quoted = bare ? v : v.includes('"') ? `'${v}'` : `"${v}"`;
  return `${field} ${op} ${quoted}`;
}

/** The query with [start, end) taken out and the spaces around it tidied. */
export function removeSpan(query: string, start: number, end: number): string {
  return `${query.slice(0, start)} ${query.slice(end)}`
    .replace(/(\band\b|,)(\s*(\band\b|,))+/gi, '$1')
    .replace(/^\s*(and\b|,)\s*/i, '')
    .replace(/\s*(\band|,)\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}
