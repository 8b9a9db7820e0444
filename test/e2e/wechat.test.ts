// The whole bot on WeChat: Wechaty with wechaty-puppet-service (the real WechatAdapter) talks
// gRPC on loopback to a PuppetServer hosting wechaty-puppet-mock; a real App on a SQLite file
// turns room messages into tickets and sends replies through its outbox. Contacts, rooms and
// the org are made per test; a puppet service serves one client, so each test has its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WechatAdapter } from '../../src/adapters/wechat/index.js';
import type { Logger } from '../../src/common/log.js';
import { createInvite } from '../../src/cli/invite.js';
import { freshSqlite } from '../support/db.js';
import { loadOrg, startBot, ticketLife, waitUntil, type PlatformBot } from '../support/platform-harness.js';
import { fakeLogger } from '../support/logger.js';
import {
  startPuppetServer,
  type MockContact,
  type MockRoom,
  type PuppetServerHandle,
  type SentText,
} from '../support/puppet-server.js';

let ps: PuppetServerHandle;
let fresh: Awaited<ReturnType<typeof freshSqlite>>;
let logLines: string[];
const bots: PlatformBot[] = [];

beforeEach(async () => {
  ps = await startPuppetServer();
  fresh = await freshSqlite();
  logLines = [];
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await ps.stop();
  expect(logLines.filter((l) => /handler failed|did not load/.test(l))).toEqual([]);
  await fresh.cleanup();
});

const at = (msg?: string) => void logLines.push(msg ?? '');
const logger: Logger = fakeLogger({
  info: (_, m) => at(m),
  warn: (_, m) => at(m),
  error: (_, m) => at(m),
  debug: () => undefined,
});

/** Starts an App with a real adapter on this test's puppet service and waits for the login. */
async function start(): Promise<{ bot: PlatformBot; wechat: WechatAdapter }> {
  const wechat = new WechatAdapter({
    token: ps.token,
    endpoint: ps.endpoint,
    tls: false,
    pacing: { sameChatGapMs: 20, otherChatGapMs: 20, perMinute: 0, jitterMs: 0 },
    reconnect: { initialMs: 100, maxMs: 400 },
    sendTimeoutMs: 5_000,
    logger,
  });
  const bot = await startBot({ db: fresh.db, url: fresh.url, adapters: [wechat] });
  bots.push(bot);
  await wechat.whenLoggedIn(15_000);
  return { bot, wechat };
}

/** Waits for the bot to send a text matching `pattern` to `to` (a room or, directly, a contact). */
async function botSent(to: MockRoom | MockContact, pattern: RegExp): Promise<SentText> {
  const find = () => ps.sends.find((s) => s.conversationId === to.id && pattern.test(s.text));
  await waitUntil(() => !!find(), `a message to ${to.id} matching ${pattern}`);
  return find()!;
}

const countSent = (pattern: RegExp) => ps.sends.filter((s) => pattern.test(s.text)).length;

/** An org where unit 3-1's head 冯 has WeChat account `head` and room `room` is bound to unit 3-1. */
async function unitOrg(head: MockContact, room: MockRoom): Promise<void> {
  await loadOrg(fresh.db, {
    identities: { 'feng-b3u1': [{ platform: 'wechat', id: head.id }] },
    chats: { b3u1: [{ platform: 'wechat', id: room.id, title: '3栋1单元群' }] },
  });
}

