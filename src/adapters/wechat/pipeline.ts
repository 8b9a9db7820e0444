/**
 * The inbound path of one WeChat account: puppet events → dedupe → filter → map → the
 * core's handler, in arrival order per chat, with handler failures contained.
 */
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import { types } from 'wechaty';
import type { Inbound, InboundHandler } from '../../common/types.js';
import { mapMessage, mapRoomJoin, type InboundContext } from './inbound.js';
import type { Logger } from '../../common/log.js';
import { KeyedQueues, SeenSet } from './queues.js';

/** A message whose payload has not loaded after this long is skipped, so it cannot block the rest. */
const LOAD_TIMEOUT_MS = 15_000;

export interface PipelineOptions {
  account: string;
  logger: Logger;
  botNames: string[];
  dedupeSize: number;
  handler: () => InboundHandler | undefined;
}

export class InboundPipeline {
  private readonly seen: SeenSet;
  private readonly queues = new KeyedQueues();
  /** Messages are handed on in the order the puppet announced them (see {@link message}). */
  private arrivals: Promise<void> = Promise.resolve();

  constructor(private readonly o: PipelineOptions) {
    this.seen = new SeenSet(o.dedupeSize);
  }

  /**
   * A puppet `message` event. Wechaty's own `message` event fires when each payload has
   * loaded, so two quick messages can swap places; here payloads load in parallel but are
   * queued to their chat strictly in announcement order.
   */
  message(bot: Wechaty, messageId: string, live: () => boolean): void {
    const loading = withTimeout(bot.Message.find({ id: messageId }), LOAD_TIMEOUT_MS).catch((err) => {
      this.o.logger.warn({ messageId, err: (err as Error).message }, 'wechat: message payload did not load');
      return undefined;
    });
    this.arrivals = this.arrivals.then(async () => {
      const message = await loading;
      if (message && live()) this.accept(bot, message);
    });
  }

  /** A `room-join` event: `bot_joined` or `member_joined`, deduped by derived id. */
  roomJoin(bot: Wechaty, room: Room, invitees: Contact[], inviter: Contact, date: Date | undefined): void {
    this.queues.push(room.id, async () => {
      const inbounds = await mapRoomJoin(room, invitees, inviter, date, this.context(bot));
      for (const inbound of inbounds) if (this.seen.add(inbound.messageId)) await this.dispatch(inbound);
    });
  }

  /** Waits for announced messages to be queued and for every queued handler to finish. */
  async drain(): Promise<void> {
    await this.arrivals;
    await this.queues.drain();
  }

  private accept(bot: Wechaty, message: Message): void {
    if (message.self()) return; // our own sends come back as events
    if (!this.seen.add(message.id)) {
      this.o.logger.debug({ messageId: message.id }, 'wechat: replayed message dropped');
      return;
    }
    if (!MAPPED_TYPES.includes(message.type())) {
      this.o.logger.debug(
        { messageId: message.id, type: types.Message[message.type()] },
        'wechat: non-text message ignored',
      );
      return;
    }
    const chatKey = message.room()?.id ?? message.talker().id;
    this.queues.push(chatKey, async () => this.dispatch(await mapMessage(message, this.context(bot))));
  }

  private async dispatch(inbound: Inbound): Promise<void> {
    try {
      await this.o.handler()?.(inbound);
    } catch (err) {
      this.o.logger.error(
        { err, messageId: inbound.messageId, chatId: inbound.chat.id },
        'wechat: inbound handler failed',
      );
    }
  }

  private context(bot: Wechaty): InboundContext {
    const self = bot.currentUser;
    return { account: this.o.account, selfId: self.id, botNames: [self.name(), ...this.o.botNames] };
  }
}

/** Message types the bot reads: text, and the photos, voice notes, videos, files and pins people send. */
const MAPPED_TYPES = [
  types.Message.Text,
  types.Message.Image,
  types.Message.Audio,
  types.Message.Video,
  types.Message.Attachment,
  types.Message.Location,
];

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
