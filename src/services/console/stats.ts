/**
 * The console's statistics for a time window: new and resolved per day, counts by category,
 * time to acknowledge and to resolve (median and 90th percentile), on-time rates, satisfaction,
 * chases and relapses, overall, per building and per head. Reads the window's tickets once
 * (a few columns) and aggregates in memory: percentiles need the values, and both databases
 * then run the same query.
 */
import type { Db } from '../../store/client.js';
import {
  categoryCounts,
  durationHistogram,
  type GroupFigures,
  groupFigures,
  hourlyCounts,
  type StatsWhere,
} from '../../store/console-sql.js';
import { startOfLocalDay } from '../local-time.js';
import { ancestorIn, type Scope, SENSITIVE_KINDS, subtreeIds } from './scope.js';

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

const HOUR = 3_600_000;
const pct = (num: number, den: number) => (den ? (num / den) * 100 : null);

/** Nearest-rank median and 90th percentile from value → count. */
export function quantilesOf(counts: Map<number, number>): { median: number | null; p90: number | null } {
  const values = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const n = values.reduce((sum, [, c]) => sum + c, 0);
  const at = (q: number) => {
    if (!n) return null;
    const rank = Math.max(1, Math.ceil(q * n));
    let seen = 0;
    for (const [v, c] of values) {
      seen += c;
      if (seen >= rank) return v;
    }
    return null;
  };
  return { median: at(0.5), p90: at(0.9) };
}

type Sums = Omit<GroupFigures, 'placeId' | 'assigneeId'>;
const zero = (): Sums => ({
  count: 0,
  acked: 0,
  ackOn: 0,
  resolved: 0,
  resOn: 0,
  yes: 0,
  answered: 0,
  chases: 0,
  relapses: 0,
});

function addTo(target: Sums, g: Sums): void {
  for (const k of Object.keys(target) as (keyof Sums)[]) target[k] += g[k];
}

function figures(
  key: number | null,
  label: string,
  sums: Sums,
  ack: { median: number | null; p90: number | null } | undefined,
  res: { median: number | null; p90: number | null } | undefined,
): Figures {
  return {
    key,
    label,
    count: sums.count,
    ackMedianH: ack?.median ?? null,
    ackP90H: ack?.p90 ?? null,
    resolveMedianH: res?.median ?? null,
    resolveP90H: res?.p90 ?? null,
    ackOnTime: pct(sums.ackOn, sums.acked),
    resolveOnTime: pct(sums.resOn, sums.resolved),
    satisfaction: pct(sums.yes, sums.answered),
    chases: sums.chases,
    relapses: sums.relapses,
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
  const places = options.place ? subtreeIds(scope, options.place) : scope.top ? null : [...scope.places.keys()];
  const w: StatsWhere = {
    from,
    category: options.category,
    places,
    sensitive: SENSITIVE_KINDS,
    person: scope.personId,
    senior: scope.personId ? [...scope.senior] : [],
  };
  const buildingOf = new Map<number, number>();
  for (const p of scope.places.values()) {
    const b = ancestorIn(scope, p.id, 'building');
    if (b) buildingOf.set(p.id, b.id);
  }
  const [groups, byCategory, created, resolved, ackHist, resHist] = await Promise.all([
    groupFigures(db, w),
    categoryCounts(db, w),
    hourlyCounts(db, w, 'createdAt'),
    hourlyCounts(db, w, 'resolvedAt'),
    durationHistogram(db, w, buildingOf, 'ack'),
    durationHistogram(db, w, buildingOf, 'resolve'),
  ]);
  const quantiles = new Map<string, { median: number | null; p90: number | null }>();
  for (const [kind, hist] of [
    ['ack', ackHist],
    ['res', resHist],
  ] as const) {
    for (const [k, pick] of [
      ['b', (r: (typeof hist)[number]) => r.building],
      ['h', (r: (typeof hist)[number]) => r.assigneeId],
      ['o', () => 0],
    ] as const) {
      const groupsOf = new Map<number, Map<number, number>>();
      for (const r of hist) {
        const g = pick(r);
        if (g === null) continue;
        const counts = groupsOf.get(g) ?? groupsOf.set(g, new Map()).get(g)!;
        counts.set(r.hours, (counts.get(r.hours) ?? 0) + r.n);
      }
      for (const [g, counts] of groupsOf) quantiles.set(`${kind}:${k}:${g}`, quantilesOf(counts));
    }
  }

  const starts = Array.from({ length: options.days + 1 }, (_, i) => startOfLocalDay(from, timeZone, i));
  const daily = starts.slice(0, -1).map((start) => ({ start, created: 0, resolved: 0 }));
  const dayOfHour = (h: number) => {
    const t = from.getTime() + h * HOUR;
    for (let i = Math.min(daily.length - 1, Math.floor(h / 24)); i >= 0; i--) if (starts[i].getTime() <= t) return i;
    return -1;
  };
  for (const [h, n] of created) {
    const i = dayOfHour(h);
    if (i >= 0 && i < daily.length) daily[i].created += n;
  }
  for (const [h, n] of resolved) {
    const i = dayOfHour(h);
    if (i >= 0 && i < daily.length) daily[i].resolved += n;
  }

  const overall = zero();
  const byBuilding = new Map<number | null, Sums>();
  const byHead = new Map<number | null, Sums>();
  for (const g of groups) {
    addTo(overall, g);
    const b = g.placeId === null ? null : (buildingOf.get(g.placeId) ?? null);
    addTo(byBuilding.get(b) ?? byBuilding.set(b, zero()).get(b)!, g);
    addTo(byHead.get(g.assigneeId) ?? byHead.set(g.assigneeId, zero()).get(g.assigneeId)!, g);
  }
  const headIds = [...byHead.keys()].filter((k): k is number => k !== null);
  const people = headIds.length
    ? await db.person.findMany({ where: { id: { in: headIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  const q = (kind: string, k: string, id: number | null) => quantiles.get(`${kind}:${k}:${id ?? 0}`);
  return {
    from,
    daily,
    byCategory: byCategory.sort((a, b) => b[1] - a[1]),
    overall: figures(null, '', overall, q('ack', 'o', 0), q('res', 'o', 0)),
    buildings: [...byBuilding.entries()]
      .sort((a, b) => (a[0] ?? Number.MAX_SAFE_INTEGER) - (b[0] ?? Number.MAX_SAFE_INTEGER))
      .map(([id, sums]) =>
        figures(
          id,
          id ? (scope.places.get(id)?.name ?? '') : labels.noBuilding,
          sums,
          id ? q('ack', 'b', id) : undefined,
          id ? q('res', 'b', id) : undefined,
        ),
      ),
    heads: [...byHead.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([id, sums]) =>
        figures(
          id,
          id ? (names.get(id) ?? '') : labels.unassigned,
          sums,
          id ? q('ack', 'h', id) : undefined,
          id ? q('res', 'h', id) : undefined,
        ),
      ),
  };
}