describe('WeChat end to end', () => {
  it('closes the loop: report, head @-mentioned by id, claim, resolve, reporter asked, follow-up', async () => {
    const resident = ps.createContact('小王');
    const head = ps.createContact('冯单元长');
    const room = ps.createRoom('3栋1单元群', [resident, head]);
    await unitOrg(head, room);
    const { bot } = await start();

    ps.say(resident, '3栋1单元楼道灯坏了，晚上看不见', room);
    const ack = await botSent(room, /已受理 #1【设施报修】3栋1单元/);
    expect(ack.text).toContain('@冯单元长');
    expect(ack.mentionIds).toEqual([head.id]);

    ps.say(head, '接单 #1', room);
    await botSent(room, /#1 已由 冯单元长 签收/);
    ps.say(head, '办结 #1 已换灯泡', room);
    await botSent(room, /#1 已办结（冯单元长）：已换灯泡/);
    const ask = await botSent(room, /#1 已处理完毕，您满意吗/);
    expect(ask.text).toContain('@小王');
    expect(ask.mentionIds).toEqual([resident.id]);

    ps.say(resident, '回访 #1 满意', room);
    await botSent(room, /#1 已销号/);
    await bot.quiet();
    expect(await ticketLife(fresh.db, 1)).toEqual({
      status: 'closed',
      satisfied: true,
      events: ['created', 'assigned', 'acknowledged', 'resolved', 'closed'],
    });
    // Each queued reply reached the room once; the room shows them as the bot's messages.
    expect(ps.sends).toHaveLength(await fresh.db.prisma.outbox.count({ where: { status: 'sent' } }));
    expect(new Set(ps.sends.map((s) => s.conversationId))).toEqual(new Set([room.id]));
    expect(ps.roomMessages(room).filter((m) => m.talkerId === ps.bot.id)).toHaveLength(ps.sends.length);
  });

  it('ignores replayed messages across a bot restart and a puppet service restart', async () => {
    const resident = ps.createContact('小李');
    const head = ps.createContact('冯单元长');
    const room = ps.createRoom('3栋1单元群', [resident, head]);
    await unitOrg(head, room);
    const first = await start();
    const report = ps.say(resident, '3栋1单元电梯门关不上', room);
    await botSent(room, /已受理 #1/);
    ps.replay(report); // the adapter remembers it and drops it
    const marker = ps.say(resident, '#1 怎么样了', room);
    await first.bot.handled((m) => m.messageId === marker);
    await first.bot.quiet();
    expect(first.bot.arrivals.filter((a) => a.msg.messageId === report)).toHaveLength(1);
    await first.bot.stop();
    bots.splice(bots.indexOf(first.bot), 1);

    // A new process has forgotten what it saw: the replay reaches the core, which must know it.
    const second = await start();
    ps.replay(report);
    await second.bot.handled((m) => m.messageId === report);
    const claim = ps.say(head, '接单 #1', room);
    await botSent(room, /#1 已由 冯单元长 签收/);

    const connects = logLines.filter((l) => l === 'wechat: connected to puppet service').length;
    await ps.restart();
    await waitUntil(
      () => logLines.filter((l) => l === 'wechat: connected to puppet service').length > connects,
      'the adapter to reconnect',
    );
    await second.wechat.whenLoggedIn(15_000);
    ps.replay(claim); // as a puppet service does after a restart
    ps.replay(report);
    ps.say(head, '办结 #1 修好了', room);
    await botSent(room, /#1 已处理完毕，您满意吗/);
    await second.bot.quiet();

    expect(second.bot.arrivals.filter((a) => a.msg.messageId === report)).toHaveLength(1);
    expect(second.bot.arrivals.filter((a) => a.msg.messageId === claim)).toHaveLength(1);
    expect(await fresh.db.prisma.ticket.count()).toBe(1);
    expect(await fresh.db.prisma.inboundMessage.count()).toBe(4); // report, status question, claim, resolve
    // Each reply once. Not necessarily in order: a send that failed while the connection was
    // coming back is retried after the ones queued behind it.
    const expected = [
      /已受理 #1/,
      /^#1【设施报修】3栋1单元\n状态：已派单/,
      /已由 冯单元长 签收/,
      /#1 已办结/,
      /满意吗/,
    ];
    expect(ps.sends).toHaveLength(expected.length);
    for (const pattern of expected) expect(countSent(pattern)).toBe(1);
    expect(await ticketLife(fresh.db, 1)).toMatchObject({
      status: 'resolved',
      events: ['created', 'assigned', 'acknowledged', 'resolved'],
    });
    expect(ps.sends).toHaveLength(await fresh.db.prisma.outbox.count({ where: { status: 'sent' } }));
  });

  it('retries a send the puppet service failed, delivering it exactly once', async () => {
    const resident = ps.createContact('小赵');
    const head = ps.createContact('冯单元长');
    const room = ps.createRoom('3栋1单元群', [resident, head]);
    await unitOrg(head, room);
    const puppet = ps.mocker.puppet;
    const send = puppet.messageSendText.bind(puppet);
    let failures = 0;
    puppet.messageSendText = async (...args: Parameters<typeof send>) => {
      if (failures < 1) {
        failures++;
        throw new Error('injected: puppet service busy');
      }
      return send(...args);
    };
    const { bot } = await start();
    ps.say(resident, '3栋1单元楼道灯坏了', room);
    await waitUntil(
      async () =>
        (await fresh.db.prisma.outbox.count({
          where: { status: 'pending', attempts: 1, lastError: { startsWith: 'transient' } },
        })) === 1,
      'the first send to fail as transient',
    );
    const ack = await botSent(room, /已受理 #1/);
    expect(ack.mentionIds).toEqual([head.id]);
    await bot.quiet();
    expect(failures).toBe(1);
    expect(countSent(/已受理 #1/)).toBe(1);
    expect(
      ps
        .roomMessages(room)
        .filter((m) => m.talkerId === ps.bot.id)
        .map((m) => m.text),
    ).toEqual([ack.text]);
    expect(await fresh.db.prisma.outbox.findMany({ select: { status: true, attempts: true } })).toEqual([
      { status: 'sent', attempts: 2 },
    ]);
  });

  it('greets a room it is added to, lets its head bind it by place, then takes reports there', async () => {
    const head = ps.createContact('何单元长');
    const resident = ps.createContact('小周');
    await loadOrg(fresh.db, { identities: { 'he-b3u2': [{ platform: 'wechat', id: head.id }] } });
    const { bot } = await start();
    const room = ps.createRoom('3栋2单元新群', [head, resident], { withBot: false });
    ps.addToRoom(room, [ps.bot], head);
    await botSent(room, /大家好，我是网格助手。请负责人发送“绑定 3栋2单元”/);

    const unbound = ps.say(resident, '电梯坏了', room);
    await bot.handled((m) => m.messageId === unbound);
    ps.say(head, '绑定 3栋2单元', room);
    const bound = await botSent(room, /本群已绑定到 3栋2单元/);
    expect(bound.text).toMatch(/恢复码 \d{8}/);
    ps.say(resident, '楼道灯坏了', room);
    const ack = await botSent(room, /已受理 #1【设施报修】3栋2单元/);
    expect(ack.mentionIds).toEqual([head.id]);
    await bot.quiet();
    expect(ps.sends.map((s) => s.text.slice(0, 6))).toEqual(['大家好，我是', '本群已绑定到', ack.text.slice(0, 6)]);
  });

  it("links a head's account by an invite code in a direct message; the account then acts as the head", async () => {
    const resident = ps.createContact('小吴');
    const head = ps.createContact('老何');
    const room = ps.createRoom('3栋2单元群', [resident, head]);
    await loadOrg(fresh.db, { chats: { b3u2: [{ platform: 'wechat', id: room.id }] } });
    const { bot } = await start();
    ps.say(resident, '3栋2单元楼道窗户玻璃碎了', room);
    const ack = await botSent(room, /已受理 #1/);
    expect(ack.mentionIds).toEqual([]); // no WeChat account for the head yet: named, not notified

    const code = /绑定码 ([A-Z0-9]{10})/.exec(await createInvite(fresh.db, 'he-b3u2', 7))![1];
    ps.say(head, `绑定 ${code}`);
    await botSent(head, /绑定成功，您好，何单元长/);
    const stranger = ps.createContact('路人');
    ps.say(stranger, `绑定 ${code}`);
    await botSent(stranger, /绑定码无效/);

    ps.say(head, '接单 #1', room);
    await botSent(room, /#1 已由 何单元长 签收/);
    ps.say(resident, '3栋2单元电梯不动了', room);
    const next = await botSent(room, /已受理 #2/);
    expect(next.mentionIds).toEqual([head.id]); // now notified through the linked account
    await bot.quiet();
    expect(ps.directMessages(head).map((m) => m.text)).toEqual([expect.stringMatching(/绑定成功/)]);
  });
});
