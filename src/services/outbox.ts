/**
 * The outbox: every outbound message is a row first (written in the same transaction as the
 * change that caused it), then a sender per bot account claims rows, delivers them through the
 * adapter, and records the result. Claims are compare-and-set updates with a lease, so several
 * instances never deliver one row twice while alive, and a dead instance's rows are taken over.
 */
import { randomUUID } from 'node:crypto';
import type { Adapter, Clock, Mention, Platform } from '../common/types.js';
import { DeliveryError } from '../common/types.js';
import type { Logger } from '../common/log.js';
import { insertOutbox } from '../store/intake-sql.js';
import type { Db } from '../store/client.js';

export interface OutboxItem {
  platform: Platform | string;
  account: string;
  chatExternalId?: string | null;
  userExternalId?: string | null;
  text: string;
  mentions?: Mention[];
  replyTo?: string | null;
  /** The inbound platform message this answers. */
  inReplyTo?: string | null;
  /** The ticket the message is about (a quote-reply to it then means that ticket). */
  ticketId?: number | null;
  image?: { path: string; mime: string } | null;
  noticeId?: number | null;
  dedupeKey?: string | null;
  notBefore?: Date;
}

/** Queues messages inside the caller's transaction. */
export async function enqueue(tx: Db, items: OutboxItem[]): Promise<void> {
  const createdAt = new Date();
  await insertOutbox(
    tx,
    items.map((m) => ({
      dedupeKey: m.dedupeKey ?? null,
      platform: m.platform,
      account: m.account,
      chatExternalId: m.chatExternalId ?? null,
      userExternalId: m.userExternalId ?? null,
      text: m.text,
      mentions: m.mentions?.length ? JSON.stringify(m.mentions) : null,
      replyTo: m.replyTo ?? null,
      inReplyTo: m.inReplyTo ?? null,
      ticketId: m.ticketId ?? null,
      imagePath: m.image?.path ?? null,
      imageMime: m.image?.mime ?? null,
      noticeId: m.noticeId ?? null,
      // Without a time of its own, a row is due at once whatever any clock says.
      notBefore: m.notBefore ?? EPOCH,
      createdAt,
    })),
  );
}

const EPOCH = new Date(0);

export interface SenderOptions {
  owner: string;
  leaseMs?: number;
  batch?: number;
  maxAttempts?: number;
  idleMs?: number;
}

/**
 * Delivers one account's outbox rows through its adapter, in id order.
 * @example const sender = new OutboxSender(db.prisma, adapter, clock, log, { owner: 'i1' }); sender.start();
 */
export class OutboxSender {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** Batches run one at a time, so `drain` waits for the loop's batch and keeps order. */
  private busy: Promise<unknown> = Promise.resolve();
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly maxAttempts: number;
  private readonly idleMs: number;

