// Public face of the learning-rate schedules.
export { createSchedule } from './registry';
export { SCHEDULE_TYPES, isScheduleType, type Schedule, type ScheduleSpec, type ScheduleType } from './spec';
