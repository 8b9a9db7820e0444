/**
 * The writes and reads that every inbound message pays for, as plain SQL run inside the caller's
 * Prisma transaction. Prisma's model API costs two to four times more per statement than a raw
 * statement on the same connection (measured: insert 300 µs vs 130 µs, createMany of one row
 * 520 µs); intake does these on every message, so they are written once here, in SQL that
 * SQLite and PostgreSQL both accept (quoted identifiers, bound parameters, RETURNING).
 * See docs/decisions/0004-intake-throughput.md.
 */
import { Prisma as P } from './generated/sqlite/client.js';
import type { Prisma } from './client.js';

type Raw = Pick<Prisma, '$executeRaw' | '$queryRaw'>;

export interface TicketInsert {
  status: string;
  category: string;
  urgent: boolean;
  mustReport: string | null;
  text: string;
  building: string | null;
  unit: string | null;
  room: string | null;
  placeId: number | null;
  chatId: number | null;
  reporterId: number;
  assigneeId: number | null;
  relatedToId?: number | null;
  ackDueAt: Date;
  resolveDueAt: Date;
  createdAt: Date;
}

/** Inserts a ticket and returns its id. */
export async function insertTicket(tx: Raw, t: TicketInsert): Promise<number> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "Ticket" ("status", "category", "urgent", "mustReport", "text", "building", "unit", "room", "placeId",
      "chatId", "reporterId", "assigneeId", "relatedToId", "escalationLevel", "ackDueAt", "resolveDueAt", "createdAt",
      "updatedAt")
    VALUES (${t.status}, ${t.category}, ${t.urgent}, ${t.mustReport}, ${t.text}, ${t.building}, ${t.unit}, ${t.room}, ${t.placeId},
      ${t.chatId}, ${t.reporterId}, ${t.assigneeId}, ${t.relatedToId ?? null}, 0, ${t.ackDueAt}, ${t.resolveDueAt}, ${t.createdAt}, ${t.createdAt})
    RETURNING "id"`;
  return Number(rows[0].id);
}

export interface EventInsert {
  ticketId: number;
  kind: string;
  actorId: number | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  data: string | null;
  at: Date;
}

export async function insertEvents(tx: Raw, events: EventInsert[]): Promise<void> {
  if (!events.length) return;
  const values = events.map(
    (e) =>
      P.sql`(${e.ticketId}, ${e.kind}, ${e.actorId}, ${e.fromStatus}, ${e.toStatus}, ${e.note}, ${e.data}, ${e.at})`,
  );
  await tx.$executeRaw`
    INSERT INTO "TicketEvent" ("ticketId", "kind", "actorId", "fromStatus", "toStatus", "note", "data", "at")
    VALUES ${P.join(values)}`;
}

export interface OutboxInsert {
  dedupeKey: string | null;
  platform: string;
  account: string;
  chatExternalId: string | null;
  userExternalId: string | null;
  text: string;
  mentions: string | null;
  replyTo: string | null;
  inReplyTo: string | null;
  ticketId: number | null;
  imagePath: string | null;
  imageMime: string | null;
  noticeId: number | null;
  notBefore: Date;
  createdAt: Date;
}

export async function insertOutbox(tx: Raw, rows: OutboxInsert[]): Promise<void> {
  if (!rows.length) return;
  const values = rows.map(
    (
      r,
    ) => P.sql`(${r.dedupeKey}, ${r.platform}, ${r.account}, ${r.chatExternalId}, ${r.userExternalId}, ${r.text}, ${r.mentions},
      ${r.replyTo}, ${r.inReplyTo}, ${r.ticketId}, ${r.imagePath}, ${r.imageMime}, ${r.noticeId}, 'pending', 0,
      ${r.notBefore}, ${r.createdAt})`,
  );
  await tx.$executeRaw`
    INSERT INTO "Outbox" ("dedupeKey", "platform", "account", "chatExternalId", "userExternalId", "text", "mentions",
      "replyTo", "inReplyTo", "ticketId", "imagePath", "imageMime", "noticeId", "status", "attempts", "notBefore", "createdAt")
    VALUES ${P.join(values)}`;
}

export interface InboundInsert {
  dedupeKey: string;
  chatId: number | null;
  identityId: number | null;
  text: string;
  intent: string | null;
  outcome: string | null;
  ticketId: number | null;
  receivedAt: Date;
}

/** Records an inbound message; fails on the unique dedupe key when it was recorded before. */
export async function insertInbound(tx: Raw, m: InboundInsert): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "InboundMessage" ("dedupeKey", "chatId", "identityId", "text", "intent", "outcome", "ticketId", "receivedAt")
    VALUES (${m.dedupeKey}, ${m.chatId}, ${m.identityId}, ${m.text}, ${m.intent}, ${m.outcome}, ${m.ticketId}, ${m.receivedAt})`;
}

/** Open tickets of one place since a time, newest first: the duplicate candidates. */
export async function openTicketsAt(
  tx: Raw,
  placeId: number,
  statuses: string[],
  since: Date,
  limit: number,
): Promise<{ id: number; status: string; text: string; category: string; reporterId: number }[]> {
  const rows = await tx.$queryRaw<{ id: number; status: string; text: string; category: string; reporterId: number }[]>`
    SELECT "id", "status", "text", "category", "reporterId" FROM "Ticket"
    WHERE "placeId" = ${placeId} AND "status" IN (${P.join(statuses)}) AND "createdAt" >= ${since}
    ORDER BY "id" DESC LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, id: Number(r.id), reporterId: Number(r.reporterId) }));
}
