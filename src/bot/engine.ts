/**
 * Intake: every inbound message is recorded once by its dedupe key, understood, routed, and
 * its effects (ticket, events, replies in the outbox) committed in one transaction.
 * A redelivered message changes nothing; a failure still records the message.
 */
import type { Database } from '../store/client.js';
import { insertInbound } from '../store/intake-sql.js';
import { isUniqueViolation, type Tx } from '../services/db.js';
import { enqueue } from '../services/outbox.js';
import { Context, type ChatInfo, type Deps, type Speaker } from './context.js';
import { route, type RouteFlags } from './router.js';
import { T } from '../common/text.js';
import { TtlCache } from './cache.js';
import { createPipeline } from '../intents/index.js';
import type { Inbound } from '../common/types.js';
import type { Logger } from '../common/log.js';

export type HandleResult = 'done' | 'duplicate' | 'error';

/** Longest text kept for understanding; longer messages are stored but answered briefly. */
export const MAX_TEXT = 2000;
const FLOOD_WINDOW_MS = 60_000;
const FLOOD_LIMIT = 20;
const REPEAT_WINDOW_MS = 10 * 60_000;

export class Bot {
  private readonly recent = new Map<string, number[]>();
  readonly cache = new TtlCache();
  private readonly lastText = new Map<string, { text: string; at: number }>();

  constructor(
    private readonly db: Database,
    readonly deps: Deps,
    private readonly onQueued: () => void = () => {},
  ) {}

  /** Handles one inbound message. Never throws. */
  async handle(msg: Inbound): Promise<HandleResult> {
    const dedupeKey = `${msg.platform}:${msg.account}:${msg.messageId}`;
    const log = this.deps.logger.child({ in: dedupeKey });
    const now = this.deps.clock.now();
    const text = typeof msg.text === 'string' ? msg.text : '';
    const flags = {
      tooLong: text.length > MAX_TEXT,
      flooded: this.flooded(msg, now.getTime()),
      repeated: this.repeated(msg, text, now.getTime()),
    };
    for (let attempt = 1; ; attempt++) {
      try {
        if (await this.process(msg, text, now, dedupeKey, flags, log)) this.onQueued();
        return 'done';
      } catch (error) {
        if (isUniqueViolation(error)) {
          if (await this.seen(dedupeKey)) {
            log.debug('duplicate delivery ignored');
            return 'duplicate';
          }
          // Another transaction created the same chat or speaker (the same person writing in two
          // groups at once, or two instances): ours rolled back; run again, it finds the row now.
          if (attempt < 3) {
            log.debug({ err: error, attempt }, 'lost a race to create a row; retrying');
            continue;
          }
        }
        log.error({ err: error }, 'handling failed');
        await this.recordFailure(msg, dedupeKey, text, now).catch((e) =>
          log.error({ err: e }, 'could not record failed message'),
        );
        return 'error';
      }
    }
  }

