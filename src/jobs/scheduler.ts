/**
 * The job scheduler: decides, at each tick, which fires are due, claims each one in the
 * database so only one instance runs it, catches up or skips what was missed while every
 * instance was down, and runs the work. See docs/scheduling.md.
 */
import { type Logger, silentLogger } from '../common/log.js';
import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Clock } from '../common/types.js';
import { planCatchUp, formatMs, type CatchUp } from './catch-up.js';
import { assertCron, DEFAULT_TIME_ZONE, firesBetween } from '../common/cron.js';
import { planSchedules, sweepExpired, type SchedulerCore } from './dynamic.js';
import type { RunClaims, ScheduleRow, ScheduleStore } from '../common/scheduling.js';

/** A job defined in code (digest sweep, deadline sweep...). */
export interface JobDefinition {
  /** Stable key; it is the `JobRun.jobKey`, so renaming it loses the job's history. */
  key: string;
  /** 5- or 6-field cron expression in the job's time zone. */
  cron: string;
  /** The work for one fire. Throwing marks the fire `failed`; it is not retried. */
  run(fireAt: Date): Promise<void>;
  /** Missed-fire policy; defaults to the scheduler's `catchUp`. */
  catchUp?: CatchUp;
  /** Defaults to the scheduler's `timeZone`. */
  timeZone?: string;
  /** Defaults to the scheduler's `leaseMs`. */
  leaseMs?: number;
}

/** Runs one fire of a database schedule of a given `kind`. */
export type ScheduleHandler = (schedule: ScheduleRow, fireAt: Date) => Promise<void>;

/** Per-kind settings for database schedules. */
export interface ScheduleHandlerOptions {
  /** Missed-fire policy for recurring rows of this kind (one-shots use `lateLimitMs`). */
  catchUp?: CatchUp;
  leaseMs?: number;
}

/** Construction options; only `claims`, `clock` and `owner` are required. */
export interface SchedulerOptions {
  claims: RunClaims;
  /** Database schedules; without it only code-registered jobs run. */
  schedules?: ScheduleStore;
  clock: Clock;
  /** Unique per running instance (host:pid:random); recorded as `JobRun.claimedBy`. */
  owner: string;
  timeZone?: string;
  logger?: Logger;
  /** Default missed-fire policy. Default: `{ windowMs: 1 h }`. */
  catchUp?: CatchUp;
  /** A one-shot schedule missed by more than this is skipped, not sent. Default 30 min. */
  lateLimitMs?: number;
  /** Lateness that still counts as on time (ticks are not exact). Default 5 min. */
  graceMs?: number;
  /** How long a claim is held without renewal before another instance may take it over. Default 10 min. */
  leaseMs?: number;
  /** Missed fires older than this are ignored, not even recorded. Default 31 days. */
  lookbackMs?: number;
  /** At most this many skipped fires are recorded per job and tick (newest kept). Default 100. */
  maxSkipRecords?: number;
  /** Due schedule rows handled per tick. Default 500. */
  batchSize?: number;
  /** node-cron expression that drives `tick` after `start()`; `false` when the caller drives it. Default every minute. */
  heartbeat?: string | false;
}

interface RegisteredJob extends JobDefinition {
  registeredAt: Date;
}

interface HeldClaim {
  jobKey: string;
  fireAt: Date;
  leaseMs: number;
}

const MIN = 60_000;

/**
 * Schedules code-registered jobs and database `Schedule` rows.
 *
 * @example
 * const s = new Scheduler({ claims, schedules, clock: systemClock, owner: instanceId, logger });
 * s.register({ key: 'digest', cron: '0 8 * * *', catchUp: { windowMs: 6 * 3600_000 }, run: sendDigests });
 * s.onSchedule('notice', (row, fireAt) => notices.post(row, fireAt));
 * await s.start();
 */
