/**
 * Intake benchmark: messages/s for message → reading → ticket, events and outbox row in one
 * transaction, on SQLite and PostgreSQL, beside raw SQL doing the same writes on the same
 * machine; p50/p99 latency at an offered 200 messages/s; resident memory idle and after load.
 * Run: node --import tsx bench/intake.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { stringify } from 'yaml';
import { App } from '../src/app.js';
import type { Inbound } from '../src/common/types.js';
import { loadConfig } from '../src/common/config.js';
import { silentLogger } from '../src/common/log.js';

const BUILDINGS = 100;
const UNITS = 6;
const THINGS = [
  '楼道灯坏了',
  '电梯卡住了',
  '水管漏水',
  '门禁坏了',
  '垃圾没人收',
  '下水道堵了',
  '暖气不热',
  '楼上的狗一直叫',
  '有人在楼道给电动车充电',
  '消防通道被堵了',
  '井盖松动了',
  '楼道堆满杂物',
  '有人乱停车',
  '树枝快断了',
  '窗户玻璃碎了',
  '蟑螂太多了',
  '电线乱拉',
  '楼上装修太吵',
  '台阶塌了',
  '长椅坏了',
];

/** An org with BUILDINGS × UNITS units, each with a bound console chat and a head. */
export function benchOrg(): string {
  const people: object[] = [{ key: 'g', name: '网格长', identities: [{ platform: 'console', id: '网格长' }] }];
  const buildings: object[] = [];
  for (let b = 1; b <= BUILDINGS; b++) {
    const units: object[] = [];
    for (let u = 1; u <= UNITS; u++) {
      people.push({
        key: `h${b}-${u}`,
        name: `单元长${b}-${u}`,
        identities: [{ platform: 'console', id: `单元长${b}-${u}` }],
      });
      units.push({
        key: `c/g/${b}/${u}`,
        level: 'unit',
        name: `${u}单元`,
        number: String(u),
        roles: { head: `h${b}-${u}` },
        chats: [{ platform: 'console', id: `${b}-${u}群` }],
      });
    }
    buildings.push({ key: `c/g/${b}`, level: 'building', name: `${b}栋`, number: String(b), children: units });
  }
  return stringify({
    people,
    places: [
      {
        key: 'c',
        level: 'community',
        name: '社区',
        children: [{ key: 'c/g', level: 'grid', name: '网格', roles: { head: 'g' }, children: buildings }],
      },
    ],
  });
}

const REPLIES = ['收到', '好的', '谢谢网格员', '已登记', '明白了', '👍'];

/** A resident's acknowledgement of a notice ("收到"): the commonest message in a flood. */
function acknowledgement(i: number, run: string): Inbound {
  const unit = i % (BUILDINGS * UNITS);
  return {
    platform: 'console',
    account: 'console',
    messageId: `${run}-${i}`,
    kind: 'message',
    chat: { id: `${Math.floor(unit / UNITS) + 1}-${(unit % UNITS) + 1}群`, kind: 'group' },
    from: { id: `回复者${i}`, name: `回复者${i}` },
    text: REPLIES[i % REPLIES.length],
    mentionsBot: false,
    mentions: [],
    sentAt: new Date(),
  };
}

/** The i-th report: every (unit, problem) pair is new until BUILDINGS × UNITS × THINGS reports. */
function message(i: number, run: string): Inbound {
  const unit = i % (BUILDINGS * UNITS);
  const b = Math.floor(unit / UNITS) + 1;
  const u = (unit % UNITS) + 1;
  const thing = THINGS[Math.floor(i / (BUILDINGS * UNITS)) % THINGS.length];
  return {
    platform: 'console',
    account: 'console',
    messageId: `${run}-${i}`,
    kind: 'message',
    chat: { id: `${b}-${u}群`, kind: 'group' },
    from: { id: `居民${i % 997}`, name: `居民${i % 997}` },
    text: thing,
    mentionsBot: false,
    mentions: [],
    sentAt: new Date(),
  };
}

