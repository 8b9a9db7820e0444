/**
 * The outbox: every outbound message is a row first (written in the same transaction as the
 * change that caused it), then a sender per bot account claims rows, delivers them through the
 * adapter, and records the result. Claims are compare-and-set updates with a lease, so several
 * instances never deliver one row twice while alive, and a dead instance's rows are taken over.
 * The lease is short and renewed while a batch is being delivered (a send may wait for pacing far
 * longer than any sensible lease), and every send has a timeout; so a killed instance's rows are
 * free a lease after its last renewal, and one restarted under the same instance id takes its
 * own rows back at once. See docs/decisions/0009-nothing-lost.md.
 */
import { randomUUID } from 'node:crypto';
import type { Adapter, Clock, Mention, Platform } from '../common/types.js';
import { DeliveryError } from '../common/types.js';
import type { Logger } from '../common/log.js';
import { insertOutbox, type OutboxInsert } from '../store/intake-writes.js';
import { BatchLoop } from './batch-loop.js';
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
  await insertOutbox(tx, outboxRows(items));
}

/** The rows that queue `items`, created now. */
export function outboxRows(items: OutboxItem[]): OutboxInsert[] {
  const createdAt = new Date();
  return items.map((m) => ({
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
  }));
}

const EPOCH = new Date(0);

export interface SenderOptions {
  owner: string;
  /** How long a claim holds without renewal. Default {@link DEFAULT_LEASE_MS}. */
  leaseMs?: number;
  /** Longest one send may take before it counts as a transient failure. Default {@link DEFAULT_SEND_TIMEOUT_MS}. */
  sendTimeoutMs?: number;
  /**
   * True when `owner` is this instance's configured, unique id: rows a previous life of it left
   * `sending` are taken back at start without waiting for their lease.
   */
  ownerIsStable?: boolean;
  batch?: number;
  maxAttempts?: number;
  idleMs?: number;
}

/** A claim's lifetime without renewal; renewed every third of it while the batch is delivered. */
export const DEFAULT_LEASE_MS = 15_000;
/** Longest wait for one send, pacing included (Telegram paces a busy group to 20 a minute). */
export const DEFAULT_SEND_TIMEOUT_MS = 90_000;

/**
 * Delivers one account's outbox rows through its adapter, in id order.
 * @example const sender = new OutboxSender(db.prisma, adapter, clock, log, { owner: 'i1' }); sender.start();
 */
export class OutboxSender {
  /** Batches run one at a time, so `drain` waits for the loop's batch and keeps order. */
  private readonly jobs: BatchLoop;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private readonly batch: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly db: Db,
    private readonly adapter: Adapter,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: SenderOptions,
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    this.batch = options.batch ?? 20;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.jobs = new BatchLoop(
      () => this.deliverBatch(),
      options.idleMs ?? 500,
      (error) => this.log.error({ err: error }, 'outbox batch failed'),
    );
  }

  start(): void {
    const reclaim = () =>
      this.reclaimOwn().catch((error) => this.log.error({ err: error }, 'outbox: could not take back own rows'));
    this.jobs.start(this.options.ownerIsStable ? reclaim : undefined);
  }

  /** Stops after the row being delivered; rows claimed but not sent return to the queue. */
  stop(): Promise<void> {
    return this.jobs.stop();
  }

  /** Tells the sender there is new work, so it doesn't wait for its next poll. */
  wake(): void {
    this.jobs.wake();
  }

  /** Delivers everything due now; returns how many rows were handled. For tests and shutdown. */
  drain(): Promise<number> {
    return this.jobs.drain();
  }

  /** Rows this instance's previous life left `sending` (it was killed) go back to the queue now. */
  private async reclaimOwn(): Promise<void> {
    const { count } = await this.db.outbox.updateMany({
      where: {
        platform: this.adapter.platform,
        status: 'sending',
        claimedBy: { startsWith: `${this.options.owner}:` },
      },
      data: { status: 'pending', claimedBy: null, leaseUntil: null },
    });
    if (count)
      this.log.warn(
        { rows: count, owner: this.options.owner },
        'outbox: took back rows left sending by this instance before a restart',
      );
  }

  private async deliverBatch(): Promise<number> {
    const rows = await this.claim();
    if (!rows.length) return 0;
    const renewal = setInterval(() => void this.renew(rows[0].claimedBy), Math.max(50, this.leaseMs / 3));
    renewal.unref?.();
    try {
      await this.deliverRows(rows);
    } finally {
      clearInterval(renewal);
    }
    return rows.length;
  }

  /** Keeps the batch's claim alive while it is being delivered. */
  private async renew(token: string | null): Promise<void> {
    if (!token) return;
    try {
      await this.db.outbox.updateMany({
        where: { claimedBy: token, status: 'sending' },
        data: { leaseUntil: new Date(this.clock.now().getTime() + this.leaseMs) },
      });
    } catch (error) {
      this.log.warn({ err: error }, 'outbox: could not renew the lease');
    }
  }

  private async deliverRows(rows: OutboxRow[]): Promise<void> {
    // A chat whose message must be retried gets nothing newer before it, so replies keep their order.
    const held = new Map<string, Date>();
    for (const [index, row] of rows.entries()) {
      if (this.jobs.stopping) {
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
      select: { id: true, status: true, claimedBy: true },
    });
    if (!candidates.length) return [];
    const expired = candidates.filter((c) => c.status === 'sending');
    if (expired.length)
      this.log.warn(
        { rows: expired.length, from: [...new Set(expired.map((c) => c.claimedBy?.split(':')[0]))] },
        'outbox: taking over rows whose lease expired',
      );
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
      const sent = await this.withTimeout(
        this.adapter.send({
          platform: this.adapter.platform,
          account: this.adapter.account,
          chatId: row.chatExternalId ?? undefined,
          userId: row.userExternalId ?? undefined,
          text: row.text,
          mentions,
          threadId: row.replyTo ?? undefined,
          inReplyTo: row.inReplyTo ?? undefined,
          image: row.imagePath ? { path: row.imagePath, mime: row.imageMime ?? 'image/jpeg' } : undefined,
        }),
      );
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

  /** The send, or a transient failure once it has taken longer than the send timeout. */
  private withTimeout<T>(send: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeliveryError('transient', `send took longer than ${this.sendTimeoutMs} ms`)),
        this.sendTimeoutMs,
      );
    });
    return Promise.race([send, timeout]).finally(() => clearTimeout(timer));
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
