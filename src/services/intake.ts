/**
 * What intake writes for every inbound message: the chat and the speaker (created on first
 * sight), and the inbound row itself, written last so that a redelivered message fails on its
 * unique key and rolls back everything the handling did.
 */
import type { Inbound } from '../common/types.js';
import type { Db } from '../store/client.js';
import {
  chatRowOf,
  identityOf,
  identityOrCreate,
  insertChat,
  insertIdentity,
  setChatAccount,
  setDmAccount,
} from '../store/intake-chat.js';
import { insertInbound, type InboundInsert } from '../store/intake-writes.js';
import type { PlaceRow } from './org/places.js';
import { enqueue, type OutboxItem, outboxRows } from './outbox.js';

export interface ChatInfo {
  id: number;
  platform: string;
  account: string;
  externalId: string;
  kind: string;
  place: PlaceRow | null;
  /** 'all' or 'mentions': which messages the bot reads here. */
  listen: string;
  /** Who the chat's open questions wait on, when read in this transaction (never cached with the chat). */
  waiters?: number[];
}

/** The speaker as the database knows them: their platform identity and, once bound, their person. */
export interface SpeakerInfo {
  identityId: number;
  displayName: string;
  personId: number | null;
  personName: string | null;
  /** The bot account that may write to them directly (see `Identity.dmAccount`). */
  dmAccount: string | null;
}

/** The chat a message came from, created on first sight (listening to `listen`, default all messages). */
export async function chatOf(db: Db, msg: Inbound, listen?: 'all' | 'mentions'): Promise<ChatInfo> {
  return (await chatDirect(db, msg, listen)) ?? chatByModel(db, msg, listen);
}

/** {@link chatOf} in plain SQL on the intake transaction's connection; undefined outside one. */
async function chatDirect(db: Db, msg: Inbound, listen?: 'all' | 'mentions'): Promise<ChatInfo | undefined> {
  const found = await chatRowOf(db, msg.platform, msg.chat.id);
  if (found === undefined) return undefined;
  let chat = found;
  if (!chat) {
    const row = {
      platform: msg.platform,
      externalId: msg.chat.id,
      account: msg.account,
      kind: msg.chat.kind,
      title: msg.chat.title ?? null,
      listen: listen ?? 'all',
    };
    const id = await insertChat(db, row);
    if (id === undefined) return undefined;
    chat = { ...row, id, place: null };
  }
  if (chat.account === 'default' && msg.account !== 'default') {
    await setChatAccount(db, chat.id, msg.account);
    chat.account = msg.account;
  }
  return chat;
}

async function chatByModel(db: Db, msg: Inbound, listen?: 'all' | 'mentions'): Promise<ChatInfo> {
  const chat = await db.chat.upsert({
    where: { platform_externalId: { platform: msg.platform, externalId: msg.chat.id } },
    create: {
      platform: msg.platform,
      externalId: msg.chat.id,
      account: msg.account,
      kind: msg.chat.kind,
      title: msg.chat.title ?? null,
      ...(listen ? { listen } : {}),
    },
    update: {},
    include: { place: true },
  });
  // A chat bound without an account (org file, in-chat binding) belongs to the first bot
  // account that hears from it, so its replies and notices go out through a bot that is in it
  // — not through whichever instance's sender claims a 'default' row first.
  if (chat.account === 'default' && msg.account !== 'default') {
    await db.chat.update({ where: { id: chat.id }, data: { account: msg.account } });
    chat.account = msg.account;
  }
  const { id, platform, account, externalId, kind, place } = chat;
  return { id, platform, account, externalId, kind, place, listen: chat.listen };
}

/**
 * Puts the group chats of a platform that shows the bot only @-mentions (WeCom) in the
 * `mentions` listening mode, however they were created (an org file binds chats before any
 * message arrives). Returns how many changed.
 */
export async function listenToMentions(db: Db, platform: string): Promise<number> {
  const { count } = await db.chat.updateMany({
    where: { platform, kind: 'group', listen: 'all' },
    data: { listen: 'mentions' },
  });
  return count;
}

/**
 * The identity that wrote, created on first sight. `reachable` says the bot may now write to them
 * directly through the account that heard them: they wrote in a direct chat, or the platform lets
 * bots write to anyone.
 */
