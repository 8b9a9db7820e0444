// The outbox sender on a real SQLite file: per-chat order survives a retried failure, and two
// senders draining one database at once deliver every row exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, type Adapter, type Outbound } from '../../src/common/types.js';
import { silentLogger } from '../../src/common/log.js';
import { enqueue, OutboxSender } from '../../src/services/outbox.js';
import { openDatabase } from '../../src/store/client.js';
import { freshSqlite } from '../support/db.js';
import { TestClock } from '../support/harness.js';

class FlakyAdapter implements Adapter {
  readonly platform = 'console' as const;
  readonly account = 'console';
  readonly capabilities = { mentionsById: true, directToStrangers: true, stableMessageIds: true, maxTextLength: 1000 };
  readonly sent: Outbound[] = [];
  constructor(private failures: Set<string> = new Set()) {}
  async start() {}
  async stop() {}
  async send(message: Outbound) {
    if (this.failures.delete(message.text)) throw new DeliveryError('transient', 'connection reset');
    await new Promise((r) => setImmediate(r));
    this.sent.push(message);
    return {};
  }
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('outbox sender', () => {
  it("keeps a chat's messages in order when one must be retried", async () => {
    const fresh = await freshSqlite();
    cleanup = fresh.cleanup;
    const clock = new TestClock(new Date('2026-11-23T01:00:00Z'));
    const item = (chat: string, text: string) => ({
      platform: 'console',
      account: 'console',
      chatExternalId: chat,
      text,
      notBefore: clock.now(),
    });
    await enqueue(fresh.db.prisma, [item('A', 'a1'), item('A', 'a2'), item('B', 'b1'), item('A', 'a3')]);
    const adapter = new FlakyAdapter(new Set(['a1']));
    const sender = new OutboxSender(fresh.db.prisma, adapter, clock, silentLogger, { owner: 't' });
    await sender.drain();
    expect(adapter.sent.map((m) => m.text)).toEqual(['b1']);
    clock.advance(5_000);
    await sender.drain();
    expect(adapter.sent.map((m) => m.text)).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(await fresh.db.prisma.outbox.count({ where: { status: 'sent' } })).toBe(4);
  });

  it('delivers each row once when two senders on two connections drain one database at once', async () => {
    const fresh = await freshSqlite();
    cleanup = fresh.cleanup;
    const clock = new TestClock(new Date('2026-11-23T01:00:00Z'));
    await enqueue(
      fresh.db.prisma,
      Array.from({ length: 200 }, (_, i) => ({
        platform: 'console',
        account: 'console',
        chatExternalId: `c${i % 7}`,
        text: `m${i}`,
        notBefore: clock.now(),
      })),
    );
    const second = await openDatabase(fresh.url);
    const one = new FlakyAdapter();
    const two = new FlakyAdapter();
    await Promise.all([
      new OutboxSender(fresh.db.prisma, one, clock, silentLogger, { owner: 'one', batch: 5 }).drain(),
      new OutboxSender(second.prisma, two, clock, silentLogger, { owner: 'two', batch: 5 }).drain(),
    ]);
    await second.close();
    const texts = [...one.sent, ...two.sent].map((m) => m.text);
    expect(texts).toHaveLength(200);
    expect(new Set(texts).size).toBe(200);
  });
});