export class Scheduler implements SchedulerCore {
  readonly claims: RunClaims;
  readonly store?: ScheduleStore;
  readonly clock: Clock;
  readonly owner: string;
  readonly timeZone: string;
  readonly logger: Logger;
  readonly catchUp: CatchUp;
  readonly lateLimitMs: number;
  readonly graceMs: number;
  readonly leaseMs: number;
  readonly lookbackMs: number;
  readonly batchSize: number;
  readonly jobs = new Map<string, RegisteredJob>();
  readonly handlers = new Map<string, { run: ScheduleHandler; options: ScheduleHandlerOptions }>();
  /** One promise per job key with work running here; a key is never run twice at once by one instance. */
  readonly inFlight = new Map<string, Promise<void>>();
  private readonly maxSkipRecords: number;
  private readonly heartbeat: string | false;
  private readonly held = new Set<HeldClaim>();
  private planning: Promise<void> = Promise.resolve();
  private task?: ScheduledTask;
  private stopped = false;

  constructor(options: SchedulerOptions) {
    this.claims = options.claims;
    this.store = options.schedules;
    this.clock = options.clock;
    this.owner = options.owner;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.logger = options.logger ?? silentLogger;
    this.catchUp = options.catchUp ?? { windowMs: 60 * MIN };
    this.lateLimitMs = options.lateLimitMs ?? 30 * MIN;
    this.graceMs = options.graceMs ?? 5 * MIN;
    this.leaseMs = options.leaseMs ?? 10 * MIN;
    this.lookbackMs = options.lookbackMs ?? 31 * 24 * 60 * MIN;
    this.maxSkipRecords = options.maxSkipRecords ?? 100;
    this.batchSize = options.batchSize ?? 500;
    this.heartbeat = options.heartbeat ?? '* * * * *';
  }

  /**
   * Add a code-defined job. Its first fire is the first one after now (or after its last
   * recorded fire, when the database has one), so registering never replays history.
   */
  register(job: JobDefinition): void {
    assertCron(job.cron, job.timeZone ?? this.timeZone);
    if (job.key.startsWith('schedule:')) throw new Error(`job key "${job.key}" is reserved for database schedules`);
    if (this.jobs.has(job.key)) throw new Error(`job "${job.key}" is already registered`);
    this.jobs.set(job.key, { ...job, registeredAt: this.clock.now() });
  }

  /** Set the handler for database schedules of one `kind` (notice, digest, visits...). */
  onSchedule(kind: string, handler: ScheduleHandler, options: ScheduleHandlerOptions = {}): void {
    this.handlers.set(kind, { run: handler, options });
  }

  /**
   * Re-read active schedules: initialise cursors of new or edited rows (nextRunAt null) and
   * warn about kinds without a handler. Ticks also pick up new rows, so this is only needed to
   * see problems early or to list what is scheduled.
   */
  async reloadSchedules(): Promise<ScheduleRow[]> {
    if (!this.store) return [];
    const rows = await this.store.active();
    for (const row of rows) {
      if (!this.handlers.has(row.kind))
        this.logger.warn({ scheduleId: row.id, kind: row.kind }, 'schedule kind has no handler');
    }
    return rows;
  }

