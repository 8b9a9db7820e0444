/**
 * Intake: every inbound message is recorded once by its dedupe key, understood, routed, and
 * its effects (ticket, events, replies in the outbox) committed in one transaction.
 * A redelivered message changes nothing; a failure still records the message.
 */
import type { Logger } from '../common/log.js';
import { T } from '../common/text/index.js';
import type { Inbound } from '../common/types.js';
import {
  type ChatInfo,
  chatOf,
  recordFailure,
  recordInbound,
  recordLost,
  type SpeakerInfo,
  seen,
  speakerOf,
} from '../services/intake.js';
import { FETCHED_KINDS, recordAttachments, type Screened, screen, usedToday } from '../services/media/attachments.js';
import { type Database, type Db, isUniqueViolation } from '../store/client.js';
import { intakeTransaction } from '../store/intake-tx.js';
import { OrgView } from '../services/org/snapshot.js';
import { TtlCache } from './cache.js';
import { Context, type Deps, type Handled } from './context.js';
import { linkOf } from './handlers/media.js';
import { type RouteFlags, route } from './router.js';

export type HandleResult = 'done' | 'duplicate' | 'error';

/** Longest text kept for understanding; longer messages are stored but answered briefly. */
export const MAX_TEXT = 2000;
/** Longest text stored. */
const MAX_STORED = 20_000;
const FLOOD_WINDOW_MS = 60_000;
const FLOOD_LIMIT = 20;
const REPEAT_WINDOW_MS = 10 * 60_000;

export class Bot {
  private readonly recent = new Map<string, number[]>();
  readonly cache = new TtlCache();
  /** The org tree in memory, reloaded when an org import changes it (here or elsewhere). */
  readonly org: OrgView;
  private readonly lastText = new Map<string, { text: string; at: number }>();

  constructor(
    private readonly db: Database,
    readonly deps: Deps,
    private readonly onQueued: () => void = () => {},
  ) {
    this.org = new OrgView(db.prisma, 5_000, (err) => deps.logger.warn({ err }, 'org snapshot: check failed'));
  }

