// Learning-rate schedule configurations as they travel through configs and the database.

/** The schedules the engine knows, by registry name. */
export const SCHEDULE_TYPES = ['constant', 'step', 'exponential', 'inverse_time', 'cosine'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

/**
 * How often a decaying schedule moves: `step` (the default) after every optimizer step, `epoch` once per epoch
 * (the rate holds for the whole epoch, t = the 0-based epoch).
 */
export type DecayPer = 'step' | 'epoch';
export const DECAY_PER: readonly DecayPer[] = ['step', 'epoch'];

/** A schedule by name with its parameters; `step` in every formula counts optimizer steps from 0. */
export type ScheduleSpec =
  | { type: 'constant' }
  /** lr·gamma^⌊epoch/everyEpochs⌋ (a staircase, epoch = ⌊step/stepsPerEpoch⌋). */
  | { type: 'step'; everyEpochs: number; gamma: number }
  /** lr·gamma^(step/stepsPerEpoch): gamma per epoch, applied smoothly per step (per epoch: lr·gamma^epoch, a staircase). */
  | { type: 'exponential'; gamma: number; per?: DecayPer }
  /** lr/(1 + decay·t), t the step (or the epoch with `per: 'epoch'`): the course report's decay 0.001. */
  | { type: 'inverse_time'; decay: number; per?: DecayPer }
  /** Linear warm-up over `warmupSteps` (default 0), then a half cosine from lr down to `minLr` (default 0). */
  | { type: 'cosine'; minLr?: number; warmupSteps?: number };

/** Learning rate at an optimizer step (0-based). */
export type Schedule = (step: number) => number;

export function isScheduleType(name: unknown): name is ScheduleType {
  return typeof name === 'string' && (SCHEDULE_TYPES as readonly string[]).includes(name);
}