  /** Catch up on what was missed, then (unless `heartbeat: false`) tick from node-cron. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.reloadSchedules();
    await this.plan(this.clock.now());
    if (this.heartbeat !== false) {
      // node-cron only wakes us up; what is due is decided by `plan` from the database, so a
      // missed or doubled heartbeat changes nothing.
      this.task = cron.schedule(this.heartbeat, () => this.plan(this.clock.now()), {
        timezone: this.timeZone,
        name: `gridbot-scheduler:${this.owner}`,
        noOverlap: true,
      });
    }
  }

  /** Stop ticking and wait for the runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.task) {
      await this.task.destroy();
      this.task = undefined;
    }
    await this.planning;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Do all work due at `now` and wait for it to finish. Tests call this with a controlled time. */
  async tick(now: Date): Promise<void> {
    await this.plan(now);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Decide and claim what is due at `now`, start the runs, do not wait for them. Serialised. */
  plan(now: Date): Promise<void> {
    const next = this.planning.then(() => (this.stopped ? undefined : this.planOnce(now)));
    this.planning = next.catch((err) => this.logger.error({ err }, 'scheduler tick failed'));
    return this.planning;
  }

  private async planOnce(now: Date): Promise<void> {
    await this.renewHeld(now);
    for (const job of this.jobs.values()) {
      if (this.inFlight.has(job.key)) continue;
      try {
        const last = await this.claims.lastFire(job.key);
        const since = new Date(Math.max((last ?? job.registeredAt).getTime(), now.getTime() - this.lookbackMs));
        const { fires } = firesBetween(job.cron, since, now, job.timeZone ?? this.timeZone);
        await this.handleFires(job.key, fires, now, job.catchUp ?? this.catchUp, job.leaseMs ?? this.leaseMs, (f) =>
          job.run(f),
        );
      } catch (err) {
        this.logger.error({ err, jobKey: job.key }, 'job planning failed');
      }
    }
    await planSchedules(this, now);
    await sweepExpired(this, now);
  }

  /**
   * Apply the catch-up policy to due `fires` of one job: record skips, claim the fires to run
   * and start them. Returns the fires this instance won.
   */
  async handleFires(
    jobKey: string,
    fires: Date[],
    now: Date,
    policy: CatchUp,
    leaseMs: number,
    run: (fireAt: Date) => Promise<void>,
    after?: () => Promise<void>,
  ): Promise<Date[]> {
    const plan = planCatchUp(fires, now, policy, this.graceMs);
    const skips = plan.skip.slice(-this.maxSkipRecords);
    let recorded = 0;
    for (const s of skips) if (await this.claims.skip(jobKey, s.fireAt, this.owner, s.note, now)) recorded++;
    if (recorded > 0) {
      // Only the instance that recorded the skips logs them, so a skip is logged once.
      const lastSkip = skips[skips.length - 1];
      this.logger.warn(
        {
          jobKey,
          skipped: recorded,
          notRecorded: plan.skip.length - skips.length,
          first: skips[0].fireAt,
          last: lastSkip.fireAt,
          reason: lastSkip.note,
        },
        'missed fires skipped',
      );
    }
    const won: Date[] = [];
    for (const f of plan.run) if (await this.claims.claim(jobKey, f, this.owner, leaseMs, now)) won.push(f);
    if (won.length > 0) {
      const late = now.getTime() - won[0].getTime();
      if (late > this.graceMs)
        this.logger.info({ jobKey, fireAt: won[0], late: formatMs(late) }, 'running missed fire late');
      this.launch(jobKey, won, leaseMs, run, after);
    }
    return won;
  }

  /** Run already-claimed fires one after another in the background and record each outcome. */
  launch(
    jobKey: string,
    fires: Date[],
    leaseMs: number,
    run: (fireAt: Date) => Promise<void>,
    after?: () => Promise<void>,
  ): void {
    const claims = fires.map((fireAt) => ({ jobKey, fireAt, leaseMs }));
    for (const c of claims) this.held.add(c);
    const work = (async () => {
      for (const c of claims) {
        let status: 'done' | 'failed' = 'done';
        let note: string | null = null;
        try {
          await run(c.fireAt);
        } catch (err) {
          status = 'failed';
          note = (err instanceof Error ? err.message : String(err)).slice(0, 500);
          this.logger.error({ err, jobKey, fireAt: c.fireAt }, 'job failed');
        }
        try {
          const ok = await this.claims.finish(jobKey, c.fireAt, this.owner, status, note, this.clock.now());
          if (!ok) this.logger.warn({ jobKey, fireAt: c.fireAt }, 'claim was taken over before the run finished');
        } catch (err) {
          this.logger.error({ err, jobKey, fireAt: c.fireAt }, 'could not record job result');
        }
        this.held.delete(c);
      }
      if (after) await after().catch((err) => this.logger.error({ err, jobKey }, 'job follow-up failed'));
    })();
    const tracked = work.finally(() => this.inFlight.delete(jobKey));
    this.inFlight.set(jobKey, tracked);
  }

  /** Claims held here stay ours while this process is alive and ticking. */
  private async renewHeld(now: Date): Promise<void> {
    for (const c of this.held) {
      try {
        if (!(await this.claims.renew(c.jobKey, c.fireAt, this.owner, c.leaseMs, now))) {
          this.logger.warn({ jobKey: c.jobKey, fireAt: c.fireAt }, 'lease lost; another instance may run this fire');
        }
      } catch (err) {
        this.logger.error({ err, jobKey: c.jobKey }, 'lease renewal failed');
      }
    }
  }

  /** True when this instance holds a claim on the fire (used by the expired-claim sweep). */
  holds(jobKey: string, fireAt: Date): boolean {
    for (const c of this.held) if (c.jobKey === jobKey && c.fireAt.getTime() === fireAt.getTime()) return true;
    return false;
  }
}
