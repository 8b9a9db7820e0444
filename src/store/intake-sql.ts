/**
 * The writes and reads that every inbound message pays for, as plain SQL run inside the caller's
 * Prisma transaction. Prisma's model API costs two to four times more per statement than a raw
 * statement on the same connection (measured: insert 300 µs vs 130 µs, createMany of one row
 * 520 µs); intake does these on every message, so they are written once here, in SQL that
 * SQLite and PostgreSQL both accept (quoted identifiers, bound parameters, RETURNING).
 * See docs/decisions/0004-intake-throughput.md.
 */
import { createHash } from 'node:crypto';
import { Prisma as P, type Ticket } from './generated/sqlite/client.js';
import type { Database, Db, PgClaim, Prisma, SqliteConnection } from './client.js';
import { storable } from './storable.js';

type Raw = Pick<Prisma, '$executeRaw' | '$queryRaw'>;

/**
 * Transactions opened by {@link intakeTransaction} on SQLite, with the connection they run on.
 * Statements of this module given such a transaction run on the connection directly: the same
 * SQLite transaction (the adapter has one connection and holds it for the transaction), prepared
 * once, without Prisma's per-statement cost (≈ 130 µs against ≈ 10 µs).
 */
const direct = new WeakMap<object, SqliteConnection>();

/** The connection a transaction runs on, when statements may go to it directly. */
const sqliteOf = (tx: object): SqliteConnection | undefined => direct.get(tx);

/**
 * PostgreSQL transactions opened by {@link intakeTransaction}, with the pool client they run on
 * (found when Prisma's adapter takes it from the pool, see `Database.pgClaims`).
 */
const directPg = new WeakMap<object, { client: PgClient; types: PgClaim['types'] }>();

/** A pool client of `pg`, as far as this module uses it. */
interface PgClient {
  query(q: {
    name: string;
    text: string;
    values: unknown[];
    types?: PgClaim['types'];
  }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`, and a statement name for the text (prepared once per connection). */
const pgStatements = new Map<string, { name: string; text: string }>();
function pgStatement(sql: string, returningId: boolean): { name: string; text: string } {
  const key = returningId ? `${sql}\u0000id` : sql;
  let st = pgStatements.get(key);
  if (!st) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`) + (returningId ? ' RETURNING "id"' : '');
    st = { name: `i${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`, text };
    if (pgStatements.size < 1000) pgStatements.set(key, st);
  }
  return st;
}

/**
 * Runs a write on the transaction's driver connection when it has one: SQLite synchronously,
 * PostgreSQL as a named statement on the pool client. Returns undefined when the caller must use
 * Prisma, else the new row's id (when asked) or null.
 */
async function writeDirect(
  tx: object,
  sql: string,
  args: unknown[],
  returningId = false,
): Promise<number | null | undefined> {
  const sqlite = sqliteOf(tx);
  if (sqlite) {
    // Strings pass through storable() as they do in the adapter (docs/decisions/0009-nothing-lost.md).
    const values = args.map((a) =>
      a instanceof Date
        ? sqliteDate(a)
        : typeof a === 'boolean'
          ? sqliteBool(a)
          : typeof a === 'string'
            ? storable(a)
            : a,
    );
    const result = sqlite.prepare(sql).bind(values).run();
    return returningId ? Number(result.lastInsertRowid) : null;
  }
  const pg = directPg.get(tx);
  if (!pg) return undefined;
  const values = args.map((a) => (a instanceof Date ? pgDate(a) : typeof a === 'string' ? storable(a) : a));
  const { rows } = await pg.client.query({ ...pgStatement(sql, returningId), values });
  return returningId ? Number(rows[0].id) : null;
}

/** A read on the transaction's PostgreSQL pool client when it has one (`?` placeholders), else undefined. */
async function readDirectPg(tx: object, sql: string, args: unknown[]): Promise<Record<string, unknown>[] | undefined> {
  const pg = directPg.get(tx);
  if (!pg) return undefined;
  const values = args.map((a) => (a instanceof Date ? pgDate(a) : typeof a === 'string' ? storable(a) : a));
  const { rows } = await pg.client.query({ ...pgStatement(sql, false), values, types: pg.types });
  return rows;
}

