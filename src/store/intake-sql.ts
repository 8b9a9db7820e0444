/**
 * The reads every report pays for, as plain SQL run inside the caller's Prisma transaction: on the
 * transaction's driver connection when it has one (`intake-tx.ts`), else through `$queryRaw`.
 * Prisma's model API costs two to four times more per statement than a raw statement on the same
 * connection (measured: insert 300 µs vs 130 µs); a report needs these on every message, so they
 * are written once here, in SQL that SQLite and PostgreSQL both accept, and `ticketsAround` reads
 * all three lists a report decides with in one statement. The writes are in `intake-writes.ts`.
 * See docs/decisions/0004-intake-throughput.md and 0010-performance.md.
 */
import { Prisma as P, type Ticket } from './generated/sqlite/client.js';
import { queryDirectPg, type Raw, readDirect, sqliteDate, sqliteOf } from './intake-tx.js';

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

const TICKET_SELECT = TICKET_COLUMNS.map((c) => `t."${c}"`).join(', ');
const HANDLED = ['resolved', 'closed'];
/**
 * Rows a query may return before JavaScript orders them newest first and keeps `limit`. SQLite
 * answers `ORDER BY … LIMIT ?` over an `IN (…)` filter through a sorter that cost ≈ 200 µs a
 * statement however few rows matched (the same query without the limit: ≈ 15 µs), so the
 * statements below order nothing and stop at this cap; their date bounds keep the rows few. The
 * cap is written into the SQL as a number, not bound: SQLite took 25–30 µs longer a statement
 * with `LIMIT ?` (2026-12-03, reporter half: 36 µs against 9 µs).
 */
const cap = (limit: number) => Math.max(1, Math.floor(limit)) * 10;
/** Newest first, each ticket once (a reporter may also follow their own ticket), at most `limit`. */
const newestFirst = (rows: Ticket[], limit: number) =>
  [...new Map(rows.map((t) => [t.id, t])).values()].sort((a, b) => b.id - a.id).slice(0, limit);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** One query of tickets: SQL selecting `part` then {@link TICKET_SELECT}, with `?` placeholders. */
interface Query {
  sql: string;
  args: unknown[];
}

/**
 * Tickets one identity reported or follows, open or handled since `since`: by the reporter index
 * and the follower rows, not a scan. `status || ''` keeps SQLite's planner off the status
 * indexes, which it chose without statistics and then read every open ticket (≈ 270 µs a
 * report with 1,300 open tickets, and growing with them).
 */
const ownQuery = (identityId: number, open: readonly string[], since: Date, limit: number, part = 0): Query[] => {
  const live = `(t."status" || '' IN (${marks(open.length)}) OR (t."status" || '' IN (?, ?) AND t."updatedAt" >= ?))`;
  const args = [...open, ...HANDLED, since];
  // Two indexed halves, not `id IN (reported UNION followed)`: a third of the time on SQLite.
  return [
    {
      sql: `SELECT ${part} AS "part", ${TICKET_SELECT} FROM "Ticket" t WHERE t."reporterId" = ? AND ${live} LIMIT ${cap(limit)}`,
      args: [identityId, ...args],
    },
    {
      sql: `SELECT ${part} AS "part", ${TICKET_SELECT} FROM "TicketFollower" f JOIN "Ticket" t ON t."id" = f."ticketId"
      WHERE f."identityId" = ? AND ${live} LIMIT ${cap(limit)}`,
      args: [identityId, ...args],
    },
  ];
};

/** Tickets of one place handled since `since`. */
const handledQuery = (placeId: number, since: Date, limit: number, part = 0): Query => ({
  sql: `SELECT ${part} AS "part", ${TICKET_SELECT} FROM "Ticket" t WHERE t."placeId" = ? AND t."status" IN (?, ?)
    AND t."updatedAt" >= ? LIMIT ${cap(limit)}`,
  args: [placeId, ...HANDLED, since],
});

/** Tickets of one place in `statuses` created since `since`. */
const atQuery = (placeId: number, statuses: readonly string[], since: Date, limit: number, part = 0): Query => ({
  sql: `SELECT ${part} AS "part", ${TICKET_SELECT} FROM "Ticket" t WHERE t."placeId" = ?
    AND t."status" IN (${marks(statuses.length)}) AND t."createdAt" >= ? LIMIT ${cap(limit)}`,
  args: [placeId, ...statuses, since],
});

/**
 * Several queries, each with its own limit: one statement on PostgreSQL (one round trip); one
 * prepared statement each on SQLite, where the same UNION ALL of limited subqueries cost 2.7 times
 * the sum of its parts (275 µs against 104 µs a report, 2026-12-03: SQLite materialises each one).
 */
async function readTickets(tx: Raw, queries: Query[]): Promise<{ part: number; ticket: Ticket }[]> {
  const sqlite = sqliteOf(tx);
  if (sqlite) {
    return queries.flatMap((q) => {
      const rows = sqlite
        .prepare(q.sql)
        .bind(q.args.map((a) => (a instanceof Date ? sqliteDate(a) : a)))
        .raw()
        .all() as unknown[][];
      return rows.map((values) => ({ part: Number(values[0]), ticket: sqliteTicket(values.slice(1)) }));
    });
  }
  const sql =
    queries.length === 1 ? queries[0].sql : queries.map((q, i) => `SELECT * FROM (${q.sql}) q${i}`).join(' UNION ALL ');
  const args = queries.flatMap((q) => q.args);
  const rows =
    (await queryDirectPg(tx, sql, args)) ??
    (await tx.$queryRaw<Record<string, unknown>[]>(new P.Sql(sql.split('?'), args as P.Sql['values'])));
  return rows.map(({ part, ...row }) => ({ part: Number(part), ticket: pgTicket(row) }));
}

