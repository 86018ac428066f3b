// A runs-table cell as text, by its column's kind: accuracies in %, hyper-parameters like 1e-3, durations, "5 min ago".
import type { RunSummary } from '../../../shared/api-types';
import type { RunColumn } from '../../../shared/run-columns';
import { formatDuration, formatParam, formatPercent, formatWhen } from './format';

const DASH = '—';

export function cellText(column: RunColumn, run: RunSummary, now: number): string {
  const v = column.value(run, now);
  if (column.id === 'epochsDone' && run.status !== 'completed') return `${run.epochsDone}/${run.epochsTotal}`;
  if (v === null) return DASH;
  if (typeof v === 'string') return v || DASH;
  switch (column.kind) {
    case 'percent':
      return formatPercent(v);
    case 'param':
      return formatParam(v);
    case 'loss':
      return Number.isFinite(v) ? v.toFixed(4) : String(v);
    case 'seconds':
      return formatDuration(v);
    case 'time':
      return formatWhen(v, now);
    default:
      return String(v);
  }
}

/** Columns whose cells are numbers, right-aligned. */
export const isNumericColumn = (c: RunColumn) => c.kind !== 'text';
