/**
 * What the scheduler needs from storage, as two small ports. The Prisma implementation lives
 * in `src/store/job-runs.ts` (only the store touches the generated client); the scheduler
 * depends on these interfaces alone.
 *
 * All methods take `now` from the caller's clock instead of asking the database for its time,
 * so tests drive every lease and window with a controlled clock.
 */

/** Lifecycle of one fire (a `JobRun` row). */
export type RunStatus = 'running' | 'done' | 'failed' | 'skipped';

/** An expired claim found by {@link RunClaims.expired}. */
export interface ExpiredRun {
  jobKey: string;
  fireAt: Date;
  claimedBy: string;
}

/**
 * Claims on fires. A fire is `(jobKey, fireAt)`; the unique key on `JobRun` makes the first
 * insert the only winner, whichever instance or connection it comes from.
 */
export interface RunClaims {
  /**
   * Try to own a fire. Inserts a `running` row with `leaseUntil = now + leaseMs`; true when
   * this call created it. If the row exists, is still `running`, its lease has passed and it
   * was never taken over, it is taken over (conditional update, affected-row count decides
   * the single winner) and true is returned. A row whose lease expired a second time is marked
   * `failed` instead, so a job that kills its instance is not retried forever.
   */
  claim(jobKey: string, fireAt: Date, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Record the end of a run this owner holds. False when the claim was lost (taken over). */
  finish(
    jobKey: string,
    fireAt: Date,
    owner: string,
    status: 'done' | 'failed',
    note: string | null,
    now: Date,
  ): Promise<boolean>;
  /** Record a fire as deliberately not run. False when the fire already has a row. */
  skip(jobKey: string, fireAt: Date, owner: string, note: string, now: Date): Promise<boolean>;
  /** Extend the lease of a running claim this owner holds. */
  renew(jobKey: string, fireAt: Date, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Settle an expired `running` row without running it (e.g. too late to catch up). */
  abandon(jobKey: string, fireAt: Date, status: 'skipped' | 'failed', note: string, now: Date): Promise<boolean>;
  /** The newest recorded fire of a job, whatever its status; null when it never fired. */
  lastFire(jobKey: string): Promise<Date | null>;
  /** Status of one fire, null when it has no row. */
  state(jobKey: string, fireAt: Date): Promise<RunStatus | null>;
  /**
   * Running claims whose lease passed before `now`, oldest first, limited to the given job
   * keys and key prefixes (so stale rows of jobs this instance does not run cannot crowd out
   * the ones it does).
   */
  expired(now: Date, limit: number, jobKeys: string[], keyPrefixes: string[]): Promise<ExpiredRun[]>;
}

/** A `Schedule` row as the scheduler and kind handlers see it. */
export interface ScheduleRow {
  id: number;
  kind: string;
  placeId: number | null;
  authorId: number | null;
  cron: string | null;
  runAt: Date | null;
  timeZone: string;
  text: string | null;
  active: boolean;
  nextRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Access to `Schedule` rows. `nextRunAt` is the durable cursor of a recurring schedule: the
 * first fire not yet dealt with. A row with `nextRunAt = null` is (re)initialised from its
 * `updatedAt` (so whoever edits `cron` sets `nextRunAt` to null).
 */
export interface ScheduleStore {
  /**
   * Active rows of the given kinds with `nextRunAt <= now` or `nextRunAt` null, oldest cursor
   * first. Filtering by kind keeps rows nobody can handle from filling every batch.
   */
  due(now: Date, limit: number, kinds: string[]): Promise<ScheduleRow[]>;
  /** All active rows (for reloads and listings). */
  active(): Promise<ScheduleRow[]>;
  /** One row by id, active or not; null when missing. */
  get(id: number): Promise<ScheduleRow | null>;
  /**
   * Move the cursor from `expected` to `next` only if no other instance moved it first
   * (compare-and-set), so two instances can never move it backwards.
   */
  advance(id: number, expected: Date | null, next: Date | null): Promise<boolean>;
  /** Mark a row inactive (a one-shot that ran or was skipped, or an unusable row). */
  deactivate(id: number): Promise<void>;
}
