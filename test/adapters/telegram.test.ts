/**
 * TelegramAdapter receiving updates over real HTTP from the loopback FakeBotApi:
 * mapping, per-chat order, joins, restarts without redelivery, handler failures, webhooks.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/adapters/telegram/index.js';
import type { TelegramOptions } from '../../src/adapters/telegram/index.js';
import type { Inbound } from '../../src/common/types.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { fakeLogger } from '../support/logger.js';

let fake: FakeBotApi;
const adapters: TelegramAdapter[] = [];

beforeEach(async () => {
  fake = await FakeBotApi.start();
});
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  await fake.close();
});

/** An adapter on the fake server with no pacing, fast retries and a short long poll. */
function adapter(extra: Partial<TelegramOptions> = {}): TelegramAdapter {
  const a = new TelegramAdapter({
    token: '123:TEST',
    apiRoot: fake.apiRoot,
    mode: 'polling',
    pacing: {},
    retry: { maxRetryAttempts: 2, maxDelaySeconds: 1, serverErrorDelayMs: 10 },
    pollTimeoutSeconds: 1,
    ...extra,
  });
  adapters.push(a);
  return a;
}

async function received(a: TelegramAdapter, extra?: (m: Inbound) => Promise<void>): Promise<Inbound[]> {
  const got: Inbound[] = [];
  await a.start(async (m) => {
    got.push(m);
    await extra?.(m);
  });
  return got;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TelegramAdapter inbound', () => {
  it('maps a forum-topic group message with mentions of the bot and of others', async () => {
    const got = await received(adapter({ account: 'tg-east' }));
    const group = fake.group('3栋业主群', true);
    const resident = fake.user('王', 'wang_resident');
    const head = fake.user('李四'); // no username → text_mention
    const sent = fake.say(group, resident, '@gridbot 3栋2单元楼道灯坏了 @李四 @zhang_head 看看', {
      textMentions: [head],
      threadId: 77,
    });
    await fake.waitFor(() => got.length === 1);
    expect(got[0]).toEqual({
      platform: 'telegram',
      account: 'tg-east',
      messageId: `${group.id}:${sent.message_id}`,
      kind: 'message',
      chat: { id: String(group.id), kind: 'group', title: '3栋业主群' },
      from: { id: String(resident.id), name: '王', username: 'wang_resident' },
      text: '@gridbot 3栋2单元楼道灯坏了 @李四 @zhang_head 看看',
      mentionsBot: true,
      mentions: [
        { id: String(head.id), name: '李四', username: undefined },
        // never seen, so Telegram gave us no id for this username
        { id: '@zhang_head', name: 'zhang_head', username: 'zhang_head' },
      ],
      threadId: '77',
      sentAt: new Date(sent.date * 1000),
    });
  });

  it('counts a reply to the bot as addressing it, reads captions and DMs, ignores edits', async () => {
    const got = await received(adapter());
    const group = fake.group('网格群');
    const resident = fake.user('赵六', 'zhaoliu');
    fake.say(group, resident, '路灯不亮'); // not addressed to the bot
    fake.pushUpdate({ edited_message: { message_id: 1, date: 1, chat: group, from: resident, text: '改了' } });
    fake.pushUpdate({
      message: {
        message_id: 50,
        date: 1,
        chat: group,
        from: resident,
        caption: '@gridbot 照片',
        caption_entities: [{ type: 'mention', offset: 0, length: 8 }],
      },
    });
    fake.say(fake.dm(resident), resident, '#12 怎么样了', {
      replyTo: { message_id: 9, date: 1, chat: group, from: fake.me, text: '已受理' },
    });
    await fake.waitFor(() => got.length === 3);
    await sleep(30);
    // Different chats are handled concurrently, so compare without order.
    const rows = got.map((m) => [m.text, m.mentionsBot, m.chat.kind, m.threadId]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['路灯不亮', false, 'group', undefined],
        ['@gridbot 照片', true, 'group', undefined],
        ['#12 怎么样了', true, 'direct', undefined],
      ]),
    );
  });

  it('handles each chat in order while chats run concurrently', async () => {
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const got = await received(adapter(), async (m) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(Number(m.text.split(' ')[1])); // earlier messages are slower
      order.push(m.text);
      running--;
    });
    const [a, b] = [fake.group('A'), fake.group('B')];
    const user = fake.user('居民');
    for (let i = 0; i < 6; i++) {
      fake.say(a, user, `a${i} ${60 - i * 10}`);
      fake.say(b, user, `b${i} ${60 - i * 10}`);
    }
    await fake.waitFor(() => order.length === 12);
    expect(got).toHaveLength(12);
    expect(order.filter((t) => t.startsWith('a'))).toEqual([0, 1, 2, 3, 4, 5].map((i) => `a${i} ${60 - i * 10}`));
    expect(order.filter((t) => t.startsWith('b'))).toEqual([0, 1, 2, 3, 4, 5].map((i) => `b${i} ${60 - i * 10}`));
    expect(maxRunning).toBe(2); // one per chat
  });

  it('reports the bot being added as bot_joined and other newcomers as member_joined', async () => {
    const got = await received(adapter());
    const group = fake.group('新网格群');
    const admin = fake.user('社区书记', 'secretary');
    const [x, y] = [fake.user('新居民甲'), fake.user('新居民乙', 'yi_2')];
    fake.addBot(group, admin);
    fake.addMembers(group, admin, [x, y]);
    await fake.waitFor(() => got.length === 3);
    await sleep(30);
    expect(got.map((m) => [m.kind, m.from.id, m.chat.id])).toEqual([
      ['bot_joined', String(admin.id), String(group.id)],
      ['member_joined', String(x.id), String(group.id)],
      ['member_joined', String(y.id), String(group.id)],
    ]);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(3);
  });

  it('keeps going after a handler throws, and logs it', async () => {
    const errors: string[] = [];
    const logger = fakeLogger({
      info() {},
      debug() {},
      warn() {},
      error: (_: object, msg?: string) => void errors.push(msg ?? ''),
    });
    const got = await received(adapter({ logger }), async (m) => {
      if (m.text === 'boom') throw new Error('handler bug');
    });
    const group = fake.group('群');
    const user = fake.user('甲');
    fake.say(group, user, 'boom');
    fake.say(group, user, 'after');
    await fake.waitFor(() => got.length === 2);
    expect(got.map((m) => m.text)).toEqual(['boom', 'after']);
    expect(errors).toEqual(['telegram: inbound handler failed']);
  });

  it('does not redeliver handled updates after stop and restart, and stop waits for handlers', async () => {
    const group = fake.group('群');
    const user = fake.user('甲');
    const first = adapter();
    const done: string[] = [];
    await first.start(async (m) => {
      if (m.text === 'slow') await sleep(150);
      done.push(m.text);
    });
    fake.say(group, user, 'one');
    fake.say(group, user, 'two');
    fake.say(group, user, 'slow');
    await fake.waitFor(() => done.length === 2);
    await first.stop(); // while 'slow' is still running
    expect(done).toEqual(['one', 'two', 'slow']);
    expect(fake.confirmedOffset).toBe(4); // update ids 1..3 confirmed

    fake.say(group, user, 'after restart');
    const got = await received(adapter());
    await fake.waitFor(() => got.length === 1);
    await sleep(50);
    expect(got.map((m) => m.text)).toEqual(['after restart']);
  });

  it('confirms the offset on stop even when the runner never got to poll again', async () => {
    const group = fake.group('群');
    const user = fake.user('甲');
    const first = adapter();
    const got = await received(first);
    await fake.waitFor(() => fake.callsOf('getUpdates').length === 1); // the first long poll is held
    fake.failNext('getUpdates', { code: 500 }, 2); // Telegram hiccups: the next polls carry no offset
    fake.say(group, user, 'one');
    await fake.waitFor(() => got.length === 1 && fake.callsOf('getUpdates').filter((c) => c.failed).length === 2);
    expect(fake.confirmedOffset).toBe(0);
    await first.stop();
    expect(fake.confirmedOffset).toBe(2);

    const again = await received(adapter());
    fake.say(group, user, 'two');
    await fake.waitFor(() => again.length === 1);
    await sleep(50);
    expect(again.map((m) => m.text)).toEqual(['two']);
  });
});

describe('TelegramAdapter webhook mode', () => {
  it('registers its URL, handles pushed updates with the secret token, and rejects a wrong one', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/tg/hook`;
    const a = adapter({
      mode: 'webhook',
      webhook: { port, host: '127.0.0.1', path: '/tg/hook', secretToken: 's3cret', url },
    });
    const got = await received(a);
    expect(fake.webhook).toEqual({ url, secret_token: 's3cret' }); // the fake now pushes like Telegram
    const group = fake.group('群');
    const user = fake.user('甲');

    const update = { update_id: 900, message: { message_id: 5, date: 1, chat: group, from: user, text: '伪造' } };
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
      body: JSON.stringify(update),
    });
    expect(forged.status).toBe(401);
    expect((await fetch(url.replace('/tg/hook', '/other'), { method: 'POST', body: '{}' })).status).toBe(404);

    fake.say(group, user, '@gridbot 电梯坏了');
    await fake.waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({ text: '@gridbot 电梯坏了', mentionsBot: true, chat: { id: String(group.id) } });
    await fake.waitFor(() => fake.webhookStatuses.length === 1);
    expect(fake.webhookStatuses).toEqual([200]);
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
