// A seeded corpus of hostile and broken input (random Unicode with lone surrogates, RTL and
// zero-width marks, control characters, 100 KB messages, malformed commands, SQL and markup
// look-alikes, unknown ticket numbers, commands from people without the role, unbound chats,
// direct chats) thrown at the core on a real SQLite file. Nothing crashes, no promise is left
// rejected, every input is recorded, nothing fails to handle, no reply echoes a huge input,
// and a normal report afterwards still gets its ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import type { Inbound } from '../../src/common/types.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import { freshSqlite } from '../support/db.js';
import { TestClock, groupMessage } from '../support/harness.js';

const SEED = Number(process.env.GRIDBOT_FUZZ_SEED ?? 20261122);
const COUNT = 600;

/** mulberry32: small, fast, deterministic. */
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

const BOUND_CHATS = ['1-1群', '1-2群', '2-1群', '2-2群', '3-1群', '3-2群', '1栋群', '网格群'];
const HEADS = ['何单元长', '冯单元长', '张楼长', '王网格长', '李网格员', '赵书记'];
const MALFORMED = [
  '接单 #',
  '#-1',
  '#1e9',
  '合并 # 到 #',
  '合并 #1 到 #1',
  '合并 #2 到 #999999',
  '接单 #99999999999999999999999',
  '办结 #0',
  '办结 #1',
  '转派 #1 @',
  '转派 #1 @不存在的人',
  '进展 #',
  '上报 #-5',
  '回访 #1 满',
  '撤销 #abc',
  '#１２ 怎么样了',
  '#NaN',
  '#Infinity 怎么样了',
  '#0x10',
  '接单 #1.5',
  '#1 改为',
  '#1 改为 不存在的分类',
  '定时 每周八25:61 通知 停水',
  '通知',
  '通知 全网格',
  '通知 不存在的地方 明天停水',
  '定时',
  '绑定',
  '绑定 ',
  '绑定 99999999',
  '我的待办 #1',
  '帮助 帮助 帮助',
  '/start',
  '/help@gridbot',
  '@网格助手',
  '@网格助手 ',
  '我报的灯修好了吗',
  '楼栋长是谁',
  '物业电话',
  '满意',
  '不满意',
  '#',
  '##',
  '#1#2#3',
  '接单#1接单#2',
  '接单 #1 #2 #3',
];
const LOOKALIKES = [
  '\'; DROP TABLE "Ticket"; --',
  '1 OR 1=1',
  '" OR ""="',
  "Robert'); DELETE FROM InboundMessage;--",
  '\\x00\\x1a',
  '<script>alert(1)</script>',
  '**粗体** _斜体_ [链接](http://127.0.0.1/)',
  '<b>楼道灯</b>坏了',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile input, not a template
  '${process.exit(1)}',
  '{{7*7}}',
  '%s%s%s%n',
  '@everyone @all',
  '`rm -rf /`',
  '\u202e坏了灯道楼',
  '楼\u200b道\u200d灯\ufeff坏了',
  '3栋\u00002单元漏水',
];

function pick<T>(r: () => number, items: T[]): T {
  return items[Math.floor(r() * items.length)];
}

function randomUnicode(r: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const kind = r();
    if (kind < 0.3)
      s += String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000)); // CJK
    else if (kind < 0.4)
      s += String.fromCharCode(0xd800 + Math.floor(r() * 0x800)); // lone surrogate
    else if (kind < 0.5)
      s += String.fromCodePoint(0x1f300 + Math.floor(r() * 0x300)); // emoji (astral)
    else if (kind < 0.6) s += pick(r, ['\u200b', '\u200c', '\u200d', '\ufeff', '\u202e', '\u202d', '\u2066', '\u061c']);
    else if (kind < 0.7)
      s += String.fromCharCode(Math.floor(r() * 0x20)); // control
    else if (kind < 0.75)
      s += String.fromCharCode(0x0300 + Math.floor(r() * 0x70)); // combining
    else if (kind < 0.8) s += pick(r, ['#', '@', ' ', '\n', '栋', '单元', '接单', '0', '9']);
    else s += String.fromCharCode(0x20 + Math.floor(r() * 0x5f)); // ASCII
  }
  return s;
}

