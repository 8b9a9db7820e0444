/**
 * Benchmark of the web console's pages: the digest bench's grid (10 buildings × 4 units) with
 * 100,000 tickets over a year on a temp SQLite file; the server time of the map, the ticket
 * list (first page, and a filtered search) and the charts page (30 and 90 days), rendered by
 * the console's own routes for the community head, beside raw SQL through better-sqlite3 for
 * the same figures. Target: < 200 ms each. Chart pages are measured cold (every chart drawn) and
 * warm (the same figures drawn before, from the drawing cache). Run: node --import tsx bench/web.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../src/common/config.js';
import { forgetDrawnCharts } from '../src/services/charts.js';
import { silentLogger } from '../src/common/log.js';
import { startSession } from '../src/services/web-access.js';
import { openDatabase } from '../src/store/client.js';
import { createWebApp } from '../src/web/server.js';
import { seed, seedTickets } from './digest.js';

const DAY = 86_400_000;
const RUNS = 7;
const sqlDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

const PAGES: Record<string, string> = {
  map: '/?days=30',
  list: '/tickets',
  list_filtered: '/tickets?status=open&category=facility&q=%E5%B7%A5%E5%8D%95',
  charts_30d: '/charts?days=30',
  charts_90d: '/charts?days=90',
};

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The same figures as each page, in hand-written SQL. */
function rawQueries(file: string, now: number): Record<string, () => unknown> {
  const raw = new BetterSqlite3(file, { readonly: true });
  const ids = (raw.prepare('SELECT id FROM Place').all() as { id: number }[]).map((r) => r.id).join(',');
  const from30 = sqlDate(now - 30 * DAY);
  const from90 = sqlDate(now - 90 * DAY);
  const n = sqlDate(now);
  const open = `status IN ('new','assigned','acknowledged','in_progress')`;
  const overdue = `((status = 'assigned' AND ackDueAt < ?) OR (status IN ('assigned','acknowledged','in_progress') AND resolveDueAt < ?))`;
  const inScope = `placeId IN (${ids}) AND (mustReport IS NULL OR mustReport NOT IN ('crime','instability'))`;
  // The statistics' aggregate statements, as the console runs them on SQLite.
  const buildingCase = `CASE placeId ${(
    raw.prepare('SELECT id, parentId, level FROM Place').all() as {
      id: number;
      parentId: number | null;
      level: string;
    }[]
  )
    .map((p) =>
      p.level === 'building'
        ? `WHEN ${p.id} THEN ${p.id}`
        : p.level === 'unit'
          ? `WHEN ${p.id} THEN ${p.parentId}`
          : '',
    )
    .join(' ')} ELSE NULL END`;
  const hoursOf = (end: string) => `((julianday(${end}) - julianday(createdAt)) * 24.0)`;
  const histogram = (end: string) =>
    `SELECT b, a, v, count(*) FROM (SELECT ${buildingCase} AS b, assigneeId AS a, CASE WHEN ${hoursOf(end)} < 10 THEN round(${hoursOf(end)} * 10) / 10.0 ELSE round(${hoursOf(end)}) END AS v FROM Ticket WHERE createdAt >= ? AND ${end} IS NOT NULL) GROUP BY b, a, v`;
  const stats = (from: string) => [
    raw
      .prepare(
        `SELECT placeId, assigneeId, count(*), sum(acknowledgedAt IS NOT NULL), sum(acknowledgedAt <= ackDueAt), sum(resolvedAt IS NOT NULL), sum(resolvedAt <= resolveDueAt), sum(satisfied = 1), sum(satisfied IS NOT NULL), sum(chaseCount), sum(relapseCount) FROM Ticket WHERE createdAt >= ? GROUP BY placeId, assigneeId`,
      )
      .all(from),
    raw.prepare('SELECT category, count(*) FROM Ticket WHERE createdAt >= ? GROUP BY category').all(from),
    raw
      .prepare(
        'SELECT CAST((julianday(createdAt) - julianday(?)) * 24 AS INTEGER), count(*) FROM Ticket WHERE createdAt >= ? GROUP BY 1',
      )
      .all(from, from),
    raw
      .prepare(
        'SELECT CAST((julianday(resolvedAt) - julianday(?)) * 24 AS INTEGER), count(*) FROM Ticket WHERE resolvedAt >= ? GROUP BY 1',
      )
      .all(from, from),
    raw.prepare(histogram('acknowledgedAt')).all(from),
    raw.prepare(histogram('resolvedAt')).all(from),
  ];
  return {
    // As the console reads it: the window through its index, grouped with what decides visibility.
    map: () => {
      const groups = 'SELECT placeId, mustReport, assigneeId, count(*) FROM Ticket WHERE createdAt >= ?';
      return [
        raw.prepare(`${groups} GROUP BY 1, 2, 3`).all(from30),
        raw.prepare(`${groups} AND ${open} GROUP BY 1, 2, 3`).all(from30),
        raw.prepare(`${groups} AND ${overdue} GROUP BY 1, 2, 3`).all(from30, n, n),
        raw.prepare(`${groups} AND ${open} AND urgent GROUP BY 1, 2, 3`).all(from30),
      ];
    },
    list: () => [
      raw.prepare(`SELECT count(*) FROM Ticket WHERE ${inScope}`).get(),
      raw
        .prepare(
          `SELECT * FROM Ticket t LEFT JOIN Person p ON p.id = t.assigneeId WHERE ${inScope} ORDER BY t.id DESC LIMIT 50`,
        )
        .all(),
    ],
    list_filtered: () => {
      const where = `${inScope} AND ${open} AND category = 'facility' AND text LIKE '%工单%'`;
      return [
        raw.prepare(`SELECT count(*) FROM Ticket WHERE ${where}`).get(),
        raw.prepare(`SELECT * FROM Ticket WHERE ${where} ORDER BY id DESC LIMIT 50`).all(),
      ];
    },
    charts_30d: () => stats(from30),
    charts_90d: () => stats(from90),
    close: () => raw.close(),
  };
}

