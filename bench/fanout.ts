/**
 * Benchmark of notice fan-out: a place with 1,000 and with 10,000 bound group chats on a temp
 * SQLite file; the time to plan and queue one notice (select the chats, write the Notice row
 * and one outbox row per chat in one transaction), beside a baseline doing the same writes with
 * raw SQL through better-sqlite3 on the same file. Target: < 1 s for the Prisma path.
 * Run: node --import tsx bench/fanout.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { planNotice } from '../src/services/notices.js';
import { openDatabase, type Database } from '../src/store/client.js';
import type { PlaceRow } from '../src/store/intake-chat.js';
import { migrate } from '../src/store/migrate.js';

const sqlDate = (d: Date) => d.toISOString().replace('Z', '+00:00');

/** A community with one grid per size; each grid has buildings of ten units, one chat per unit. */
async function seed(db: Database, sizes: number[]): Promise<Map<number, number>> {
  const grids = new Map<number, number>();
  let id = 1;
  const places: PlaceRow[] = [];
  const chats: { platform: string; externalId: string; account: string; placeId: number; title: string }[] = [];
  const root = id++;
  places.push({
    id: root,
    key: 'c',
    parentId: null,
    level: 'community',
    depth: 0,
    path: `/${root}/`,
    name: '社区',
    number: null,
  });
  for (const size of sizes) {
    const grid = id++;
    grids.set(size, grid);
    places.push({
      id: grid,
      key: `g${size}`,
      parentId: root,
      level: 'grid',
      depth: 1,
      path: `/${root}/${grid}/`,
      name: `网格${size}`,
      number: null,
    });
    for (let b = 0; b < size / 10; b++) {
      const building = id++;
      places.push({
        id: building,
        key: `g${size}/b${b}`,
        parentId: grid,
        level: 'building',
        depth: 2,
        path: `/${root}/${grid}/${building}/`,
        name: `${b + 1}栋`,
        number: String(b + 1),
      });
      for (let u = 0; u < 10; u++) {
        const unit = id++;
        places.push({
          id: unit,
          key: `g${size}/b${b}/u${u}`,
          parentId: building,
          level: 'unit',
          depth: 3,
          path: `/${root}/${grid}/${building}/${unit}/`,
          name: `${u + 1}单元`,
          number: String(u + 1),
        });
        chats.push({
          platform: 'wechat',
          externalId: `room-${size}-${b}-${u}@chatroom`,
          account: 'wechat',
          placeId: unit,
          title: `${b + 1}-${u + 1}群`,
        });
      }
    }
  }
  for (let i = 0; i < places.length; i += 2000) await db.prisma.place.createMany({ data: places.slice(i, i + 2000) });
  for (let i = 0; i < chats.length; i += 2000) await db.prisma.chat.createMany({ data: chats.slice(i, i + 2000) });
  return grids;
}

/** The same plan in raw SQL: one select, one Notice insert, prepared outbox inserts, one transaction. */
function rawPlan(file: string, gridId: number, text: string, now: Date): number {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  try {
    const run = raw.transaction(() => {
      const path = (raw.prepare('SELECT path FROM Place WHERE id = ?').get(gridId) as { path: string }).path;
      const chats = raw
        .prepare(
          `SELECT c.id, c.platform, c.account, c.externalId FROM Chat c JOIN Place p ON p.id = c.placeId WHERE c.kind = 'group' AND p.path LIKE ? ORDER BY c.id`,
        )
        .all(`${path}%`) as { id: number; platform: string; account: string; externalId: string }[];
      const stamp = sqlDate(now);
      const notice = raw
        .prepare(
          'INSERT INTO Notice (placeId, authorId, text, scheduleId, total, createdAt) VALUES (?, NULL, ?, NULL, ?, ?)',
        )
        .run(gridId, text, chats.length, stamp);
      const insert = raw.prepare(
        `INSERT INTO Outbox (dedupeKey, platform, account, chatExternalId, text, noticeId, status, attempts, notBefore, createdAt) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      );
      for (const c of chats)
        insert.run(
          `raw:${notice.lastInsertRowid}:c${c.id}`,
          c.platform,
          c.account,
          c.externalId,
          text,
          notice.lastInsertRowid,
          stamp,
          stamp,
        );
      return chats.length;
    });
    return run();
  } finally {
    raw.close();
  }
}

export async function benchFanout(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'gridbot-bench-fanout-'));
  const file = join(dir, 'bench.db');
  const db = await openDatabase(`file:${file}`);
  const out: Record<string, number> = {};
  try {
    await migrate(db);
    const sizes = [1_000, 10_000];
    const grids = await seed(db, sizes);
    const now = new Date();
    for (const size of sizes) {
      const gridId = grids.get(size)!;
      const place = (await db.prisma.place.findUnique({ where: { id: gridId } }))!;
      // Warm up the query paths once on a tiny subtree so the first measurement is not a cold start.
      const warm = (await db.prisma.place.findFirst({ where: { level: 'unit' } }))!;
      await db.prisma.$transaction((tx) =>
        planNotice(tx, { place: warm, text: 'warm', authorId: null, authorName: '', now, reportTo: null }),
      );

      const t0 = performance.now();
      const planned = await db.prisma.$transaction(
        (tx) =>
          planNotice(tx, {
            place,
            text: '明天上午9点至12点停水，请提前储水。',
            authorId: null,
            authorName: '网格长',
            now,
            reportTo: null,
          }),
        { timeout: 60_000 },
      );
      out[`gridbot_plan_${size}_ms`] = Math.round(performance.now() - t0);
      if (planned.total !== size) throw new Error(`expected ${size} chats, planned ${planned.total}`);

      const t1 = performance.now();
      const rawCount = rawPlan(file, gridId, '明天上午9点至12点停水，请提前储水。', now);
      out[`raw_sql_rowwise_plan_${size}_ms`] = Math.round(performance.now() - t1);
      if (rawCount !== size) throw new Error(`raw baseline planned ${rawCount}`);
    }
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchFanout();
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(30)} ${v}`);
}
