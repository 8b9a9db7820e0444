/**
 * Builds outbox rows addressed to chats and people, resolving @-mentions to each platform's
 * identities. Used by the core and by jobs alike.
 */
import { T } from '../common/text/index.js';
import type { Mention } from '../common/types.js';
import type { Db } from '../store/client.js';
import type { OutboxItem } from './outbox.js';

export interface ChatTarget {
  platform: string;
  account: string;
  externalId: string;
  threadId?: string | null;
}

/** A mention of a person on a platform; by name only when they have no identity there. */
export async function mentionFor(tx: Db, personId: number, platform: string): Promise<Mention> {
  const identity = await tx.identity.findFirst({ where: { personId, platform }, orderBy: { id: 'asc' } });
  if (identity)
    return { id: identity.externalId, name: identity.displayName, username: identity.username ?? undefined };
  const person = await tx.person.findUnique({ where: { id: personId } });
  return { id: '', name: person?.name ?? T.responsible };
}

/** A message to a chat, mentioning the given people ("@name" is appended for each not already named). */
export async function toChat(
  tx: Db,
  chat: ChatTarget,
  text: string,
  mentionPersonIds: number[] = [],
  resolve: (personId: number, platform: string) => Promise<Mention> = (id, platform) => mentionFor(tx, id, platform),
): Promise<OutboxItem> {
  const mentions = await Promise.all(mentionPersonIds.map((id) => resolve(id, chat.platform)));
  return {
    platform: chat.platform,
    account: chat.account,
    chatExternalId: chat.externalId,
    replyTo: chat.threadId ?? null,
    text: withMentions(text, mentions),
    mentions: mentions.filter((m) => m.id),
  };
}

/** "@name" for each mention the text doesn't already contain. */
export function withMentions(text: string, mentions: Mention[]): string {
  const missing = mentions.filter((m) => !text.includes(`@${m.name}`));
  return missing.length ? `${missing.map((m) => `@${m.name}`).join(' ')} ${text}` : text;
}

/**
 * Direct messages to a person on every platform where the bot knows them (preferring `platform`).
 * Returns none when the person has no identity anywhere.
 */
export async function toPerson(tx: Db, personId: number, text: string, platform?: string): Promise<OutboxItem[]> {
  const identities = await tx.identity.findMany({ where: { personId }, orderBy: { id: 'asc' } });
  const preferred = identities.filter((i) => i.platform === platform);
  const chosen = preferred.length ? preferred.slice(0, 1) : identities.slice(0, 1);
  return chosen.map((i) => ({ platform: i.platform, account: 'default', userExternalId: i.externalId, text }));
}

/** The chat a ticket came from, as a target. */
export async function ticketChat(tx: Db, chatId: number | null): Promise<ChatTarget | null> {
  if (!chatId) return null;
  const chat = await tx.chat.findUnique({ where: { id: chatId } });
  return chat ? { platform: chat.platform, account: chat.account, externalId: chat.externalId } : null;
}
