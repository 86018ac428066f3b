// Choosing from finished grids as the report did: the best cell by final test accuracy, and its stage-2 rule.
import type { RunDetail } from '../../shared/api-types';
import { hiddenText, type MlpSetting, settingOf } from './configs';
import type { DoneExperiments, ExperimentId } from './experiment-types';

/** The completed run with the highest final test accuracy (the report ranked on the test set); ties go to the earlier run. */
export function bestRun(runs: readonly RunDetail[]): RunDetail | undefined {
  let best: RunDetail | undefined;
  for (const r of runs) {
    if (r.status !== 'completed' || !r.final || !Number.isFinite(r.final.testAccuracy)) continue;
    if (!best || r.final.testAccuracy > best.final!.testAccuracy) best = r;
  }
  return best;
}

/** The best setting of a finished grid experiment. @throws Error when it has no completed run. */
export function bestSettingOf(done: DoneExperiments, id: ExperimentId): { setting: MlpSetting; run: RunDetail } {
  const result = done.get(id);
  const run = result && bestRun(result.runs);
  if (!run) throw new Error(`experiment "${id}" has no completed run to take the best setting from${result?.skipped ? ` (${result.skipped})` : ''}`);
  return { setting: settingOf(run.config), run };
}

const round = (v: number) => Number(v.toPrecision(6));

/**
 * The report's stage-2 grid from the stage-1 winner, read off its Tables 2 → 3: the winner's learning rate
 * and five times it, the winner's L2 and a tenth of it, the winner's hidden sizes, twice the epochs.
 * (The report went from lr 0.01, L2 1e-3, [128, 64] to lr {0.01, 0.05} × L2 {1e-4, 1e-3}.)
 */
export function reportStage2Values(best: MlpSetting): { lr: number[]; l2: number[]; hidden: readonly [number, number] } {
  return { lr: [best.lr, round(best.lr * 5)], l2: [round(best.l2 / 10), best.l2], hidden: best.hidden };
}

/** "lr 0.01 · [128, 64] · L2 0.001". */
export function settingText(s: MlpSetting): string {
  return `lr ${s.lr} · ${hiddenText(s.hidden)} · L2 ${s.l2}`;
}
