// The whole bot on Telegram: grammY (long polling, the real TelegramAdapter) talks HTTP to the
// loopback FakeBotApi; a real App on a SQLite file turns updates into tickets and sends the
// replies through its outbox. Users, groups and the org are made per test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { createInvite } from '../../src/cli/invite.js';
import { freshSqlite } from '../support/db.js';
import { FakeBotApi, type ApiCall, type FakeChat, type FakeUser, type Json } from '../support/fake-bot-api.js';
import { loadOrg, startBot, ticketLife, waitUntil, type PlatformBot } from '../support/platform-harness.js';
import { fakeLogger } from '../support/logger.js';

let fake: FakeBotApi;
let fresh: Awaited<ReturnType<typeof freshSqlite>>;
const bots: PlatformBot[] = [];
/** What the adapters warned about; a clean stop leaves no update unfinished. */
let warnings: string[] = [];
const logger = fakeLogger({
  info() {},
  debug() {},
  warn: (_: object, msg?: string) => void warnings.push(msg ?? ''),
  error: (_: object, msg?: string) => void warnings.push(msg ?? ''),
});

beforeEach(async () => {
  fake = await FakeBotApi.start();
  fresh = await freshSqlite();
  warnings = [];
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  expect(warnings.filter((w) => /stopped with updates still running|update failed|handler failed/.test(w))).toEqual([]);
  await fake.close();
  await fresh.cleanup();
});

/** A real adapter on the fake server: short pacing, one quick retry, a one-second long poll. */
function telegram(): TelegramAdapter {
  return new TelegramAdapter({
    token: '123:TEST',
    apiRoot: fake.apiRoot,
    pacing: { sameChatGapMs: 10, perSecond: 30 },
    retry: { maxRetryAttempts: 1, maxDelaySeconds: 5, serverErrorDelayMs: 20 },
    pollTimeoutSeconds: 1,
    stopTimeoutMs: 5_000,
    botNames: ['网格助手'],
    logger,
  });
}

async function start(): Promise<PlatformBot> {
  const bot = await startBot({ db: fresh.db, url: fresh.url, adapters: [telegram()] });
  bots.push(bot);
  return bot;
}

/** Waits for a delivered message to `chat` whose text matches, and returns it. */
async function sentTo(chat: FakeChat | FakeUser, pattern: RegExp): Promise<ApiCall> {
  const find = () => fake.sent.find((c) => Number(c.params.chat_id) === chat.id && pattern.test(String(c.params.text)));
  await waitUntil(() => !!find(), `a message to ${chat.id} matching ${pattern}`);
  return find()!;
}

/** The text each entity covers, with its type and user id: what a Telegram client would highlight. */
function mentionsIn(call: ApiCall): Array<{ type: string; text: string; userId?: number }> {
  const text = String(call.params.text);
  return ((call.params.entities ?? []) as Json[]).map((e) => ({
    type: e.type,
    text: text.slice(e.offset, e.offset + e.length),
    ...(e.user ? { userId: e.user.id } : {}),
  }));
}

const countMatching = (pattern: RegExp) => fake.sent.filter((c) => pattern.test(String(c.params.text))).length;

