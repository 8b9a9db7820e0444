// One App running WeChat (gRPC to a loopback puppet service), Telegram (HTTP to a loopback Bot
// API) and the console at once, against one org and one SQLite file: each platform's reports
// become tickets, every reply goes back on the platform and chat it belongs to, and a head on
// one platform can handle a ticket from another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import { TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { WechatAdapter } from '../../src/adapters/wechat/index.js';
import { freshSqlite } from '../support/db.js';
import { FakeBotApi, type Json } from '../support/fake-bot-api.js';
import { loadOrg, startBot, waitUntil, type PlatformBot } from '../support/platform-harness.js';
import { startPuppetServer, type PuppetServerHandle } from '../support/puppet-server.js';
import { fakeLogger } from '../support/logger.js';

let ps: PuppetServerHandle;
let fake: FakeBotApi;
let fresh: Awaited<ReturnType<typeof freshSqlite>>;
let bot: PlatformBot | undefined;
/** What the adapters warned about: a clean stop leaves no update or handler unfinished. */
const warnings: string[] = [];
const logger = fakeLogger({
  info() {},
  debug() {},
  warn: (_: object, msg?: string) => void warnings.push(msg ?? ''),
  error: (_: object, msg?: string) => void warnings.push(msg ?? ''),
});

beforeAll(async () => {
  [ps, fake, fresh] = await Promise.all([startPuppetServer(), FakeBotApi.start(), freshSqlite()]);
});
afterAll(async () => {
  await bot?.stop();
  expect(warnings.filter((w) => /still running|update failed|handler failed/.test(w))).toEqual([]);
  await Promise.all([ps?.stop(), fake?.close()]);
  await fresh?.cleanup();
});

