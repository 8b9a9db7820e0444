/**
 * Pure mapping from Telegram updates to neutral {@link Inbound} messages. No I/O; the only
 * state is a small username → id cache the adapter owns.
 */
import type { Chat, Message, MessageEntity, Update, User } from 'grammy/types';
import type { Attachment, ChatRef, Inbound, Quoted, Speaker } from '../../common/types.js';

/** Who the bot is, as needed to tell whether a message addresses it. */
export interface BotIdentity {
  id: number;
  username: string;
  /** Extra names that count as addressing the bot when written as `@name` (no entity). */
  names: string[];
}

/**
 * Remembers user ids by username, learned from every sender we see, so that a plain
 * `@username` mention (Telegram gives no id for those) can usually be resolved to an id.
 * Bounded: the oldest entries are forgotten first.
 */
export class UsernameCache {
  private readonly ids = new Map<string, string>();
  constructor(private readonly limit = 50_000) {}

  /** Records a user seen in an update. */
  learn(user: User | undefined): void {
    if (!user?.username) return;
    const key = user.username.toLowerCase();
    this.ids.delete(key); // re-insert so Map order is least-recently-seen first
    this.ids.set(key, String(user.id));
    if (this.ids.size > this.limit) this.ids.delete(this.ids.keys().next().value as string);
  }

  /** The id last seen for this username, if any. */
  idOf(username: string): string | undefined {
    return this.ids.get(username.toLowerCase());
  }
}

/** Fixed fields every Inbound of this adapter shares. */
export interface InboundContext {
  account: string;
  bot: BotIdentity;
  usernames: UsernameCache;
}

/**
 * Turns one update into zero or more Inbound messages. Edited messages, channel posts,
 * service messages other than joins, and messages without text or caption give none.
 * A join message with several new members gives one Inbound per member.
 */
export function toInbound(update: Update, ctx: InboundContext): Inbound[] {
  if (update.my_chat_member) return botJoined(update.my_chat_member, ctx);
  const message = update.message;
  if (!message || !isSupportedChat(message.chat)) return [];
  ctx.usernames.learn(message.from);
  if (message.new_chat_members) return membersJoined(message, ctx);
  const attachments = attachmentsOf(message);
  const text = message.text ?? message.caption ?? '';
  if ((!text && !attachments.length) || !message.from) return [];
  const entities = message.entities ?? message.caption_entities ?? [];
  const { mentionsBot, mentions } = readMentions(text, entities, message, ctx);
  return [
    {
      platform: 'telegram',
      account: ctx.account,
      messageId: `${message.chat.id}:${message.message_id}`,
      kind: 'message',
      chat: chatRef(message.chat),
      from: speaker(message.from),
      text,
      mentionsBot,
      mentions,
      // message_thread_id is also set on plain reply threads; only forum topics are threads
      // a reply must be posted into.
      threadId: message.is_topic_message && message.message_thread_id ? String(message.message_thread_id) : undefined,
      sentAt: new Date(message.date * 1000),
      ...quoteOf(message, ctx),
      ...(attachments.length ? { attachments } : {}),
      ...(message.media_group_id ? { albumId: `${message.chat.id}:${message.media_group_id}` } : {}),
    },
  ];
}

/**
 * The photo (its largest size), voice note, audio, video, document or location pin of a
 * message. `ref` is the file_id the adapter passes to getFile when the download job runs.
 */
export function attachmentsOf(message: Message): Attachment[] {
  const out: Attachment[] = [];
  if (message.photo?.length) {
    const largest = message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    out.push({
      kind: 'image',
      ref: largest.file_id,
      mime: 'image/jpeg',
      ...(largest.file_size ? { size: largest.file_size } : {}),
    });
  }
  const files: [
    Attachment['kind'],
    { file_id: string; file_size?: number; mime_type?: string; file_name?: string; duration?: number } | undefined,
  ][] = [
    ['audio', message.voice],
    ['audio', message.audio],
    ['video', message.video],
    ['video', message.video_note],
    ['file', message.document],
  ];
  for (const [kind, file] of files) {
    if (!file) continue;
    const mime = file.mime_type;
    out.push({
      kind: kind === 'file' && mime?.startsWith('image/') ? 'image' : kind,
      ref: file.file_id,
      ...(mime ? { mime } : {}),
      ...(file.file_size ? { size: file.file_size } : {}),
      ...(file.file_name ? { name: file.file_name } : {}),
      ...(file.duration ? { duration: file.duration } : {}),
    });
  }
  const where = message.venue?.location ?? message.location;
  if (where)
    out.push({
      kind: 'location',
      location: {
        latitude: where.latitude,
        longitude: where.longitude,
        ...(message.venue?.title ? { name: message.venue.title } : {}),
      },
    });
  return out;
}

