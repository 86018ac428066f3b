// The notice when a run stops while the user looks elsewhere. Grid cells and a reproduction's runs report on their
// grid's or the reproduction's page instead: a quick reproduction alone would stack dozens of notices over the page.
import type { RunSummary } from '../../../shared/api-types';
import { REPRODUCE_TAG } from '../../../shared/api-reproduction-types';
import { formatPercent } from './format';

export interface RunNotice {
  readonly kind: 'success' | 'error';
  readonly text: string;
}

/** What to say about a run that just stopped, or null: its own page is open, another page reports it, or it was cancelled. */
export function runFinishedNotice(run: RunSummary, openRunId: number | null): RunNotice | null {
  if (run.gridId !== null || run.tags.includes(REPRODUCE_TAG) || run.id === openRunId) return null;
  if (run.status === 'completed') return { kind: 'success', text: `${run.name} finished: ${formatPercent(run.best?.testAccuracy)} best test accuracy` };
  if (run.status === 'failed' || run.status === 'diverged') return { kind: 'error', text: `${run.name} ${run.status}${run.error ? `: ${run.error}` : ''}` };
  return null;
}
