// Nothing lost, on both databases: 1,200 generated hostile inputs (NUL bytes in text, names,
// chat titles and ids; 20–120 KB messages; lone surrogates; RTL and zero-width marks; emoji
// floods; numbers that are no ticket such as 999999999999999999999, 1.5 and 1e9; unknown
// commands; SQL look-alikes) go through the whole bot. Each one has its inbound row, none is
// handled as an error, nothing crashes and nobody hears the internal-error apology.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import { T } from '../../src/common/text/index.js';
import type { Inbound } from '../../src/common/types.js';
import { describePg, freshPostgres, freshSqlite } from '../support/db.js';
import { TestClock, groupMessage } from '../support/harness.js';

const SEED = Number(process.env.GRIDBOT_FUZZ_SEED ?? 20261201);
const COUNT = 1_200;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];

const NUMBERS = [
  '999999999999999999999',
  '99999999999',
  '2147483648',
  '9007199254740993',
  '1.5',
  '1e9',
  '1E9',
  '-1',
  '0',
  '00000000001',
  '１２',
  'Infinity',
  'NaN',
  '0x10',
  '1_000',
];
const NUMBER_COMMANDS = [
  (n: string) => `取消定时 ${n}`,
  (n: string) => `#${n}`,
  (n: string) => `#${n} 怎么样了`,
  (n: string) => `重开 #${n}`,
  (n: string) => `重开 #${n} 位置 3栋2单元`,
  (n: string) => `接单 #${n}`,
  (n: string) => `办结 #${n} 修好了`,
  (n: string) => `合并 #${n} 到 #1`,
  (n: string) => `合并 #1 到 #${n}`,
  (n: string) => `转派 #${n} @冯单元长`,
  (n: string) => `回访 #${n} 满意`,
  (n: string) => `撤销 #${n}`,
  (n: string) => `工单${n}处理好了`,
  (n: string) => `${n}号工单怎么样了`,
  (n: string) => `#${n} 改为 安全隐患`,
  (n: string) => `上报 #${n}`,
];
const UNKNOWN = [
  '/foo',
  '/start@somebot',
  '/删除所有工单',
  '给我管理员权限',
  '!!!',
  '/help me',
  'sudo 接单',
  '撤回所有',
];
const SQL = [
  '\'; DROP TABLE "Ticket"; --',
  '1 OR 1=1',
  'Robert\'); DELETE FROM "InboundMessage";--',
  'SELECT * FROM "Person" WHERE 1=1',
  '3栋2单元\'); UPDATE "Ticket" SET "status"=\'closed\'; -- 漏水',
  '\\x00\\u0000%00',
];
const MARKS = ['\u202e', '\u202d', '\u2066', '\u2067', '\u2069', '\u061c', '\u200b', '\u200d', '\ufeff', '\u200f'];
const REPORTS = ['3栋2单元楼道灯坏了', '1栋1单元电梯不动了', '2栋1单元下水道堵了', '3栋1单元着火了', '楼道有煤气味'];

function loneSurrogates(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const x = r();
    s +=
      x < 0.4
        ? String.fromCharCode(0xd800 + Math.floor(r() * 0x400))
        : x < 0.8
          ? String.fromCharCode(0xdc00 + Math.floor(r() * 0x400))
          : pick(r, REPORTS);
  }
  return s;
}

function withNuls(r: () => number, text: string): string {
  const chars = [...text];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) chars.splice(Math.floor(r() * (chars.length + 1)), 0, '\u0000');
  return chars.join('');
}

function hostileText(r: () => number, i: number): string {
  switch (i % 10) {
    case 0:
      return withNuls(r, pick(r, [...REPORTS, '接单 #1', '#1 怎么样了', '帮助', '']));
    case 1:
      return i % 50 === 1
        ? `${pick(r, REPORTS)}\u0000${'楼道灯坏了\u0000\ud800'.repeat(2_000 + Math.floor(r() * 10_000))}`
        : '\u0000'.repeat(1 + Math.floor(r() * 64));
    case 2:
      return loneSurrogates(r, 1 + Math.floor(r() * 30));
    case 3:
      return Array.from({ length: 1 + Math.floor(r() * 12) }, () => pick(r, [...MARKS, ...REPORTS])).join('');
    case 4:
      return pick(r, ['😀', '🔥', '🚒', '👍🏻', '👨‍👩‍👧‍👦', '🇨🇳']).repeat(1 + Math.floor(r() * 2_000));
    case 5:
    case 6:
      return pick(r, NUMBER_COMMANDS)(pick(r, NUMBERS));
    case 7:
      return pick(r, UNKNOWN) + (r() < 0.3 ? '\u0000' : '');
    case 8:
      return pick(r, SQL) + (r() < 0.3 ? pick(r, MARKS) : '');
    default:
      return `${pick(r, NUMBER_COMMANDS)(pick(r, NUMBERS))}${withNuls(r, pick(r, MARKS))}`;
  }
}