const tickets = async (tx: Raw, q: Query | Query[], limit: number) =>
  newestFirst(
    (await readTickets(tx, Array.isArray(q) ? q : [q])).map((r) => r.ticket),
    limit,
  );

/** Open tickets of one place since a time, newest first: the duplicate candidates. */
export function openTicketsAt(
  tx: Raw,
  placeId: number,
  statuses: readonly string[],
  since: Date,
  limit: number,
): Promise<Ticket[]> {
  return tickets(tx, atQuery(placeId, statuses, since, limit), limit);
}

/**
 * Tickets one identity reported or follows that are open, or were handled since `since`: newest
 * first, at most `limit`. Found through the reporter index and the follower rows, not by
 * scanning every ticket (the model API's OR with a relation filter scans).
 */
export function ownTicketsOf(
  tx: Raw,
  identityId: number,
  open: readonly string[],
  since: Date,
  limit: number,
): Promise<Ticket[]> {
  return tickets(tx, ownQuery(identityId, open, since, limit), limit);
}

/** Tickets of one place handled (resolved or closed) since `since`, newest first, at most `limit`. */
export function handledTicketsAt(tx: Raw, placeId: number, since: Date, limit: number): Promise<Ticket[]> {
  return tickets(tx, handledQuery(placeId, since, limit), limit);
}

/** Tickets handled since `since` at a place or below it (by its materialised path), newest first. */
export function handledTicketsUnder(tx: Raw, path: string, since: Date, limit: number): Promise<Ticket[]> {
  return tickets(
    tx,
    {
      sql: `SELECT 0 AS "part", ${TICKET_SELECT} FROM "Ticket" t JOIN "Place" p ON p."id" = t."placeId"
        WHERE p."path" LIKE ? AND t."status" IN (?, ?) AND t."updatedAt" >= ? LIMIT ${cap(limit)}`,
      args: [`${path}%`, ...HANDLED, since],
    },
    limit,
  );
}

/** What a report at a place is decided with (see `sameProblem` in `bot/handlers/same-problem.ts`). */
export interface Around {
  /** {@link ownTicketsOf} the reporter since `ownSince`. */
  own: Ticket[];
  /** {@link handledTicketsAt} the place since `handledSince`. */
  handled: Ticket[];
  /** {@link openTicketsAt} the place since `openSince`: the duplicate candidates. */
  open: Ticket[];
}

/** The three lists a report needs, in one read (each at most `limit`, newest first). */
export async function ticketsAround(
  tx: Raw,
  q: {
    identityId: number;
    placeId: number;
    open: readonly string[];
    ownSince: Date;
    handledSince: Date;
    openSince: Date;
    limit: number;
  },
): Promise<Around> {
  const rows = await readTickets(tx, [
    ...ownQuery(q.identityId, q.open, q.ownSince, q.limit, 0),
    handledQuery(q.placeId, q.handledSince, q.limit, 1),
    atQuery(q.placeId, q.open, q.openSince, q.limit, 2),
  ]);
  const part = (n: number) =>
    newestFirst(
      rows.filter((r) => r.part === n).map((r) => r.ticket),
      q.limit,
    );
  return { own: part(0), handled: part(1), open: part(2) };
}

/**
 * Urgent tickets in `statuses` at a place or below it (by its materialised path), created since
 * `since`: the emergencies a new urgent report may join, oldest first, at most `limit`.
 */
export async function urgentUnder(
  tx: Raw,
  path: string,
  statuses: readonly string[],
  since: Date,
  limit: number,
): Promise<Ticket[]> {
  const rows = await readTickets(tx, [
    {
      sql: `SELECT 0 AS "part", ${TICKET_SELECT} FROM "Ticket" t JOIN "Place" p ON p."id" = t."placeId"
      WHERE p."path" LIKE ? AND t."urgent" AND t."status" IN (${marks(statuses.length)}) AND t."createdAt" >= ? LIMIT ${cap(limit)}`,
      args: [`${path}%`, ...statuses, since],
    },
  ]);
  return rows
    .map((r) => r.ticket)
    .sort((a, b) => a.id - b.id)
    .slice(0, limit);
}

/**
 * How many people besides its reporter follow a ticket, and whether `identityId` is one of them,
 * in one statement; undefined when the caller must use the model API.
 */
export async function followersCount(
  tx: Raw,
  ticketId: number,
  reporterId: number,
  identityId: number,
): Promise<{ others: number; follows: boolean } | undefined> {
  const rows = await readDirect(
    tx,
    `SELECT COUNT(*) AS "n", COALESCE(SUM(CASE WHEN "identityId" = ? THEN 1 ELSE 0 END), 0) AS "mine"
      FROM "TicketFollower" WHERE "ticketId" = ? AND "identityId" <> ?`,
    [identityId, ticketId, reporterId],
    ['n', 'mine'],
  );
  if (!rows) return undefined;
  return { others: Number(rows[0].n), follows: Number(rows[0].mine) > 0 };
}
