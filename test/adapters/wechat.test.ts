/**
 * WechatAdapter against a real puppet service over gRPC on loopback (PuppetServer hosting
 * PuppetMock). Each test uses its own rooms, so one server and adapter serve the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer, type PacerTime } from '../../src/adapters/pacer.js';
import { WechatAdapter } from '../../src/adapters/wechat/index.js';
import type { Logger } from '../../src/common/log.js';
import { DeliveryError, type Inbound } from '../../src/common/types.js';
import { startPuppetServer, type MockContact, type PuppetServerHandle } from '../support/puppet-server.js';
import { fakeLogger } from '../support/logger.js';

const NO_PACING = { sameChatGapMs: 0, otherChatGapMs: 0, perMinute: 0, jitterMs: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects inbound messages and lets a test wait for the ones it expects. */
function inbox() {
  const got: Inbound[] = [];
  return {
    got,
    handler: async (m: Inbound) => void got.push(m),
    async waitFor(pred: (m: Inbound) => boolean, count = 1, timeoutMs = 10_000): Promise<Inbound[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hits = got.filter(pred);
        if (hits.length >= count) return hits;
        if (Date.now() > deadline) throw new Error(`got ${hits.length} of ${count} expected inbound messages`);
        await sleep(20);
      }
    },
  };
}

