// The WeCom adapter on the official SDK against the loopback WeCom server: real WebSocket
// frames for subscribe, heartbeats, callbacks, replies, acknowledgements and proactive sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomAdapter, type WecomOptions } from '../../src/adapters/wecom/index.js';
import { DeliveryError, type Inbound } from '../../src/common/types.js';
import { fakeLogger } from '../support/logger.js';
import { waitUntil } from '../support/platform-harness.js';
import { FakeWecom } from '../support/wecom-server.js';

let wecom: FakeWecom;
const adapters: WecomAdapter[] = [];
let inbound: Inbound[] = [];
let logs: string[] = [];
const logger = fakeLogger({
  warn: (_: object, msg?: string) => void logs.push(msg ?? ''),
  error: (_: object, msg?: string) => void logs.push(msg ?? ''),
});

beforeEach(async () => {
  wecom = await FakeWecom.start();
  inbound = [];
  logs = [];
});
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  await wecom.close();
});

async function connect(options: Partial<WecomOptions> = {}): Promise<WecomAdapter> {
  const adapter = new WecomAdapter({
    botId: wecom.botId,
    secret: wecom.secret,
    wsUrl: wecom.url,
    pacing: {},
    reconnectIntervalMs: 50,
    logger,
    ...options,
  });
  adapters.push(adapter);
  await adapter.start(async (msg) => void inbound.push(msg));
  return adapter;
}

const arrived = (count: number) => waitUntil(() => inbound.length >= count, `${count} inbound message(s)`);
const out = (chatId: string, text: string, extra: object = {}) => ({
  platform: 'wecom' as const,
  account: 'wecom',
  chatId,
  text,
  mentions: [],
  ...extra,
});