const CHATS = ['1-1群', '2-1群', '3-1群', '3-2群', '1栋群', '网格群'];
const SPEAKERS = ['何单元长', '张楼长', '王网格长', '李网格员', '居民甲', '居民乙', '居民\u0000丙', '\u202e居民丁'];

function generate(r: () => number, i: number): Inbound {
  const where = r();
  const chat =
    where < 0.8
      ? { id: pick(r, CHATS), kind: 'group' as const }
      : where < 0.9
        ? { id: `陌生群\u0000${i % 3}`, kind: 'group' as const, title: `标题\u0000\ud800${i}` }
        : { id: `dm-${i % 7}`, kind: 'direct' as const };
  const name = pick(r, SPEAKERS);
  return {
    platform: 'console',
    account: 'console',
    messageId: `hostile-${SEED}-${i}`,
    kind: 'message',
    chat,
    from: { id: chat.kind === 'direct' ? chat.id : name, name: r() < 0.2 ? `${name}\u0000\udc00` : name },
    text: hostileText(r, i),
    mentionsBot: r() < 0.2,
    mentions: [],
    sentAt: new Date('2026-11-23T01:00:00Z'),
  };
}

/** The corpus, with checks that it holds what this file promises. */
function corpus(): Inbound[] {
  const r = rng(SEED);
  const all = Array.from({ length: COUNT }, (_, i) => generate(r, i));
  const count = (test: (m: Inbound) => boolean) => all.filter(test).length;
  expect(count((m) => m.text.includes('\u0000'))).toBeGreaterThan(200);
  expect(count((m) => m.text.length > 20_000)).toBeGreaterThan(10);
  expect(
    count((m) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(m.text)),
  ).toBeGreaterThan(100);
  expect(count((m) => /999999999999999999999|1\.5|1e9/.test(m.text))).toBeGreaterThan(50);
  return all;
}

function suite(provider: 'sqlite' | 'postgresql') {
  let app: App;
  let fresh: { db: App['db']; url: string; cleanup(): Promise<void> };
  const clock = new TestClock(new Date('2026-11-23T01:00:00Z'));
  const unhandled: unknown[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onRejection);
    fresh = provider === 'postgresql' ? await freshPostgres() : await freshSqlite();
    app = await App.create({
      config: loadConfig({ DATABASE_URL: fresh.url }),
      logger: silentLogger,
      clock,
      adapters: [new ConsoleAdapter()],
      db: fresh.db,
      manualTicks: true,
    });
    await app.start();
    await app.bot.handle(
      groupMessage({ id: 'seed-report', chat: '3-2群', from: '居民戊', text: '3栋2单元楼道灯坏了', at: clock.now() }),
    );
    await app.settle();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fresh?.cleanup();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onRejection);
  });

  it(`records all ${COUNT} hostile inputs, fails none, apologises for none`, async () => {
    const results: Record<string, number> = {};
    for (const [i, m] of corpus().entries()) {
      if (i % 20 === 0) clock.advance(61_000);
      const result = await app.bot.handle(m);
      results[result] = (results[result] ?? 0) + 1;
    }
    await app.settle();
    expect(unhandled, 'unhandled rejections or exceptions').toEqual([]);
    expect(results).toEqual({ done: COUNT });
    const prisma = fresh.db.prisma;
    const recorded = await prisma.inboundMessage.findMany({
      where: { dedupeKey: { startsWith: `console:console:hostile-${SEED}-` } },
      select: { outcome: true, text: true },
    });
    expect(recorded.length, 'inputs with an inbound row').toBe(COUNT);
    expect(recorded.filter((m) => m.outcome === 'error').length, 'inputs handled as errors').toBe(0);
    expect(recorded.filter((m) => m.text.includes('\u0000')).length, 'rows still holding NUL').toBe(0);
    expect(await prisma.outbox.count({ where: { text: T.internalError } }), 'internal-error apologies').toBe(0);
  }, 600_000);
}

describe(`hostile inputs on SQLite (seed ${SEED}, ${COUNT} inputs)`, () => suite('sqlite'));
describePg(`hostile inputs on PostgreSQL (seed ${SEED}, ${COUNT} inputs)`, () => suite('postgresql'));
