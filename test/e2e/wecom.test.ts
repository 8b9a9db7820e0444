// The whole bot on WeCom: the official SDK (the real WecomAdapter) talks WebSocket to the
// loopback FakeWecom; a real App on a SQLite file turns callbacks into tickets and answers
// through the outbox — through the frame it answers, or proactively for pings and escalations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomAdapter } from '../../src/adapters/wecom/index.js';
import { silentLogger } from '../../src/common/log.js';
import { sweepDeadlines } from '../../src/services/escalation.js';
import { freshSqlite } from '../support/db.js';
import { fakeLogger } from '../support/logger.js';
import { loadOrg, startBot, ticketLife, waitUntil, type PlatformBot } from '../support/platform-harness.js';
import { FakeWecom, type WecomDelivery } from '../support/wecom-server.js';

/** The 3栋1单元 residents' group as WeCom names it, and the people in it by userid. */
const GROUP = 'wrkSFfCgAA31unit1';
const HEAD = 'fengsz'; // 冯单元长, head of 3栋1单元
const RESIDENT = 'wangwu';

let wecom: FakeWecom;
let fresh: Awaited<ReturnType<typeof freshSqlite>>;
const bots: PlatformBot[] = [];
let warnings: string[] = [];
const logger = fakeLogger({
  warn: (_: object, msg?: string) => void warnings.push(msg ?? ''),
  error: (_: object, msg?: string) => void warnings.push(msg ?? ''),
});

beforeEach(async () => {
  [wecom, fresh] = await Promise.all([FakeWecom.start(), freshSqlite()]);
  warnings = [];
  await loadOrg(fresh.db, {
    identities: { 'feng-b3u1': [{ platform: 'wecom', id: HEAD }] },
    chats: { b3u1: [{ platform: 'wecom', id: GROUP }] },
  });
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  expect(warnings.filter((w) => /handler failed|another connection/.test(w))).toEqual([]);
  await wecom.close();
  await fresh.cleanup();
});

async function start(): Promise<PlatformBot> {
  const adapter = new WecomAdapter({
    botId: wecom.botId,
    secret: wecom.secret,
    wsUrl: wecom.url,
    pacing: { sameChatGapMs: 10 },
    reconnectIntervalMs: 50,
    logger,
  });
  const bot = await startBot({ db: fresh.db, url: fresh.url, adapters: [adapter] });
  bots.push(bot);
  return bot;
}

/** The one delivery to `chatId` whose content matches; fails if there are two. */
async function deliveredOnce(pattern: RegExp, chatId = GROUP): Promise<WecomDelivery> {
  const matches = (d: WecomDelivery) => d.chatId === chatId && pattern.test(d.content);
  const hit = await wecom.waitFor(matches, `a delivery to ${chatId} matching ${pattern}`);
  expect(wecom.delivered.filter(matches)).toHaveLength(1);
  return hit;
}