async function withApp<T>(url: string, work: (app: App) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gridbot-bench-org-'));
  const orgFile = join(dir, 'org.yaml');
  (await import('node:fs')).writeFileSync(orgFile, benchOrg());
  const app = await App.create({
    config: loadConfig({ DATABASE_URL: url, GRIDBOT_ORG_FILE: orgFile }),
    logger: silentLogger,
    manualTicks: true,
  });
  try {
    return await work(app);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sequential intake rate through the real core (no adapters: replies stay in the outbox). */
async function intakeRate(app: App, count: number, run: string, make = message, from = 0): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await app.bot.handle(make(from + i, run));
  return count / ((performance.now() - t0) / 1000);
}

/** Intake rate with `parallel` messages in flight (different chats), as a busy platform delivers them. */
async function concurrentRate(app: App, count: number, parallel: number, run: string, from: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await app.bot.handle(message(from + i, run));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return count / ((performance.now() - t0) / 1000);
}

/** Open-loop latency: messages offered at `rate`/s whatever the bot's pace; latency from offer to done. */
async function latencyAt(
  app: App,
  rate: number,
  count: number,
  run: string,
  make: (i: number, run: string) => Inbound,
): Promise<{ p50: number; p99: number; max: number }> {
  const latencies: number[] = [];
  const start = performance.now() + 20;
  const all: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const offerAt = start + (i * 1000) / rate;
    const wait = offerAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    all.push(
      app.bot.handle(make(i, run)).then(() => {
        latencies.push(performance.now() - offerAt);
      }),
    );
  }
  await Promise.all(all);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] };
}

/**
 * The values of the tickets the bot filed in its one-at-a-time run (after the 50 warm-up reports), so
 * that raw SQL writes the same rows: the same places, chats, reporters and heads, whose index entries
 * fall on as many different pages as the bot's do. A baseline writing every row to place 1, chat 1
 * and reporter 1 appends to one page of each index and commits fewer pages (decision 0016).
 */
export interface RowValues {
  placeId: number;
  chatId: number;
  reporterId: number;
  assigneeId: number | null;
  category: string;
  text: string;
  chat: string;
}
const ROWS_SQL = `SELECT t."placeId", t."chatId", t."reporterId", t."assigneeId", t."category", t."text", c."externalId" AS "chat"
  FROM "Ticket" t JOIN "Chat" c ON c."id" = t."chatId" ORDER BY t."id" LIMIT $1 OFFSET 50`;
const ONE_PLACE: RowValues = {
  placeId: 1,
  chatId: 1,
  reporterId: 1,
  assigneeId: 1,
  category: 'facility',
  text: '',
  chat: '1-1群',
};