export async function benchWeb(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'gridbot-bench-web-'));
  const file = join(dir, 'bench.db');
  const now = Date.parse('2026-11-24T00:00:00Z');
  const out: Record<string, number> = {};
  try {
    const { unitIds } = await seed(file, now);
    seedTickets(file, unitIds, now, true);
    const db = await openDatabase(`file:${file}`);
    try {
      const config = loadConfig({ DATABASE_URL: `file:${file}` }, { 'web.dataDir': dir });
      const clock = { now: () => new Date(now) };
      const app = createWebApp({ db: db.prisma, config, clock, logger: silentLogger });
      const secretary = await db.prisma.person.findUniqueOrThrow({ where: { key: 'sec' } });
      const { token } = await startSession(db.prisma, secretary.id, new Date(now));
      const headers = { cookie: `gridbot_session=${token}` };
      const raw = rawQueries(file, now);
      for (const [name, path] of Object.entries(PAGES)) {
        const first = await app.request(path, { headers });
        if (first.status !== 200) throw new Error(`${path}: HTTP ${first.status}`);
        out[`${name}_bytes`] = (await first.arrayBuffer()).byteLength;
        // Cold: every chart drawn anew (figures changed since the last view); warm: drawn before.
        const runs: number[] = [];
        const warm: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          forgetDrawnCharts();
          let t0 = performance.now();
          await (await app.request(path, { headers })).arrayBuffer();
          runs.push(performance.now() - t0);
          t0 = performance.now();
          await (await app.request(path, { headers })).arrayBuffer();
          warm.push(performance.now() - t0);
        }
        out[`gridbot_${name}_ms`] = Math.round(median(runs));
        if (name.startsWith('charts')) out[`gridbot_${name}_warm_ms`] = Math.round(median(warm));
        const query = raw[name];
        query();
        const rawRuns: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t0 = performance.now();
          query();
          rawRuns.push(performance.now() - t0);
        }
        out[`raw_sql_${name}_ms`] = Math.round(median(rawRuns) * 10) / 10;
      }
      raw.close();
    } finally {
      await db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchWeb();
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(28)} ${v}`);
}
