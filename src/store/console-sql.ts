/**
 * The aggregates behind the console's statistics, computed by the database: a quarter of a
 * community is tens of thousands of tickets, and handing each one to JavaScript through the
 * client costs far more than the figures (measured with 25,000 rows: 140–280 ms to read them
 * against 5–30 ms for these statements). Each statement returns at most a few hundred rows.
 * Durations and hour buckets need date arithmetic, which is the one thing SQLite and PostgreSQL
 * spell differently; everything else is shared SQL.
 */
import { Prisma as P } from './generated/sqlite/client.js';
import type { Db } from './client.js';

type Sql = ReturnType<typeof P.sql>;

/** Which tickets count: the window, a category, and who may see them (decided by the caller). */
export interface StatsWhere {
  from: Date;
  category?: string;
  /** Place ids the reader may see; null: every place and tickets without one. */
  places: number[] | null;
  /** Must-report kinds shown only to `person` as assignee and in `senior` places. */
  sensitive: string[];
  person: number | null;
  senior: number[];
}

const isPg = (db: Db) => (db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql';

/** Hours between two timestamp expressions. */
const hours = (db: Db, later: Sql, earlier: Sql): Sql =>
  isPg(db)
    ? P.sql`(EXTRACT(EPOCH FROM (${later} - ${earlier})) / 3600.0)`
    : P.sql`((julianday(${later}) - julianday(${earlier})) * 24.0)`;

const ids = (list: number[]) => P.raw(list.length ? list.map((n) => Math.trunc(n)).join(',') : 'NULL');

/**
 * The WHERE clause. `+"placeId"` keeps the place index out of the plan: with a list of places
 * SQLite would read every ticket of them instead of the window through the time index.
 */
function where(w: StatsWhere, time: Sql): Sql {
  const parts: Sql[] = [P.sql`${time} >= ${w.from}`];
  if (w.category) parts.push(P.sql`t."category" = ${w.category}`);
  if (w.places) parts.push(P.sql`+t."placeId" IN (${ids(w.places)})`);
  const kinds = P.join(w.sensitive.map((k) => P.sql`${k}`));
  parts.push(
    P.sql`(t."mustReport" IS NULL OR t."mustReport" NOT IN (${kinds}) OR t."assigneeId" = ${w.person ?? -1} OR +t."placeId" IN (${ids(w.senior)}))`,
  );
  return P.join(parts, ' AND ');
}

/** Per place and assignee: counts, on-time acknowledgements and resolutions, satisfaction, chases, relapses. */
export async function groupFigures(db: Db, w: StatsWhere) {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT t."placeId" AS p, t."assigneeId" AS a, COUNT(*) AS n,
      SUM(CASE WHEN t."acknowledgedAt" IS NOT NULL THEN 1 ELSE 0 END) AS acked,
      SUM(CASE WHEN t."acknowledgedAt" IS NOT NULL AND (t."ackDueAt" IS NULL OR t."acknowledgedAt" <= t."ackDueAt") THEN 1 ELSE 0 END) AS "ackOn",
      SUM(CASE WHEN t."resolvedAt" IS NOT NULL THEN 1 ELSE 0 END) AS resolved,
      SUM(CASE WHEN t."resolvedAt" IS NOT NULL AND (t."resolveDueAt" IS NULL OR t."resolvedAt" <= t."resolveDueAt") THEN 1 ELSE 0 END) AS "resOn",
      SUM(CASE WHEN t."satisfied" = TRUE THEN 1 ELSE 0 END) AS yes,
      SUM(CASE WHEN t."satisfied" IS NOT NULL THEN 1 ELSE 0 END) AS answered,
      SUM(t."chaseCount") AS chases, SUM(t."relapseCount") AS relapses
    FROM "Ticket" t WHERE ${where(w, P.sql`t."createdAt"`)}
    GROUP BY t."placeId", t."assigneeId"`;
  const num = (v: unknown) => Number(v ?? 0);
  return rows.map((r) => ({
    placeId: r.p == null ? null : Number(r.p),
    assigneeId: r.a == null ? null : Number(r.a),
    count: num(r.n),
    acked: num(r.acked),
    ackOn: num(r.ackOn),
    resolved: num(r.resolved),
    resOn: num(r.resOn),
    yes: num(r.yes),
    answered: num(r.answered),
    chases: num(r.chases),
    relapses: num(r.relapses),
  }));
}
export type GroupFigures = Awaited<ReturnType<typeof groupFigures>>[number];

/** Reports per category. */
export async function categoryCounts(db: Db, w: StatsWhere): Promise<[string, number][]> {
  const rows = await db.$queryRaw<{ c: string; n: unknown }[]>`
    SELECT t."category" AS c, COUNT(*) AS n FROM "Ticket" t WHERE ${where(w, P.sql`t."createdAt"`)} GROUP BY t."category"`;
  return rows.map((r) => [r.c, Number(r.n)]);
}

/** Reports (or resolutions) per hour since `w.from`: hour index → count. */
export async function hourlyCounts(
  db: Db,
  w: StatsWhere,
  column: 'createdAt' | 'resolvedAt',
): Promise<Map<number, number>> {
  const time = column === 'createdAt' ? P.sql`t."createdAt"` : P.sql`t."resolvedAt"`;
  const since = hours(db, time, P.sql`${w.from}`);
  // Never negative (the window starts at `from`), so SQLite's truncating cast is a floor.
  const hour = isPg(db) ? P.sql`FLOOR(${since})` : P.sql`CAST(${since} AS INTEGER)`;
  const rows = await db.$queryRaw<{ h: unknown; n: unknown }[]>`
    SELECT ${hour} AS h, COUNT(*) AS n FROM "Ticket" t WHERE ${where(w, time)} GROUP BY 1`;
  return new Map(rows.map((r) => [Number(r.h), Number(r.n)]));
}

/**
 * How long tickets took to be acknowledged (or resolved), as a histogram per building and
 * assignee: hours rounded to 0.1 below ten hours and to whole hours above, the precision the
 * console shows, so percentiles taken from it are the ones a list of every duration would give
 * at that precision. `buildingOf` maps place ids to their building.
 */
export async function durationHistogram(
  db: Db,
  w: StatsWhere,
  buildingOf: Map<number, number>,
  kind: 'ack' | 'resolve',
): Promise<{ building: number | null; assigneeId: number | null; hours: number; n: number }[]> {
  const map = [...buildingOf.entries()];
  const building = map.length
    ? P.sql`CASE t."placeId" ${P.join(
        map.map(([p, b]) => P.sql`WHEN ${P.raw(String(Math.trunc(p)))} THEN ${P.raw(String(Math.trunc(b)))}`),
        ' ',
      )} ELSE NULL END`
    : P.sql`NULL`;
  const end = kind === 'ack' ? P.sql`t."acknowledgedAt"` : P.sql`t."resolvedAt"`;
  const h = hours(db, end, P.sql`t."createdAt"`);
  const rows = await db.$queryRaw<{ b: unknown; a: unknown; v: unknown; n: unknown }[]>`
    SELECT b, a, v, COUNT(*) AS n FROM (
      SELECT ${building} AS b, t."assigneeId" AS a,
        CASE WHEN ${h} < 10 THEN ROUND(${h} * 10) / 10.0 ELSE ROUND(${h}) END AS v
      FROM "Ticket" t WHERE ${where(w, P.sql`t."createdAt"`)} AND ${end} IS NOT NULL
    ) d GROUP BY b, a, v`;
  return rows.map((r) => ({
    building: r.b == null ? null : Number(r.b),
    assigneeId: r.a == null ? null : Number(r.a),
    hours: Number(r.v),
    n: Number(r.n),
  }));
}
