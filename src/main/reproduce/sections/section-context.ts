// What a section of the report is given: the workbench to read from, the scale, and every experiment's runs.
import type { RunDetail } from '../../../shared/api-types';
import type { DataColumn } from '../../report/data-table';
import type { Block } from '../document';
import type { DoneExperiments, ExperimentDef, ExperimentRuns } from '../experiment-types';
import type { Call } from '../../../shared/api-dispatch';
import type { ReproduceScale } from '../scale';

export interface SectionContext {
  readonly call: Call;
  readonly scale: ReproduceScale;
  readonly done: DoneExperiments;
}

/** Writes one experiment's part of the report (its heading comes from the caller). */
export type SectionWriter = (ctx: SectionContext, result: ExperimentRuns, def: ExperimentDef) => Promise<Block[]>;

export const col = (id: string, label: string, kind: DataColumn['kind'], group?: string): DataColumn => ({ id, label, kind, ...(group && { group }) });

/** "1 epoch", "5 epochs". */
export const epochsText = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;

/** "97.18 %". */
export const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(2)} %`);

/** Completed runs only, in order. */
export const completed = (runs: readonly RunDetail[]) => runs.filter((r) => r.status === 'completed' && r.final !== null);

/** "run 12 failed: loss became NaN…" for each run that did not complete, so the text says why a row is empty. */
export function failures(runs: readonly RunDetail[]): string[] {
  return runs.filter((r) => r.status !== 'completed').map((r) => `Run ${r.id} (${r.name}) ${r.status}${r.error ? `: ${r.error.split('\n')[0]}` : ''}.`);
}
