/**
 * Benchmark of the grid digest: a grid (10 buildings × 4 units) with 100,000 tickets of
 * history over a year and four events each, on a temp SQLite file; the time to compute one
 * daily digest (all figures, through the same code the job uses), beside a baseline running
 * equivalent aggregate SQL through better-sqlite3 on the same file. Target: < 200 ms.
 * Run: node --import tsx bench/digest.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { computeDigest, periodFor, renderDigest } from '../src/services/digest.js';
import { openDatabase } from '../src/store/client.js';
import { migrate } from '../src/store/migrate.js';

const TICKETS = 100_000;
const DAY = 86_400_000;
const sqlDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const CATEGORIES = [
  'facility',
  'sanitation',
  'safety',
  'dispute',
  'public_order',
  'assistance',
  'consultation',
  'other',
];

/** Seeds places and people through Prisma, then tickets and events with raw inserts (fast). */
export async function seed(file: string, _now: number): Promise<{ gridId: number; unitIds: number[] }> {
  const db = await openDatabase(`file:${file}`);
  try {
    await migrate(db);
    const p = db.prisma;
    const root = await p.place.create({ data: { key: 'c', level: 'community', depth: 0, path: '', name: '幸福社区' } });
    await p.place.update({ where: { id: root.id }, data: { path: `/${root.id}/` } });
    const grid = await p.place.create({
      data: { key: 'g', parentId: root.id, level: 'grid', depth: 1, path: '', name: '第一网格' },
    });
    await p.place.update({ where: { id: grid.id }, data: { path: `/${root.id}/${grid.id}/` } });
    const head = await p.person.create({ data: { key: 'head', name: '王网格长' } });
    await p.role.create({ data: { personId: head.id, placeId: grid.id, role: 'head' } });
    const secretary = await p.person.create({ data: { key: 'sec', name: '赵书记' } });
    await p.role.create({ data: { personId: secretary.id, placeId: root.id, role: 'head' } });
    const unitIds: number[] = [];
    for (let b = 1; b <= 10; b++) {
      const building = await p.place.create({
        data: {
          key: `b${b}`,
          parentId: grid.id,
          level: 'building',
          depth: 2,
          path: '',
          name: `${b}栋`,
          number: String(b),
        },
      });
      await p.place.update({ where: { id: building.id }, data: { path: `/${root.id}/${grid.id}/${building.id}/` } });
      for (let u = 1; u <= 4; u++) {
        const unit = await p.place.create({
          data: {
            key: `b${b}u${u}`,
            parentId: building.id,
            level: 'unit',
            depth: 3,
            path: '',
            name: `${u}单元`,
            number: String(u),
          },
        });
        await p.place.update({
          where: { id: unit.id },
          data: { path: `/${root.id}/${grid.id}/${building.id}/${unit.id}/` },
        });
        unitIds.push(unit.id);
      }
    }
    await p.identity.create({ data: { platform: 'console', externalId: 'r', displayName: '居民' } });
    return { gridId: grid.id, unitIds };
  } finally {
    await db.close();
  }
}

/**
 * `inOrder`: ticket ids follow their creation time, as in a live database (the web bench wants
 * that; the digest's figures were measured with times drawn at random).
 */
