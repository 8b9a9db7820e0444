// One App running WeCom (WebSocket to a loopback WeCom server), Telegram (HTTP to a loopback
// Bot API) and the console at once, against one org and one SQLite file: each platform's report
// becomes a ticket and is answered on its own platform and chat, and a head on WeCom can handle
// a ticket reported on the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import { TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { WecomAdapter } from '../../src/adapters/wecom/index.js';
import { freshSqlite } from '../support/db.js';
import { FakeBotApi, type Json } from '../support/fake-bot-api.js';
import { fakeLogger } from '../support/logger.js';
import { loadOrg, startBot, waitUntil, type PlatformBot } from '../support/platform-harness.js';
import { FakeWecom } from '../support/wecom-server.js';

let wecom: FakeWecom;
let fake: FakeBotApi;
let fresh: Awaited<ReturnType<typeof freshSqlite>>;
let bot: PlatformBot | undefined;
const warnings: string[] = [];
const logger = fakeLogger({
  warn: (_: object, msg?: string) => void warnings.push(msg ?? ''),
  error: (_: object, msg?: string) => void warnings.push(msg ?? ''),
});

beforeAll(async () => {
  [wecom, fake, fresh] = await Promise.all([FakeWecom.start(), FakeBotApi.start(), freshSqlite()]);
});
afterAll(async () => {
  await bot?.stop();
  expect(warnings.filter((w) => /still running|update failed|handler failed|send failed/.test(w))).toEqual([]);
  await Promise.all([wecom?.close(), fake?.close()]);
  await fresh?.cleanup();
});

describe('one App on WeCom, Telegram and the console', () => {
  it('answers each platform on its own platform and chat', async () => {
    const WECOM_GROUP = 'wrkSFfCgAA32unit2';
    const tgHead = fake.user('冯师傅');
    const tgResident = fake.user('王', 'wang_resident');
    const tgGroup = fake.group('3栋1单元业主群');
    await loadOrg(fresh.db, {
      identities: {
        'feng-b3u1': [{ platform: 'telegram', id: String(tgHead.id) }],
        'he-b3u2': [
          { platform: 'wecom', id: 'hexm' },
          { platform: 'console', id: '何单元长' },
        ],
      },
      chats: {
        b3u1: [{ platform: 'telegram', id: String(tgGroup.id) }],
        b3u2: [{ platform: 'wecom', id: WECOM_GROUP }],
        b3: [{ platform: 'console', id: '3栋群' }],
      },
    });
    const wecomAdapter = new WecomAdapter({
      botId: wecom.botId,
      secret: wecom.secret,
      wsUrl: wecom.url,
      pacing: { sameChatGapMs: 10 },
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
    bot = await startBot({ db: fresh.db, url: fresh.url, adapters: [wecomAdapter, telegram, console] });

    fake.say(tgGroup, tgResident, '3栋1单元楼道灯坏了');
    await bot.handled((m) => m.platform === 'telegram');
    wecom.say('lisi', '@网格助手 3栋2单元电梯门关不上', { chat: WECOM_GROUP });
    await bot.handled((m) => m.platform === 'wecom');
    await console.say({ chat: '3栋群', speaker: '居民小赵', text: '3栋2单元门禁刷不开' });
    await bot.quiet();

    const tickets = await fresh.db.prisma.ticket.findMany({
      orderBy: { id: 'asc' },
      include: { chat: true, assignee: true },
    });
    expect(tickets.map((t) => [t.id, t.chat?.platform, t.assignee?.name])).toEqual([
      [1, 'telegram', '冯单元长'],
      [2, 'wecom', '何单元长'],
      [3, 'console', '何单元长'],
    ]);
    // Each acknowledgement on its own platform, @-mentioning the head by that platform's id.
    const tgAck = fake.sent.find((c) => /已受理 #1【/.test(c.params.text))!;
    expect(Number(tgAck.params.chat_id)).toBe(tgGroup.id);
    expect((tgAck.params.entities as Json[]).map((e) => [e.type, e.user?.id])).toEqual([['text_mention', tgHead.id]]);
    const wecomAck = wecom.delivered.find((d) => /已受理 #2【/.test(d.content))!;
    expect(wecomAck).toMatchObject({ via: 'reply', chatId: WECOM_GROUP });
    expect(wecomAck.content).toContain('<@hexm>');
    const consoleAck = console.sent.find((s) => /已受理 #3【/.test(s.text))!;
    expect(consoleAck).toMatchObject({ chatId: '3栋群', mentions: [{ id: '何单元长', name: '何单元长' }] });

    // The head claims and resolves the console's ticket from WeCom: WeCom hears through the
    // frames he sent; the console chat it came from hears of the claim, and its reporter is asked.
    wecom.say('hexm', '@网格助手 接单 #3', { chat: WECOM_GROUP });
    wecom.say('hexm', '@网格助手 办结 #3 已修好门禁', { chat: WECOM_GROUP });
    await waitUntil(() => console.sent.some((s) => /#3 已处理完毕，您满意吗/.test(s.text)), 'the reporter asked');
    await bot.quiet();
    expect(console.sent.map((s) => s.text.replace(/[，。].*$/s, ''))).toEqual([
      '@何单元长 已受理 #3【设施报修】3栋2单元',
      '#3 已由 何单元长 签收',
      '@居民小赵 #3 已处理完毕',
    ]);

    // Nothing crossed platforms or chats, and nothing was sent twice.
    expect(new Set(fake.sent.map((c) => Number(c.params.chat_id)))).toEqual(new Set([tgGroup.id]));
    expect(new Set(wecom.delivered.map((d) => d.chatId))).toEqual(new Set([WECOM_GROUP]));
    expect(new Set(console.sent.map((s) => s.chatId))).toEqual(new Set(['3栋群']));
    expect(wecom.delivered.map((d) => [d.via, d.content.replace(/。.*$/s, '')])).toEqual([
      ['reply', expect.stringMatching(/^<@hexm> 已受理 #2【/)],
      ['reply', expect.stringMatching(/^#3 已由 何单元长 签收/)],
      ['reply', '#3 已办结（何单元长）：已修好门禁'],
    ]);
    expect(fake.sent.map((c) => String(c.params.text))).toEqual([expect.stringMatching(/已受理 #1【/)]);
    const rows = await fresh.db.prisma.outbox.groupBy({
      by: ['platform', 'status'],
      _count: true,
      orderBy: { platform: 'asc' },
    });
    expect(rows.map((r) => [r.platform, r.status, r._count])).toEqual([
      ['console', 'sent', console.sent.length],
      ['telegram', 'sent', 1],
      ['wecom', 'sent', 3],
    ]);
  });
});
