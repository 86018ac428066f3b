// The learning-rate schedules: one small factory per registry name, each validating its own fields.
import { ConfigError } from '../errors';
import { DECAY_PER, type DecayPer, type Schedule, type ScheduleSpec, type ScheduleType } from './spec';

/** What every factory knows besides its own fields; already validated by createSchedule. */
export interface ScheduleContext {
  readonly baseLr: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
}

type Factory<T extends ScheduleType> = (spec: Extract<ScheduleSpec, { type: T }>, ctx: ScheduleContext) => Schedule;

export const SCHEDULES: { readonly [T in ScheduleType]: Factory<T> } = {
  constant:
    (_spec, { baseLr }) =>
    () =>
      baseLr,

  step: (spec, { baseLr, stepsPerEpoch }) => {
    const every = positiveInteger('everyEpochs', spec.everyEpochs);
    const gamma = decayFactor('gamma', spec.gamma);
    return (step) => baseLr * Math.pow(gamma, Math.floor(Math.floor(step / stepsPerEpoch) / every));
  },

  exponential: (spec, { baseLr, stepsPerEpoch }) => {
    const gamma = decayFactor('gamma', spec.gamma);
    const epochs = epochClock(spec.per, stepsPerEpoch);
    return (step) => baseLr * Math.pow(gamma, epochs(step));
  },

  inverse_time: (spec, { baseLr, stepsPerEpoch }) => {
    const decay = spec.decay;
    if (typeof decay !== 'number' || !Number.isFinite(decay) || decay < 0) {
      throw new ConfigError('schedule.decay', `must be a finite number >= 0, got ${show(decay)}`);
    }
    // t counts what the decay is per: optimizer steps (the default), or whole epochs.
    const t = decayPer(spec.per) === 'epoch' ? (step: number) => Math.floor(step / stepsPerEpoch) : (step: number) => step;
    return (step) => baseLr / (1 + decay * t(step));
  },

  cosine: (spec, { baseLr, totalSteps }) => {
    const minLr = spec.minLr ?? 0;
    if (typeof minLr !== 'number' || !(minLr >= 0 && minLr <= baseLr)) {
      throw new ConfigError('schedule.minLr', `must be a number in [0, lr = ${baseLr}], got ${show(minLr)}`);
    }
    const warmup = spec.warmupSteps ?? 0;
    if (typeof warmup !== 'number' || !Number.isInteger(warmup) || warmup < 0 || warmup >= totalSteps) {
      throw new ConfigError('schedule.warmupSteps', `must be an integer in [0, totalSteps = ${totalSteps}), got ${show(warmup)}`);
    }
    const span = totalSteps - warmup;
    return (step) => {
      // Warm-up reaches baseLr on its last step, so step 0 already trains (lr > 0).
      if (step < warmup) return (baseLr * (step + 1)) / warmup;
      const progress = Math.min(1, (step - warmup) / span);
      return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    };
  },
};

/** `per` checked: 'step' (also when absent) or 'epoch'. */
function decayPer(value: unknown): DecayPer {
  if (value === undefined) return 'step';
  if (!(DECAY_PER as readonly unknown[]).includes(value)) {
    throw new ConfigError('schedule.per', `must be ${DECAY_PER.map((p) => JSON.stringify(p)).join(' or ')}, got ${show(value)}`);
  }
  return value as DecayPer;
}

/** Epochs elapsed at a step: fractional when the decay moves per step (the default), whole when per epoch. */
function epochClock(per: unknown, stepsPerEpoch: number): (step: number) => number {
  if (decayPer(per) === 'epoch') return (step) => Math.floor(step / stepsPerEpoch);
  return (step) => step / stepsPerEpoch;
}

function positiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigError(`schedule.${field}`, `must be an integer >= 1, got ${show(value)}`);
  }
  return value;
}

/** A decay factor: in (0, 1] (1 keeps the lr constant; 0 would stop training after one decay). */
function decayFactor(field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new ConfigError(`schedule.${field}`, `must be a number in (0, 1], got ${show(value)}`);
  }
  return value;
}

/** Strings quoted, so "0.5" (a string from a form) does not read like the number 0.5. */
function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
