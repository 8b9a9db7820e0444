/**
 * The download job: attachment rows wait in the database with `status = 'pending'`; a fetcher
 * per bot account claims them with a lease (so several instances fetch each once, and a dead
 * instance's claims are taken over), fetches the bytes through the adapter, checks them
 * (size, type from the bytes) and keeps them in the media store. A transient failure is retried
 * with backoff, because platform links expire and networks break; the last error is recorded.
 * A refused or lost file gets one short reply in its chat (at most one per chat per hour).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../common/config.js';
import type { Logger } from '../../common/log.js';
import { fitsKind, sniffMime } from '../../common/sniff.js';
import { T } from '../../common/text/index.js';
import { type Adapter, type Clock, DeliveryError } from '../../common/types.js';
import type { Db } from '../../store/client.js';
import type { MediaStore } from '../../store/media-store.js';
import { BatchLoop } from '../batch-loop.js';
import { enqueue } from '../outbox.js';
import { maxBytes } from './attachments.js';

export interface FetcherOptions {
  owner: string;
  leaseMs?: number;
  batch?: number;
  idleMs?: number;
}

type Row = NonNullable<Awaited<ReturnType<Db['attachment']['findUnique']>>>;

/**
 * Downloads one account's pending attachments into the media store.
 * @example const f = new MediaFetcher(db.prisma, adapter, store, config, clock, log, { owner: 'i1' }); f.start();
 */
export class MediaFetcher {
  private readonly jobs: BatchLoop;

  constructor(
    private readonly db: Db,
    private readonly adapter: Adapter,
    private readonly store: MediaStore,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: FetcherOptions,
  ) {
    this.jobs = new BatchLoop(
      () => this.batch(),
      options.idleMs ?? 1000,
      (error) => this.log.error({ err: error }, 'media batch failed'),
    );
  }

  start(): void {
    if (this.adapter.fetchAttachment) this.jobs.start();
  }

  stop(): Promise<void> {
    return this.jobs.stop();
  }

  wake(): void {
    this.jobs.wake();
  }

  /** Fetches everything due now; returns how many rows were handled. For tests and shutdown. */
  async drain(): Promise<number> {
    return this.adapter.fetchAttachment ? this.jobs.drain() : 0;
  }

  private async batch(): Promise<number> {
    const rows = await this.claim();
    for (const row of rows) await this.fetchOne(row);
    return rows.length;
  }

  private async claim(): Promise<Row[]> {
    const now = this.clock.now();
    const where = {
      platform: this.adapter.platform,
      account: this.adapter.account,
      OR: [
        { status: 'pending', notBefore: { lte: now } },
        { status: 'fetching', leaseUntil: { lt: now } },
      ],
    };
    const candidates = await this.db.attachment.findMany({
      where,
      orderBy: { id: 'asc' },
      take: this.options.batch ?? 10,
      select: { id: true },
    });
    if (!candidates.length) return [];
    const token = `${this.options.owner}:${randomUUID()}`;
    const leaseMs = this.options.leaseMs ?? 2 * this.config.media.timeoutSeconds * 1000;
    await this.db.attachment.updateMany({
      where: { ...where, id: { in: candidates.map((c) => c.id) } },
      data: { status: 'fetching', claimedBy: token, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    return this.db.attachment.findMany({ where: { claimedBy: token, status: 'fetching' }, orderBy: { id: 'asc' } });
  }

  private async fetchOne(row: Row): Promise<void> {
    const attempts = row.attempts + 1;
    let bytes: Uint8Array;
    try {
      bytes = await this.download(row);
    } catch (error) {
      await this.failed(row, attempts, error);
      return;
    }
    const mime = sniffMime(bytes);
    if (bytes.length > maxBytes(this.config))
      return this.refuse(row, attempts, 'too_large', T.mediaTooLarge(this.config.media.maxMegabytes));
    if (!mime || !fitsKind(row.kind, mime)) return this.refuse(row, attempts, 'unsupported', T.mediaUnsupported);
    const stored = await this.store.put(bytes, mime);
    await this.db.attachment.updateMany({
      where: { id: row.id, claimedBy: row.claimedBy },
      data: {
        status: 'stored',
        sha256: stored.sha256,
        mime,
        size: stored.size,
        attempts,
        storedAt: this.clock.now(),
        claimedBy: null,
        leaseUntil: null,
        lastError: null,
      },
    });
    this.log.debug({ attachment: row.id, sha256: stored.sha256, size: stored.size }, 'media stored');
  }

  private async download(row: Row): Promise<Uint8Array> {
    const ms = this.config.media.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeliveryError('transient', `download timed out after ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([
        this.adapter.fetchAttachment!({
          kind: row.kind as 'image',
          ref: row.ref ?? undefined,
          mime: row.statedMime ?? undefined,
          size: row.statedSize ?? undefined,
          name: row.name ?? undefined,
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async failed(row: Row, attempts: number, error: unknown): Promise<void> {
    const typed =
      error instanceof DeliveryError
        ? error
        : new DeliveryError('transient', String((error as Error)?.message ?? error), { cause: error });
    const final = !typed.retryable || attempts >= this.config.media.maxAttempts;
    const backoff = typed.retryAfterMs ?? Math.min(10 * 60_000, 1000 * 2 ** attempts);
    await this.db.attachment.updateMany({
      where: { id: row.id, claimedBy: row.claimedBy },
      data: {
        status: final ? 'failed' : 'pending',
        attempts,
        lastError: `${typed.kind}: ${typed.message}`.slice(0, 500),
        notBefore: new Date(this.clock.now().getTime() + (final ? 0 : backoff)),
        claimedBy: null,
        leaseUntil: null,
      },
    });
    this.log.warn({ attachment: row.id, kind: typed.kind, attempts, final }, 'media download failed');
    if (final) await this.tell(row, T.mediaFailed);
  }

  private async refuse(row: Row, attempts: number, reason: string, text: string): Promise<void> {
    await this.db.attachment.updateMany({
      where: { id: row.id, claimedBy: row.claimedBy },
      data: { status: 'rejected', attempts, lastError: reason, claimedBy: null, leaseUntil: null },
    });
    this.log.info({ attachment: row.id, reason }, 'media refused');
    await this.tell(row, text);
  }

  /** One short reply in the attachment's chat, at most once per chat per hour. */
  private async tell(row: Row, text: string): Promise<void> {
    if (!row.chatId) return;
    const chat = await this.db.chat.findUnique({ where: { id: row.chatId } });
    if (!chat || (chat.kind === 'group' && !chat.placeId)) return;
    const hour = Math.floor(this.clock.now().getTime() / 3_600_000);
    await enqueue(this.db, [
      {
        platform: chat.platform,
        account: chat.account,
        chatExternalId: chat.externalId,
        text,
        dedupeKey: `media:${chat.id}:${hour}`,
        notBefore: this.clock.now(),
      },
    ]).catch((error) => {
      // The unique dedupe key: this chat was told within the hour already.
      this.log.debug({ err: error, attachment: row.id }, 'media reply not queued again');
    });
  }
}