/** Prisma's PostgreSQL representation of a date: UTC, without a zone (columns are `timestamp(3)`). */
const pgDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** Prisma's SQLite representation of a date (the adapter's default, ISO 8601 with an offset). */
const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');
const sqliteBool = (b: boolean) => (b ? 1 : 0);

/**
 * Runs one message's intake in a transaction: Prisma's interactive transaction, with this
 * module's statements on the driver directly where the database allows it (SQLite).
 *
 * On SQLite, messages that arrive while a transaction is running are committed together
 * (group commit): the next transaction runs each waiting message in turn, each inside its own
 * savepoint, so a message that fails rolls back only its own effects and is reported to its
 * caller alone; the others commit with one COMMIT. The connection is one and serial anyway,
 * so nothing runs later than it would have; a COMMIT (≈ 0.3–0.8 ms, the WAL write) is paid
 * once per group instead of once per message. Messages run in arrival order, so replies to a
 * chat are queued in the order its messages came.
 */
export async function intakeTransaction<T>(
  db: Database,
  work: (tx: Db) => Promise<T>,
  options: { timeout: number; maxWait: number },
): Promise<T> {
  if (!db.sqlite) {
    if (!db.pgClaims) return db.prisma.$transaction((tx) => work(tx), options);
    const claim: PgClaim = {};
    return db.pgClaims.run(claim, () =>
      db.prisma.$transaction((tx) => {
        if (claim.client) directPg.set(tx, { client: claim.client as PgClient, types: claim.types });
        return work(tx);
      }, options),
    );
  }
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new GroupCommit(db, options)));
  return group.run(work as (tx: Db) => Promise<unknown>) as Promise<T>;
}

/** Most messages in one group: bounds how long the first of them waits for its commit. */
const GROUP_MAX = 32;

const groups = new WeakMap<Database, GroupCommit>();

interface Waiting {
  work: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class GroupCommit {
  private readonly queue: Waiting[] = [];
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly options: { timeout: number; maxWait: number },
  ) {}

