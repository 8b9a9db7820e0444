/**
 * TelegramAdapter.send over real HTTP to the loopback FakeBotApi: mention entities and
 * UTF-16 offsets, splitting, pacing, and how 429 / 5xx / 4xx answers end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/adapters/telegram/index.js';
import type { TelegramOptions } from '../../src/adapters/telegram/index.js';
import { DeliveryError } from '../../src/common/types.js';
import type { Outbound } from '../../src/common/types.js';
import { FakeBotApi } from '../support/fake-bot-api.js';

let fake: FakeBotApi;
let tg: TelegramAdapter | undefined;

beforeEach(async () => {
  fake = await FakeBotApi.start();
});
afterEach(async () => {
  await tg?.stop();
  tg = undefined;
  await fake.close();
});

/** A started adapter with no pacing and fast, bounded retries unless overridden. */
async function adapter(extra: Partial<TelegramOptions> = {}): Promise<TelegramAdapter> {
  tg = new TelegramAdapter({
    token: '123:TEST',
    apiRoot: fake.apiRoot,
    mode: 'polling',
    pacing: {},
    retry: { maxRetryAttempts: 2, maxDelaySeconds: 1, serverErrorDelayMs: 10 },
    pollTimeoutSeconds: 1,
    ...extra,
  });
  await tg.start(async () => {});
  return tg;
}