/** Input `i` of the corpus; the same seed always gives the same corpus. */
function generate(r: () => number, i: number): Inbound {
  const kind = i % 10;
  let text: string;
  if (kind === 0) text = randomUnicode(r, 1 + Math.floor(r() * 200));
  else if (kind === 1)
    text =
      Array.from({ length: 1 + Math.floor(r() * 40) }, () => String.fromCharCode(Math.floor(r() * 0x20))).join('') +
      (r() < 0.5 ? '\x7f' : '');
  else if (kind === 2 && i % 50 === 2)
    text = (r() < 0.5 ? '3栋2单元楼道灯坏了' : '') + randomUnicode(r, 100 * 1024); // ~100 KB
  else if (kind === 2) text = pick(r, MALFORMED) + (r() < 0.3 ? randomUnicode(r, 5) : '');
  else if (kind === 3 || kind === 4) text = pick(r, MALFORMED);
  else if (kind === 5) text = pick(r, LOOKALIKES);
  else if (kind === 6)
    text = `${pick(r, ['接单', '办结', '进展', '转派', '上报', '撤销', '回访', '合并', '重新打开'])} #${Math.floor(r() * 1e6)} ${randomUnicode(r, 8)}`;
  else if (kind === 7)
    text = pick(r, ['', ' ', '\n\n\t', '\u3000', '😀'.repeat(1 + Math.floor(r() * 500)), '#'.repeat(5000)]);
  else if (kind === 8) text = `${pick(r, ['楼道灯坏了', '电梯不动了', '漏水'])}${randomUnicode(r, 10)}`;
  else text = `${pick(r, MALFORMED)} ${pick(r, LOOKALIKES)}`;

  const where = r();
  const chat =
    where < 0.75
      ? { id: pick(r, BOUND_CHATS), kind: 'group' as const }
      : where < 0.9
        ? { id: `陌生群${Math.floor(r() * 3)}`, kind: 'group' as const }
        : { id: `dm-${i}`, kind: 'direct' as const };
  const asHead = r() < 0.35;
  const speaker = asHead ? pick(r, HEADS) : `居民${Math.floor(r() * 200)}`;
  return {
    platform: 'console',
    account: 'console',
    messageId: `fuzz-${SEED}-${i}`,
    kind: 'message',
    chat,
    from: { id: chat.kind === 'direct' ? chat.id.slice(3) : speaker, name: speaker },
    text,
    mentionsBot: r() < 0.2,
    mentions: r() < 0.1 ? [{ id: pick(r, HEADS), name: pick(r, HEADS) }] : [],
    sentAt: new Date('2026-11-23T01:00:00Z'),
  };
}

describe(`bad-input corpus (seed ${SEED}, ${COUNT} inputs)`, () => {
  let app: App;
  let console: ConsoleAdapter;
  let fresh: Awaited<ReturnType<typeof freshSqlite>>;
  const clock = new TestClock(new Date('2026-11-23T01:00:00Z'));
  const unhandled: unknown[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);
  const onException = (error: unknown) => unhandled.push(error);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    fresh = await freshSqlite();
    console = new ConsoleAdapter();
    app = await App.create({
      config: loadConfig({ DATABASE_URL: fresh.url }),
      logger: silentLogger,
      clock,
      adapters: [console],
      db: fresh.db,
      manualTicks: true,
    });
    await app.start();
    // A few real tickets, so ticket numbers in the corpus sometimes exist.
    for (const [i, [chat, text]] of [
      ['3-2群', '3栋2单元楼道灯坏了'],
      ['1-1群', '1栋1单元电梯不动了'],
      ['2-1群', '2栋1单元下水道堵了'],
    ].entries()) {
      await app.bot.handle({
        platform: 'console',
        account: 'console',
        messageId: `seed-${i}`,
        kind: 'message',
        chat: { id: chat, kind: 'group' },
        from: { id: `报事人${i}`, name: `报事人${i}` },
        text,
        mentionsBot: false,
        mentions: [],
        sentAt: clock.now(),
      });
    }
    await app.settle();
  });

  afterAll(async () => {
    await app?.stop();
    await fresh?.cleanup();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  });

  it('records every input, fails none, crashes nothing, keeps replies short', async () => {
    const r = rng(SEED);
    const corpus = Array.from({ length: COUNT }, (_, i) => generate(r, i));
    expect(corpus.filter((m) => m.text.length >= 100 * 1024).length).toBeGreaterThan(0);
    expect(corpus.some((m) => /[\ud800-\udbff](?![\udc00-\udfff])/.test(m.text))).toBe(true);
    const results: Record<string, number> = {};
    for (const [i, m] of corpus.entries()) {
      if (i % 25 === 0) clock.advance(61_000); // as in a real chat, not all within one flood window
      const result = await app.bot.handle(m);
      results[result] = (results[result] ?? 0) + 1;
    }
    await app.settle();
    await new Promise((resolve) => setImmediate(resolve));

    expect(unhandled, 'unhandled rejections or exceptions').toEqual([]);
    expect(results).toEqual({ done: COUNT });
    const recorded = await fresh.db.prisma.inboundMessage.findMany({
      where: { dedupeKey: { startsWith: `console:console:fuzz-${SEED}-` } },
      select: { dedupeKey: true, outcome: true },
    });
    expect(recorded.length, 'inputs with an InboundMessage row').toBe(COUNT);
    expect(
      recorded.filter((m) => m.outcome === 'error'),
      'inputs whose handling failed',
    ).toEqual([]);
    const stuck = await fresh.db.prisma.outbox.findMany({
      where: { status: { not: 'sent' } },
      select: { id: true, status: true, lastError: true },
    });
    expect(stuck, 'replies not delivered').toEqual([]);
    const long = console.sent.filter((s) => s.text.length > 4000);
    expect(
      long.map((s) => s.text.slice(0, 80)),
      'replies echoing huge input',
    ).toEqual([]);
  });

  it('still answers a normal report afterwards with its ticket', async () => {
    clock.advance(3_600_000);
    const before = console.sent.length;
    const result = await app.bot.handle(
      groupMessage({
        id: 'after-fuzz',
        chat: '2-2群',
        from: '新居民',
        text: '2栋2单元门口的路灯不亮了',
        at: clock.now(),
      }),
    );
    await app.settle();
    expect(result).toBe('done');
    const replies = console.sent
      .slice(before)
      .map((s) => s.text)
      .join('\n');
    expect(replies).toMatch(/#\d+/);
    const inbound = await fresh.db.prisma.inboundMessage.findUnique({
      where: { dedupeKey: 'console:console:after-fuzz' },
    });
    expect(['ticket', 'merged']).toContain(inbound?.outcome);
    expect(unhandled).toEqual([]);
  });
});