export async function speakerOf(db: Db, msg: Inbound, reachable: boolean): Promise<SpeakerInfo> {
  return (await speakerDirect(db, msg, reachable)) ?? speakerByModel(db, msg, reachable);
}

/** {@link speakerOf} in plain SQL on the intake transaction's connection; undefined outside one. */
async function speakerDirect(db: Db, msg: Inbound, reachable: boolean): Promise<SpeakerInfo | undefined> {
  const row = {
    platform: msg.platform,
    externalId: msg.from.id,
    displayName: msg.from.name || msg.from.id,
    username: msg.from.username ?? null,
    dmAccount: reachable ? msg.account : null,
  };
  // PostgreSQL reads or creates in one statement; elsewhere (or after a lost race) read, then insert.
  const found = (await identityOrCreate(db, row)) || (await identityOf(db, msg.platform, msg.from.id));
  if (found === undefined) return undefined;
  let identity = found;
  if (!identity) {
    const id = await insertIdentity(db, row);
    if (id === undefined) return undefined;
    identity = { id, displayName: row.displayName, personId: null, personName: null, dmAccount: row.dmAccount };
  }
  if (reachable && identity.dmAccount !== msg.account) {
    await setDmAccount(db, identity.id, msg.account);
    identity.dmAccount = msg.account;
  }
  const { id: identityId, displayName, personId, personName, dmAccount } = identity;
  return { identityId, displayName, personId, personName, dmAccount };
}

async function speakerByModel(db: Db, msg: Inbound, reachable: boolean): Promise<SpeakerInfo> {
  const identity = await db.identity.upsert({
    where: { platform_externalId: { platform: msg.platform, externalId: msg.from.id } },
    create: {
      platform: msg.platform,
      externalId: msg.from.id,
      displayName: msg.from.name || msg.from.id,
      username: msg.from.username ?? null,
      dmAccount: reachable ? msg.account : null,
    },
    update: {},
    include: { person: true },
  });
  if (reachable && identity.dmAccount !== msg.account) {
    await db.identity.update({ where: { id: identity.id }, data: { dmAccount: msg.account } });
    identity.dmAccount = msg.account;
  }
  return {
    identityId: identity.id,
    displayName: identity.displayName,
    personId: identity.personId,
    personName: identity.person?.name ?? null,
    dmAccount: identity.dmAccount,
  };
}

/**
 * Records the message with the replies it queues (in one statement where the database allows);
 * throws a unique violation when it was recorded before, which rolls the replies back with it.
 */
export async function recordInbound(db: Db, row: InboundInsert, replies: OutboxItem[] = []): Promise<void> {
  await insertInbound(db, row, outboxRows(replies));
}

/** True when a message with this key was recorded. */
export async function seen(db: Db, dedupeKey: string): Promise<boolean> {
  return (await db.inboundMessage.count({ where: { dedupeKey } })) > 0;
}

/**
 * Keeps a message whose handling failed (returning its chat's id), and queues one apology where the bot may speak
 * (a direct chat, a bound chat, or one that @-mentioned it).
 */
export async function recordFailure(
  db: Db,
  msg: Inbound,
  dedupeKey: string,
  text: string,
  now: Date,
  apology: string,
): Promise<number> {
  const chat = await chatOf(db, msg);
  const inbound = await db.inboundMessage.create({
    data: { dedupeKey, text, outcome: 'error', receivedAt: now, chatId: chat.id },
  });
  if (chat.kind === 'direct' || chat.place || msg.mentionsBot) {
    await enqueue(db, [
      {
        platform: chat.platform,
        account: chat.account,
        chatExternalId: chat.externalId,
        text: apology,
        dedupeKey: `in:${inbound.id}:err`,
      },
    ]);
  }
  return chat.id;
}

/**
 * The last resort when even {@link recordFailure} failed: the message alone, without its chat,
 * its text escaped to plain ASCII-safe JSON, so whatever broke the first two writes cannot break
 * this one. Nothing is queued: the bot no longer knows where it may speak.
 */
export async function recordLost(db: Db, dedupeKey: string, text: string, now: Date): Promise<void> {
  await db.inboundMessage.create({
    data: { dedupeKey, text: JSON.stringify(text), outcome: 'error', receivedAt: now, chatId: null },
  });
}
