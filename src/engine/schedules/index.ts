// Public face of the learning-rate schedules.
export { createSchedule } from './registry';
export { DECAY_PER, SCHEDULE_TYPES, isScheduleType, type DecayPer, type Schedule, type ScheduleSpec, type ScheduleType } from './spec';