/** The same writes as one report's intake, by hand: ticket, two events, outbox row, inbound row. */
function rawSqliteRate(file: string, count: number, same: boolean): number {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const rows = same ? (db.prepare(ROWS_SQL.replace('$1', '?')).all(count) as RowValues[]) : [ONE_PLACE];
  const now = Date.now();
  const ticket = db.prepare(
    `INSERT INTO "Ticket" (status, category, urgent, text, placeId, chatId, reporterId, assigneeId, escalationLevel, ackDueAt, resolveDueAt, createdAt, updatedAt) VALUES ('assigned',?,0,?,?,?,?,?,0,?,?,?,?)`,
  );
  const event = db.prepare(`INSERT INTO "TicketEvent" (ticketId, kind, toStatus, at) VALUES (?,?,?,?)`);
  const outbox = db.prepare(
    `INSERT INTO "Outbox" (dedupeKey, platform, account, chatExternalId, ticketId, text, status, attempts, notBefore, createdAt) VALUES (?, 'console','default',?,?,?, 'pending', 0, ?, ?)`,
  );
  const inbound = db.prepare(
    `INSERT INTO "InboundMessage" (dedupeKey, chatId, identityId, text, intent, outcome, ticketId, receivedAt) VALUES (?,?,?,?,'report','ticket',?,?)`,
  );
  const tag = same ? 'raw' : 'raw1';
  const one = db.transaction((i: number) => {
    const r = rows[i % rows.length];
    const text = `${r.text} ${tag} ${i}`;
    const id = Number(
      ticket.run(r.category, text, r.placeId, r.chatId, r.reporterId, r.assigneeId, now, now, now, now).lastInsertRowid,
    );
    event.run(id, 'created', 'new', now);
    event.run(id, 'assigned', 'assigned', now);
    outbox.run(`${tag}:${i}`, r.chat, id, `已受理 #${id}`, now, now);
    inbound.run(`${tag}-in:${i}`, r.chatId, r.reporterId, text, id, now);
  });
  const t0 = performance.now();
  for (let i = 0; i < count; i++) one(i);
  const rate = count / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

async function rawPgRate(url: string, count: number, parallel = 1, run = 'seq', same = true): Promise<number> {
  let rows = [ONE_PLACE];
  if (same) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    rows = (await c.query(ROWS_SQL, [count])).rows as RowValues[];
    await c.end();
  }
  const clients = await Promise.all(
    Array.from({ length: parallel }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const now = new Date();
  let next = 0;
  const t0 = performance.now();
  const worker = async (client: pg.Client) => {
    while (next < count) {
      const i = next++;
      await rawPgOne(client, i, `${same ? 'raw' : 'raw1'}:${run}`, now, rows[i % rows.length]);
    }
  };
  await Promise.all(clients.map(worker));
  const rate = count / ((performance.now() - t0) / 1000);
  await Promise.all(clients.map((c) => c.end()));
  return rate;
}

/** One report's writes by hand on PostgreSQL, in one transaction. */
async function rawPgOne(client: pg.Client, i: number, run: string, now: Date, r: RowValues): Promise<void> {
  const text = `${r.text} ${run} ${i}`;
  await client.query('BEGIN');
  const { rows } = await client.query(
    `INSERT INTO "Ticket" (status, category, urgent, text, "placeId", "chatId", "reporterId", "assigneeId", "escalationLevel", "ackDueAt", "resolveDueAt", "createdAt", "updatedAt") VALUES ('assigned',$3,false,$1,$4,$5,$6,$7,0,$2,$2,$2,$2) RETURNING id`,
    [text, now, r.category, r.placeId, r.chatId, r.reporterId, r.assigneeId],
  );
  const id = rows[0].id as number;
  await client.query(
    `INSERT INTO "TicketEvent" ("ticketId", kind, "toStatus", at) VALUES ($1,'created','new',$2), ($1,'assigned','assigned',$2)`,
    [id, now],
  );
  await client.query(
    `INSERT INTO "Outbox" ("dedupeKey", platform, account, "chatExternalId", "ticketId", text, status, attempts, "notBefore", "createdAt") VALUES ($1,'console','default',$4,$5,$2,'pending',0,$3,$3)`,
    [`${run}:${i}`, `已受理 #${id}`, now, r.chat, id],
  );
  await client.query(
    `INSERT INTO "InboundMessage" ("dedupeKey", "chatId", "identityId", text, intent, outcome, "ticketId", "receivedAt") VALUES ($1,$5,$6,$2,'report','ticket',$3,$4)`,
    [`in:${run}:${i}`, text, id, now, r.chatId, r.reporterId],
  );
  await client.query('COMMIT');
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

export async function benchIntake(
  options: { count?: number; pgBase?: string } = {},
): Promise<Record<string, number | string>> {
  const count = options.count ?? 2000;
  const out: Record<string, number | string> = {};
  const dir = mkdtempSync(join(tmpdir(), 'gridbot-bench-'));
  const file = join(dir, 'bench.db');
  await withApp(`file:${file}`, async (app) => {
    out.rss_idle_mb = rssMb();
    await intakeRate(app, 50, 'warm', message, 50_000);
    out.sqlite_intake_per_s = Math.round(await intakeRate(app, count, 'seq'));
    out.sqlite_tickets_created = await app.db.prisma.ticket.count();
    out.sqlite_ack_per_s = Math.round(await intakeRate(app, count, 'ack', acknowledgement));
    out.sqlite_intake_16_in_flight_per_s = Math.round(await concurrentRate(app, 1000, 16, 'par', 20_000));
    const lat = await latencyAt(app, 200, 2000, 'lat', (i, run) => message(count + i, run));
    out.sqlite_p50_ms_at_200 = +lat.p50.toFixed(1);
    out.sqlite_p99_ms_at_200 = +lat.p99.toFixed(1);
    const mix = await latencyAt(app, 200, 2000, 'mix', (i, run) =>
      i % 10 < 3 ? message(count + 2000 + i, run) : acknowledgement(count + i, run),
    );
    out.sqlite_mix_p50_ms_at_200 = +mix.p50.toFixed(1);
    out.sqlite_mix_p99_ms_at_200 = +mix.p99.toFixed(1);
    const fast = await latencyAt(app, 1000, 3000, 'lat1k', (i, run) => message(count + 4000 + i, run));
    out.sqlite_p50_ms_at_1000 = +fast.p50.toFixed(1);
    out.sqlite_p99_ms_at_1000 = +fast.p99.toFixed(1);
    out.sqlite_tickets_total = await app.db.prisma.ticket.count();
    out.rss_after_load_mb = rssMb();
  });
  out.sqlite_raw_sql_per_s = Math.round(rawSqliteRate(file, count, true));
  out.sqlite_raw_sql_one_place_per_s = Math.round(rawSqliteRate(file, count, false));
  out.sqlite_ratio = +(Number(out.sqlite_intake_per_s) / Number(out.sqlite_raw_sql_per_s)).toFixed(3);
  // One connection and a synchronous driver: "in flight" for raw SQL on SQLite is one at a time.
  out.sqlite_16_in_flight_ratio = +(
    Number(out.sqlite_intake_16_in_flight_per_s) / Number(out.sqlite_raw_sql_per_s)
  ).toFixed(3);
  rmSync(dir, { recursive: true, force: true });

  const base = options.pgBase ?? process.env.GRIDBOT_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    out.postgresql = `skipped: no server at ${base.replace(/\/\/[^@]*@/, '//')}`;
    return out;
  }
  const name = `gridbot_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = base.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  try {
    await withApp(url, async (app) => {
      const n = Math.min(count, 1000);
      await intakeRate(app, 50, 'warm', message, 50_000);
      out.pg_intake_per_s = Math.round(await intakeRate(app, n, 'seq'));
      out.pg_ack_per_s = Math.round(await intakeRate(app, n, 'ack', acknowledgement));
      out.pg_intake_16_in_flight_per_s = Math.round(await concurrentRate(app, 1000, 16, 'par', 20_000));
      const lat = await latencyAt(app, 200, 1000, 'lat', (i, run) => message(n + i, run));
      out.pg_p50_ms_at_200 = +lat.p50.toFixed(1);
      out.pg_p99_ms_at_200 = +lat.p99.toFixed(1);
      const mix = await latencyAt(app, 200, 1000, 'mix', (i, run) =>
        i % 10 < 3 ? message(n + 1000 + i, run) : acknowledgement(n + i, run),
      );
      out.pg_mix_p50_ms_at_200 = +mix.p50.toFixed(1);
      out.pg_mix_p99_ms_at_200 = +mix.p99.toFixed(1);
      const fast = await latencyAt(app, 1000, 3000, 'lat1k', (i, run) => message(n + 4000 + i, run));
      out.pg_p50_ms_at_1000 = +fast.p50.toFixed(1);
      out.pg_p99_ms_at_1000 = +fast.p99.toFixed(1);
    });
    out.pg_raw_sql_per_s = Math.round(await rawPgRate(url, Math.min(count, 1000)));
    out.pg_raw_sql_one_place_per_s = Math.round(await rawPgRate(url, Math.min(count, 1000), 1, 'seq', false));
    out.pg_ratio = +(Number(out.pg_intake_per_s) / Number(out.pg_raw_sql_per_s)).toFixed(3);
    out.pg_raw_sql_16_in_flight_per_s = Math.round(await rawPgRate(url, 1000, 16, 'par'));
    out.pg_16_in_flight_ratio = +(
      Number(out.pg_intake_16_in_flight_per_s) / Number(out.pg_raw_sql_16_in_flight_per_s)
    ).toFixed(3);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchIntake());
}
