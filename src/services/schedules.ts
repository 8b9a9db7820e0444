/**
 * Scheduled notices: create, list, cancel (shared by the chat commands and the CLI), and the
 * handler that fans a `Schedule` row out when the scheduler fires it.
 *
 * A row's `nextRunAt` is set at creation from the caller's clock, so the scheduler never
 * derives the first fire from the database's own `updatedAt` time.
 */
import { T, when } from '../common/text/index.js';
import type { TimeSpec } from '../intents/index.js';
import { isValidCron, nextFire } from '../common/cron.js';
import type { ScheduleRow } from '../common/scheduling.js';
import type { Logger } from '../common/log.js';
import type { Db } from '../store/client.js';
import { toPerson } from './notify.js';
import { planNotice, type ReportTarget } from './notices.js';
import { placeLabel, type PlaceRow } from './org/places.js';

export type CreateResult =
  | { ok: true; id: number; next: Date; rule: string }
  | { ok: false; reason: 'past' | 'bad_cron' | 'never'; at?: Date };

/** Creates an active notice schedule; refuses instants in the past and crons that never fire. */
export async function createNoticeSchedule(
  tx: Db,
  a: { place: PlaceRow; text: string; authorId: number | null; when: TimeSpec; timeZone: string; now: Date },
): Promise<CreateResult> {
  if (a.when.kind === 'once') {
    if (a.when.at.getTime() <= a.now.getTime()) return { ok: false, reason: 'past', at: a.when.at };
    const row = await tx.schedule.create({
      data: {
        kind: 'notice',
        placeId: a.place.id,
        authorId: a.authorId,
        runAt: a.when.at,
        nextRunAt: a.when.at,
        timeZone: a.timeZone,
        text: a.text,
      },
    });
    return { ok: true, id: row.id, next: a.when.at, rule: describeRule({ cron: null, runAt: a.when.at }, a.timeZone) };
  }
  if (!isValidCron(a.when.cron, a.timeZone)) return { ok: false, reason: 'bad_cron' };
  const next = nextFire(a.when.cron, a.now, a.timeZone);
  if (!next) return { ok: false, reason: 'never' };
  const row = await tx.schedule.create({
    data: {
      kind: 'notice',
      placeId: a.place.id,
      authorId: a.authorId,
      cron: a.when.cron,
      nextRunAt: next,
      timeZone: a.timeZone,
      text: a.text,
    },
  });
  return { ok: true, id: row.id, next, rule: describeRule({ cron: a.when.cron, runAt: null }, a.timeZone) };
}

export interface ListedSchedule {
  id: number;
  placeId: number | null;
  place: string;
  rule: string;
  next: Date | null;
  text: string;
  authorId: number | null;
}

/**
 * Active notice schedules at or below `scope` (all of them when scope is null), plus those of
 * the places in `alsoPlaceIds` (e.g. the scope's ancestors, whose notices reach it too).
 */
export async function listSchedules(
  tx: Db,
  scope: PlaceRow | null,
  now: Date,
  timeZone: string,
  alsoPlaceIds: number[] = [],
): Promise<ListedSchedule[]> {
  const rows = await tx.schedule.findMany({
    where: {
      active: true,
      kind: 'notice',
      ...(scope ? { OR: [{ place: { path: { startsWith: scope.path } } }, { placeId: { in: alsoPlaceIds } }] } : {}),
    },
    include: { place: true },
    orderBy: { id: 'asc' },
  });
  const out: ListedSchedule[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      placeId: r.placeId,
      place: await placeLabel(tx, r.place),
      rule: describeRule(r, r.timeZone || timeZone),
      next: nextRunOf(r, now),
      text: r.text ?? '',
      authorId: r.authorId,
    });
  }
  return out;
}