describe('WeCom end to end', () => {
  it('closes the loop in a group: report @-mentioning the bot, head pinged, claim, resolve, follow-up', async () => {
    const bot = await start();
    const report = wecom.say(RESIDENT, '@网格助手 3栋1单元楼道灯坏了，晚上看不见', { chat: GROUP });
    const ack = await deliveredOnce(/已受理 #1【设施报修】3栋1单元/);
    // Answered through the report's own frame, the head @-mentioned by userid.
    expect(ack).toMatchObject({ via: 'reply', chatId: GROUP, msgid: report });
    expect(ack.content).toContain(`<@${HEAD}>`);

    const claim = wecom.say(HEAD, '@网格助手 接单 #1', { chat: GROUP });
    expect(await deliveredOnce(/#1 已由 冯单元长 签收/)).toMatchObject({ via: 'reply', msgid: claim });
    const resolve = wecom.say(HEAD, '@网格助手 办结 #1 已换灯泡', { chat: GROUP });
    expect(await deliveredOnce(/#1 已办结（冯单元长）：已换灯泡/)).toMatchObject({ via: 'reply', msgid: resolve });
    // The follow-up question is the bot's own word to the reporter, not an answer: a proactive send.
    const ask = await deliveredOnce(/#1 已处理完毕，您满意吗/);
    expect(ask).toMatchObject({ via: 'send', chatId: GROUP });
    expect(ask.content).toContain(`<@${RESIDENT}>`);
    wecom.say(RESIDENT, '@网格助手 回访 #1 满意', { chat: GROUP });
    await deliveredOnce(/#1 已销号/);
    await bot.quiet();

    expect(await ticketLife(fresh.db, 1)).toEqual({
      status: 'closed',
      satisfied: true,
      events: ['created', 'assigned', 'acknowledged', 'resolved', 'closed'],
    });
    // Everything went out once, to the group; the chat listens to mentions only.
    expect(wecom.delivered).toHaveLength(await fresh.db.prisma.outbox.count({ where: { status: 'sent' } }));
    expect(wecom.delivered.map((d) => [d.via, d.chatId])).toEqual([
      ...Array(3).fill(['reply', GROUP]),
      ['send', GROUP],
      ['reply', GROUP],
    ]);
    const chat = await fresh.db.prisma.chat.findFirstOrThrow({ where: { platform: 'wecom', externalId: GROUP } });
    expect(chat.listen).toBe('mentions');

    // An escalation belongs to no message: it goes out as a proactive send.
    wecom.say(RESIDENT, '@网格助手 3栋1单元门禁刷不开', { chat: GROUP });
    await deliveredOnce(/已受理 #2/);
    await bot.quiet();
    const later = new Date(Date.now() + 3 * 3_600_000);
    expect(await sweepDeadlines(fresh.db, later, bot.app.deps.config, silentLogger)).toBe(1);
    await bot.quiet();
    const escalation = await deliveredOnce(/#2.*陈楼长/s);
    expect(escalation).toMatchObject({ via: 'send', chatId: GROUP });
    expect(escalation.content).toContain(`<@${RESIDENT}>`);
  });

  // The head has two tickets here; the quote says which one "修好了" is about.
  it('resolves the ticket whose bot message the assigned head quotes with "修好了"', async () => {
    const bot = await start();
    wecom.say(RESIDENT, '@网格助手 3栋1单元楼道灯坏了', { chat: GROUP });
    const ack = await deliveredOnce(/已受理 #1【设施报修】3栋1单元/);
    wecom.say(RESIDENT, '@网格助手 3栋1单元电梯按钮失灵', { chat: GROUP });
    await deliveredOnce(/已受理 #2/);
    wecom.say(HEAD, '@网格助手 接单 #1', { chat: GROUP });
    await deliveredOnce(/#1 已由 冯单元长 签收/);
    // WeCom's quote carries the quoted text, not its message id; the client shows mentions as names.
    const shown = ack.content.replace(`<@${HEAD}>`, '@冯单元长');
    wecom.say(HEAD, '@网格助手 修好了', { chat: GROUP, quote: { msgtype: 'text', text: { content: shown } } });
    await deliveredOnce(/#1 已办结/);
    await bot.quiet();
    expect((await ticketLife(fresh.db, 1)).status).toBe('resolved');
    expect((await ticketLife(fresh.db, 2)).status).toBe('assigned');
  });

  it("hands the core a quote of the bot's message with the id its outbox row recorded", async () => {
    const bot = await start();
    wecom.say(RESIDENT, '@网格助手 3栋1单元楼道灯坏了', { chat: GROUP });
    const ack = await deliveredOnce(/已受理 #1【设施报修】3栋1单元/);
    await bot.quiet();
    const shown = ack.content.replace(`<@${HEAD}>`, '@冯单元长');
    const quote = wecom.say(HEAD, '@网格助手 修好了', {
      chat: GROUP,
      quote: { msgtype: 'text', text: { content: shown } },
    });
    const [msg] = await bot.handled((m) => m.messageId === quote);
    const row = await fresh.db.prisma.outbox.findFirstOrThrow({ where: { text: { contains: '已受理 #1' } } });
    expect(row.sentId).toBeTruthy();
    expect(msg.quoted).toEqual({ text: shown, messageId: row.sentId, fromBot: true });
  });

  it('reads a voice note by its transcription, in a one-to-one chat', async () => {
    const bot = await start();
    wecom.say(RESIDENT, '@网格助手 3栋1单元楼道灯坏了', { chat: GROUP });
    await deliveredOnce(/已受理 #1/);
    const voice = wecom.voice(HEAD, '接单 #1');
    // The answer goes back through the voice note's frame to the head; the group hears proactively.
    expect(await deliveredOnce(/#1 已由 冯单元长 签收/, HEAD)).toMatchObject({ via: 'reply', msgid: voice });
    expect(await deliveredOnce(/#1 已由 冯单元长 签收/, GROUP)).toMatchObject({ via: 'send' });
    await bot.quiet();
    expect((await ticketLife(fresh.db, 1)).status).toBe('acknowledged');
    const inbound = bot.arrivals.map((a) => a.msg).find((m) => m.messageId === voice)!;
    expect(inbound).toMatchObject({ text: '接单 #1', chat: { kind: 'direct' } });
    expect(inbound.attachments).toEqual([{ kind: 'audio', transcript: '接单 #1' }]);
  });

  it('loses nothing and doubles nothing across a dropped connection', async () => {
    const bot = await start();
    wecom.say(RESIDENT, '@网格助手 3栋1单元楼道灯坏了', { chat: GROUP });
    await deliveredOnce(/已受理 #1/);

    // Sent while the connection is down: WeCom holds it until the bot is back.
    wecom.drop();
    const whileDown = wecom.say(RESIDENT, '@网格助手 3栋1单元门禁刷不开', { chat: GROUP });
    expect(await deliveredOnce(/已受理 #2/)).toMatchObject({ via: 'reply', msgid: whileDown });

    // The connection breaks as the reply goes out: the outbox tries again, WeCom delivers the
    // unanswered message once more (same msgid), the bot hands it on once and answers through
    // the fresh frame.
    wecom.dropOnNext('aibot_respond_msg');
    const cut = wecom.say(RESIDENT, '@网格助手 3栋1单元电梯按钮失灵', { chat: GROUP });
    const ack = await deliveredOnce(/已受理 #3/);
    expect(ack).toMatchObject({ via: 'reply', msgid: cut });
    await bot.quiet();

    expect(wecom.pushed.filter((b) => b.msgid === cut)).toHaveLength(2);
    expect(bot.arrivals.filter((a) => a.msg.messageId === cut)).toHaveLength(1);
    expect(wecom.subscribes).toBe(3);
    expect(await fresh.db.prisma.ticket.count()).toBe(3);
    expect(await fresh.db.prisma.inboundMessage.count()).toBe(3);
    const rows = await fresh.db.prisma.outbox.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(rows[2].attempts).toBe(2);
    expect(wecom.delivered.map((d) => d.content.match(/已受理 #\d/)?.[0])).toEqual([
      '已受理 #1',
      '已受理 #2',
      '已受理 #3',
    ]);
    await waitUntil(() => bot.arrivals.every((a) => a.done), 'handling to finish');
  });
});
