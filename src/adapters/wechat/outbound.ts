/**
 * Delivery of one {@link Outbound} through a logged-in Wechaty: find the conversation,
 * resolve mentions to room members, split, pace and send each piece.
 */
import { FileBox } from 'file-box';
import type { Contact, Room, Wechaty } from 'wechaty';
import { DeliveryError, type Outbound } from '../../common/types.js';
import type { Pacer } from '../pacer.js';
import { toDeliveryError } from './errors.js';
import type { Logger } from '../../common/log.js';
import { ensureMentionText, mentionedIn, splitText, type ResolvedMention } from './text.js';

type Target = { kind: 'room'; room: Room } | { kind: 'contact'; contact: Contact };

/** Room ids of the WeChat protocol end in `@chatroom`; other puppets (WeCom) use other shapes. */
const looksLikeRoom = (id: string): boolean => id.endsWith('@chatroom');

/**
 * Finds a room or contact; undefined only when the service says there is no such id. Wechaty's
 * find() answers undefined for every failure — also a payload cache that is not open yet after
 * a reconnect — which would turn a passing hiccup into a final `not_found` and lose the reply,
 * so the payload is asked for first, where the real error shows.
 */
async function lookup<T>(
  id: string,
  payload: () => Promise<unknown>,
  find: () => Promise<T | undefined>,
): Promise<T | undefined> {
  try {
    await payload();
  } catch (err) {
    const failure = toDeliveryError(err);
    if (failure.kind === 'not_found') return undefined;
    throw failure;
  }
  const found = await find().catch(() => undefined);
  if (!found) throw new DeliveryError('transient', `wechat: ${id} has a payload but could not be loaded`);
  return found;
}
const findRoom = (bot: Wechaty, id: string): Promise<Room | undefined> =>
  lookup(
    id,
    () => bot.puppet.roomPayload(id),
    () => bot.Room.find({ id }),
  );
const findContact = (bot: Wechaty, id: string): Promise<Contact | undefined> =>
  lookup(
    id,
    () => bot.puppet.contactPayload(id),
    () => bot.Contact.find({ id }),
  );

/** Finds the room or contact an outbound message goes to, or throws `not_found`/`invalid`. */
export async function resolveTarget(bot: Wechaty, out: Outbound): Promise<Target> {
  if (out.chatId) {
    const id = out.chatId;
    // Try the likely kind first, the other second: a direct chat's id is the contact id.
    if (looksLikeRoom(id)) {
      const room = await findRoom(bot, id);
      if (room) return { kind: 'room', room };
    } else {
      const contact = await findContact(bot, id);
      if (contact) return { kind: 'contact', contact };
      const room = await findRoom(bot, id);
      if (room) return { kind: 'room', room };
    }
    throw new DeliveryError('not_found', `wechat: no room or contact ${id}`);
  }
  if (out.userId) {
    const contact = await findContact(bot, out.userId);
    if (!contact) throw new DeliveryError('not_found', `wechat: no contact ${out.userId}`);
    return { kind: 'contact', contact };
  }
  throw new DeliveryError('invalid', 'wechat: outbound message has neither chatId nor userId');
}

/**
 * Resolves the core's mentions to members of `room`. A mention that is not a member is
 * dropped with a warning rather than failing the whole message: the text still reads
 * right and the others are still notified.
 */
export async function resolveMentions(room: Room, out: Outbound, logger: Logger): Promise<ResolvedMention[]> {
  if (!out.mentions.length) return [];
  // One member list per message, not one lookup per mention.
  const members = await room.memberAll().catch(() => [] as Contact[]);
  const byId = new Map(members.map((c) => [c.id, c]));
  const resolved: ResolvedMention[] = [];
  for (const m of out.mentions) {
    const contact = byId.get(m.id);
    if (!contact) {
      logger.warn({ roomId: room.id, contactId: m.id }, 'wechat: mentioned contact is not in the room; not notified');
      continue;
    }
    const alias = await room.alias(contact).catch(() => undefined);
    resolved.push({ id: contact.id, displayName: alias || contact.name() || m.name, coreName: m.name });
  }
  return resolved;
}

/** What the adapter hands to {@link deliver}. */
export interface DeliverContext {
  bot: Wechaty;
  pacer: Pacer;
  maxTextLength: number;
  sendTimeoutMs: number;
  logger: Logger;
}

/** Sends `out`; returns the id of the last piece when the puppet reports one. */
export async function deliver(ctx: DeliverContext, out: Outbound): Promise<{ messageId?: string }> {
  if (!out.text.trim() && !out.image) throw new DeliveryError('invalid', 'wechat: empty text');
  const target = await resolveTarget(ctx.bot, out);
  if (out.image) {
    // WeChat has no captions: the image, then its text as a message of its own.
    const conversation = target.kind === 'room' ? target.room.id : target.contact.id;
    await ctx.pacer.wait(conversation);
    try {
      await withTimeout(
        ctx.bot.puppet.messageSendFile(conversation, FileBox.fromFile(out.image.path)),
        ctx.sendTimeoutMs,
      );
    } catch (err) {
      throw toDeliveryError(err);
    }
    if (!out.text.trim()) return {};
    return deliver(ctx, { ...out, image: undefined });
  }
  let text = out.text;
  let mentions: ResolvedMention[] = [];
  if (target.kind === 'room') {
    mentions = await resolveMentions(target.room, out, ctx.logger);
    text = ensureMentionText(text, mentions);
  } else if (target.contact.friend() === false) {
    // WeChat refuses messages to non-friends; retrying cannot help.
    throw new DeliveryError('forbidden', `wechat: ${target.contact.id} is not a friend of the bot`);
  }
  const conversationId = target.kind === 'room' ? target.room.id : target.contact.id;
  const pieces = splitText(text, ctx.maxTextLength);
  let messageId: string | undefined;
  for (const [i, piece] of pieces.entries()) {
    // Each piece is its own WeChat message, so each one is paced.
    await ctx.pacer.wait(conversationId);
    const ids = mentions.filter((m) => mentionedIn(piece, m)).map((m) => m.id);
    try {
      // The puppet call rather than room.say(text, ...contacts): room.say prefixes its own
      // "@name" for every contact, doubling the @names the core already wrote in place.
      const sent = await withTimeout(
        ctx.bot.puppet.messageSendText(conversationId, piece, ids.length ? ids : undefined),
        ctx.sendTimeoutMs,
      );
      if (typeof sent === 'string') messageId = sent;
    } catch (err) {
      const e = toDeliveryError(err);
      if (i > 0) e.message += ` (after ${i} of ${pieces.length} pieces were sent)`;
      throw e;
    }
  }
  return messageId ? { messageId } : {};
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryError('transient', `wechat: send timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