  run(work: (tx: Db) => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) await this.commit(this.queue.splice(0, GROUP_MAX));
    } finally {
      this.running = false;
    }
  }

  /** One transaction for the group; each message settles only after the COMMIT. */
  private async commit(group: Waiting[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.prisma.$transaction(async (tx) => {
        const connection = this.db.sqlite!;
        direct.set(tx, connection);
        if (group.length === 1) {
          // Alone: a failure rolls the whole transaction back.
          outcomes.push({ ok: true, value: await group[0].work(tx) });
          return;
        }
        for (const { work } of group) {
          connection.prepare('SAVEPOINT intake').run();
          try {
            const value = await work(tx);
            connection.prepare('RELEASE intake').run();
            outcomes.push({ ok: true, value });
          } catch (error) {
            connection.prepare('ROLLBACK TO intake').run();
            connection.prepare('RELEASE intake').run();
            outcomes.push({ ok: false, error });
          }
        }
      }, this.options);
    } catch (error) {
      // The transaction itself failed (or the one message alone): nothing of the group is committed.
      for (const w of group) w.reject(error);
      return;
    }
    group.forEach((w, i) => {
      const o = outcomes[i];
      if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  }
}

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
  const id = await writeDirect(
    tx,
    `INSERT INTO "Ticket" ("status", "category", "urgent", "mustReport", "text", "building", "unit", "room", "placeId",
          "chatId", "reporterId", "assigneeId", "relatedToId", "escalationLevel", "ackDueAt", "resolveDueAt", "createdAt",
          "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    [
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
    ],
    true,
  );
  if (typeof id === 'number') return id;
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
  if (
    (await writeDirect(
      tx,
      `INSERT INTO "TicketEvent" ("ticketId", "kind", "actorId", "fromStatus", "toStatus", "note", "data", "at") VALUES ${tuples(8, events.length)}`,
      events.flatMap((e) => [e.ticketId, e.kind, e.actorId, e.fromStatus, e.toStatus, e.note, e.data, e.at]),
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

export async function insertOutbox(tx: Raw, rows: OutboxInsert[]): Promise<void> {
  if (!rows.length) return;
  if (
    (await writeDirect(
      tx,
      `INSERT INTO "Outbox" ("dedupeKey", "platform", "account", "chatExternalId", "userExternalId", "text", "mentions",
          "replyTo", "inReplyTo", "ticketId", "imagePath", "imageMime", "noticeId", "notBefore", "createdAt", "status",
          "attempts") VALUES ${tuples(15, rows.length, "'pending', 0")}`,
      rows.flatMap((r) => [
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
      ]),
    )) !== undefined
  )
    return;
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
  if (
    (await writeDirect(
      tx,
      `INSERT INTO "InboundMessage" ("dedupeKey", "chatId", "identityId", "text", "intent", "outcome", "ticketId", "receivedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.dedupeKey, m.chatId, m.identityId, m.text, m.intent, m.outcome, m.ticketId, m.receivedAt],
    )) !== undefined
  )
    return;
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
  const sqlite = sqliteOf(tx);
  if (sqlite) {
    const rows = sqlite
      .prepare(
        `SELECT "id", "status", "text", "category", "reporterId" FROM "Ticket"
        WHERE "placeId" = ? AND "status" IN (${statuses.map(() => '?').join(', ')}) AND "createdAt" >= ? ORDER BY "id" DESC LIMIT ?`,
      )
      .bind([placeId, ...statuses, sqliteDate(since), limit])
      .raw()
      .all() as [bigint, string, string, string, bigint][];
    return rows.map(([id, status, text, category, reporterId]) => ({
      id: Number(id),
      status,
      text,
      category,
      reporterId: Number(reporterId),
    }));
  }
  const pgRows = await readDirectPg(
    tx,
    `SELECT "id", "status", "text", "category", "reporterId" FROM "Ticket"
        WHERE "placeId" = ? AND "status" IN (${statuses.map(() => '?').join(', ')}) AND "createdAt" >= ? ORDER BY "id" DESC LIMIT ?`,
    [placeId, ...statuses, since, limit],
  );
  if (pgRows)
    return pgRows.map((r) => ({
      id: Number(r.id),
      status: r.status as string,
      text: r.text as string,
      category: r.category as string,
      reporterId: Number(r.reporterId),
    }));
  const rows = await tx.$queryRaw<{ id: number; status: string; text: string; category: string; reporterId: number }[]>`
    SELECT "id", "status", "text", "category", "reporterId" FROM "Ticket"
    WHERE "placeId" = ${placeId} AND "status" IN (${P.join(statuses)}) AND "createdAt" >= ${since}
    ORDER BY "id" DESC LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, id: Number(r.id), reporterId: Number(r.reporterId) }));
}

/** `(?, …, ?)` tuples for a multi-row VALUES, each ending with `tail` when given. */
function tuples(columns: number, rows: number, tail?: string): string {
  const one = `(${Array.from({ length: columns }, () => '?').join(', ')}${tail ? `, ${tail}` : ''})`;
  return Array.from({ length: rows }, () => one).join(', ');
}

/** The ticket columns in the order the reads below select them. */
const TICKET_COLUMNS = [
  'id',
  'status',
  'category',
  'urgent',
  'mustReport',
  'text',
  'building',
  'unit',
  'room',
  'placeId',
  'chatId',
  'reporterId',
  'assigneeId',
  'escalationLevel',
  'ackDueAt',
  'resolveDueAt',
  'acknowledgedAt',
  'resolvedAt',
  'closedAt',
  'followupDueAt',
  'followupRemindedAt',
  'satisfied',
  'mergedIntoId',
  'chaseCount',
  'lastNudgeAt',
  'relapseCount',
  'relatedToId',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Ticket)[];
const DATE_COLUMNS = new Set<string>([
  'ackDueAt',
  'resolveDueAt',
  'acknowledgedAt',
  'resolvedAt',
  'closedAt',
  'followupDueAt',
  'followupRemindedAt',
  'lastNudgeAt',
  'createdAt',
  'updatedAt',
]);
const BOOL_COLUMNS = new Set<string>(['urgent', 'satisfied']);
const TICKET_SELECT = TICKET_COLUMNS.map((c) => `t."${c}"`).join(', ');

/** A ticket row as the model API would return it, from SQLite's raw values. */
function sqliteTicket(values: unknown[]): Ticket {
  const row: Record<string, unknown> = {};
  TICKET_COLUMNS.forEach((column, i) => {
    const v = values[i];
    row[column] =
      v === null || v === undefined
        ? null
        : typeof v === 'bigint'
          ? BOOL_COLUMNS.has(column)
            ? v !== 0n
            : Number(v)
          : DATE_COLUMNS.has(column)
            ? new Date(v as string)
            : v;
  });
  return row as unknown as Ticket;
}

/** A ticket row from PostgreSQL through `$queryRaw` (already typed), with ids as numbers. */
function pgTicket(row: Record<string, unknown>): Ticket {
  for (const c of TICKET_COLUMNS) if (typeof row[c] === 'bigint') row[c] = Number(row[c]);
  return row as unknown as Ticket;
}

const HANDLED = ['resolved', 'closed'];

/**
 * Tickets one identity reported or follows that are open, or were handled since `since`: newest
 * first, at most `limit`. Found through the reporter index and the follower rows, not by
 * scanning every ticket (the model API's OR with a relation filter scans).
 */
export async function ownTicketsOf(
  tx: Raw,
  identityId: number,
  open: readonly string[],
  since: Date,
  limit: number,
): Promise<Ticket[]> {
  const sqlite = sqliteOf(tx);
  if (sqlite) {
    const rows = sqlite
      .prepare(
        `SELECT ${TICKET_SELECT} FROM "Ticket" t WHERE t."id" IN (
          SELECT "id" FROM "Ticket" WHERE "reporterId" = ? UNION SELECT "ticketId" FROM "TicketFollower" WHERE "identityId" = ?)
        AND (t."status" IN (${open.map(() => '?').join(', ')}) OR (t."status" IN (?, ?) AND t."updatedAt" >= ?))
        ORDER BY t."id" DESC LIMIT ?`,
      )
      .bind([identityId, identityId, ...open, ...HANDLED, sqliteDate(since), limit])
      .raw()
      .all() as unknown[][];
    return rows.map(sqliteTicket);
  }
  const pgRows = await readDirectPg(
    tx,
    `SELECT ${TICKET_SELECT} FROM "Ticket" t WHERE t."id" IN (
          SELECT "id" FROM "Ticket" WHERE "reporterId" = ? UNION SELECT "ticketId" FROM "TicketFollower" WHERE "identityId" = ?)
        AND (t."status" IN (${open.map(() => '?').join(', ')}) OR (t."status" IN (?, ?) AND t."updatedAt" >= ?))
        ORDER BY t."id" DESC LIMIT ?`,
    [identityId, identityId, ...open, ...HANDLED, since, limit],
  );
  if (pgRows) return pgRows.map(pgTicket);
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT ${P.raw(TICKET_SELECT)} FROM "Ticket" t WHERE t."id" IN (
      SELECT "id" FROM "Ticket" WHERE "reporterId" = ${identityId}
      UNION SELECT "ticketId" FROM "TicketFollower" WHERE "identityId" = ${identityId})
    AND (t."status" IN (${P.join([...open])}) OR (t."status" IN (${P.join(HANDLED)}) AND t."updatedAt" >= ${since}))
    ORDER BY t."id" DESC LIMIT ${limit}`;
  return rows.map(pgTicket);
}

