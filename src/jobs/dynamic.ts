/**
 * The database side of a tick: `Schedule` rows (one-shot and recurring) and claims left behind
 * by instances that died. Split from scheduler.ts to keep each file readable.
 */
import type { Clock } from '../common/types.js';
import { formatMs, windowOf, type CatchUp } from './catch-up.js';
import { firesBetween, isValidCron, nextFire } from '../common/cron.js';
import type { Logger } from '../common/log.js';
import type { RunClaims, ScheduleRow, ScheduleStore } from '../common/scheduling.js';

/** What these functions need from the Scheduler (it implements this). */
export interface SchedulerCore {
  readonly claims: RunClaims;
  readonly store?: ScheduleStore;
  readonly clock: Clock;
  readonly owner: string;
  readonly logger: Logger;
  readonly catchUp: CatchUp;
  readonly lateLimitMs: number;
  readonly graceMs: number;
  readonly leaseMs: number;
  readonly lookbackMs: number;
  readonly batchSize: number;
  readonly inFlight: Map<string, Promise<void>>;
  readonly jobs: Map<string, { cron: string; catchUp?: CatchUp; leaseMs?: number; run(fireAt: Date): Promise<void> }>;
  readonly handlers: Map<
    string,
    { run: (row: ScheduleRow, fireAt: Date) => Promise<void>; options: { catchUp?: CatchUp; leaseMs?: number } }
  >;
  handleFires(
    jobKey: string,
    fires: Date[],
    now: Date,
    policy: CatchUp,
    leaseMs: number,
    run: (fireAt: Date) => Promise<void>,
    after?: () => Promise<void>,
  ): Promise<Date[]>;
  launch(
    jobKey: string,
    fires: Date[],
    leaseMs: number,
    run: (fireAt: Date) => Promise<void>,
    after?: () => Promise<void>,
  ): void;
  holds(jobKey: string, fireAt: Date): boolean;
}

/** The `JobRun.jobKey` of a database schedule. */
export function scheduleKey(id: number): string {
  return `schedule:${id}`;
}

/** Handle every due `Schedule` row once. Errors are logged per row so one bad row blocks nothing. */
export async function planSchedules(core: SchedulerCore, now: Date): Promise<void> {
  if (!core.store) return;
  let rows: ScheduleRow[];
  try {
    if (core.handlers.size === 0) return;
    rows = await core.store.due(now, core.batchSize, [...core.handlers.keys()]);
  } catch (err) {
    core.logger.error({ err }, 'could not load due schedules');
    return;
  }
  for (const row of rows) {
    const handler = core.handlers.get(row.kind);
    // Without a handler, leave the row untouched: a newer instance may know the kind.
    if (!handler || core.inFlight.has(scheduleKey(row.id))) continue;
    try {
      if (row.cron) await planRecurring(core, row, now, handler);
      else if (row.runAt) await planOneShot(core, row, now, handler);
      else {
        core.logger.error({ scheduleId: row.id }, 'schedule has neither cron nor runAt; deactivated');
        await core.store.deactivate(row.id);
      }
    } catch (err) {
      core.logger.error({ err, scheduleId: row.id }, 'schedule planning failed');
    }
  }
}

type Handler = NonNullable<ReturnType<SchedulerCore['handlers']['get']>>;

async function planOneShot(core: SchedulerCore, row: ScheduleRow, now: Date, handler: Handler): Promise<void> {
  const store = core.store!;
  const key = scheduleKey(row.id);
  const fireAt = row.runAt!;
  if (fireAt.getTime() > now.getTime()) {
    // Keep the cursor in step with runAt so the due query finds the row in time.
    if (row.nextRunAt?.getTime() !== fireAt.getTime()) await store.advance(row.id, row.nextRunAt, fireAt);
    return;
  }
  const late = now.getTime() - fireAt.getTime();
  if (late > core.lateLimitMs) {
    const note = `missed by ${formatMs(late)}; late limit ${formatMs(core.lateLimitMs)}`;
    if (await core.claims.skip(key, fireAt, core.owner, note, now)) {
      core.logger.warn(
        { jobKey: key, scheduleId: row.id, kind: row.kind, fireAt, reason: note },
        'one-shot schedule skipped',
      );
    }
    // Whether we skipped it or it already ran, the row has nothing more to do.
    if ((await core.claims.state(key, fireAt)) !== 'running') await store.deactivate(row.id);
    return;
  }
  const leaseMs = handler.options.leaseMs ?? core.leaseMs;
  if (await core.claims.claim(key, fireAt, core.owner, leaseMs, now)) {
    if (late > core.graceMs)
      core.logger.info({ jobKey: key, fireAt, late: formatMs(late) }, 'sending one-shot schedule late');
    core.launch(
      key,
      [fireAt],
      leaseMs,
      (f) => handler.run(row, f),
      () => store.deactivate(row.id),
    );
    return;
  }
  // Lost the claim: if the fire is already settled (its runner died before deactivating), finish the row.
  const state = await core.claims.state(key, fireAt);
  if (state && state !== 'running') await store.deactivate(row.id);
}