describe('WeCom adapter: what comes in', () => {
  it('maps group and one-to-one text; in groups every message has @-mentioned the bot', async () => {
    const adapter = await connect();
    expect(adapter.isConnected).toBe(true);
    const inGroup = wecom.say('wangwu', '@网格助手 3栋1单元楼道灯坏了', { chat: 'wrGroup31' });
    const direct = wecom.say('fengsz', '接单 #1');
    await arrived(2);
    expect(inbound[0]).toMatchObject({
      platform: 'wecom',
      account: 'wecom',
      messageId: inGroup,
      kind: 'message',
      chat: { id: 'wrGroup31', kind: 'group' },
      from: { id: 'wangwu', name: 'wangwu' },
      text: '@网格助手 3栋1单元楼道灯坏了',
      mentionsBot: true,
    });
    expect(inbound[1]).toMatchObject({
      messageId: direct,
      chat: { id: 'fengsz', kind: 'direct' },
      text: '接单 #1',
      mentionsBot: false,
    });
    expect(inbound[0].sentAt.getTime()).toBeGreaterThan(Date.now() - 5_000);
  });

  it('maps voice (its transcription is the text), images, mixed messages, files and enter_chat', async () => {
    const adapter = await connect();
    const photo = Buffer.from('not really a jpeg, but bytes all the same');
    const ids = [
      wecom.voice('fengsz', '办结 #1 已换灯泡'),
      wecom.image('wangwu', photo),
      wecom.mixed('wangwu', ['楼道灯坏了', photo, '在3栋1单元']),
      wecom.file('wangwu', '照片说明.docx', Buffer.from('docx')),
      wecom.enterChat('lisi'),
    ];
    await arrived(5);
    // Chats are handed on concurrently, so find each by its message id.
    const [voice, image, mixed, file, entered] = ids.map((id) => inbound.find((m) => m.messageId === id)!);
    expect(voice).toMatchObject({
      text: '办结 #1 已换灯泡',
      attachments: [{ kind: 'audio', transcript: '办结 #1 已换灯泡' }],
    });
    expect(image).toMatchObject({ text: '', chat: { kind: 'direct' }, attachments: [{ kind: 'image' }] });
    expect(mixed).toMatchObject({ text: '楼道灯坏了\n在3栋1单元', attachments: [{ kind: 'image' }] });
    expect(file).toMatchObject({ attachments: [{ kind: 'file', name: '照片说明.docx' }] });
    expect(entered).toMatchObject({ kind: 'member_joined', chat: { id: 'lisi', kind: 'direct' }, text: '' });
    // The bytes come back decrypted from the five-minute download URL.
    expect(Buffer.from(await adapter.fetchAttachment(image.attachments![0]))).toEqual(photo);
    expect(Buffer.from(await adapter.fetchAttachment(mixed.attachments![0]))).toEqual(photo);
    await expect(
      adapter.fetchAttachment({ kind: 'image', ref: JSON.stringify({ url: `http://127.0.0.1:${wecom.port}/gone` }) }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('hands a redelivered frame on once, and answers through the newest req_id', async () => {
    const adapter = await connect();
    const msgid = wecom.say('wangwu', '@网格助手 3栋电梯坏了', { chat: 'wrGroup31' });
    await arrived(1);
    wecom.push(wecom.pushed[0]);
    await waitUntil(() => wecom.reqIdsOf(msgid).length === 2, 'the redelivery');
    await new Promise((r) => setTimeout(r, 100));
    expect(inbound).toHaveLength(1);
    await adapter.send(out('wrGroup31', '已受理 #1', { inReplyTo: msgid }));
    expect(wecom.delivered).toMatchObject([
      { via: 'reply', chatId: 'wrGroup31', msgid, reqId: wecom.reqIdsOf(msgid)[1] },
    ]);
  });

  it('recognises a quote of its own message', async () => {
    const adapter = await connect();
    wecom.say('fengsz', '@网格助手 在吗', { chat: 'wrGroup31' });
    await arrived(1);
    const sent = await adapter.send(
      out('wrGroup31', '已受理 #1【设施报修】3栋1单元 @冯单元长 请签收', {
        mentions: [{ id: 'fengsz', name: '冯单元长' }],
      }),
    );
    wecom.say('fengsz', '@网格助手 修好了', {
      chat: 'wrGroup31',
      quote: { msgtype: 'text', text: { content: '已受理 #1【设施报修】3栋1单元 @冯单元长 请签收' } },
    });
    wecom.say('fengsz', '@网格助手 什么时候', {
      chat: 'wrGroup31',
      quote: { msgtype: 'text', text: { content: '明天停水' } },
    });
    await arrived(3);
    expect(inbound[1].quoted).toEqual({
      text: '已受理 #1【设施报修】3栋1单元 @冯单元长 请签收',
      messageId: sent.messageId,
      fromBot: true,
    });
    expect(inbound[2].quoted).toEqual({ text: '明天停水' });
  });
});

describe('WeCom adapter: what goes out', () => {
  it('answers a frame through the reply call and sends the rest proactively, @-mentions as <@userid>', async () => {
    const adapter = await connect();
    const msgid = wecom.say('wangwu', '@网格助手 3栋1单元楼道灯坏了', { chat: 'wrGroup31' });
    await arrived(1);
    const ack = await adapter.send(
      out('wrGroup31', '已受理 #1 @冯单元长 请签收', {
        inReplyTo: msgid,
        mentions: [{ id: 'fengsz', name: '冯单元长' }],
      }),
    );
    const ping = await adapter.send(
      out('wrGroup31', '#1 已超时未签收', { mentions: [{ id: 'chenlz', name: '陈楼长' }] }),
    );
    await adapter.send({ platform: 'wecom', account: 'wecom', userId: 'fengsz', text: '您有 1 件待办', mentions: [] });
    expect(wecom.delivered.map((d) => [d.via, d.chatId, d.content])).toEqual([
      ['reply', 'wrGroup31', '已受理 #1 <@fengsz> 请签收'],
      ['send', 'wrGroup31', '#1 已超时未签收 <@chenlz>'],
      ['send', 'fengsz', '您有 1 件待办'],
    ]);
    const replyFrame = wecom.frames.find((f) => f.cmd === 'aibot_respond_msg')!;
    expect(replyFrame.body).toMatchObject({ msgtype: 'stream', stream: { finish: true, id: ack.messageId } });
    const sendFrame = wecom.frames.find((f) => f.cmd === 'aibot_send_msg')!;
    expect(sendFrame).toMatchObject({
      headers: { req_id: ping.messageId },
      body: { chatid: 'wrGroup31', msgtype: 'markdown' },
    });
  });

  it('sends proactively when the frame is refused (846605), too old, or unknown', async () => {
    const adapter = await connect({ replyWindowMs: 200 });
    const first = wecom.say('wangwu', '@网格助手 一', { chat: 'wrGroup31' });
    const second = wecom.say('wangwu', '@网格助手 二', { chat: 'wrGroup31' });
    await arrived(2);
    wecom.fail('aibot_respond_msg', 846605, 'invalid req_id');
    await adapter.send(out('wrGroup31', '回复一', { inReplyTo: first }));
    await new Promise((r) => setTimeout(r, 250));
    await adapter.send(out('wrGroup31', '回复二', { inReplyTo: second }));
    await adapter.send(out('wrGroup31', '回复三', { inReplyTo: 'never-seen' }));
    // A frame from another chat would put the answer there: it is not used.
    const elsewhere = wecom.say('wangwu', '@网格助手 三', { chat: 'wrGroup32' });
    await arrived(3);
    await adapter.send(out('wrGroup31', '回复四', { inReplyTo: elsewhere }));
    expect(wecom.delivered.map((d) => [d.via, d.chatId, d.content])).toEqual([
      ['send', 'wrGroup31', '回复一'],
      ['send', 'wrGroup31', '回复二'],
      ['send', 'wrGroup31', '回复三'],
      ['send', 'wrGroup31', '回复四'],
    ]);
    // Only the first tried the frame; the late one did not waste a round trip on it.
    expect(wecom.frames.filter((f) => f.cmd === 'aibot_respond_msg')).toHaveLength(1);
  });

  it('welcomes someone who opened the chat through the welcome reply, in plain text', async () => {
    const adapter = await connect();
    const entered = wecom.enterChat('lisi');
    await arrived(1);
    await adapter.send({
      platform: 'wecom',
      account: 'wecom',
      chatId: 'lisi',
      text: '您好',
      mentions: [],
      inReplyTo: entered,
    });
    expect(wecom.delivered).toMatchObject([{ via: 'welcome', chatId: 'lisi', content: '您好', msgid: entered }]);
    expect(wecom.frames.find((f) => f.cmd === 'aibot_respond_welcome_msg')!.body).toEqual({
      msgtype: 'text',
      text: { content: '您好' },
    });
  });

  it('keeps at most three replies to one person in flight', async () => {
    const adapter = await connect();
    const ids = ['一', '二', '三', '四', '五'].map((n) => wecom.say('wangwu', `@网格助手 ${n}`, { chat: 'wrGroup31' }));
    await arrived(5);
    wecom.ackDelayMs = 150;
    await Promise.all(ids.map((id, i) => adapter.send(out('wrGroup31', `回复${i}`, { inReplyTo: id }))));
    expect(wecom.delivered.filter((d) => d.via === 'reply')).toHaveLength(5);
    expect(wecom.maxInFlight.get('wangwu')).toBe(3);
  });

  it('splits text longer than 4000 bytes into several messages', async () => {
    const adapter = await connect();
    const long = Array.from({ length: 3 }, (_, i) => `第${i + 1}段。${'网格'.repeat(700)}`).join('\n');
    await adapter.send(out('wrGroup31', long));
    expect(wecom.delivered.length).toBeGreaterThan(1);
    expect(wecom.delivered.every((d) => Buffer.byteLength(d.content) <= 4000)).toBe(true);
    // Nothing is lost at the cuts (a line break there is dropped).
    expect(wecom.delivered.map((d) => d.content.replace(/\n/g, '')).join('')).toBe(long.replace(/\n/g, ''));
  });

  it('maps refusals to typed delivery errors', async () => {
    const adapter = await connect();
    const refused = async (errcode: number) => {
      wecom.fail('aibot_send_msg', errcode, 'refused');
      return adapter.send(out('wrGroup31', '通知')).catch((e: DeliveryError) => e);
    };
    expect(await refused(40008)).toMatchObject({ kind: 'invalid' });
    expect(await refused(60011)).toMatchObject({ kind: 'forbidden' });
    expect(await refused(-1)).toMatchObject({ kind: 'transient' });
    // Last: a throttled conversation holds this adapter's next sends back for a minute.
    expect(await refused(45009)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
    await expect(adapter.send({ ...out('', '通知'), chatId: undefined })).rejects.toMatchObject({ kind: 'invalid' });
    wecom.answerPings = false;
    wecom.drop();
    await waitUntil(() => !adapter.isConnected, 'the drop to be noticed');
    const offline = await adapter.send(out('wrGroup31', '通知')).catch((e: DeliveryError) => e);
    expect(offline).toBeInstanceOf(DeliveryError);
    expect(offline).toMatchObject({ kind: 'transient' });
  });
});

describe('WeCom adapter: the connection', () => {
  it('refuses to start with a wrong secret', async () => {
    const adapter = new WecomAdapter({ botId: wecom.botId, secret: 'wrong', wsUrl: wecom.url, logger });
    await expect(adapter.start(async () => {})).rejects.toThrow(/853000/);
    expect(logs).toContain('wecom: authentication failed');
  });

  it('reconnects after a dropped connection and after missed heartbeats, losing nothing', async () => {
    const adapter = await connect({ heartbeatIntervalMs: 100 });
    wecom.drop();
    const during = wecom.say('wangwu', '@网格助手 断线时发的', { chat: 'wrGroup31' });
    await adapter.whenConnected(5_000);
    await arrived(1);
    expect(inbound[0].messageId).toBe(during);
    expect(wecom.subscribes).toBe(2);
    // The server stops acknowledging pings: after two misses the SDK gives up on the socket.
    wecom.answerPings = false;
    await waitUntil(() => !adapter.isConnected, 'the dead connection to be noticed', 5_000);
    wecom.answerPings = true;
    await adapter.whenConnected(5_000);
    expect(wecom.subscribes).toBe(3);
    wecom.say('wangwu', '@网格助手 恢复后发的', { chat: 'wrGroup31' });
    await arrived(2);
    expect(inbound.map((m) => m.text)).toEqual(['@网格助手 断线时发的', '@网格助手 恢复后发的']);
  });

  it('lets a newer connection have the bot instead of fighting over it', async () => {
    const first = await connect();
    const second = await connect();
    await waitUntil(() => !first.isConnected, 'the older connection to be told');
    expect(logs).toContain('wecom: another connection took over this bot; this one stops');
    await new Promise((r) => setTimeout(r, 400));
    expect(wecom.subscribes).toBe(2);
    expect(second.isConnected).toBe(true);
    await expect(first.send(out('wrGroup31', '通知'))).rejects.toThrow(/another connection/);
  });
});