  /** Handles one inbound message. Never throws. */
  async handle(msg: Inbound): Promise<HandleResult> {
    const dedupeKey = `${msg.platform}:${msg.account}:${msg.messageId}`;
    const log = this.deps.logger.child({ in: dedupeKey });
    const now = this.deps.clock.now();
    const text = textOf(msg);
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
          if (await seen(this.db.prisma, dedupeKey)) {
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
        await this.recordFailure(msg, dedupeKey, text, now).catch(async (e) => {
          log.error({ err: e }, 'could not record failed message with its chat; recording it alone');
          await recordLost(this.db.prisma, dedupeKey, text.slice(0, MAX_STORED), now).catch((last) =>
            log.error({ err: last, text: JSON.stringify(text.slice(0, 200)) }, 'message lost'),
          );
        });
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
    const { config } = this.deps;
    const reading = this.deps.pipeline.read(text.slice(0, MAX_TEXT), now, {
      botNames: config.botNames,
      timeZone: config.timeZone,
    });
    const cached = {
      chat: this.cache.peek<ChatInfo>(chatKey(msg)),
      speaker: this.cache.peek<SpeakerInfo>(speakerKey(msg)),
    };
    const org = await this.org.current();
    const { handled, chat, speaker } = await intakeTransaction(
      this.db,
      async (tx) => {
        const chat = cached.chat ?? (await chatOf(tx, msg, this.listenMode(msg)));
        const reachable = msg.chat.kind === 'direct' || !!this.deps.directToStrangers?.(msg.platform);
        const known = cached.speaker;
        const speaker =
          known && (!reachable || known.dmAccount === msg.account) ? known : await speakerOf(tx, msg, reachable);
        const screened = await screenAttachments(tx, msg, chat.id, now, this.deps.config);
        const ctx = new Context({
          db: tx,
          deps: this.deps,
          msg: { ...msg, text },
          reading,
          now,
          chat,
          speaker,
          cache: this.cache,
          org,
          screened,
        });
        const handled: Handled = await route(ctx, flags);
        // Recorded last, with the replies: a redelivered message fails here on the unique key and rolls back everything.
        await recordInbound(
          tx,
          {
            dedupeKey,
            text: text.slice(0, MAX_STORED),
            receivedAt: now,
            chatId: chat.id,
            identityId: speaker.identityId,
            intent: reading.intent,
            outcome: handled.outcome,
            ticketId: handled.ticketId ?? null,
          },
          handled.replies.map((item, i) => ({ ...item, dedupeKey: `in:${dedupeKey}:${i}` })),
        );
        if (msg.attachments?.length)
          await recordAttachments(
            tx,
            msg,
            { inboundKey: dedupeKey, chatId: chat.id, identityId: speaker.identityId, now },
            await linkOf(ctx, handled),
            screened,
          );
        log.debug({ intent: reading.intent, outcome: handled.outcome, ticket: handled.ticketId }, 'handled');
        return { handled, chat, speaker };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    this.afterCommit(msg, handled, chat, speaker);
    return handled.replies.length;
  }

  /** Caches only what a committed transaction has written. */
  private afterCommit(msg: Inbound, handled: Handled, chat: ChatInfo, speaker: SpeakerInfo): void {
    if (handled.learned) this.deps.pipeline = this.deps.pipeline.learn([handled.learned]);
    if (handled.promptsChanged) this.cache.delete(`prompts:${chat.id}`);
    if (handled.rebound) {
      // Bindings change rarely and may touch other chats (a recovered binding): start afresh.
      this.cache.clear();
      this.org.invalidate();
      return;
    }
    // The chat's open questions were read with it; they are cached apart (`prompts:`), never with the chat.
    this.cache.set(chatKey(msg), { ...chat, waiters: undefined });
    this.cache.set(speakerKey(msg), speaker);
  }

  /** Keeps the message and apologises, so nothing is lost even when handling broke. */
  private async recordFailure(msg: Inbound, dedupeKey: string, text: string, now: Date): Promise<void> {
    await this.db.prisma.$transaction(async (tx) => {
      const chatId = await recordFailure(tx, msg, dedupeKey, text.slice(0, MAX_STORED), now, T.internalError);
      // The photos of a message whose handling broke are kept too.
      if (msg.attachments?.length)
        await recordAttachments(
          tx,
          msg,
          { inboundKey: dedupeKey, chatId, identityId: null, now },
          { ticketId: null, role: 'kept' },
          [],
        );
    });
    this.onQueued();
  }

  /** A new chat listens to mentions only where the platform shows the bot nothing else in groups. */
  private listenMode(msg: Inbound): 'all' | 'mentions' {
    return msg.chat.kind === 'group' && this.deps.groupMentionsOnly?.(msg.platform) ? 'mentions' : 'all';
  }

  private flooded(msg: Inbound, now: number): boolean {
    // The console is the operator's own chat: a person trying the bot, or a script replaying a whole
    // day in seconds. The guard keeps platform groups from spam (decision 0015).
    if (msg.platform === 'console') return false;
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
}

/** The words of a message: its text, else the transcription the platform gave of its voice note. */
function textOf(msg: Inbound): string {
  const text = typeof msg.text === 'string' ? msg.text : '';
  if (text.trim()) return text;
  return (msg.attachments ?? [])
    .map((a) => a.transcript?.trim())
    .filter(Boolean)
    .join(' ');
}

/** Why each attachment is refused before any download (its stated size, the chat's quota). */
async function screenAttachments(
  db: Db,
  msg: Inbound,
  chatId: number,
  now: Date,
  config: Deps['config'],
): Promise<Screened[]> {
  const list = msg.attachments ?? [];
  if (!list.length) return [];
  const used = await usedToday(db, chatId, now);
  let counted = 0;
  return list.map((a) => {
    const why = screen(a, config, used, counted);
    if (FETCHED_KINDS.includes(a.kind) && !why) counted++;
    return why;
  });
}

const chatKey = (msg: Inbound) => `chat:${msg.platform}:${msg.chat.id}`;
const speakerKey = (msg: Inbound) => `speaker:${msg.platform}:${msg.from.id}`;