  /** One attempt: read, route and record in one transaction; returns how many replies were queued. */
  private async process(
    msg: Inbound,
    text: string,
    now: Date,
    dedupeKey: string,
    flags: RouteFlags,
    log: Logger,
  ): Promise<number> {
    const reading = this.deps.pipeline.read(text.slice(0, MAX_TEXT), now, {
      botNames: this.deps.config.botNames,
      timeZone: this.deps.config.timeZone,
    });
    const cached = {
      chat: this.cache.peek<ChatInfo>(chatKey(msg)),
      speaker: this.cache.peek<Speaker>(speakerKey(msg)),
    };
    const result = await this.db.prisma.$transaction(
      async (tx) => {
        const chat = cached.chat ?? (await this.chatOf(tx, msg));
        const speaker = cached.speaker ?? (await this.speakerOf(tx, msg));
        const ctx = new Context(tx, this.deps, { ...msg, text }, reading, now, dedupeKey, chat, speaker, this.cache);
        await route(ctx, flags);
        await enqueue(
          tx,
          ctx.out.map((item, i) => ({ ...item, dedupeKey: `in:${dedupeKey}:${i}` })),
        );
        // Recorded last: a redelivered message fails here on the unique key and rolls back everything.
        await insertInbound(tx, {
          dedupeKey,
          text: text.slice(0, 20_000),
          receivedAt: now,
          chatId: chat.id,
          identityId: speaker.identityId,
          intent: reading.intent,
          outcome: ctx.outcome,
          ticketId: ctx.ticketId,
        });
        log.debug({ intent: reading.intent, outcome: ctx.outcome, ticket: ctx.ticketId }, 'handled');
        return {
          queued: ctx.out.length,
          chat,
          speaker,
          rebound: ctx.rebound,
          promptsChanged: ctx.promptsChanged,
          learned: ctx.learned,
        };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    // Cache only what a committed transaction has written.
    if (result.learned)
      this.deps.pipeline = createPipeline({ botNames: this.deps.config.botNames, model: result.learned });
    if (result.promptsChanged) this.cache.delete(`prompts:${result.chat.id}`);
    if (result.rebound) {
      // Bindings change rarely and may touch other chats (a recovered binding): start afresh.
      this.cache.clear();
    } else {
      this.cache.set(chatKey(msg), result.chat);
      this.cache.set(speakerKey(msg), result.speaker);
    }
    return result.queued;
  }

  private async seen(dedupeKey: string): Promise<boolean> {
    return (await this.db.prisma.inboundMessage.count({ where: { dedupeKey } })) > 0;
  }

  /** Keeps the message and apologises, so nothing is lost even when handling broke. */
  private async recordFailure(msg: Inbound, dedupeKey: string, text: string, now: Date): Promise<void> {
    await this.db.prisma.$transaction(async (tx) => {
      const chat = await this.chatOf(tx, msg);
      const inbound = await tx.inboundMessage.create({
        data: { dedupeKey, text: text.slice(0, 20_000), outcome: 'error', receivedAt: now, chatId: chat.id },
      });
      if (chat.kind === 'direct' || chat.place || msg.mentionsBot) {
        await enqueue(tx, [
          {
            platform: chat.platform,
            account: chat.account,
            chatExternalId: chat.externalId,
            text: T.internalError,
            dedupeKey: `in:${inbound.id}:err`,
          },
        ]);
      }
    });
    this.onQueued();
  }

  private flooded(msg: Inbound, now: number): boolean {
    const key = `${msg.platform}:${msg.chat.id}:${msg.from.id}`;
    const times = (this.recent.get(key) ?? []).filter((t) => t > now - FLOOD_WINDOW_MS);
    times.push(now);
    this.recent.set(key, times);
    if (this.recent.size > 50_000) this.recent.clear();
    return times.length > FLOOD_LIMIT;
  }

  /** The same text from the same person in the same chat within ten minutes is answered once. */
  private repeated(msg: Inbound, text: string, now: number): boolean {
    const key = `${msg.platform}:${msg.chat.id}:${msg.from.id}`;
    const last = this.lastText.get(key);
    this.lastText.set(key, { text, at: now });
    if (this.lastText.size > 50_000) this.lastText.clear();
    return !!last && last.text === text && now - last.at < REPEAT_WINDOW_MS && text.trim().length > 0;
  }

  private async chatOf(tx: Tx, msg: Inbound): Promise<ChatInfo> {
    const chat = await tx.chat.upsert({
      where: { platform_externalId: { platform: msg.platform, externalId: msg.chat.id } },
      create: {
        platform: msg.platform,
        externalId: msg.chat.id,
        account: msg.account,
        kind: msg.chat.kind,
        title: msg.chat.title ?? null,
      },
      update: {},
      include: { place: true },
    });
    // A chat bound without an account (org file, in-chat binding) belongs to the first bot
    // account that hears from it, so its replies and notices go out through a bot that is in it
    // — not through whichever instance's sender claims a 'default' row first.
    if (chat.account === 'default' && msg.account !== 'default') {
      await tx.chat.update({ where: { id: chat.id }, data: { account: msg.account } });
      chat.account = msg.account;
    }
    return {
      id: chat.id,
      platform: chat.platform,
      account: chat.account,
      externalId: chat.externalId,
      kind: chat.kind,
      place: chat.place,
    };
  }

  private async speakerOf(tx: Tx, msg: Inbound): Promise<Speaker> {
    const identity = await tx.identity.upsert({
      where: { platform_externalId: { platform: msg.platform, externalId: msg.from.id } },
      create: {
        platform: msg.platform,
        externalId: msg.from.id,
        displayName: msg.from.name || msg.from.id,
        username: msg.from.username ?? null,
      },
      update: {},
      include: { person: true },
    });
    return {
      identityId: identity.id,
      displayName: identity.displayName,
      personId: identity.personId,
      personName: identity.person?.name ?? null,
    };
  }
}

const chatKey = (msg: Inbound) => `chat:${msg.platform}:${msg.chat.id}`;
const speakerKey = (msg: Inbound) => `speaker:${msg.platform}:${msg.from.id}`;