async function planRecurring(core: SchedulerCore, row: ScheduleRow, now: Date, handler: Handler): Promise<void> {
  const store = core.store!;
  const key = scheduleKey(row.id);
  const cron = row.cron!;
  if (!isValidCron(cron, row.timeZone)) {
    core.logger.error(
      { scheduleId: row.id, cron, timeZone: row.timeZone },
      'invalid cron or time zone; schedule deactivated',
    );
    await store.deactivate(row.id);
    return;
  }
  let cursor = row.nextRunAt;
  let expected = row.nextRunAt;
  if (!cursor) {
    // New or edited row: its first fire is the first one after the edit, never one before it.
    cursor = nextFire(cron, row.updatedAt, row.timeZone);
    if (!cursor) {
      core.logger.warn({ scheduleId: row.id, cron }, 'cron never fires; schedule deactivated');
      await store.deactivate(row.id);
      return;
    }
    await store.advance(row.id, null, cursor);
    expected = cursor;
    if (cursor.getTime() > now.getTime()) return;
  }
  const since = new Date(Math.max(cursor.getTime() - 1, now.getTime() - core.lookbackMs));
  const { fires } = firesBetween(cron, since, now, row.timeZone);
  const policy = handler.options.catchUp ?? core.catchUp;
  // Claims and skip records are written before the cursor moves, so a crash in between only
  // repeats this planning, and the repeat finds every fire already recorded.
  await core.handleFires(key, fires, now, policy, handler.options.leaseMs ?? core.leaseMs, (f) => handler.run(row, f));
  await store.advance(row.id, expected, nextFire(cron, now, row.timeZone));
}

/**
 * Take over fires whose claimer's lease passed (it died or hung). Each is either run again by
 * this instance, if still within its job's catch-up window, or settled as skipped.
 */
export async function sweepExpired(core: SchedulerCore, now: Date): Promise<void> {
  let expired: Awaited<ReturnType<SchedulerCore['claims']['expired']>>;
  try {
    expired = await core.claims.expired(
      now,
      100,
      [...core.jobs.keys()],
      core.store && core.handlers.size > 0 ? ['schedule:'] : [],
    );
  } catch (err) {
    core.logger.error({ err }, 'could not load expired claims');
    return;
  }
  for (const r of expired) {
    if (core.holds(r.jobKey, r.fireAt) || core.inFlight.has(r.jobKey)) continue;
    try {
      const target = await resolve(core, r.jobKey);
      if (!target) continue; // a job this instance does not know; leave it to one that does
      const late = now.getTime() - r.fireAt.getTime();
      if (late > target.windowMs) {
        const note = `claim by ${r.claimedBy} expired; ${formatMs(late)} late, window ${formatMs(target.windowMs)}`;
        if (await core.claims.abandon(r.jobKey, r.fireAt, 'skipped', note, now)) {
          core.logger.warn({ jobKey: r.jobKey, fireAt: r.fireAt, reason: note }, 'expired claim skipped');
        }
        if (target.after) await target.after();
        continue;
      }
      if (await core.claims.claim(r.jobKey, r.fireAt, core.owner, target.leaseMs, now)) {
        core.logger.warn({ jobKey: r.jobKey, fireAt: r.fireAt, from: r.claimedBy }, 'took over expired claim');
        core.launch(r.jobKey, [r.fireAt], target.leaseMs, target.run, target.after);
      }
    } catch (err) {
      core.logger.error({ err, jobKey: r.jobKey }, 'expired claim sweep failed');
    }
  }
}

interface Target {
  windowMs: number;
  leaseMs: number;
  run: (fireAt: Date) => Promise<void>;
  after?: () => Promise<void>;
}

async function resolve(core: SchedulerCore, jobKey: string): Promise<Target | null> {
  const job = core.jobs.get(jobKey);
  if (job) {
    return {
      windowMs: windowOf(job.catchUp ?? core.catchUp, core.graceMs),
      leaseMs: job.leaseMs ?? core.leaseMs,
      run: (f) => job.run(f),
    };
  }
  const m = /^schedule:(\d+)$/.exec(jobKey);
  if (!m || !core.store) return null;
  const store = core.store;
  const row = await store.get(Number(m[1]));
  const handler = row && core.handlers.get(row.kind);
  if (!row || !handler) return null;
  const leaseMs = handler.options.leaseMs ?? core.leaseMs;
  const run = (f: Date) => handler.run(row, f);
  if (!row.cron) return { windowMs: core.lateLimitMs, leaseMs, run, after: () => store.deactivate(row.id) };
  // A recurring schedule switched off since the claim: let the expired fire lapse.
  return { windowMs: row.active ? windowOf(handler.options.catchUp ?? core.catchUp, core.graceMs) : -1, leaseMs, run };
}
