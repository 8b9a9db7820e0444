/**
 * Builds outbox rows addressed to chats and people, resolving @-mentions to each platform's
 * identities. Used by the core and by jobs alike.
 */
import { T } from '../common/text/index.js';
import type { Mention } from '../common/types.js';
import type { Db } from '../store/client.js';
import { reachOf } from '../store/intake-chat.js';
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
 * A direct message to a person, through a bot account that may write to them, preferring
 * `platform`: the account they wrote to directly (or that heard them, where the platform allows
 * bots to write to anyone), else a running account of a platform that allows it. None when no bot
 * account can reach them; callers then @-mention them in a chat.
 */
export async function toPerson(db: Db, personId: number, text: string, platform?: string): Promise<OutboxItem[]> {
  const reach = await reachOf(db, personId);
  if (reach) {
    const known = reach.filter((i) => i.dmAccount);
    const chosen = known.find((i) => i.platform === platform) ?? known[0];
    if (chosen) return [directTo(chosen, text)];
    const open = reach.filter((i) => i.openAccount);
    const stranger = open.find((i) => i.platform === platform) ?? open[0];
    return stranger ? [directTo({ ...stranger, dmAccount: stranger.openAccount }, text)] : [];
  }
  const identities = await db.identity.findMany({ where: { personId }, orderBy: { id: 'asc' } });
  const known = identities.filter((i) => i.dmAccount);
  const chosen = known.find((i) => i.platform === platform) ?? known[0];
  if (chosen) return [directTo(chosen, text)];
  const open = await db.botAccount.findMany({
    where: { directToStrangers: true, platform: { in: identities.map((i) => i.platform) } },
    orderBy: { startedAt: 'desc' },
  });
  const reachable = identities.filter((i) => open.some((a) => a.platform === i.platform));
  const stranger = reachable.find((i) => i.platform === platform) ?? reachable[0];
  if (!stranger) return [];
  const account = open.find((a) => a.platform === stranger.platform)!.account;
  return [directTo({ ...stranger, dmAccount: account }, text)];
}

/** Records the bot accounts this instance runs, so direct messages can be routed through them. */
export async function registerAccounts(
  db: Db,
  accounts: { platform: string; account: string; directToStrangers: boolean }[],
  now: Date,
): Promise<void> {
  for (const a of accounts) {
    const key = { platform_account: { platform: a.platform, account: a.account } };
    const data = { directToStrangers: a.directToStrangers, startedAt: now };
    await db.botAccount.upsert({
      where: key,
      create: { platform: a.platform, account: a.account, ...data },
      update: data,
    });
  }
}

/** A direct message to one identity through its `dmAccount`. */
export function directTo(
  identity: { platform: string; externalId: string; dmAccount: string | null },
  text: string,
): OutboxItem {
  return {
    platform: identity.platform,
    account: identity.dmAccount ?? 'default',
    userExternalId: identity.externalId,
    text,
  };
}

/** The chat a ticket came from, as a target. */
export async function ticketChat(tx: Db, chatId: number | null): Promise<ChatTarget | null> {
  if (!chatId) return null;
  const chat = await tx.chat.findUnique({ where: { id: chatId } });
  return chat ? { platform: chat.platform, account: chat.account, externalId: chat.externalId } : null;
}
