// An honest stand-in for training on the report's stage-1 space, for tests that run a sampler many times:
// the report's measured Table 2 (18 trainings of 5 epochs on MNIST) interpolated bilinearly in log lr × log L2,
// per first hidden size. It equals the measured test accuracy at each of the 18 cells and is smooth between them.
import { REPORT } from '../../../shared/report-numbers';
import type { GridValue } from '../../../shared/grid-expand';
import type { SweepSpecInput } from '../../../shared/sweep-spec';

const LRS = [0.0001, 0.001, 0.01];
const L2S = [0.001, 0.01, 0.1];

function cell(lr: number, first: number, l2: number): number {
  const row = REPORT.stage1.rows.find((r) => r.lr === lr && r.hidden[0] === first && r.l2 === l2);
  if (!row) throw new Error(`no Table 2 row for lr ${lr}, hidden ${first}, L2 ${l2}`);
  return row.testAccuracy;
}

/** Where x sits on the log grid: the lower knot's index and the fraction to the next. */
function locate(knots: readonly number[], x: number): [number, number] {
  const t = (Math.log10(x) - Math.log10(knots[0]!)) / (Math.log10(knots[1]!) - Math.log10(knots[0]!));
  const i = Math.min(knots.length - 2, Math.max(0, Math.floor(t)));
  return [i, Math.min(1, Math.max(0, t - i))];
}

/** The test accuracy the report measured, interpolated: lr in [1e-4, 1e-2], L2 in [1e-3, 1e-1], first hidden 64 or 128. */
export function stage1Accuracy(params: Readonly<Record<string, GridValue>>): number {
  const lr = Number(params.lr);
  const l2 = Number(params.l2);
  const first = Number(params['model.layers.1.units']);
  const [i, u] = locate(LRS, lr);
  const [j, v] = locate(L2S, l2);
  const at = (a: number, b: number) => cell(LRS[a]!, first, L2S[b]!);
  return (1 - u) * (1 - v) * at(i, j) + u * (1 - v) * at(i + 1, j) + (1 - u) * v * at(i, j + 1) + u * v * at(i + 1, j + 1);
}

/** The stage-1 space as ranges (its grid's values are the ends and middles): lr × L2 log-uniform, first hidden size 64 or 128. */
export const STAGE1_PARAMETERS: SweepSpecInput['parameters'] = {
  lr: { distribution: 'log_uniform_values', min: 0.0001, max: 0.01 },
  l2: { distribution: 'log_uniform_values', min: 0.001, max: 0.1 },
  'model.layers.1.units': { values: [64, 128] },
};
