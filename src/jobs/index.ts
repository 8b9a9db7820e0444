/**
 * The job scheduler: code-registered cron jobs and database schedules, claimed per fire so
 * several instances on one database run each fire once. See docs/scheduling.md.
 */
export { Scheduler } from './scheduler.js';
export type { JobDefinition, ScheduleHandler, ScheduleHandlerOptions, SchedulerOptions } from './scheduler.js';
export { planCatchUp, windowOf, formatMs } from './catch-up.js';
export type { CatchUp, CatchUpPlan } from './catch-up.js';
export { nextFires, nextFire, firesBetween, isValidCron, assertCron, DEFAULT_TIME_ZONE } from '../common/cron.js';
export { scheduleKey } from './dynamic.js';
export type { RunClaims, ScheduleStore, ScheduleRow, RunStatus, ExpiredRun } from '../common/scheduling.js';