/** The next time a row will send: its one-shot instant, or the next cron fire after now. */
export function nextRunOf(r: { cron: string | null; runAt: Date | null; timeZone: string }, now: Date): Date | null {
  if (r.cron) return isValidCron(r.cron, r.timeZone) ? nextFire(r.cron, now, r.timeZone) : null;
  return r.runAt;
}

/** Deactivates a schedule. False when there is no active schedule with that id. */
export async function cancelSchedule(tx: Db, id: number): Promise<boolean> {
  const { count } = await tx.schedule.updateMany({ where: { id, active: true }, data: { active: false } });
  return count > 0;
}

/** "每周五 15:00", "每天 08:00", "11月27日 15:00" for people; the raw cron otherwise. */
export function describeRule(r: { cron: string | null; runAt: Date | null }, timeZone: string): string {
  if (!r.cron) return T.ruleOnce(r.runAt ? when(r.runAt, timeZone) : '?').trim();
  const f = r.cron.trim().split(/\s+/);
  if (f.length === 5 && /^\d+$/.test(f[0]) && /^\d+$/.test(f[1]) && f[3] === '*') {
    const hm = `${f[1].padStart(2, '0')}:${f[0].padStart(2, '0')}`;
    if (f[2] === '*' && f[4] === '*') return T.ruleDaily(hm).trim();
    if (f[2] === '*' && /^[0-7](,[0-7])*$/.test(f[4])) {
      return T.ruleWeekly(
        f[4]
          .split(',')
          .map((d) => T.weekdayNames[Number(d) % 7])
          .join(T.listSeparator),
        hm,
      ).trim();
    }
    if (f[2] === '*' && /^[1-5]-[1-5]$/.test(f[4])) {
      const [from, to] = f[4].split('-').map(Number);
      return T.ruleWeekly(T.weekdayRange(T.weekdayNames[from], T.weekdayNames[to]), hm).trim();
    }
    if (/^\d+$/.test(f[2]) && f[4] === '*') return T.ruleMonthly(f[2], hm).trim();
  }
  return T.ruleCron(r.cron).trim();
}

/**
 * The scheduler's handler for `notice` rows: one notice per fire. The notice row is keyed by
 * (scheduleId, fire instant), so a run taken over from a dead instance finds it and does
 * nothing. The author (when reachable by direct message) hears the start and the result.
 */
export async function fireScheduledNotice(
  db: {
    prisma: Db & {
      $transaction: <R>(fn: (tx: Db) => Promise<R>, o?: { timeout?: number; maxWait?: number }) => Promise<R>;
    };
  },
  row: ScheduleRow,
  fireAt: Date,
  now: Date,
  log: Logger,
): Promise<void> {
  await db.prisma.$transaction(
    async (tx) => {
      const done = await tx.notice.findFirst({ where: { scheduleId: row.id, createdAt: fireAt } });
      if (done) return;
      const place = row.placeId ? await tx.place.findUnique({ where: { id: row.placeId } }) : null;
      if (!place || !row.text) {
        log.warn({ scheduleId: row.id }, 'scheduled notice has no place or text; nothing sent');
        return;
      }
      const author = row.authorId ? await tx.person.findUnique({ where: { id: row.authorId } }) : null;
      let reportTo: ReportTarget | null = null;
      if (author) {
        const [dm] = await toPerson(tx, author.id, '');
        if (dm) reportTo = { platform: dm.platform, account: dm.account, userExternalId: dm.userExternalId };
      }
      const planned = await planNotice(tx, {
        place,
        text: row.text,
        authorId: row.authorId,
        authorName: author?.name ?? '',
        scheduleId: row.id,
        now: fireAt,
        reportTo,
        ack: (id, label, total) => T.noticeScheduledStart(row.id, id, label, total),
      });
      log.info(
        {
          scheduleId: row.id,
          notice: planned.noticeId,
          chats: planned.total,
          fireAt,
          late: now.getTime() - fireAt.getTime(),
        },
        'scheduled notice queued',
      );
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