export function seedTickets(file: string, unitIds: number[], now: number, inOrder = false): void {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const ticket = raw.prepare(
    `INSERT INTO Ticket (id, status, category, text, placeId, reporterId, assigneeId, ackDueAt, resolveDueAt, acknowledgedAt, resolvedAt, closedAt, satisfied, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = raw.prepare('INSERT INTO TicketEvent (ticketId, kind, note, at) VALUES (?, ?, ?, ?)');
  let seedValue = 42;
  const rand = () => (seedValue = (seedValue * 1103515245 + 12345) % 2147483648) / 2147483648;
  raw.transaction(() => {
    for (let id = 1; id <= TICKETS; id++) {
      const drawn = rand();
      const created = inOrder
        ? now - Math.floor(((TICKETS - id + drawn) / TICKETS) * 365 * DAY)
        : now - Math.floor(drawn * 365 * DAY);
      const ageDays = (now - created) / DAY;
      const open = ageDays < 5 ? rand() < 0.5 : rand() < 0.01;
      const acked = !open || rand() < 0.6;
      const ack = created + Math.floor(rand() * 4 * 3_600_000);
      const resolved = open ? null : Math.min(now - 1000, created + Math.floor(rand() * 4 * DAY));
      const closed = resolved ? Math.min(now - 500, resolved + Math.floor(rand() * DAY)) : null;
      const status = open ? (acked ? 'in_progress' : 'assigned') : 'closed';
      ticket.run(
        id,
        status,
        CATEGORIES[id % CATEGORIES.length],
        `工单${id}`,
        unitIds[id % unitIds.length],
        1 + (id % 2),
        sqlDate(created + 2 * 3_600_000),
        sqlDate(created + 3 * DAY),
        acked ? sqlDate(ack) : null,
        resolved ? sqlDate(resolved) : null,
        closed ? sqlDate(closed) : null,
        closed ? 1 : null,
        sqlDate(created),
        sqlDate(closed ?? created),
      );
      event.run(id, 'created', null, sqlDate(created));
      if (acked) event.run(id, 'acknowledged', null, sqlDate(ack));
      if (resolved) event.run(id, 'resolved', null, sqlDate(resolved));
      if (closed) event.run(id, 'closed', '满意', sqlDate(closed));
    }
  })();
  raw.pragma('optimize');
  raw.close();
}

/** The same figures with hand-written aggregate SQL. */
function rawDigest(file: string, gridPath: string, from: number, to: number, now: number): Record<string, unknown> {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    const ids = (raw.prepare('SELECT id FROM Place WHERE path LIKE ?').all(`${gridPath}%`) as { id: number }[]).map(
      (r) => r.id,
    );
    const inIds = `(${ids.join(',')})`;
    const [f, t, n] = [sqlDate(from), sqlDate(to), sqlDate(now)];
    const open = `status IN ('new','assigned','acknowledged','in_progress')`;
    return {
      created: raw
        .prepare(`SELECT count(*) c FROM Ticket WHERE placeId IN ${inIds} AND createdAt >= ? AND createdAt < ?`)
        .get(f, t),
      open: raw
        .prepare(
          `SELECT placeId, category, count(*) c FROM Ticket WHERE placeId IN ${inIds} AND ${open} GROUP BY placeId, category`,
        )
        .all(),
      overdue: raw
        .prepare(
          `SELECT placeId, count(*) c FROM Ticket WHERE placeId IN ${inIds} AND ((status = 'assigned' AND ackDueAt < ?) OR (status IN ('assigned','acknowledged','in_progress') AND resolveDueAt < ?)) GROUP BY placeId`,
        )
        .all(n, n),
      oldest: raw
        .prepare(
          `SELECT id, text, placeId, createdAt FROM Ticket WHERE placeId IN ${inIds} AND ${open} ORDER BY createdAt, id LIMIT 3`,
        )
        .all(),
      repeats: raw
        .prepare(
          `SELECT placeId, category, count(*) c FROM Ticket WHERE placeId IN ${inIds} AND createdAt >= ? AND createdAt < ? GROUP BY placeId, category HAVING c >= 3`,
        )
        .all(sqlDate(to - 30 * DAY), t),
      events: raw
        .prepare(
          `SELECT e.kind, e.at, t.ackDueAt, t.resolveDueAt, t.assigneeId FROM TicketEvent e JOIN Ticket t ON t.id = e.ticketId WHERE e.kind IN ('acknowledged','resolved','closed','reopened') AND e.at >= ? AND e.at < ? AND t.placeId IN ${inIds}`,
        )
        .all(f, t),
    };
  } finally {
    raw.close();
  }
}

export async function benchDigest(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'gridbot-bench-digest-'));
  const file = join(dir, 'bench.db');
  const now = Date.parse('2026-11-24T00:00:00Z'); // Tuesday 08:00 in Shanghai
  const out: Record<string, number> = { tickets: TICKETS };
  try {
    const { gridId, unitIds } = await seed(file, now);
    const s0 = performance.now();
    seedTickets(file, unitIds, now);
    out.seed_ms = Math.round(performance.now() - s0);
    const db = await openDatabase(`file:${file}`);
    try {
      const grid = (await db.prisma.place.findUnique({ where: { id: gridId } }))!;
      const period = periodFor('daily', new Date(now), 'Asia/Shanghai');
      await computeDigest(db.prisma, grid, period, new Date(now), 'Asia/Shanghai'); // warm-up
      const runs: number[] = [];
      let text = '';
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const data = await computeDigest(db.prisma, grid, period, new Date(now), 'Asia/Shanghai');
        text = renderDigest(data, grid.name, 'Asia/Shanghai', true);
        runs.push(performance.now() - t0);
      }
      out.gridbot_digest_median_ms = Math.round(runs.sort((a, b) => a - b)[2]);
      out.digest_chars = text.length;
      if (process.env.BENCH_SHOW) console.log(text);
      rawDigest(file, grid.path, period.from.getTime(), period.to.getTime(), now); // warm-up
      const rawRuns: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        rawDigest(file, grid.path, period.from.getTime(), period.to.getTime(), now);
        rawRuns.push(performance.now() - t0);
      }
      out.raw_sql_digest_median_ms = Math.round(rawRuns.sort((a, b) => a - b)[2]);
    } finally {
      await db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchDigest();
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(28)} ${v}`);
}
