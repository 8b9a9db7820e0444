/**
 * The console's statistics for a time window: new and resolved per day, counts by category,
 * time to acknowledge and to resolve (median and 90th percentile), on-time rates, satisfaction,
 * chases and relapses, overall, per building and per head. Reads the window's tickets once
 * (a few columns) and aggregates in memory: percentiles need the values, and both databases
 * then run the same query.
 */
import type { Db } from '../../store/client.js';
import { ticketsReportedSince, ticketsResolvedSince, type WindowRow } from '../../store/console-sql.js';
import { startOfLocalDay } from '../local-time.js';
import { ancestorIn, type Scope, subtreeIds } from './scope.js';
import { visibleTo } from './tickets.js';

export interface StatsOptions {
  days: number;
  place?: number;
  category?: string;
}

export interface Figures {
  /** A place id or person id; null for "no building" or "unassigned". */
  key: number | null;
  label: string;
  count: number;
  ackMedianH: number | null;
  ackP90H: number | null;
  resolveMedianH: number | null;
  resolveP90H: number | null;
  /** Percentages, null when nothing counted. */
  ackOnTime: number | null;
  resolveOnTime: number | null;
  satisfaction: number | null;
  chases: number;
  relapses: number;
}

export interface Stats {
  from: Date;
  /** Local days of the window: the day's start, reports and resolutions. */
  daily: { start: Date; created: number; resolved: number }[];
  byCategory: [string, number][];
  overall: Figures;
  buildings: Figures[];
  heads: Figures[];
}

type Row = WindowRow;

const HOUR = 3_600_000;

/** The value below which `q` of the sorted values lie (nearest rank). */
export function quantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const pct = (num: number, den: number) => (den ? (num / den) * 100 : null);

/** Every figure for one group of tickets. */
export function figuresOf(key: number | null, label: string, rows: Row[]): Figures {
  const ack: number[] = [];
  const res: number[] = [];
  let ackOn = 0;
  let resOn = 0;
  let yes = 0;
  let answered = 0;
  let chases = 0;
  let relapses = 0;
  for (const r of rows) {
    if (r.acknowledgedAt !== null) {
      ack.push((r.acknowledgedAt - r.createdAt) / HOUR);
      if (r.ackDueAt === null || r.acknowledgedAt <= r.ackDueAt) ackOn++;
    }
    if (r.resolvedAt !== null) {
      res.push((r.resolvedAt - r.createdAt) / HOUR);
      if (r.resolveDueAt === null || r.resolvedAt <= r.resolveDueAt) resOn++;
    }
    if (r.satisfied !== null) {
      answered++;
      if (r.satisfied) yes++;
    }
    chases += r.chaseCount;
    relapses += r.relapseCount;
  }
  ack.sort((a, b) => a - b);
  res.sort((a, b) => a - b);
  return {
    key,
    label,
    count: rows.length,
    ackMedianH: quantile(ack, 0.5),
    ackP90H: quantile(ack, 0.9),
    resolveMedianH: quantile(res, 0.5),
    resolveP90H: quantile(res, 0.9),
    ackOnTime: pct(ackOn, ack.length),
    resolveOnTime: pct(resOn, res.length),
    satisfaction: pct(yes, answered),
    chases,
    relapses,
  };
}

/** The statistics of the scope (optionally one place and one category) for the last `days` days. */
export async function computeStats(
  db: Db,
  scope: Scope,
  options: StatsOptions,
  now: Date,
  timeZone: string,
  labels: { noBuilding: string; unassigned: string },
): Promise<Stats> {
  const from = startOfLocalDay(now, timeZone, -(options.days - 1));
  // Only the window and category go to the database, so it reads the createdAt (resolvedAt)
  // index; the scope, the place and sensitivity are checked on the rows, which carry what they need.
  const within = options.place ? new Set(subtreeIds(scope, options.place)) : null;
  const keep = (r: { placeId: number | null; mustReport: string | null; assigneeId: number | null }) =>
    visibleTo(scope, r) && (!within || (r.placeId !== null && within.has(r.placeId)));
  const [allRows, allResolved] = await Promise.all([
    ticketsReportedSince(db, from, options.category),
    ticketsResolvedSince(db, from, options.category),
  ]);
  const rows = allRows.filter(keep);
  const resolvedRows = allResolved.filter(keep);

  const starts = Array.from({ length: options.days + 1 }, (_, i) => startOfLocalDay(from, timeZone, i));
  const daily = starts.slice(0, -1).map((start) => ({ start, created: 0, resolved: 0 }));
  const dayOf = (t: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    if (t < starts[0].getTime() || t >= starts[hi].getTime()) return -1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (starts[mid].getTime() <= t) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const categories = new Map<string, number>();
  const byBuilding = new Map<number | null, Row[]>();
  const byHead = new Map<number | null, Row[]>();
  for (const r of rows) {
    const i = dayOf(r.createdAt);
    if (i >= 0) daily[i].created++;
    categories.set(r.category, (categories.get(r.category) ?? 0) + 1);
    const building = ancestorIn(scope, r.placeId, 'building')?.id ?? null;
    push(byBuilding, building, r);
    push(byHead, r.assigneeId, r);
  }
  for (const r of resolvedRows) {
    const i = dayOf(r.resolvedAt);
    if (i >= 0) daily[i].resolved++;
  }
  const headIds = [...byHead.keys()].filter((k): k is number => k !== null);
  const people = headIds.length
    ? await db.person.findMany({ where: { id: { in: headIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  const buildingLabel = (id: number | null) => (id ? (scope.places.get(id)?.name ?? '') : labels.noBuilding);
  return {
    from,
    daily,
    byCategory: [...categories.entries()].sort((a, b) => b[1] - a[1]),
    overall: figuresOf(null, '', rows),
    buildings: [...byBuilding.entries()]
      .sort((a, b) => (a[0] ?? Number.MAX_SAFE_INTEGER) - (b[0] ?? Number.MAX_SAFE_INTEGER))
      .map(([id, list]) => figuresOf(id, buildingLabel(id), list)),
    heads: [...byHead.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([id, list]) => figuresOf(id, id ? (names.get(id) ?? '') : labels.unassigned, list)),
  };
}

function push<K>(map: Map<K, Row[]>, key: K, row: Row): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}