/** Tickets of one place handled (resolved or closed) since `since`, newest first, at most `limit`. */
export async function handledTicketsAt(tx: Raw, placeId: number, since: Date, limit: number): Promise<Ticket[]> {
  const sqlite = sqliteOf(tx);
  if (sqlite) {
    const rows = sqlite
      .prepare(
        `SELECT ${TICKET_SELECT} FROM "Ticket" t WHERE t."placeId" = ? AND t."status" IN (?, ?) AND t."updatedAt" >= ?
        ORDER BY t."id" DESC LIMIT ?`,
      )
      .bind([placeId, ...HANDLED, sqliteDate(since), limit])
      .raw()
      .all() as unknown[][];
    return rows.map(sqliteTicket);
  }
  const pgRows = await readDirectPg(
    tx,
    `SELECT ${TICKET_SELECT} FROM "Ticket" t WHERE t."placeId" = ? AND t."status" IN (?, ?) AND t."updatedAt" >= ?
        ORDER BY t."id" DESC LIMIT ?`,
    [placeId, ...HANDLED, since, limit],
  );
  if (pgRows) return pgRows.map(pgTicket);
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT ${P.raw(TICKET_SELECT)} FROM "Ticket" t WHERE t."placeId" = ${placeId} AND t."status" IN (${P.join(HANDLED)})
      AND t."updatedAt" >= ${since}
    ORDER BY t."id" DESC LIMIT ${limit}`;
  return rows.map(pgTicket);
}