/** A logger that keeps every line, so tests can check what the adapter noticed. */
function memoryLogger() {
  const lines: Array<{ level: string; msg?: string; obj: object }> = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, msg, obj });
  const logger: Logger = fakeLogger({ info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') });
  return { lines, logger };
}

let ps: PuppetServerHandle;
let adapter: WechatAdapter;
let box: ReturnType<typeof inbox>;
let log: ReturnType<typeof memoryLogger>;
let alice: MockContact;
let bob: MockContact;

beforeAll(async () => {
  ps = await startPuppetServer();
  alice = ps.createContact('Alice');
  bob = ps.createContact('王师傅');
  box = inbox();
  log = memoryLogger();
  adapter = new WechatAdapter({
    token: ps.token,
    endpoint: ps.endpoint,
    tls: false,
    pacing: NO_PACING,
    logger: log.logger,
    reconnect: { initialMs: 100, maxMs: 400 },
  });
  await adapter.start(box.handler);
  await adapter.whenLoggedIn(15_000);
});

afterAll(async () => {
  await adapter?.stop();
  await ps?.stop();
});

describe('WechatAdapter inbound', () => {
  it('maps one room text message to exactly one Inbound', async () => {
    const room = ps.createRoom('3栋2单元', [alice, bob]);
    const id = ps.say(alice, '@网格助手 3栋2单元楼道灯坏了 @王师傅', room, [ps.bot, bob]);
    const [m] = await box.waitFor((x) => x.messageId === id);
    await sleep(300); // a duplicate would have arrived by now
    expect(box.got.filter((x) => x.messageId === id)).toHaveLength(1);
    expect(m).toMatchObject({
      platform: 'wechat',
      account: 'wechat',
      kind: 'message',
      chat: { id: room.id, kind: 'group', title: '3栋2单元' },
      from: { id: alice.id, name: 'Alice' },
      text: '@网格助手 3栋2单元楼道灯坏了 @王师傅',
      mentionsBot: true,
      mentions: [{ id: bob.id, name: '王师傅' }],
    });
    expect(m.sentAt).toBeInstanceOf(Date);
  });

  it('sees @botname in the text as a mention even without mention ids', async () => {
    const room = ps.createRoom('5栋', [alice]);
    const plain = ps.say(alice, '今天停水吗', room);
    const named = ps.say(alice, '@网格助手 今天停水吗', room);
    const [a] = await box.waitFor((x) => x.messageId === plain);
    const [b] = await box.waitFor((x) => x.messageId === named);
    expect(a.mentionsBot).toBe(false);
    expect(b.mentionsBot).toBe(true);
  });

  it('maps a direct message to a direct chat keyed by the contact', async () => {
    const id = ps.say(alice, '我报的灯修好了吗');
    const [m] = await box.waitFor((x) => x.messageId === id);
    expect(m.chat).toMatchObject({ id: alice.id, kind: 'direct' });
    expect(m.from.id).toBe(alice.id);
    expect(m.text).toBe('我报的灯修好了吗');
  });

  it('reports the bot being added to a room as bot_joined, others as member_joined', async () => {
    const room = ps.createRoom('7栋1单元', [alice], { withBot: false });
    ps.addToRoom(room, [ps.bot], alice);
    const [joined] = await box.waitFor((x) => x.kind === 'bot_joined' && x.chat.id === room.id);
    expect(joined.from.id).toBe(alice.id);
    expect(joined.chat.title).toBe('7栋1单元');
    const carol = ps.createContact('Carol');
    ps.addToRoom(room, [carol], alice);
    const [member] = await box.waitFor((x) => x.kind === 'member_joined' && x.chat.id === room.id);
    expect(member.from.id).toBe(carol.id);
    expect(box.got.filter((x) => x.kind === 'bot_joined' && x.chat.id === room.id)).toHaveLength(1);
  });

  it('drops a replayed message with the same id', async () => {
    const room = ps.createRoom('9栋', [alice]);
    const id = ps.say(alice, '电梯坏了', room);
    await box.waitFor((x) => x.messageId === id);
    ps.replay(id);
    ps.replay(id);
    await waitForLog(
      (l) => l.msg === 'wechat: replayed message dropped' && (l.obj as { messageId?: string }).messageId === id,
      2,
    );
    expect(box.got.filter((x) => x.messageId === id)).toHaveLength(1);
  });

  it('does not deliver the bot’s own sends back as Inbound', async () => {
    const room = ps.createRoom('11栋', [alice]);
    await adapter.send({ platform: 'wechat', account: 'wechat', chatId: room.id, text: '已收到', mentions: [] });
    const [echo] = await ps.waitForBotMessages(room, 1);
    const marker = ps.say(alice, 'after', room); // arrives after the echo would have
    await box.waitFor((x) => x.messageId === marker);
    expect(box.got.some((x) => x.messageId === echo.id || x.from.id === ps.bot.id)).toBe(false);
  });
});

describe('WechatAdapter send', () => {
  it('posts to a room with the mention written once and its id sent along', async () => {
    const room = ps.createRoom('12栋2单元', [alice, bob]);
    const text = '@王师傅 新工单 #12 楼道灯坏了，请在2小时内签收';
    await adapter.send({
      platform: 'wechat',
      account: 'wechat',
      chatId: room.id,
      text,
      mentions: [{ id: bob.id, name: '王师傅' }],
    });
    const [msg] = await ps.waitForBotMessages(room, 1);
    expect(msg.text).toBe(text);
    expect(ps.sends.find((s) => s.conversationId === room.id)?.mentionIds).toEqual([bob.id]);
  });

  it('puts an @name in front when the core did not write one', async () => {
    const room = ps.createRoom('13栋', [alice, bob]);
    await adapter.send({
      platform: 'wechat',
      account: 'wechat',
      chatId: room.id,
      text: '请处理 #13',
      mentions: [{ id: bob.id, name: '王师傅' }],
    });
    const [msg] = await ps.waitForBotMessages(room, 1);
    expect(msg.text).toBe('@王师傅\u2005请处理 #13');
  });

  it('sends a direct message by userId', async () => {
    await adapter.send({
      platform: 'wechat',
      account: 'wechat',
      userId: bob.id,
      text: '您有一条四必报事项',
      mentions: [],
    });
    const deadline = Date.now() + 5000;
    while (!ps.directMessages(bob).length && Date.now() < deadline) await sleep(20);
    expect(ps.directMessages(bob).map((m) => m.text)).toEqual(['您有一条四必报事项']);
  });

  it('splits long text on line boundaries into messages of at most 2000 chars', async () => {
    const room = ps.createRoom('14栋', [alice]);
    const lines = Array.from({ length: 5 }, (_, i) => `${i}`.repeat(900));
    const text = lines.join('\n');
    await adapter.send({ platform: 'wechat', account: 'wechat', chatId: room.id, text, mentions: [] });
    const msgs = await ps.waitForBotMessages(room, 3);
    expect(msgs).toHaveLength(3);
    expect(msgs.every((m) => m.text.length <= 2000)).toBe(true);
    expect(msgs.map((m) => m.text).join('\n')).toBe(text);
  });

  it('fails with not_found for an unknown room or user', async () => {
    const toRoom = adapter.send({
      platform: 'wechat',
      account: 'wechat',
      chatId: 'nope@chatroom',
      text: 'x',
      mentions: [],
    });
    await expect(toRoom).rejects.toBeInstanceOf(DeliveryError);
    await expect(toRoom).rejects.toMatchObject({ kind: 'not_found' });
    const toUser = adapter.send({ platform: 'wechat', account: 'wechat', userId: 'nobody', text: 'x', mentions: [] });
    await expect(toUser).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('finds a room again by its topic (re-binding after re-login)', async () => {
    const room = ps.createRoom('15栋3单元 业主群', [alice]);
    expect(await adapter.findRoomByTopic('15栋3单元 业主群')).toBe(room.id);
    expect(await adapter.roomTopic(room.id)).toBe('15栋3单元 业主群');
    expect(await adapter.findRoomByTopic('没有这个群')).toBeUndefined();
  });

  it('paces every piece through the pacer and keeps the order within a chat', async () => {
    // Virtual time: sleeping advances the clock, so gaps are checked without waiting.
    let now = 0;
    const sleeps: number[] = [];
    const time: PacerTime = {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0,
    };
    const pacer = new Pacer({ sameChatGapMs: 1000, otherChatGapMs: 3000 }, time);
    // A puppet service serves one client at a time, so a second adapter gets its own server.
    const own = await startPuppetServer();
    const paced = new WechatAdapter({ token: own.token, endpoint: own.endpoint, tls: false, pacer });
    await paced.start(async () => undefined);
    await paced.whenLoggedIn(15_000);
    try {
      const r1 = own.createRoom('16栋', []);
      const r2 = own.createRoom('17栋', []);
      const send = (chatId: string, text: string) =>
        paced.send({ platform: 'wechat', account: 'wechat', chatId, text, mentions: [] });
      await Promise.all([
        send(r1.id, 'one'),
        send(r1.id, 'two'),
        send(r1.id, `${'a'.repeat(2000)}\n${'b'.repeat(10)}`),
      ]);
      await send(r2.id, 'other chat');
      const msgs = await own.waitForBotMessages(r1, 4);
      expect(msgs.map((m) => m.text.slice(0, 3))).toEqual(['one', 'two', 'aaa', 'bbb']);
      // 4 pieces to r1 (3 gaps of 1 s), then a switch to r2 (3 s).
      expect(sleeps).toEqual([1000, 1000, 1000, 3000]);
    } finally {
      await paced.stop();
      await own.stop();
    }
  });
});

describe('WechatAdapter lifecycle', () => {
  it('keeps per-chat order, survives a throwing handler, and stop() awaits in-flight handlers', async () => {
    const local = memoryLogger();
    const trace: string[] = [];
    const own = await startPuppetServer();
    const carol = own.createContact('Carol');
    const a = new WechatAdapter({
      token: own.token,
      endpoint: own.endpoint,
      tls: false,
      pacing: NO_PACING,
      logger: local.logger,
    });
    const room = own.createRoom('18栋', [carol]);
    await a.start(async (m) => {
      if (m.chat.id !== room.id) return;
      trace.push(`start:${m.text}`);
      if (m.text === 'boom') throw new Error('handler exploded');
      if (m.text.startsWith('slow')) await sleep(200);
      trace.push(`end:${m.text}`);
    });
    await a.start(async () => undefined); // harmless second start
    await a.whenLoggedIn(15_000);
    for (const t of ['slow1', 'boom', 'third', 'slow2']) own.say(carol, t, room);
    const deadline = Date.now() + 10_000;
    while (!trace.includes('start:slow2') && Date.now() < deadline) await sleep(10);
    await a.stop(); // slow2 is still running: stop must wait for it
    expect(trace).toEqual([
      'start:slow1',
      'end:slow1',
      'start:boom',
      'start:third',
      'end:third',
      'start:slow2',
      'end:slow2',
    ]);
    expect(local.lines.some((l) => l.level === 'error' && l.msg === 'wechat: inbound handler failed')).toBe(true);
    await a.stop(); // second stop is a no-op
    await own.stop();
  });

  it('uses TLS unless told otherwise, so it cannot log in to a plaintext gateway', async () => {
    const own = await startPuppetServer();
    const secure = new WechatAdapter({ token: own.token, endpoint: own.endpoint, reconnect: { initialMs: 5000 } });
    try {
      await secure.start(async () => undefined);
      await expect(secure.whenLoggedIn(2000)).rejects.toThrow(/not logged in/);
    } finally {
      await secure.stop();
      await own.stop();
    }
  });

  it('reconnects after the puppet service restarts and keeps working', async () => {
    const room = ps.createRoom('19栋', [alice]);
    await ps.kill();
    await waitForLog((l) => l.msg === 'wechat: connection lost; reconnecting');
    await expect(
      adapter.send({ platform: 'wechat', account: 'wechat', chatId: room.id, text: 'x', mentions: [] }),
    ).rejects.toMatchObject({
      kind: 'transient',
    });
    await sleep(500); // let a reconnect attempt or two fail against the dead port
    await ps.revive();
    await adapter.whenLoggedIn(20_000);
    const id = ps.say(alice, '重启后还能收到吗', room);
    await box.waitFor((x) => x.messageId === id);
    await adapter.send({ platform: 'wechat', account: 'wechat', chatId: room.id, text: '能', mentions: [] });
    const msgs = await ps.waitForBotMessages(room, 1);
    expect(msgs.map((m) => m.text)).toEqual(['能']);
  });
});

async function waitForLog(
  pred: (l: { level: string; msg?: string; obj: object }) => boolean,
  count = 1,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (log.lines.filter(pred).length < count) {
    if (Date.now() > deadline) throw new Error('expected log line did not appear');
    await sleep(20);
  }
}
