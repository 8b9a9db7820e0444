/**
 * The grid head's digest: what came in, what was done, what is open and overdue (by category
 * and building), the oldest open items, on-time and satisfaction rates, the share settled
 * inside the grid, what repeats, and visit coverage. Every figure is an aggregate query on an
 * indexed column (counts, group-bys, a handful of rows), never a load of the ticket history,
 * so it stays fast with 100,000 tickets in a grid.
 */
import { CATEGORY_NAMES, T, type DigestView } from '../common/text/index.js';
import type { Db } from '../store/client.js';
import { localParts, startOfLocalDay, startOfLocalMonth } from './local-time.js';
import { ancestors, type PlaceRow } from './org/places.js';
import { FOLLOWUP_REOPEN, HANDLING_STATUSES, OPEN_STATUSES } from './workflow/index.js';

export type DigestKind = 'daily' | 'weekly' | 'demand';

export interface DigestPeriod {
  kind: DigestKind;
  from: Date;
  to: Date;
}

export interface DigestData {
  scope: PlaceRow;
  period: DigestPeriod;
  created: number;
  resolved: number;
  closed: number;
  open: number;
  overdue: number;
  byCategory: [string, number][];
  byBuilding: { label: string; open: number; overdue: number }[];
  oldest: { id: number; place: string; text: string; createdAt: Date; assignee: string | null }[];
  ack: { onTime: number; total: number };
  resolve: { onTime: number; total: number };
  satisfied: { yes: number; total: number };
  inGrid: { inside: number; total: number };
  repeats: { place: string; category: string; n: number }[];
  visits: { visited: number; total: number };
}

const DAY = 24 * 3_600_000;
/** A place and category reported at least this often in 30 days is a repeat. */
export const REPEAT_MIN = 3;

/** The period a digest covers: yesterday (daily), the last seven days (weekly), the last 24 hours (on demand). */
export function periodFor(kind: DigestKind, at: Date, timeZone: string): DigestPeriod {
  if (kind === 'demand') return { kind, from: new Date(at.getTime() - DAY), to: at };
  const to = startOfLocalDay(at, timeZone);
  return { kind, from: startOfLocalDay(at, timeZone, kind === 'weekly' ? -7 : -1), to };
}

type PlaceLite = Pick<PlaceRow, 'id' | 'parentId' | 'level' | 'name' | 'path' | 'depth'>;