  constructor(
    private readonly db: Db,
    private readonly adapter: Adapter,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: SenderOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batch = options.batch ?? 20;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.idleMs = options.idleMs ?? 500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the row being delivered; rows claimed but not sent return to the queue. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Tells the sender there is new work, so it doesn't wait for its next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Delivers everything due now; returns how many rows were handled. For tests and shutdown. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.exclusive();
      total += handled;
      if (!handled) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.exclusive();
      } catch (error) {
        this.log.error({ err: error }, 'outbox batch failed');
      }
      if (!handled && this.running)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  private exclusive(): Promise<number> {
    const next = this.busy.then(() => this.deliverBatch());
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async deliverBatch(): Promise<number> {
    const rows = await this.claim();
    // A chat whose message must be retried gets nothing newer before it, so replies keep their order.
    const held = new Map<string, Date>();
    for (const [index, row] of rows.entries()) {
      if (!this.running && this.loop) {
        await this.release(rows.slice(index).map((r) => r.id));
        break;
      }
      const chat = chatOf(row);
      const until = held.get(chat);
      if (until) {
        await this.db.outbox.updateMany({
          where: { id: row.id, claimedBy: row.claimedBy },
          data: { status: 'pending', notBefore: until, claimedBy: null, leaseUntil: null },
        });
        continue;
      }
      const retryAt = await this.deliver(row);
      if (retryAt) held.set(chat, retryAt);
    }
    return rows.length;
  }

  private async claim() {
    const now = this.clock.now();
    const where = {
      platform: this.adapter.platform,
      account: { in: [this.adapter.account, 'default'] },
      OR: [
        { status: 'pending', notBefore: { lte: now } },
        { status: 'sending', leaseUntil: { lt: now } },
      ],
    };
    const candidates = await this.db.outbox.findMany({
      where,
      orderBy: { id: 'asc' },
      take: this.batch,
      select: { id: true },
    });
    if (!candidates.length) return [];
    const token = `${this.options.owner}:${randomUUID()}`;
    await this.db.outbox.updateMany({
      where: { ...where, id: { in: candidates.map((c) => c.id) } },
      data: { status: 'sending', claimedBy: token, leaseUntil: new Date(now.getTime() + this.leaseMs) },
    });
    return this.db.outbox.findMany({ where: { claimedBy: token, status: 'sending' }, orderBy: { id: 'asc' } });
  }

  private async release(ids: number[]): Promise<void> {
    if (ids.length)
      await this.db.outbox.updateMany({
        where: { id: { in: ids }, status: 'sending' },
        data: { status: 'pending', claimedBy: null, leaseUntil: null },
      });
  }

  /** Sends one row; returns when it will be retried, or null when it was sent or failed for good. */
  private async deliver(row: OutboxRow): Promise<Date | null> {
    const mentions: Mention[] = row.mentions ? JSON.parse(row.mentions) : [];
    try {
      const sent = await this.adapter.send({
        platform: this.adapter.platform,
        account: this.adapter.account,
        chatId: row.chatExternalId ?? undefined,
        userId: row.userExternalId ?? undefined,
        text: row.text,
        mentions,
        threadId: row.replyTo ?? undefined,
        inReplyTo: row.inReplyTo ?? undefined,
        image: row.imagePath ? { path: row.imagePath, mime: row.imageMime ?? 'image/jpeg' } : undefined,
      });
      await this.db.outbox.updateMany({
        where: { id: row.id, claimedBy: row.claimedBy },
        data: {
          status: 'sent',
          sentAt: this.clock.now(),
          sentId: sent?.messageId ?? null,
          attempts: { increment: 1 },
          leaseUntil: null,
        },
      });
      this.log.debug({ outbox: row.id }, 'delivered');
      return null;
    } catch (error) {
      return this.recordFailure(row, row.attempts + 1, error);
    }
  }

  private async recordFailure(row: OutboxRow, attempts: number, error: unknown): Promise<Date | null> {
    const { id, claimedBy } = row;
    const typed =
      error instanceof DeliveryError
        ? error
        : new DeliveryError('transient', String((error as Error)?.message ?? error), { cause: error });
    const final = !typed.retryable || attempts >= this.maxAttempts;
    const backoff = typed.retryAfterMs ?? Math.min(60_000 * 10, 1000 * 2 ** attempts);
    const notBefore = new Date(this.clock.now().getTime() + (final ? 0 : backoff));
    await this.db.outbox.updateMany({
      where: { id, claimedBy },
      data: {
        status: final ? 'failed' : 'pending',
        attempts,
        lastError: `${typed.kind}: ${typed.message}`.slice(0, 500),
        notBefore,
        claimedBy: null,
        leaseUntil: null,
      },
    });
    this.log.warn({ outbox: id, kind: typed.kind, attempts, final }, 'delivery failed');
    if (final) return null;
    // Newer messages already queued for the same chat wait for this one.
    await this.db.outbox.updateMany({
      where: {
        platform: row.platform,
        account: row.account,
        chatExternalId: row.chatExternalId,
        userExternalId: row.userExternalId,
        status: 'pending',
        id: { gt: id },
        notBefore: { lt: notBefore },
      },
      data: { notBefore },
    });
    return notBefore;
  }
}

type OutboxRow = NonNullable<Awaited<ReturnType<Db['outbox']['findUnique']>>>;

const chatOf = (row: OutboxRow) => (row.chatExternalId ? `c:${row.chatExternalId}` : `u:${row.userExternalId}`);
