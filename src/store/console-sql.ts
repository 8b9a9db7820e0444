/**
 * The rows behind the console's statistics, as plain SQL that SQLite and PostgreSQL both accept.
 * A month of a community is thousands of tickets; the client's model API spends most of its time
 * turning each row's five timestamps into objects (measured: 8,000 rows in 160–250 ms against
 * 35 ms for the statement itself), so times come back as epoch milliseconds here.
 */
import { Prisma as P } from './generated/sqlite/client.js';
import type { Prisma } from './client.js';

type Raw = Pick<Prisma, '$queryRaw'>;

/** A ticket reported in the window, with what the statistics need; times in epoch ms. */
export interface WindowRow {
  placeId: number | null;
  assigneeId: number | null;
  mustReport: string | null;
  category: string;
  createdAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  ackDueAt: number | null;
  resolveDueAt: number | null;
  satisfied: boolean | null;
  chaseCount: number;
  relapseCount: number;
}

/** SQLite returns the stored text, PostgreSQL a Date. */
const ms = (v: unknown): number | null => (v == null ? null : v instanceof Date ? v.getTime() : Date.parse(String(v)));
const int = (v: unknown): number | null => (v == null ? null : Number(v));

/** Tickets reported since `from` (optionally of one category), read through the createdAt index. */
export async function ticketsReportedSince(db: Raw, from: Date, category?: string): Promise<WindowRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "placeId", "assigneeId", "mustReport", "category", "createdAt", "acknowledgedAt", "resolvedAt",
      "ackDueAt", "resolveDueAt", "satisfied", "chaseCount", "relapseCount"
    FROM "Ticket" WHERE "createdAt" >= ${from} ${category ? P.sql`AND "category" = ${category}` : P.empty}`;
  return rows.map((r) => ({
    placeId: int(r.placeId),
    assigneeId: int(r.assigneeId),
    mustReport: (r.mustReport as string | null) ?? null,
    category: String(r.category),
    createdAt: ms(r.createdAt) ?? 0,
    acknowledgedAt: ms(r.acknowledgedAt),
    resolvedAt: ms(r.resolvedAt),
    ackDueAt: ms(r.ackDueAt),
    resolveDueAt: ms(r.resolveDueAt),
    satisfied: r.satisfied == null ? null : r.satisfied === true || Number(r.satisfied) === 1,
    chaseCount: Number(r.chaseCount ?? 0),
    relapseCount: Number(r.relapseCount ?? 0),
  }));
}

/** Tickets resolved since `from`: when, and what decides who may see them. */
export async function ticketsResolvedSince(
  db: Raw,
  from: Date,
  category?: string,
): Promise<{ placeId: number | null; assigneeId: number | null; mustReport: string | null; resolvedAt: number }[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "placeId", "assigneeId", "mustReport", "resolvedAt" FROM "Ticket"
    WHERE "resolvedAt" >= ${from} ${category ? P.sql`AND "category" = ${category}` : P.empty}`;
  return rows.map((r) => ({
    placeId: int(r.placeId),
    assigneeId: int(r.assigneeId),
    mustReport: (r.mustReport as string | null) ?? null,
    resolvedAt: ms(r.resolvedAt) ?? 0,
  }));
}
