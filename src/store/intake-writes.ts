/**
 * The rows every inbound message writes (ticket, events, outbox, inbound), as plain SQL run inside
 * the caller's Prisma transaction: on the transaction's driver connection when it has one
 * (`intake-tx.ts`), else through `$executeRaw`. On PostgreSQL, where every statement is a round
 * trip, rows written together go in one statement (data-modifying `WITH`): a ticket with its
 * events, the replies with the inbound row. SQLite runs them as separate statements on its
 * connection (≈ 10 µs each; it has no data-modifying `WITH`).
 * See docs/decisions/0004-intake-throughput.md and 0010-performance.md.
 */
import { Prisma as P } from './generated/sqlite/client.js';
import { onPg, queryDirectPg, type Raw, writeDirect } from './intake-tx.js';

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

const TICKET_INSERT = `INSERT INTO "Ticket" ("status", "category", "urgent", "mustReport", "text", "building", "unit", "room",
  "placeId", "chatId", "reporterId", "assigneeId", "relatedToId", "escalationLevel", "ackDueAt", "resolveDueAt", "createdAt",
  "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`;

const ticketValues = (t: TicketInsert) => [
  t.status,
  t.category,
  t.urgent,
  t.mustReport,
  t.text,
  t.building,
  t.unit,
  t.room,
  t.placeId,
  t.chatId,
  t.reporterId,
  t.assigneeId,
  t.relatedToId ?? null,
  t.ackDueAt,
  t.resolveDueAt,
  t.createdAt,
  t.createdAt,
];

/**
 * Inserts a ticket and the events that open its history (`created`, `assigned`), and returns its
 * id. One statement on PostgreSQL.
 */
export async function insertTicket(tx: Raw, t: TicketInsert, events: Omit<EventInsert, 'ticketId'>[]): Promise<number> {
  if (onPg(tx) && events.length) {
    const rows = await queryDirectPg(
      tx,
      `WITH t AS (${TICKET_INSERT} RETURNING "id") INSERT INTO "TicketEvent" (${EVENT_COLUMNS})
        VALUES ${tuples(7, events.length, { head: '(SELECT "id" FROM t)' })} RETURNING "ticketId"`,
      [...ticketValues(t), ...events.flatMap(eventValues)],
    );
    return Number(rows![0].ticketId);
  }
  let id = await writeDirect(tx, TICKET_INSERT, ticketValues(t), true);
  if (typeof id !== 'number') {
    const rows = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO "Ticket" ("status", "category", "urgent", "mustReport", "text", "building", "unit", "room", "placeId",
        "chatId", "reporterId", "assigneeId", "relatedToId", "escalationLevel", "ackDueAt", "resolveDueAt", "createdAt",
        "updatedAt")
      VALUES (${t.status}, ${t.category}, ${t.urgent}, ${t.mustReport}, ${t.text}, ${t.building}, ${t.unit}, ${t.room}, ${t.placeId},
        ${t.chatId}, ${t.reporterId}, ${t.assigneeId}, ${t.relatedToId ?? null}, 0, ${t.ackDueAt}, ${t.resolveDueAt}, ${t.createdAt}, ${t.createdAt})
      RETURNING "id"`;
    id = Number(rows[0].id);
  }
  const ticketId = id;
  await insertEvents(
    tx,
    events.map((e) => ({ ...e, ticketId })),
  );
  return ticketId;
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

const EVENT_COLUMNS = `"ticketId", "kind", "actorId", "fromStatus", "toStatus", "note", "data", "at"`;
const eventValues = (e: Omit<EventInsert, 'ticketId'>) => [
  e.kind,
  e.actorId,
  e.fromStatus,
  e.toStatus,
  e.note,
  e.data,
  e.at,
];

export async function insertEvents(tx: Raw, events: EventInsert[]): Promise<void> {
  if (!events.length) return;
  if (
    (await writeDirect(
      tx,
      `INSERT INTO "TicketEvent" (${EVENT_COLUMNS}) VALUES ${tuples(8, events.length)}`,
      events.flatMap((e) => [e.ticketId, ...eventValues(e)]),
    )) !== undefined
  )
    return;
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

const outboxInsert = (rows: number) =>
  `INSERT INTO "Outbox" ("dedupeKey", "platform", "account", "chatExternalId", "userExternalId", "text", "mentions",
    "replyTo", "inReplyTo", "ticketId", "imagePath", "imageMime", "noticeId", "notBefore", "createdAt", "status",
    "attempts") VALUES ${tuples(15, rows, { tail: "'pending', 0" })}`;

const outboxValues = (r: OutboxInsert) => [
  r.dedupeKey,
  r.platform,
  r.account,
  r.chatExternalId,
  r.userExternalId,
  r.text,
  r.mentions,
  r.replyTo,
  r.inReplyTo,
  r.ticketId,
  r.imagePath,
  r.imageMime,
  r.noticeId,
  r.notBefore,
  r.createdAt,
];

export async function insertOutbox(tx: Raw, rows: OutboxInsert[]): Promise<void> {
  if (!rows.length) return;
  if ((await writeDirect(tx, outboxInsert(rows.length), rows.flatMap(outboxValues))) !== undefined) return;
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

const INBOUND_INSERT = `INSERT INTO "InboundMessage" ("dedupeKey", "chatId", "identityId", "text", "intent", "outcome",
  "ticketId", "receivedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Records an inbound message with the replies it queued (outbox rows, written first); fails on the
 * unique dedupe key when the message was recorded before. One statement on PostgreSQL.
 */
export async function insertInbound(tx: Raw, m: InboundInsert, replies: OutboxInsert[] = []): Promise<void> {
  const values = [m.dedupeKey, m.chatId, m.identityId, m.text, m.intent, m.outcome, m.ticketId, m.receivedAt];
  if (onPg(tx) && replies.length) {
    await queryDirectPg(tx, `WITH o AS (${outboxInsert(replies.length)}) ${INBOUND_INSERT}`, [
      ...replies.flatMap(outboxValues),
      ...values,
    ]);
    return;
  }
  await insertOutbox(tx, replies);
  if ((await writeDirect(tx, INBOUND_INSERT, values)) !== undefined) return;
  await tx.$executeRaw`
    INSERT INTO "InboundMessage" ("dedupeKey", "chatId", "identityId", "text", "intent", "outcome", "ticketId", "receivedAt")
    VALUES (${m.dedupeKey}, ${m.chatId}, ${m.identityId}, ${m.text}, ${m.intent}, ${m.outcome}, ${m.ticketId}, ${m.receivedAt})`;
}

/** `(?, …, ?)` tuples for a multi-row VALUES, each opening with `head` and ending with `tail` when given. */
function tuples(columns: number, rows: number, extra: { head?: string; tail?: string } = {}): string {
  const cells = [
    ...(extra.head ? [extra.head] : []),
    ...Array.from({ length: columns }, () => '?'),
    ...(extra.tail ? [extra.tail] : []),
  ];
  const one = `(${cells.join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
}

/** Makes `identityId` a follower of the ticket; nothing when they follow it already. */
export async function insertFollower(tx: Raw, ticketId: number, identityId: number, at: Date): Promise<void> {
  const sql = `INSERT INTO "TicketFollower" ("ticketId", "identityId", "createdAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING`;
  if ((await writeDirect(tx, sql, [ticketId, identityId, at])) !== undefined) return;
  await tx.$executeRaw`
    INSERT INTO "TicketFollower" ("ticketId", "identityId", "createdAt") VALUES (${ticketId}, ${identityId}, ${at})
    ON CONFLICT DO NOTHING`;
}
