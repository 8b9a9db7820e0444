// The same inbound messages delivered twice (a platform redelivering after a reconnect, or a
// webhook retried): zero duplicate tickets, zero duplicate replies. On a real SQLite file with
// 10,000 messages, and on PostgreSQL with both copies of each message arriving at the same
// moment, so the unique key and the rollback of the loser are what keep it single.
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import type { Inbound } from '../../src/common/types.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import { describePg, freshPostgres, freshSqlite } from '../support/db.js';
import { TestClock } from '../support/harness.js';
import { multiset } from './support.js';

const COUNT = Number(process.env.GRIDBOT_LOAD_REPLAY_COUNT ?? 10_000);
const PG_COUNT = Math.min(COUNT, 1_000);
const CHATS = ['1-1群', '1-2群', '2-1群', '2-2群', '3-1群', '3-2群'];
const PLACES = {
  '1-1群': '1栋1单元',
  '1-2群': '1栋2单元',
  '2-1群': '2栋1单元',
  '2-2群': '2栋2单元',
  '3-1群': '3栋1单元',
  '3-2群': '3栋2单元',
} as Record<string, string>;
const SAYINGS = [
  (i: number) => `楼道灯坏了，第${i}号`,
  (i: number) => `电梯又不动了（${i}）`,
  (i: number) => `下水道堵了 编号${i}`,
  (i: number) => `#${(i % 50) + 1} 怎么样了`,
  () => '物业电话多少',
  () => '楼栋长是谁',
  (i: number) => `谢谢大家${i}`,
  (i: number) => `门口堆了很多垃圾没人清理 ${i}`,
];

/** Message `i`: a resident of its own in one of the demo org's unit chats. */
function message(i: number): Inbound {
  const chat = CHATS[i % CHATS.length];
  const text = SAYINGS[i % SAYINGS.length](i);
  return {
    platform: 'console',
    account: 'console',
    messageId: `m${i}`,
    kind: 'message',
    chat: { id: chat, kind: 'group', title: PLACES[chat] },
    from: { id: `居民${i}`, name: `居民${i}` },
    text,
    mentionsBot: false,
    mentions: [],
    sentAt: new Date('2026-11-23T01:00:00Z'),
  };
}

/** Runs `work` over `items` with at most `limit` at once (an adapter handles chats concurrently). */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** A deterministic shuffle (LCG), so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function openApp(fresh: Awaited<ReturnType<typeof freshSqlite>> | Awaited<ReturnType<typeof freshPostgres>>) {
  const console = new ConsoleAdapter();
  const clock = new TestClock(new Date('2026-11-23T01:00:00Z'));
  const app = await App.create({
    config: loadConfig({ DATABASE_URL: fresh.url }),
    logger: silentLogger,
    clock,
    adapters: [console],
    db: fresh.db,
    manualTicks: true,
  });
  return { app, console, clock };
}

type Fresh = Awaited<ReturnType<typeof freshSqlite>>;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
  cleanup = [];
});

async function expectNoDoubles(
  fresh: Fresh | Awaited<ReturnType<typeof freshPostgres>>,
  console: ConsoleAdapter,
  count: number,
) {
  const db = fresh.db.prisma;
  expect(await db.inboundMessage.count()).toBe(count);
  expect(await db.inboundMessage.count({ where: { outcome: 'error' } })).toBe(0);
  const created = await db.inboundMessage.count({ where: { outcome: 'ticket' } });
  expect(await db.ticket.count(), 'tickets == first deliveries that created one').toBe(created);
  const rows = await db.outbox.findMany({ select: { dedupeKey: true, status: true } });
  expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
  // One reply row per (message, n) and each delivered once.
  expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
  expect(console.sent.length).toBe(rows.length);
  const perTicket = multiset(
    (await db.inboundMessage.findMany({ where: { outcome: 'ticket' }, select: { ticketId: true } })).map((m) =>
      String(m.ticketId),
    ),
  );
  expect([...perTicket.values()].every((n) => n === 1)).toBe(true);
}

describe('replayed deliveries on SQLite', () => {
  it(`${COUNT} messages delivered twice make no second ticket and no second reply`, async () => {
    const fresh = await freshSqlite();
    const { app, console } = await openApp(fresh);
    cleanup.push(
      () => fresh.cleanup(),
      () => app.stop(),
    );
    await app.start();
    const messages = Array.from({ length: COUNT }, (_, i) => message(i));

    const first: Record<string, number> = {};
    await pool(messages, 8, async (m) => {
      const r = await app.bot.handle(m);
      first[r] = (first[r] ?? 0) + 1;
    });
    expect(first).toEqual({ done: COUNT });
    await app.settle();
    const tickets = await fresh.db.prisma.ticket.count();
    const rows = await fresh.db.prisma.outbox.count();
    const sent = console.sent.length;
    expect(tickets).toBeGreaterThan(0);
    expect(await fresh.db.prisma.inboundMessage.count({ where: { outcome: 'merged' } })).toBeGreaterThan(0);

    const second: Record<string, number> = {};
    await pool(shuffled(messages, 7), 8, async (m) => {
      const r = await app.bot.handle({ ...m, sentAt: new Date() });
      second[r] = (second[r] ?? 0) + 1;
    });
    await app.settle();
    expect(second).toEqual({ duplicate: COUNT });
    expect(await fresh.db.prisma.ticket.count()).toBe(tickets);
    expect(await fresh.db.prisma.outbox.count()).toBe(rows);
    expect(console.sent.length).toBe(sent);
    await expectNoDoubles(fresh, console, COUNT);
  }, 480_000);
});

describePg('replayed deliveries on PostgreSQL', () => {
  it(`${PG_COUNT} messages whose two copies arrive at the same moment are handled once`, async () => {
    const fresh = await freshPostgres();
    const { app, console } = await openApp(fresh);
    cleanup.push(
      () => fresh.cleanup(),
      () => app.stop(),
    );
    await app.start();
    const results: Record<string, number> = {};
    const messages = Array.from({ length: PG_COUNT }, (_, i) => message(i));
    await pool(messages, 4, async (m) => {
      for (const r of await Promise.all([app.bot.handle(m), app.bot.handle({ ...m })]))
        results[r] = (results[r] ?? 0) + 1;
    });
    await app.settle();
    expect(results).toEqual({ done: PG_COUNT, duplicate: PG_COUNT });
    await expectNoDoubles(fresh, console, PG_COUNT);
  }, 480_000);
});
