// The learning rate when the form's optimizer changes: one left at the old optimizer's default follows to the new
// one's; one the user chose stays, with a hint at what the new optimizer usually takes.
import { DEFAULT_LR, type OptimizerType } from '../../../shared/optimizer-defaults';
import { formatParam } from './format';

const NAMES: Readonly<Record<OptimizerType, string>> = { sgd: 'SGD', momentum: 'SGD + momentum', rmsprop: 'RMSProp', adam: 'Adam' };

export function lrOnOptimizerChange(lr: string, from: OptimizerType, to: OptimizerType): { lr: string; hint: string | null } {
  const typed = lr.trim() === '' ? null : Number(lr);
  if (typed === null || typed === DEFAULT_LR[from]) return { lr: String(DEFAULT_LR[to]), hint: null };
  if (typed === DEFAULT_LR[to]) return { lr, hint: null };
  return { lr, hint: `Kept your ${lr.trim()}: ${NAMES[to]} usually starts at ${formatParam(DEFAULT_LR[to])}` };
}