/**
 * The message this one replies to (Telegram reply_to_message), with the id the bot's own sends
 * are recorded under (`chat:message`), so a reply to the bot's ticket message finds its ticket.
 * A reply that only continues a forum topic (the topic's first message) is not a quote.
 */
function quoteOf(message: Message, ctx: InboundContext): { quoted?: Quoted } {
  const replied = message.reply_to_message;
  if (!replied || (message.is_topic_message && replied.message_id === message.message_thread_id)) return {};
  return {
    quoted: {
      messageId: `${replied.chat.id}:${replied.message_id}`,
      from: replied.from ? { id: String(replied.from.id), name: speaker(replied.from).name } : undefined,
      fromBot: replied.from?.id === ctx.bot.id,
      text: replied.text ?? replied.caption ?? '',
    },
  };
}

function botJoined(change: NonNullable<Update['my_chat_member']>, ctx: InboundContext): Inbound[] {
  const was = change.old_chat_member.status;
  const now = change.new_chat_member.status;
  const wasIn = was === 'member' || was === 'administrator' || was === 'creator';
  const isIn = now === 'member' || now === 'administrator';
  // Only a real join; promotion member → administrator is not one.
  if (wasIn || !isIn || !isSupportedChat(change.chat) || change.chat.type === 'private') return [];
  return [
    {
      platform: 'telegram',
      account: ctx.account,
      messageId: `${change.chat.id}:bot_joined:${change.date}`,
      kind: 'bot_joined',
      chat: chatRef(change.chat),
      from: speaker(change.from),
      text: '',
      mentionsBot: false,
      mentions: [],
      sentAt: new Date(change.date * 1000),
    },
  ];
}

function membersJoined(message: Message, ctx: InboundContext): Inbound[] {
  // The bot's own arrival also shows up here; my_chat_member reports it as bot_joined.
  const members = (message.new_chat_members ?? []).filter((u) => u.id !== ctx.bot.id);
  return members.map((member) => {
    ctx.usernames.learn(member);
    return {
      platform: 'telegram' as const,
      account: ctx.account,
      messageId: `${message.chat.id}:${message.message_id}:${member.id}`,
      kind: 'member_joined' as const,
      chat: chatRef(message.chat),
      from: speaker(member),
      text: '',
      mentionsBot: false,
      mentions: [],
      threadId: undefined,
      sentAt: new Date(message.date * 1000),
    };
  });
}

function readMentions(
  text: string,
  entities: MessageEntity[],
  message: Message,
  ctx: InboundContext,
): { mentionsBot: boolean; mentions: Speaker[] } {
  const botName = `@${ctx.bot.username}`.toLowerCase();
  let mentionsBot = message.reply_to_message?.from?.id === ctx.bot.id;
  const mentions: Speaker[] = [];
  for (const entity of entities) {
    // Entity offsets are UTF-16 units, the same as JavaScript string indices.
    const slice = text.slice(entity.offset, entity.offset + entity.length);
    if (entity.type === 'mention') {
      if (slice.toLowerCase() === botName) mentionsBot = true;
      else mentions.push(usernameSpeaker(slice.slice(1), ctx.usernames));
    } else if (entity.type === 'text_mention') {
      if (entity.user.id === ctx.bot.id) mentionsBot = true;
      else mentions.push(speaker(entity.user));
    } else if (entity.type === 'bot_command' && slice.toLowerCase().endsWith(botName)) {
      mentionsBot = true; // "/status@gridbot"
    }
  }
  if (!mentionsBot) mentionsBot = ctx.bot.names.some((name) => text.includes(`@${name}`));
  return { mentionsBot, mentions: dedupe(mentions) };
}

/**
 * A plain `@username` mention carries no user id. Use the id we saw that username with; else
 * the id is `@username` (never a number, so it cannot collide with a real Telegram id).
 */
function usernameSpeaker(username: string, cache: UsernameCache): Speaker {
  return { id: cache.idOf(username) ?? `@${username}`, name: username, username };
}

function dedupe(speakers: Speaker[]): Speaker[] {
  const seen = new Set<string>();
  return speakers.filter((s) => !seen.has(s.id) && seen.add(s.id));
}

function speaker(user: User): Speaker {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return { id: String(user.id), name: name || user.username || String(user.id), username: user.username };
}

function chatRef(chat: Chat): ChatRef {
  const title = 'title' in chat ? chat.title : undefined;
  return { id: String(chat.id), kind: chat.type === 'private' ? 'direct' : 'group', title };
}

function isSupportedChat(chat: Chat): boolean {
  return chat.type === 'private' || chat.type === 'group' || chat.type === 'supergroup';
}
