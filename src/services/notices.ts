/**
 * Notices: one `Notice` row and one outbox row per group chat bound at or below a place,
 * planned with set-based queries (a count and one `INSERT … SELECT`) so a fan-out to
 * thousands of chats is queued in one short transaction. The author hears progress at
 * milestones and the final delivered/failed count from {@link reportNotices}.
 *
 * Outbox dedupe keys: `notice:<id>:c<chatId>` (fan-out), `notice:<id>:ack` (the first answer
 * to the author; its address is where progress goes), `notice:<id>:p<quarter>` and
 * `notice:<id>:done`. A repeated run can therefore never queue anything twice.
 */
import { T } from '../common/text/index.js';
import type { Logger } from '../common/log.js';
import { isUniqueViolation, type Db } from '../store/client.js';
import { placeLabel, type PlaceRow } from './org/places.js';
import { enqueue, type OutboxItem } from './outbox.js';

/** Fan-outs at least this large get progress messages at 25/50/75 %. */
export const PROGRESS_MIN_CHATS = 20;
/** Notices older than this are no longer watched for progress. */
const WATCH_MS = 3 * 24 * 3_600_000;

/** Where to tell the author how the notice went (a chat or a direct message), without text. */
export type ReportTarget = Omit<OutboxItem, 'text' | 'dedupeKey' | 'noticeId'>;

export interface PlanNotice {
  place: PlaceRow;
  text: string;
  authorId: number | null;
  authorName: string;
  scheduleId?: number | null;
  now: Date;
  /** Where progress and the final count go; null to report nothing. */
  reportTo: ReportTarget | null;
  /** The first message to the author, given the notice id and the number of chats. */
  ack?: (noticeId: number, place: string, total: number) => string;
  /** A chat that already has the text (the head posted it there): left out. */
  exceptChatId?: number | null;
}

export interface PlannedNotice {
  noticeId: number;
  total: number;
  placeLabel: string;
}

/** Group chats bound at or below `place` (the materialised path makes it one indexed subquery). */
function underPlace(place: PlaceRow, except?: number | null) {
  return { kind: 'group', place: { path: { startsWith: place.path } }, ...(except ? { id: { not: except } } : {}) };
}

/** How many group chats a notice to `place` would reach (without `except`). */
export function countChatsUnder(tx: Db, place: PlaceRow, except?: number | null): Promise<number> {
  return tx.chat.count({ where: underPlace(place, except) });
}

/**
 * Creates the notice and queues it to every chat under the place, inside the caller's
 * transaction. The fan-out is one `INSERT … SELECT` (portable SQL, quoted identifiers, no
 * date parameters: the rows copy the notice's own `createdAt`), so 10,000 chats cost one
 * statement instead of 10,000 row writes through the client.
 */
export async function planNotice(tx: Db, a: PlanNotice): Promise<PlannedNotice> {
  const label = await placeLabel(tx, a.place);
  const total = await countChatsUnder(tx, a.place, a.exceptChatId);
  const notice = await tx.notice.create({
    data: {
      placeId: a.place.id,
      authorId: a.authorId,
      text: a.text,
      scheduleId: a.scheduleId ?? null,
      total,
      createdAt: a.now,
    },
  });
  if (!total) return { noticeId: notice.id, total, placeLabel: label };
  if (a.reportTo && a.ack) {
    await enqueue(tx, [
      { ...a.reportTo, text: a.ack(notice.id, label, total), dedupeKey: `notice:${notice.id}:ack`, notBefore: a.now },
    ]);
  }
  const body = T.noticeBody(label, a.text, a.authorName);
  const prefix = `${a.place.path}%`;
  const queued = await tx.$executeRaw`
    INSERT INTO "Outbox" ("dedupeKey", "platform", "account", "chatExternalId", "text", "noticeId", "notBefore", "createdAt")
    SELECT 'notice:' || n."id" || ':c' || c."id", c."platform", c."account", c."externalId", ${body}, n."id", n."createdAt", n."createdAt"
    FROM "Notice" n, "Chat" c JOIN "Place" p ON p."id" = c."placeId"
    WHERE n."id" = ${notice.id} AND c."kind" = 'group' AND p."path" LIKE ${prefix} AND c."id" <> ${a.exceptChatId ?? 0}
    ORDER BY c."id"`;
  // A chat bound between the count and the insert still gets the notice; keep the total honest.
  if (queued !== total) await tx.notice.update({ where: { id: notice.id }, data: { total: queued } });
  return { noticeId: notice.id, total: queued, placeLabel: label };
}

export interface NoticeDb {
  prisma: Db;
}

/**
 * Tells authors how their recent notices went: a progress line when a large fan-out crosses a
 * quarter, and the delivered/failed count once every row is sent or failed. Each message has
 * its own dedupe key, so several instances (or a re-run) say each thing once. Returns how many
 * messages were queued.
 */
export async function reportNotices(db: NoticeDb, now: Date, log: Logger): Promise<number> {
  const notices = await db.prisma.notice.findMany({
    where: { createdAt: { gte: new Date(now.getTime() - WATCH_MS) }, total: { gt: 0 } },
    select: { id: true, total: true },
    orderBy: { id: 'asc' },
  });
  if (!notices.length) return 0;
  const keys = notices.flatMap((n) => [`notice:${n.id}:ack`, `notice:${n.id}:done`]);
  const marks = await db.prisma.outbox.findMany({ where: { dedupeKey: { in: keys } } });
  const byKey = new Map(marks.map((m) => [m.dedupeKey!, m]));
  let queued = 0;
  for (const n of notices) {
    const ack = byKey.get(`notice:${n.id}:ack`);
    if (!ack || byKey.has(`notice:${n.id}:done`)) continue;
    const counts = await db.prisma.outbox.groupBy({
      by: ['status'],
      where: { noticeId: n.id },
      _count: { _all: true },
    });
    const of = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0;
    const sent = of('sent');
    const failed = of('failed');
    const target: ReportTarget = {
      platform: ack.platform,
      account: ack.account,
      chatExternalId: ack.chatExternalId,
      userExternalId: ack.userExternalId,
      replyTo: ack.replyTo,
    };
    let item: OutboxItem | null = null;
    if (sent + failed >= n.total) {
      item = { ...target, text: T.noticeDone(n.id, sent, failed, n.total), dedupeKey: `notice:${n.id}:done` };
    } else if (n.total >= PROGRESS_MIN_CHATS) {
      const quarter = Math.floor(((sent + failed) * 4) / n.total);
      if (quarter >= 1)
        item = {
          ...target,
          text: T.noticeProgress(n.id, sent + failed, n.total),
          dedupeKey: `notice:${n.id}:p${quarter}`,
        };
    }
    if (!item || (await db.prisma.outbox.count({ where: { dedupeKey: item.dedupeKey } }))) continue;
    try {
      await enqueue(db.prisma, [{ ...item, notBefore: now }]);
      queued++;
    } catch (error) {
      if (!isUniqueViolation(error)) log.error({ err: error, notice: n.id }, 'notice report failed');
    }
  }
  return queued;
}