describe('Telegram end to end', () => {
  it('closes the loop: report, head @-mentioned by id, claim, resolve, reporter asked, follow-up', async () => {
    const resident = fake.user('王', 'wang_resident');
    const head = fake.user('冯师傅'); // no username: only a text_mention can notify him
    const group = fake.group('3栋1单元业主群');
    await loadOrg(fresh.db, {
      identities: { 'feng-b3u1': [{ platform: 'telegram', id: String(head.id) }] },
      chats: { b3u1: [{ platform: 'telegram', id: String(group.id), title: '3栋1单元业主群' }] },
    });
    const bot = await start();

    fake.say(group, resident, '3栋1单元楼道灯坏了，晚上看不见');
    const ack = await sentTo(group, /已受理 #1【设施报修】3栋1单元/);
    expect(mentionsIn(ack)).toEqual([{ type: 'text_mention', text: '@冯单元长', userId: head.id }]);

    fake.say(group, head, '接单 #1');
    await sentTo(group, /#1 已由 冯单元长 签收/);
    fake.say(group, head, '办结 #1 已换灯泡');
    await sentTo(group, /#1 已办结（冯单元长）：已换灯泡/);
    const ask = await sentTo(group, /#1 已处理完毕，您满意吗/);
    // The reporter has a username, so the mention is the @username Telegram resolves itself.
    expect(mentionsIn(ask)).toEqual([{ type: 'mention', text: '@wang_resident' }]);

    fake.say(group, resident, '回访 #1 满意');
    await sentTo(group, /#1 已销号/);
    await bot.quiet();
    expect(await ticketLife(fresh.db, 1)).toEqual({
      status: 'closed',
      satisfied: true,
      events: ['created', 'assigned', 'acknowledged', 'resolved', 'closed'],
    });
    // Every queued reply went out exactly once, and only to the group.
    expect(fake.sent).toHaveLength(await fresh.db.prisma.outbox.count({ where: { status: 'sent' } }));
    expect(new Set(fake.sent.map((c) => Number(c.params.chat_id)))).toEqual(new Set([group.id]));
    expect(countMatching(/已受理 #1/)).toBe(1);
  });

  it('survives a restart between "ticket saved" and "reply sent", and ignores the redelivered update', async () => {
    const resident = fake.user('李', 'li_resident');
    const head = fake.user('冯师傅');
    const group = fake.group('3栋1单元业主群');
    await loadOrg(fresh.db, {
      identities: { 'feng-b3u1': [{ platform: 'telegram', id: String(head.id) }] },
      chats: { b3u1: [{ platform: 'telegram', id: String(group.id) }] },
    });
    const first = await start();
    fake.failNext('sendMessage', { code: 500 }, 2); // the first try and the adapter's own retry
    const report = fake.say(group, resident, '3栋1单元电梯门关不上');
    await waitUntil(
      async () => (await fresh.db.prisma.outbox.count({ where: { status: 'pending', attempts: 1 } })) === 1,
      'the reply to fail once and wait in the outbox',
    );
    await first.stop();
    bots.splice(bots.indexOf(first), 1);
    expect(fake.sent).toHaveLength(0);
    expect(fake.confirmedOffset).toBeGreaterThan(0); // the report's update was confirmed on stop

    const second = await start();
    fake.pushUpdate({ message: report }); // Telegram delivers the same message again
    const again = await second.handled((m) => m.messageId === `${group.id}:${report.message_id}`);
    expect(again).toHaveLength(1); // it did reach the core, which must recognise it
    await sentTo(group, /已受理 #1【设施报修】3栋1单元/);
    fake.say(group, head, '接单 #1');
    await sentTo(group, /#1 已由 冯单元长 签收/);
    await second.quiet();

    expect(await fresh.db.prisma.ticket.count()).toBe(1);
    expect(countMatching(/已受理/)).toBe(1);
    expect(countMatching(/已由 冯单元长 签收/)).toBe(1);
    expect(fake.sent).toHaveLength(2);
    expect(await fresh.db.prisma.inboundMessage.count()).toBe(2);
  });

  it('waits out a 429 retry_after and a 500, delivering every reply exactly once', async () => {
    const [a, b, c] = [fake.user('赵', 'zhao_r'), fake.user('钱'), fake.user('孙')];
    const group = fake.group('3栋1单元业主群');
    const head = fake.user('冯师傅');
    await loadOrg(fresh.db, {
      identities: { 'feng-b3u1': [{ platform: 'telegram', id: String(head.id) }] },
      chats: { b3u1: [{ platform: 'telegram', id: String(group.id) }] },
    });
    const bot = await start();
    // Twice each, so both outlast the adapter's single retry and go back to the outbox.
    fake.failNext('sendMessage', { code: 429, retry_after: 1 }, 2);
    fake.failNext('sendMessage', { code: 500 }, 2);
    fake.say(group, a, '3栋1单元楼道灯坏了');
    fake.say(group, b, '3栋1单元电梯按钮失灵');
    fake.say(group, c, '3栋1单元门禁刷不开');
    for (const id of [1, 2, 3]) await sentTo(group, new RegExp(`已受理 #${id}【`));
    await bot.quiet();

    const failed = fake.callsOf('sendMessage').filter((call) => call.failed);
    expect(failed.map((call) => call.failed)).toEqual([429, 429, 500, 500]);
    for (const id of [1, 2, 3]) expect(countMatching(new RegExp(`已受理 #${id}【`))).toBe(1);
    expect(fake.sent).toHaveLength(3);
    const rows = await fresh.db.prisma.outbox.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    // Every failure fell on the first reply: the outbox retried it, and held the group's later
    // replies until it was through, so the group reads them in order.
    expect(rows.map((r) => r.attempts)).toEqual([3, 1, 1]);
    expect(fake.sent.map((call) => /#(\d+)/.exec(String(call.params.text))![1])).toEqual(['1', '2', '3']);
    // The rate-limited message went out no sooner than Telegram asked, twice over.
    const limited = failed[0];
    const delivered = fake.sent.find((call) => call.params.text === limited.params.text)!;
    expect(delivered.at - limited.at).toBeGreaterThanOrEqual(2_000);
  });

  it('greets a new group, lets its head bind it by place, then takes reports there', async () => {
    const head = fake.user('何师傅');
    const resident = fake.user('周');
    const group = fake.group('3栋2单元新群');
    await loadOrg(fresh.db, { identities: { 'he-b3u2': [{ platform: 'telegram', id: String(head.id) }] } });
    const bot = await start();

    fake.addBot(group, head);
    await sentTo(group, /大家好，我是网格助手。请负责人发送“绑定 3栋2单元”/);
    fake.say(group, resident, '电梯坏了'); // unbound: the bot stays quiet
    await bot.handled((m) => m.text === '电梯坏了');
    fake.say(group, resident, '绑定 3栋2单元'); // not a head
    await sentTo(group, /需要由/);
    fake.say(group, head, '绑定 3栋2单元');
    const bound = await sentTo(group, /本群已绑定到 3栋2单元/);
    expect(String(bound.params.text)).toMatch(/恢复码 \d{8}/);

    fake.say(group, resident, '楼道灯坏了');
    const ack = await sentTo(group, /已受理 #1【设施报修】3栋2单元/);
    expect(mentionsIn(ack)).toEqual([{ type: 'text_mention', text: '@何单元长', userId: head.id }]);
    await bot.quiet();
    expect(fake.sent).toHaveLength(4); // greeting, refusal, bound, ticket: nothing for the unbound report
    expect(
      (
        await fresh.db.prisma.chat.findFirstOrThrow({
          where: { externalId: String(group.id) },
          include: { place: true },
        })
      ).place?.name,
    ).toBe('2单元');
  });

  it("links a head's account by an invite code in a direct message; the account then acts as the head", async () => {
    const resident = fake.user('吴', 'wu_resident');
    const group = fake.group('3栋2单元群');
    await loadOrg(fresh.db, { chats: { b3u2: [{ platform: 'telegram', id: String(group.id) }] } });
    const bot = await start();
    fake.say(group, resident, '3栋2单元楼道窗户玻璃碎了');
    const ack = await sentTo(group, /已受理 #1/);
    expect(mentionsIn(ack)).toEqual([]); // the head has no Telegram account yet: named, not notified

    const code = /绑定码 ([A-Z0-9]{10})/.exec(await createInvite(fresh.db, 'he-b3u2', 7))![1];
    const head = fake.user('老何', 'laohe');
    fake.say(fake.dm(head), head, `绑定 ${code}`);
    await sentTo(head, /绑定成功，您好，何单元长/);
    const stranger = fake.user('路人');
    fake.say(fake.dm(stranger), stranger, `绑定 ${code}`);
    await sentTo(stranger, /绑定码无效/);

    fake.say(group, head, '接单 #1');
    await sentTo(group, /#1 已由 何单元长 签收/);
    fake.say(fake.dm(head), head, '我的待办');
    await sentTo(head, /#1【/);
    await bot.quiet();
    expect(await ticketLife(fresh.db, 1)).toMatchObject({ status: 'acknowledged' });
  });
});
