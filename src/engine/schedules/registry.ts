// Schedules by registry name: turns a spec plus the run's lr and length into a step → lr function.
import { ConfigError } from '../errors';
import { SCHEDULES } from './schedules';
import { SCHEDULE_TYPES, isScheduleType, type Schedule, type ScheduleSpec } from './spec';

/** Fields each schedule type accepts besides `type`; anything else is a typo worth reporting. */
const FIELDS: { readonly [T in ScheduleSpec['type']]: readonly string[] } = {
  constant: [],
  step: ['everyEpochs', 'gamma'],
  exponential: ['gamma', 'per'],
  inverse_time: ['decay', 'per'],
  cosine: ['minLr', 'warmupSteps'],
};

/**
 * Returns lr(step) for step = 0, 1, …; steps past `totalSteps` keep the schedule's formula
 * (cosine stays at minLr). Throws ConfigError naming the field and value for a bad spec,
 * baseLr (> 0, finite), stepsPerEpoch or totalSteps (integers >= 1).
 */
export function createSchedule(spec: ScheduleSpec, baseLr: number, stepsPerEpoch: number, totalSteps: number): Schedule {
  if (typeof spec !== 'object' || spec === null) {
    throw new ConfigError('schedule', `must be an object with a "type", got ${String(spec)}`);
  }
  const type: unknown = spec.type;
  if (!isScheduleType(type)) {
    throw new ConfigError('schedule.type', `unknown schedule ${JSON.stringify(type)}; known: ${SCHEDULE_TYPES.join(', ')}`);
  }
  for (const key of Object.keys(spec)) {
    if (key !== 'type' && !FIELDS[type].includes(key)) {
      throw new ConfigError(`schedule.${key}`, `not a field of "${type}" (fields: ${FIELDS[type].join(', ') || 'none'})`);
    }
  }
  if (typeof baseLr !== 'number' || !Number.isFinite(baseLr) || baseLr <= 0) {
    throw new ConfigError('lr', `must be a finite number > 0, got ${String(baseLr)}`);
  }
  for (const [field, value] of [
    ['stepsPerEpoch', stepsPerEpoch],
    ['totalSteps', totalSteps],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(field, `must be an integer >= 1, got ${String(value)}`);
    }
  }
  const factory = SCHEDULES[type] as (s: ScheduleSpec, ctx: { baseLr: number; stepsPerEpoch: number; totalSteps: number }) => Schedule;
  return factory(spec, { baseLr, stepsPerEpoch, totalSteps });
}
