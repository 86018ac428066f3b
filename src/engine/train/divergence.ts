// Divergence beyond NaN, judged once per epoch from its metrics alone (so it is as deterministic as they are):
// a training loss far above where it started, or a model no better than guessing whose loss went up.
import type { ConfusionMatrix } from './confusion';
import type { EpochMetrics } from './metrics';

/** An epoch's mean training loss above this multiple of its start has blown up. */
export const LOSS_BLOWUP_FACTOR = 3;
/** Accuracy within this of the commonest class's share is chance. */
export const CHANCE_MARGIN = 0.02;
/**
 * How far above its start (or above guessing uniformly, ln K) the loss must be for a model at chance to have
 * diverged. NOTE: the start is one batch's loss, so an epoch's mean of a run that does not move (a tiny learning
 * rate) can sit 5 % above it by chance: this margin keeps such a run going.
 */
export const LOSS_RISE_FACTOR = 1.25;

/** The accuracy of always answering the commonest true class (rows of `cm` are true labels). */
export function chanceAccuracy(cm: ConfusionMatrix): number {
  const k = cm.classes;
  let total = 0;
  let most = 0;
  for (let t = 0; t < k; t++) {
    let row = 0;
    for (let p = 0; p < k; p++) row += cm.counts[t * k + p]!;
    total += row;
    most = Math.max(most, row);
  }
  return total === 0 ? 1 / k : most / total;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const num = (x: number) => (Math.abs(x) >= 1e4 ? x.toExponential(2) : String(Number(x.toPrecision(3))));

/**
 * Why the run has diverged after epoch `m`, or null. `startLoss` is the first step's loss (L2 included, like
 * `m.trainLoss`). A slow run (a tiny learning rate) may sit at chance for an epoch, but its loss does not rise.
 */
export function divergence(m: EpochMetrics, startLoss: number): string | null {
  const epoch = m.epoch + 1;
  if (m.trainLoss > LOSS_BLOWUP_FACTOR * startLoss) {
    return `the training loss rose to ${num(m.trainLoss)} in epoch ${epoch}, from ${num(startLoss)} at the first step: lower the learning rate`;
  }
  const chance = chanceAccuracy(m.test.confusion);
  const atChance = (acc: number) => acc <= chance + CHANCE_MARGIN;
  const baseline = Math.max(startLoss, Math.log(m.test.confusion.classes));
  if (atChance(m.test.accuracy) && atChance(m.trainAccuracy) && m.trainLoss > LOSS_RISE_FACTOR * baseline) {
    return (
      `accuracy is at chance after epoch ${epoch} (train ${pct(m.trainAccuracy)}, test ${pct(m.test.accuracy)}; the commonest class is ${pct(chance)}) ` +
      `and the training loss rose to ${num(m.trainLoss)} from ${num(startLoss)}: lower the learning rate`
    );
  }
  return null;
}