describe('one App on WeChat, Telegram and the console', () => {
  it('takes a report on each platform and answers each on its own platform and chat', async () => {
    const tgHead = fake.user('冯师傅');
    const tgResident = fake.user('王', 'wang_resident');
    const tgGroup = fake.group('3栋1单元业主群');
    const wxHead = ps.createContact('何单元长');
    const wxResident = ps.createContact('小李');
    const wxRoom = ps.createRoom('3栋2单元群', [wxHead, wxResident]);
    await loadOrg(fresh.db, {
      identities: {
        'feng-b3u1': [
          { platform: 'telegram', id: String(tgHead.id) },
          { platform: 'console', id: '冯单元长' },
        ],
        'he-b3u2': [{ platform: 'wechat', id: wxHead.id }],
      },
      chats: {
        b3u1: [{ platform: 'telegram', id: String(tgGroup.id) }],
        b3u2: [{ platform: 'wechat', id: wxRoom.id }],
        b3: [{ platform: 'console', id: '3栋群' }],
      },
    });
    const wechat = new WechatAdapter({
      token: ps.token,
      endpoint: ps.endpoint,
      tls: false,
      pacing: { sameChatGapMs: 20, otherChatGapMs: 20, perMinute: 0, jitterMs: 0 },
      logger,
    });
    const telegram = new TelegramAdapter({
      token: '123:TEST',
      apiRoot: fake.apiRoot,
      pacing: { sameChatGapMs: 10 },
      pollTimeoutSeconds: 1,
      retry: { maxRetryAttempts: 1, serverErrorDelayMs: 20 },
      stopTimeoutMs: 5_000,
      logger,
    });
    const console = new ConsoleAdapter();
    bot = await startBot({ db: fresh.db, url: fresh.url, adapters: [wechat, telegram, console] });
    await wechat.whenLoggedIn(15_000);

    fake.say(tgGroup, tgResident, '3栋1单元楼道灯坏了');
    await bot.handled((m) => m.platform === 'telegram');
    ps.say(wxResident, '3栋2单元电梯门关不上', wxRoom);
    await bot.handled((m) => m.platform === 'wechat');
    await console.say({ chat: '3栋群', speaker: '居民小赵', text: '3栋1单元门禁刷不开' });
    await bot.quiet();

    const tickets = await fresh.db.prisma.ticket.findMany({
      orderBy: { id: 'asc' },
      include: { chat: true, assignee: true },
    });
    expect(tickets.map((t) => [t.id, t.chat?.platform, t.assignee?.name])).toEqual([
      [1, 'telegram', '冯单元长'],
      [2, 'wechat', '何单元长'],
      [3, 'console', '冯单元长'],
    ]);
    // Each acknowledgement on its own platform, @-mentioning the head by that platform's id.
    const tgAck = fake.sent.find((c) => /已受理 #1【/.test(c.params.text))!;
    expect(Number(tgAck.params.chat_id)).toBe(tgGroup.id);
    expect((tgAck.params.entities as Json[]).map((e) => [e.type, e.user?.id])).toEqual([['text_mention', tgHead.id]]);
    const wxAck = ps.sends.find((s) => /已受理 #2【/.test(s.text))!;
    expect(wxAck).toMatchObject({ conversationId: wxRoom.id, mentionIds: [wxHead.id] });
    const consoleAck = console.sent.find((s) => /已受理 #3【/.test(s.text))!;
    expect(consoleAck).toMatchObject({ chatId: '3栋群', mentions: [{ id: '冯单元长', name: '冯单元长' }] });

    // The head answers ticket #1 (from Telegram) on the console: both chats hear of it, and
    // the Telegram reporter is asked for the follow-up on Telegram.
    await console.say({ chat: '3栋群', speaker: '冯单元长', text: '接单 #1' });
    await console.say({ chat: '3栋群', speaker: '冯单元长', text: '办结 #1 已换灯泡' });
    const ask = () => fake.sent.find((c) => /#1 已处理完毕，您满意吗/.test(c.params.text));
    await waitUntil(() => !!ask(), 'the follow-up question on Telegram');
    expect(
      (ask()!.params.entities as Json[]).map((e) => [
        e.type,
        String(ask()!.params.text).slice(e.offset, e.offset + e.length),
      ]),
    ).toEqual([['mention', '@wang_resident']]);
    fake.say(tgGroup, tgResident, '回访 #1 满意');
    await waitUntil(() => fake.sent.some((c) => /#1 已销号/.test(c.params.text)), 'the ticket closed on Telegram');
    await bot.quiet();

    // Nothing crossed platforms or chats, and nothing was sent twice.
    expect(new Set(fake.sent.map((c) => Number(c.params.chat_id)))).toEqual(new Set([tgGroup.id]));
    expect(new Set(ps.sends.map((s) => s.conversationId))).toEqual(new Set([wxRoom.id]));
    expect(new Set(console.sent.map((s) => s.chatId))).toEqual(new Set(['3栋群']));
    const inOrder = (texts: string[], patterns: RegExp[]) => {
      expect(texts).toHaveLength(patterns.length);
      texts.forEach((text, i) => expect(text).toMatch(patterns[i]));
    };
    inOrder(
      fake.sent.map((c) => String(c.params.text)),
      [/已受理 #1【/, /#1 已由 冯单元长 签收/, /#1 已处理完毕，您满意吗/, /#1 已销号/],
    );
    inOrder(
      ps.sends.map((s) => s.text),
      [/已受理 #2【/],
    );
    inOrder(
      console.sent.map((s) => s.text),
      [/已受理 #3【/, /#1 已由 冯单元长 签收/, /#1 已办结（冯单元长）：已换灯泡/],
    );
    const rows = await fresh.db.prisma.outbox.groupBy({
      by: ['platform', 'status'],
      _count: true,
      orderBy: { platform: 'asc' },
    });
    expect(rows.map((r) => [r.platform, r.status, r._count])).toEqual([
      ['console', 'sent', 3],
      ['telegram', 'sent', 4],
      ['wechat', 'sent', 1],
    ]);
  });
});