function out(chatId: string, text: string, extra: Partial<Outbound> = {}): Outbound {
  return { platform: 'telegram', account: 'telegram', chatId, text, mentions: [], ...extra };
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('TelegramAdapter.send', () => {
  it('mentions a user with a username by @username and one without by text_mention, at UTF-16 offsets', async () => {
    const a = await adapter();
    const result = await a.send(
      out('-1001', '🚨 3栋楼道灯坏了，请 @张三 和 @李四 处理', {
        threadId: '77',
        mentions: [
          { id: '501', name: '张三', username: 'zhangsan' },
          { id: '502', name: '李四' },
        ],
      }),
    );
    const [call] = await fake.waitForSent(1);
    // 🚨 is two UTF-16 units: "🚨 3栋楼道灯坏了，请 " is 13 units long.
    expect(call.params.text).toBe('🚨 3栋楼道灯坏了，请 @zhangsan 和 @李四 处理');
    expect(call.params.entities).toEqual([
      { type: 'mention', offset: 13, length: 9 },
      { type: 'text_mention', offset: 25, length: 3, user: { id: 502, is_bot: false, first_name: '李四' } },
    ]);
    expect(call.params.message_thread_id).toBe(77);
    expect(call.params.chat_id).toBe('-1001');
    expect(result.messageId).toBe(`-1001:${call.message!.message_id}`);
  });

  it('sends a direct message to userId and appends a mention missing from the text', async () => {
    const a = await adapter();
    await a.send({
      platform: 'telegram',
      account: 'telegram',
      userId: '502',
      text: '您有新工单',
      mentions: [{ id: '502', name: '李四' }],
    });
    const [call] = await fake.waitForSent(1);
    expect(call.params).toMatchObject({ chat_id: '502', text: '您有新工单 @李四' });
    expect(call.params.entities).toEqual([expect.objectContaining({ type: 'text_mention', offset: 6, length: 3 })]);
  });

  it('splits long text on line boundaries into messages of at most 4096 characters', async () => {
    const a = await adapter();
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. 3栋${i % 9}单元 楼道灯不亮，已派单给楼栋长`);
    const text = `${lines.join('\n')}\n请 @李四 尽快处理`;
    await a.send(out('-1002', text, { mentions: [{ id: '502', name: '李四' }] }));
    const calls = fake.sent;
    expect(calls.length).toBeGreaterThan(1);
    for (const c of calls) expect((c.params.text as string).length).toBeLessThanOrEqual(4096);
    expect(calls.map((c) => c.params.text).join('\n')).toBe(text); // cut only at line breaks
    const last = calls[calls.length - 1].params;
    expect(last.entities).toEqual([
      expect.objectContaining({ type: 'text_mention', offset: last.text.indexOf('@李四') }),
    ]);
    expect(calls.slice(0, -1).every((c) => c.params.entities === undefined)).toBe(true);
  });

  it('waits out a 429 with retry_after, then delivers once', async () => {
    const a = await adapter();
    fake.failNext('sendMessage', { code: 429, retry_after: 0.2 });
    const started = Date.now();
    await a.send(out('-1003', '通知：周五停水'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(fake.callsOf('sendMessage').map((c) => c.failed)).toEqual([429, undefined]);
    expect(fake.sent).toHaveLength(1);
  });

  it('gives up on a persistent 429 with rate_limited and retryAfterMs', async () => {
    const a = await adapter();
    fake.failNext('sendMessage', { code: 429, retry_after: 0.05 }, 3);
    const error = await failure(a.send(out('-1004', '通知')));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 50 });
    expect(fake.callsOf('sendMessage')).toHaveLength(3); // first try + maxRetryAttempts 2

    fake.failNext('sendMessage', { code: 429, retry_after: 60 }); // above maxDelaySeconds: no waiting
    const tooLong = await failure(a.send(out('-1004', '通知')));
    expect(tooLong).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
    expect(fake.callsOf('sendMessage')).toHaveLength(4);
  });

  it('paces the next send after a final 429 by its retry_after', async () => {
    // retry_after above maxDelaySeconds: auto-retry gives up at once, so only the pacer waits.
    const a = await adapter({ retry: { maxRetryAttempts: 2, maxDelaySeconds: 0.1, serverErrorDelayMs: 10 } });
    fake.failNext('sendMessage', { code: 429, retry_after: 0.3 });
    const started = Date.now();
    expect(await failure(a.send(out('-1005', '一')))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 300 });
    expect(fake.callsOf('sendMessage')).toHaveLength(1); // not retried
    await a.send(out('-1006', '二')); // another chat: the whole account is throttled
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('holds sends to other chats while a 429 is being waited out', async () => {
    const a = await adapter();
    fake.failNext('sendMessage', { code: 429, retry_after: 0.3 });
    const first = a.send(out('-1010', '甲'));
    await fake.waitFor(() => fake.callsOf('sendMessage').length === 1);
    const limitedAt = fake.calls[fake.calls.length - 1].at;
    // Let the 429 answer reach the adapter: a send issued while the first is still in flight cannot
    // know of it (on a loaded machine the answer took longer than the next send).
    await new Promise((r) => setTimeout(r, 100));
    await a.send(out('-1011', '乙'));
    await first;
    const other = fake.sent.find((c) => c.params.text === '乙')!;
    expect(other.at - limitedAt).toBeGreaterThanOrEqual(280);
  });

  it('retries a 500 and delivers exactly once; a persistent 500 is transient', async () => {
    const a = await adapter();
    fake.failNext('sendMessage', { code: 500 });
    await a.send(out('-1007', '已受理'));
    expect(fake.callsOf('sendMessage').map((c) => c.failed)).toEqual([500, undefined]);
    expect(fake.sent).toHaveLength(1);

    fake.failNext('sendMessage', { code: 502 }, 5);
    expect(await failure(a.send(out('-1007', '再试')))).toMatchObject({ kind: 'transient' });
    expect(fake.callsOf('sendMessage')).toHaveLength(5); // 2 + 3 attempts
  });

  it('maps 403, chat not found and other 400s to forbidden, not_found and invalid without retrying', async () => {
    const a = await adapter();
    fake.failNext('sendMessage', { code: 403 });
    expect(await failure(a.send(out('601', '回访')))).toMatchObject({ kind: 'forbidden', retryable: false });
    fake.failNext('sendMessage', { code: 400 });
    expect(await failure(a.send(out('-1008', '回访')))).toMatchObject({ kind: 'not_found' });
    fake.failNext('sendMessage', { code: 400, description: 'Bad Request: message thread not found' });
    expect(await failure(a.send(out('-1008', '回访', { threadId: '9' })))).toMatchObject({ kind: 'invalid' });
    expect(fake.callsOf('sendMessage')).toHaveLength(3);
    await expect(a.send({ platform: 'telegram', account: 'telegram', text: 'x', mentions: [] })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('paces sends to one chat by the configured rules', async () => {
    const a = await adapter({ pacing: { sameChatGapMs: 100 } });
    const started = Date.now();
    await Promise.all([a.send(out('-1009', '1')), a.send(out('-1009', '2')), a.send(out('-1009', '3'))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(fake.sent.map((c) => c.params.text)).toEqual(['1', '2', '3']);
  });
});
