/**
 * Prisma implementation of the scheduler's storage ports (`src/jobs/ports.ts`): claims on
 * fires (`JobRun`) and database schedules (`Schedule`). Every claim decision is a single
 * statement whose outcome is decided by the database (a unique key on insert, or the affected
 * row count of a conditional update), so it is safe across connections, processes and hosts,
 * on SQLite and on PostgreSQL alike, without interactive transactions.
 */
import { isUniqueViolation, type Prisma } from './client.js';
import type { ExpiredRun, RunClaims, RunStatus, ScheduleRow, ScheduleStore } from '../common/scheduling.js';

/** The two delegates used here (`Database.prisma` from ./client.js satisfies it). */
export type JobDb = Pick<Prisma, 'jobRun' | 'schedule'>;

/** Marks a row that has been taken over once; the next expiry fails it instead. */
const TAKEOVER = 'takeover from ';

/** Claims on fires stored in `JobRun`. */
export class PrismaRunClaims implements RunClaims {
  constructor(private readonly db: JobDb) {}

  async claim(jobKey: string, fireAt: Date, owner: string, leaseMs: number, now: Date): Promise<boolean> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.db.jobRun.create({
        data: { jobKey, fireAt, claimedBy: owner, claimedAt: now, leaseUntil, status: 'running' },
      });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    // The fire has a row. Take it over if its claimer's lease passed and nobody took it over
    // before; the conditional update lets exactly one contender see count 1.
    const existing = await this.db.jobRun.findUnique({ where: { jobKey_fireAt: { jobKey, fireAt } } });
    if (existing?.status !== 'running' || !existing.leaseUntil || existing.leaseUntil >= now) return false;
    const taken = await this.db.jobRun.updateMany({
      where: { jobKey, fireAt, status: 'running', leaseUntil: { lt: now }, note: null },
      data: { claimedBy: owner, claimedAt: now, leaseUntil, note: `${TAKEOVER}${existing.claimedBy}` },
    });
    if (taken.count === 1) return true;
    // Taken over before and expired again: the job probably kills its instance; stop here.
    await this.db.jobRun.updateMany({
      where: { jobKey, fireAt, status: 'running', leaseUntil: { lt: now }, note: { startsWith: TAKEOVER } },
      data: {
        status: 'failed',
        finishedAt: now,
        note: `lease expired twice (last holder ${existing.claimedBy}); not retried`,
      },
    });
    return false;
  }

  async finish(
    jobKey: string,
    fireAt: Date,
    owner: string,
    status: 'done' | 'failed',
    note: string | null,
    now: Date,
  ): Promise<boolean> {
    const r = await this.db.jobRun.updateMany({
      where: { jobKey, fireAt, claimedBy: owner, status: 'running' },
      // A takeover note is kept unless the run has something more useful to say.
      data: { status, finishedAt: now, leaseUntil: null, ...(note !== null ? { note } : {}) },
    });
    return r.count === 1;
  }

  async skip(jobKey: string, fireAt: Date, owner: string, note: string, now: Date): Promise<boolean> {
    try {
      await this.db.jobRun.create({
        data: { jobKey, fireAt, claimedBy: owner, claimedAt: now, status: 'skipped', finishedAt: now, note },
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async renew(jobKey: string, fireAt: Date, owner: string, leaseMs: number, now: Date): Promise<boolean> {
    const r = await this.db.jobRun.updateMany({
      where: { jobKey, fireAt, claimedBy: owner, status: 'running' },
      data: { leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    return r.count === 1;
  }

  async abandon(jobKey: string, fireAt: Date, status: 'skipped' | 'failed', note: string, now: Date): Promise<boolean> {
    const r = await this.db.jobRun.updateMany({
      where: { jobKey, fireAt, status: 'running', leaseUntil: { lt: now } },
      data: { status, finishedAt: now, note },
    });
    return r.count === 1;
  }

  async lastFire(jobKey: string): Promise<Date | null> {
    // Served by the (jobKey, fireAt) unique index.
    const r = await this.db.jobRun.findFirst({
      where: { jobKey },
      orderBy: { fireAt: 'desc' },
      select: { fireAt: true },
    });
    return r?.fireAt ?? null;
  }

  async state(jobKey: string, fireAt: Date): Promise<RunStatus | null> {
    const r = await this.db.jobRun.findUnique({
      where: { jobKey_fireAt: { jobKey, fireAt } },
      select: { status: true },
    });
    return (r?.status as RunStatus | undefined) ?? null;
  }

  async expired(now: Date, limit: number, jobKeys: string[], keyPrefixes: string[]): Promise<ExpiredRun[]> {
    const keys = [{ jobKey: { in: jobKeys } }, ...keyPrefixes.map((p) => ({ jobKey: { startsWith: p } }))];
    return this.db.jobRun.findMany({
      where: { status: 'running', leaseUntil: { lt: now }, OR: keys },
      orderBy: { fireAt: 'asc' },
      take: limit,
      select: { jobKey: true, fireAt: true, claimedBy: true },
    });
  }
}

/** Database schedules stored in `Schedule`. */
export class PrismaScheduleStore implements ScheduleStore {
  constructor(private readonly db: JobDb) {}

  due(now: Date, limit: number, kinds: string[]): Promise<ScheduleRow[]> {
    return this.db.schedule.findMany({
      where: { active: true, kind: { in: kinds }, OR: [{ nextRunAt: { lte: now } }, { nextRunAt: null }] },
      orderBy: [{ nextRunAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  active(): Promise<ScheduleRow[]> {
    return this.db.schedule.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
  }

  get(id: number): Promise<ScheduleRow | null> {
    return this.db.schedule.findUnique({ where: { id } });
  }

  async advance(id: number, expected: Date | null, next: Date | null): Promise<boolean> {
    const r = await this.db.schedule.updateMany({ where: { id, nextRunAt: expected }, data: { nextRunAt: next } });
    return r.count === 1;
  }

  async deactivate(id: number): Promise<void> {
    await this.db.schedule.updateMany({ where: { id }, data: { active: false } });
  }
}