/** Computes every figure for the subtree of `scope` (a grid, or any place) with aggregate queries. */
export async function computeDigest(
  tx: Db,
  scope: PlaceRow,
  period: DigestPeriod,
  now: Date,
  timeZone: string,
): Promise<DigestData> {
  const places: PlaceLite[] = await tx.place.findMany({
    where: { path: { startsWith: scope.path } },
    select: { id: true, parentId: true, level: true, name: true, path: true, depth: true },
  });
  const byId = new Map(places.map((p) => [p.id, p]));
  const ids = places.map((p) => p.id);
  const inScope = { placeId: { in: ids } };
  const range = { gte: period.from, lt: period.to };
  const overdueWhere = {
    ...inScope,
    OR: [
      { status: 'assigned', ackDueAt: { lt: now } },
      { status: { in: HANDLING_STATUSES }, resolveDueAt: { lt: now } },
    ],
  };
  const above = await aboveGridPeople(tx, scope, places);

  const [created, openGroups, overdueGroups, oldestRows, repeatGroups, events, households, visitedGroups] =
    await Promise.all([
      tx.ticket.count({ where: { ...inScope, createdAt: range } }),
      tx.ticket.groupBy({
        by: ['placeId', 'category'],
        where: { ...inScope, status: { in: OPEN_STATUSES } },
        _count: { _all: true },
      }),
      tx.ticket.groupBy({ by: ['placeId'], where: overdueWhere, _count: { _all: true } }),
      tx.ticket.findMany({
        where: { ...inScope, status: { in: OPEN_STATUSES } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 3,
        select: { id: true, text: true, placeId: true, createdAt: true, assignee: { select: { name: true } } },
      }),
      tx.ticket.groupBy({
        by: ['placeId', 'category'],
        where: { ...inScope, createdAt: { gte: new Date(period.to.getTime() - 30 * DAY), lt: period.to } },
        _count: { _all: true },
      }),
      periodEvents(tx, scope.path, period),
      tx.specialHousehold.count({ where: inScope }),
      tx.visit.groupBy({
        by: ['householdId'],
        where: { at: { gte: startOfLocalMonth(now, timeZone), lte: now }, household: inScope },
      }),
    ]);

  const count = (kind: string) => new Set(events.filter((e) => e.kind === kind).map((e) => e.ticketId)).size;
  const acks = events.filter((e) => e.kind === 'acknowledged');
  const resolves = events.filter((e) => e.kind === 'resolved');
  const closes = events.filter((e) => e.kind === 'closed');

  const categories = new Map<string, number>();
  const buildings = new Map<string, { label: string; open: number; overdue: number; order: number }>();
  const buildingOf = (placeId: number | null) => {
    const p = placeId ? byId.get(placeId) : undefined;
    if (!p) return { label: T.noPlace, order: Number.MAX_SAFE_INTEGER };
    const chain = p.path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .map((id) => byId.get(id))
      .filter(Boolean) as PlaceLite[];
    const b = chain.find((c) => c.level === 'building') ?? p;
    return { label: b.name, order: b.id };
  };
  let open = 0;
  for (const g of openGroups) {
    open += g._count._all;
    categories.set(g.category, (categories.get(g.category) ?? 0) + g._count._all);
    const b = buildingOf(g.placeId);
    const row = buildings.get(b.label) ?? { ...b, open: 0, overdue: 0 };
    row.open += g._count._all;
    buildings.set(b.label, row);
  }
  let overdue = 0;
  for (const g of overdueGroups) {
    overdue += g._count._all;
    const b = buildingOf(g.placeId);
    const row = buildings.get(b.label) ?? { ...b, open: 0, overdue: 0 };
    row.overdue += g._count._all;
    buildings.set(b.label, row);
  }

  return {
    scope,
    period,
    created,
    resolved: count('resolved'),
    closed: count('closed'),
    open,
    overdue,
    byCategory: [...categories.entries()].sort((a, b) => b[1] - a[1]),
    byBuilding: [...buildings.values()]
      .sort((a, b) => a.order - b.order)
      .map(({ label, open: o, overdue: d }) => ({ label, open: o, overdue: d })),
    oldest: oldestRows.map((t) => ({
      id: t.id,
      place: labelOf(byId, t.placeId),
      text: t.text,
      createdAt: t.createdAt,
      assignee: t.assignee?.name ?? null,
    })),
    ack: { onTime: acks.filter((e) => !e.ticket.ackDueAt || e.at <= e.ticket.ackDueAt).length, total: acks.length },
    resolve: {
      onTime: resolves.filter((e) => !e.ticket.resolveDueAt || e.at <= e.ticket.resolveDueAt).length,
      total: resolves.length,
    },
    satisfied: { yes: closes.length, total: closes.length + events.filter((e) => e.kind === 'reopened').length },
    inGrid: {
      inside: resolves.filter((e) => !e.ticket.assigneeId || !above.has(e.ticket.assigneeId)).length,
      total: resolves.length,
    },
    repeats: repeatGroups
      .filter((g) => g._count._all >= REPEAT_MIN)
      .sort((a, b) => b._count._all - a._count._all)
      .slice(0, 3)
      .map((g) => ({ place: labelOf(byId, g.placeId), category: g.category, n: g._count._all })),
    visits: { visited: visitedGroups.length, total: households },
  };
}

interface EventRow {
  kind: string;
  at: Date;
  ticketId: number;
  ticket: { ackDueAt: Date | null; resolveDueAt: Date | null; assigneeId: number | null };
}

/**
 * The period's lifecycle events in the subtree: a few rows (one day's or week's), read through
 * the (kind, at) index and joined to their tickets by primary key. Written as portable SQL
 * because the client's relation filter becomes an `IN (all tickets of the grid)` subquery,
 * forty times slower with 100,000 tickets.
 */
async function periodEvents(tx: Db, path: string, period: DigestPeriod): Promise<EventRow[]> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT e."kind", e."at", e."ticketId", t."ackDueAt", t."resolveDueAt", t."assigneeId"
    FROM "TicketEvent" e JOIN "Ticket" t ON t."id" = e."ticketId"
    WHERE e."kind" IN ('acknowledged', 'resolved', 'closed', 'reopened') AND e."at" >= ${period.from} AND e."at" < ${period.to}
      AND (e."kind" <> 'reopened' OR e."data" = ${FOLLOWUP_REOPEN})
      AND t."placeId" IN (SELECT p."id" FROM "Place" p WHERE p."path" LIKE ${`${path}%`})`;
  const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
  return rows.map((r) => ({
    kind: String(r.kind),
    at: date(r.at)!,
    ticketId: Number(r.ticketId),
    ticket: {
      ackDueAt: date(r.ackDueAt),
      resolveDueAt: date(r.resolveDueAt),
      assigneeId: r.assigneeId == null ? null : Number(r.assigneeId),
    },
  }));
}

/** "3栋2单元" from the subtree map (a unit is named with its building). */
function labelOf(byId: Map<number, PlaceLite>, placeId: number | null): string {
  const p = placeId ? byId.get(placeId) : undefined;
  if (!p) return T.noPlace;
  const parent = p.level === 'unit' && p.parentId ? byId.get(p.parentId) : undefined;
  return parent ? `${parent.name}${p.name}` : p.name;
}

/** People whose roles sit above the grid level: a ticket they resolved left the grid. */
async function aboveGridPeople(tx: Db, scope: PlaceRow, subtree: PlaceLite[]): Promise<Set<number>> {
  const chain = await ancestors(tx, scope);
  const grid =
    chain.find((p) => p.level === 'grid') ??
    subtree.filter((p) => p.level === 'grid').sort((a, b) => a.depth - b.depth)[0];
  const gridDepth = grid?.depth ?? scope.depth;
  const abovePlaces = [
    ...chain.filter((p) => p.depth < gridDepth).map((p) => p.id),
    ...subtree.filter((p) => p.depth < gridDepth).map((p) => p.id),
  ];
  if (!abovePlaces.length) return new Set();
  const roles = await tx.role.findMany({
    where: { placeId: { in: abovePlaces }, role: { in: ['head', 'deputy', 'grid_worker'] } },
    select: { personId: true },
  });
  return new Set(roles.map((r) => r.personId));
}

/** The digest as one compact message. `withVisits` is false when it goes to a group chat. */
export function renderDigest(d: DigestData, label: string, timeZone: string, withVisits: boolean): string {
  const thisYear = localParts(d.period.to, timeZone).year;
  const day = (at: Date) => {
    const p = localParts(at, timeZone);
    return p.year === thisYear ? T.dateLabel(p.month, p.day) : T.dateLabelYear(p.year, p.month, p.day);
  };
  const lastDay = new Date(d.period.to.getTime() - 1);
  const view: DigestView = {
    place: label,
    title: d.period.kind === 'daily' ? T.digestDaily : d.period.kind === 'weekly' ? T.digestWeekly : T.digestOnDemand,
    date:
      d.period.kind === 'daily'
        ? day(d.period.from)
        : d.period.kind === 'weekly'
          ? T.dateRange(day(d.period.from), day(lastDay))
          : day(d.period.to),
    periodLabel:
      d.period.kind === 'daily' ? T.periodYesterday : d.period.kind === 'weekly' ? T.periodLastWeek : T.period24h,
    created: d.created,
    resolved: d.resolved,
    closed: d.closed,
    open: d.open,
    overdue: d.overdue,
    byCategory: T.countsBy(d.byCategory.map(([c, n]) => [CATEGORY_NAMES[c] ?? c, n])),
    byBuilding: d.byBuilding.map((b) => T.buildingCount(b.label, b.open, b.overdue)).join(' '),
    oldest: d.oldest.map((o) =>
      T.oldestLine({
        id: o.id,
        place: o.place,
        text: o.text.slice(0, 16),
        since: day(o.createdAt),
        who: o.assignee ?? T.nobody,
      }),
    ),
    ackRate: T.rate(d.ack.onTime, d.ack.total),
    resolveRate: T.rate(d.resolve.onTime, d.resolve.total),
    satisfaction: T.rate(d.satisfied.yes, d.satisfied.total),
    inGrid: T.rate(d.inGrid.inside, d.inGrid.total),
    repeats: d.repeats.map((r) => T.repeatLine(r.place, r.category, r.n)),
    visits: withVisits && d.visits.total ? `${d.visits.visited}/${d.visits.total}` : null,
  };
  return T.digest(view);
}
