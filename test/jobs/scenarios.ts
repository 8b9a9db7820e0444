/**
 * Scheduler scenarios against a real database. Each `*.test.ts` runs them on one provider, so
 * SQLite and PostgreSQL get exactly the same checks.
 */
import { afterEach, expect, it } from 'vitest';
import { Scheduler, type SchedulerOptions } from '../../src/jobs/index.js';
import { PrismaRunClaims, PrismaScheduleStore } from '../../src/store/job-runs.js';
import { openTestDb, type TestDb } from './db.js';
import { HOUR, MIN, TestClock, jitter, never, recordingLogger, sh } from './support.js';

type Fresh = () => Promise<TestDb>;

/** Register every scenario as a vitest `it` using databases from `fresh`. */
export function schedulerScenarios(fresh: Fresh): void {
  const open: TestDb[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });
  const db = async () => {
    const d = await fresh();
    open.push(d);
    return d;
  };
  const again = async (d: TestDb) => {
    const c = await openTestDb(d.provider, d.url);
    open.push(c);
    return c;
  };
  const scheduler = (d: TestDb, clock: TestClock, owner: string, extra: Partial<SchedulerOptions> = {}) =>
    new Scheduler({
      claims: new PrismaRunClaims(d.prisma),
      schedules: new PrismaScheduleStore(d.prisma),
      clock,
      owner,
      heartbeat: false,
      ...extra,
    });
  const runs = (d: TestDb, jobKey?: string) =>
    d.prisma.jobRun.findMany({ where: jobKey ? { jobKey } : {}, orderBy: [{ jobKey: 'asc' }, { fireAt: 'asc' }] });
  const iso = (ds: Date[]) => ds.map((x) => x.toISOString());

  it('fires recurring schedules at Asia/Shanghai local times across a week', async () => {
    const d = await db();
    const clock = new TestClock(sh('2024-01-01 00:00')); // a Monday
    const s = scheduler(d, clock, 'solo');
    const seen: Record<string, Date[]> = { weekly: [], daily: [], code: [] };
    const weekly = await d.prisma.schedule.create({
      data: { kind: 'notice', cron: '0 15 * * 5', text: '周五例会', createdAt: clock.now(), updatedAt: clock.now() },
    });
    const daily = await d.prisma.schedule.create({
      data: { kind: 'digest', cron: '0 8 * * *', createdAt: clock.now(), updatedAt: clock.now() },
    });
    s.onSchedule('notice', async (row, f) => void seen[row.id === weekly.id ? 'weekly' : '?'].push(f));
    s.onSchedule('digest', async (row, f) => void seen[row.id === daily.id ? 'daily' : '?'].push(f));
    s.register({ key: 'digest:code', cron: '0 8 * * *', run: async (f) => void seen.code.push(f) });
    await s.start();
    // 13-minute steps never land on a fire exactly, so every fire is seen a little late.
    for (let t = clock.now().getTime(); t <= sh('2024-01-07 23:59').getTime(); t += 13 * MIN)
      await s.tick(clock.set(new Date(t)));
    await s.stop();

    const days = ['01', '02', '03', '04', '05', '06', '07'].map((dd) => `2024-01-${dd}T00:00:00.000Z`);
    expect(iso(seen.daily)).toEqual(days);
    expect(iso(seen.code)).toEqual(days);
    expect(iso(seen.weekly)).toEqual(['2024-01-05T07:00:00.000Z']);
    const rows = await runs(d);
    expect(
      rows.filter((r) => r.jobKey === `schedule:${weekly.id}`).map((r) => [r.fireAt.toISOString(), r.status]),
    ).toEqual([['2024-01-05T07:00:00.000Z', 'done']]);
    expect(rows.filter((r) => r.jobKey === `schedule:${daily.id}`).map((r) => r.fireAt.toISOString())).toEqual(days);
    expect(rows.every((r) => r.status === 'done' && r.claimedBy === 'solo')).toBe(true);
    // The cursor points at the next Friday 15:00 local.
    expect((await d.prisma.schedule.findUnique({ where: { id: weekly.id } }))!.nextRunAt!.toISOString()).toBe(
      '2024-01-12T07:00:00.000Z',
    );
  });

  it('runs each fire once with two instances ticking concurrently on separate connections', async () => {
    const d1 = await db();
    const d2 = await again(d1);
    const start = sh('2024-03-04 07:00');
    const clocks = [new TestClock(start), new TestClock(start)];
    const calls: string[] = [];
    const byOwner: Record<string, number> = { a: 0, b: 0 };
    const one = await d1.prisma.schedule.create({
      data: { kind: 'notice', runAt: sh('2024-03-04 09:30'), createdAt: start, updatedAt: start },
    });
    await d1.prisma.schedule.create({
      data: { kind: 'notice', cron: '*/30 * * * *', createdAt: start, updatedAt: start },
    });
    const instances = [d1, d2].map((d, i) => {
      const owner = i === 0 ? 'a' : 'b';
      const s = scheduler(d, clocks[i], owner);
      const note = async (key: string) => {
        calls.push(key);
        byOwner[owner]++;
        await jitter(); // keep the run open while the other instance plans
      };
      s.register({ key: 'digest', cron: '0 8 * * *', run: (f) => note(`digest@${f.toISOString()}`) });
      s.register({ key: 'sweep', cron: '*/5 * * * *', run: (f) => note(`sweep@${f.toISOString()}`) });
      s.onSchedule('notice', (row, f) => note(`schedule:${row.id}@${f.toISOString()}`));
      return s;
    });
    await Promise.all(instances.map((s) => s.start()));
    let step = 0;
    for (let t = start.getTime(); t <= sh('2024-03-04 12:00').getTime(); t += 5 * MIN) {
      // Alternate who starts first, so each instance gets to insert first some of the time.
      const order = step++ % 2 === 0 ? [0, 1] : [1, 0];
      await Promise.all(order.map((i) => instances[i].tick(clocks[i].set(new Date(t)))));
    }
    await Promise.all(instances.map((s) => s.stop()));

    // 07:05..12:00 every 5 min = 60 sweeps, one digest, 10 half-hours (07:30..12:00), one one-shot.
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.filter((c) => c.startsWith('sweep@'))).toHaveLength(60);
    expect(calls.filter((c) => c.startsWith('digest@'))).toEqual(['digest@2024-03-04T00:00:00.000Z']);
    expect(calls.filter((c) => c.startsWith(`schedule:${one.id}@`))).toHaveLength(1);
    expect(calls).toHaveLength(72);
    const rows = await runs(d1);
    expect(rows).toHaveLength(72);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    expect(byOwner.a + byOwner.b).toBe(72);
    // Both really competed: each won some fires and lost the others.
    expect(byOwner.a).toBeGreaterThan(0);
    expect(byOwner.b).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.claimedBy))).toEqual(new Set(['a', 'b']));
    expect((await d1.prisma.schedule.findUnique({ where: { id: one.id } }))!.active).toBe(false);
  });

  it('lets another instance take over a claim whose holder died, once', async () => {
    const d1 = await db();
    const fire = sh('2024-05-06 08:00');
    const clock = new TestClock(sh('2024-05-06 07:50'));
    const log = recordingLogger();
    const dead = scheduler(d1, clock, 'dead', { leaseMs: 10 * MIN });
    dead.register({ key: 'digest', cron: '0 8 * * *', run: () => never() });
    await dead.plan(clock.set(sh('2024-05-06 08:01'))); // claims 08:00, then the process "dies"
    expect((await runs(d1, 'digest')).map((r) => [r.claimedBy, r.status])).toEqual([['dead', 'running']]);

    const calls: string[] = [];
    const make = async (owner: string, run: (f: Date) => Promise<void>) => {
      const s = scheduler(await again(d1), clock, owner, { leaseMs: 10 * MIN, logger: log });
      s.register({ key: 'digest', cron: '0 8 * * *', run });
      return s;
    };
    const b = await make('b', async (f) => void calls.push(`b@${f.toISOString()}`));
    const c = await make('c', async (f) => void calls.push(`c@${f.toISOString()}`));
    // Lease still valid at 08:08: nobody takes over.
    await Promise.all([b.tick(clock.set(sh('2024-05-06 08:08'))), c.tick(clock.now())]);
    expect(calls).toEqual([]);
    // Lease passed at 08:12: exactly one of b and c takes over and runs the 08:00 fire.
    await Promise.all([b.tick(clock.set(sh('2024-05-06 08:12'))), c.tick(clock.now())]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^[bc]@2024-05-06T00:00:00.000Z$/);
    const [row] = await runs(d1, 'digest');
    expect(row.fireAt).toEqual(fire);
    expect(row.status).toBe('done');
    expect(row.note).toBe('takeover from dead');
    expect(log.lines.filter((l) => l.msg === 'took over expired claim')).toHaveLength(1);
    // Later ticks do nothing more for that fire.
    await Promise.all([b.tick(clock.set(sh('2024-05-06 09:00'))), c.tick(clock.now())]);
    expect(calls).toHaveLength(1);
  });

  it('does not take over a second time when the taker dies too', async () => {
    const d1 = await db();
    const clock = new TestClock(sh('2024-05-06 07:50'));
    const mk = async (owner: string, run: () => Promise<void>) => {
      const s = scheduler(await again(d1), clock, owner, { leaseMs: 10 * MIN, catchUp: { windowMs: 6 * HOUR } });
      s.register({ key: 'digest', cron: '0 8 * * *', run });
      return s;
    };
    await (await mk('first', never)).plan(clock.set(sh('2024-05-06 08:00')));
    await (await mk('second', never)).plan(clock.set(sh('2024-05-06 08:11'))); // takes over, dies
    let ran = 0;
    await (await mk('third', async () => void ran++)).tick(clock.set(sh('2024-05-06 08:30')));
    expect(ran).toBe(0);
    const [row] = await runs(d1, 'digest');
    expect(row.status).toBe('failed');
    expect(row.note).toMatch(/lease expired twice/);
  });

  it('after three hours down, catches up within windows, skips the rest, and never doubles', async () => {
    const d1 = await db();
    const clock = new TestClock(sh('2024-06-10 07:00'));
    const calls: string[] = [];
    const build = (d: TestDb, owner: string, log = recordingLogger()) => {
      const s = scheduler(d, clock, owner, { lateLimitMs: HOUR, logger: log });
      s.register({
        key: 'digest:6h',
        cron: '0 8 * * *',
        catchUp: { windowMs: 6 * HOUR },
        run: async (f) => void calls.push(`6h@${f.toISOString()}`),
      });
      s.register({
        key: 'digest:1h',
        cron: '0 8 * * *',
        catchUp: { windowMs: HOUR },
        run: async (f) => void calls.push(`1h@${f.toISOString()}`),
      });
      s.onSchedule('notice', async (row, f) => void calls.push(`${row.text}@${f.toISOString()}`));
      s.onSchedule('digest', async (_row, f) => void calls.push(`db@${f.toISOString()}`), {
        catchUp: { windowMs: 6 * HOUR },
      });
      return { s, log };
    };
    const dbDigest = await d1.prisma.schedule.create({
      data: { kind: 'digest', cron: '0 8 * * *', createdAt: clock.now(), updatedAt: clock.now() },
    });
    // Day 1: up from 07:00 to 07:50 the next morning, ticking every 10 minutes.
    const first = build(d1, 'first');
    await first.s.start();
    for (let t = sh('2024-06-10 07:10').getTime(); t <= sh('2024-06-11 07:50').getTime(); t += 10 * MIN)
      await first.s.tick(clock.set(new Date(t)));
    await first.s.stop();
    expect(calls.sort()).toEqual([
      '1h@2024-06-10T00:00:00.000Z',
      '6h@2024-06-10T00:00:00.000Z',
      'db@2024-06-10T00:00:00.000Z',
    ]);
    // Two notices were scheduled for while it is down.
    const old = await d1.prisma.schedule.create({
      data: {
        kind: 'notice',
        text: 'old',
        runAt: sh('2024-06-11 08:30'),
        createdAt: clock.now(),
        updatedAt: clock.now(),
      },
    });
    const recent = await d1.prisma.schedule.create({
      data: {
        kind: 'notice',
        text: 'recent',
        runAt: sh('2024-06-11 10:40'),
        createdAt: clock.now(),
        updatedAt: clock.now(),
      },
    });

    // Restart at 11:00, three hours after the 08:00 fire.
    calls.length = 0;
    const second = build(await again(d1), 'second');
    clock.set(sh('2024-06-11 11:00'));
    await second.s.start();
    await second.s.stop();
    expect(calls.sort()).toEqual([
      '6h@2024-06-11T00:00:00.000Z',
      'db@2024-06-11T00:00:00.000Z',
      'recent@2024-06-11T02:40:00.000Z',
    ]);
    const rows = await runs(d1);
    const at = (key: string, f: Date) => rows.find((r) => r.jobKey === key && r.fireAt.getTime() === f.getTime());
    expect(at('digest:6h', sh('2024-06-11 08:00'))?.status).toBe('done');
    expect(at('digest:1h', sh('2024-06-11 08:00'))?.status).toBe('skipped');
    expect(at(`schedule:${old.id}`, sh('2024-06-11 08:30'))?.status).toBe('skipped');
    expect(at(`schedule:${recent.id}`, sh('2024-06-11 10:40'))?.status).toBe('done');
    expect(at(`schedule:${dbDigest.id}`, sh('2024-06-11 08:00'))?.status).toBe('done');
    expect(second.log.lines.filter((l) => l.msg === 'missed fires skipped').map((l) => l.obj.jobKey)).toEqual([
      'digest:1h',
    ]);
    expect(second.log.lines.filter((l) => l.msg === 'one-shot schedule skipped').map((l) => l.obj.scheduleId)).toEqual([
      old.id,
    ]);
    const sched = await d1.prisma.schedule.findMany({ orderBy: { id: 'asc' } });
    expect(sched.map((r) => [r.id, r.active])).toEqual([
      [dbDigest.id, true],
      [old.id, false],
      [recent.id, false],
    ]);
    expect(sched[0].nextRunAt).toEqual(sh('2024-06-12 08:00'));

    // A second restart a little later finds nothing left to do.
    calls.length = 0;
    const before = await runs(d1);
    const third = build(await again(d1), 'third');
    clock.set(sh('2024-06-11 11:05'));
    await third.s.start();
    await third.s.stop();
    expect(calls).toEqual([]);
    expect(await runs(d1)).toEqual(before);
    expect(third.log.lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('runs a one-shot schedule once and makes it inactive', async () => {
    const d1 = await db();
    const clock = new TestClock(sh('2024-07-01 09:00'));
    const s = scheduler(d1, clock, 'solo');
    let sent = 0;
    s.onSchedule('notice', async () => void sent++);
    const row = await d1.prisma.schedule.create({
      data: { kind: 'notice', runAt: sh('2024-07-01 10:00'), createdAt: clock.now(), updatedAt: clock.now() },
    });
    await s.start();
    expect(sent).toBe(0);
    expect((await d1.prisma.schedule.findUnique({ where: { id: row.id } }))!.nextRunAt).toEqual(sh('2024-07-01 10:00'));
    await s.tick(clock.set(sh('2024-07-01 09:59')));
    expect(sent).toBe(0);
    await s.tick(clock.set(sh('2024-07-01 10:01')));
    expect(sent).toBe(1);
    expect((await d1.prisma.schedule.findUnique({ where: { id: row.id } }))!.active).toBe(false);
    for (const m of [2, 3, 30]) await s.tick(clock.set(new Date(sh('2024-07-01 10:00').getTime() + m * MIN)));
    await s.stop();
    expect(sent).toBe(1);
    expect((await d1.prisma.schedule.findUnique({ where: { id: row.id } }))!.active).toBe(false);
    expect((await runs(d1)).map((r) => [r.jobKey, r.fireAt.toISOString(), r.status])).toEqual([
      [`schedule:${row.id}`, '2024-07-01T02:00:00.000Z', 'done'],
    ]);
  });

  it('records a failing run as failed and does not retry it', async () => {
    const d1 = await db();
    const clock = new TestClock(sh('2024-07-01 07:55'));
    const s = scheduler(d1, clock, 'solo');
    let attempts = 0;
    s.register({
      key: 'digest',
      cron: '0 8 * * *',
      run: async () => {
        attempts++;
        throw new Error('boom');
      },
    });
    await s.start();
    for (const t of ['08:00', '08:01', '08:30']) await s.tick(clock.set(sh(`2024-07-01 ${t}`)));
    await s.stop();
    expect(attempts).toBe(1);
    expect((await runs(d1)).map((r) => [r.status, r.note])).toEqual([['failed', 'boom']]);
  });
}
