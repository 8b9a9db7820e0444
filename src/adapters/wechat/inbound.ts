/**
 * Turns Wechaty events into neutral {@link Inbound} messages. Pure mapping: no filtering
 * policy beyond what the platform dictates (own messages, non-text), no business rules.
 */
import type { Contact, Message, Room } from 'wechaty';
import { types } from 'wechaty';
import type { Attachment, Inbound, Quoted, Speaker } from '../../common/types.js';
import { splitWeChatQuote } from '../../common/quote.js';

/** Where the mapped message came from; filled in by the adapter. */
export interface InboundContext {
  account: string;
  /** The logged-in bot's contact id. */
  selfId: string;
  /** Names the bot answers to when written as `@name` (its WeChat name plus configured ones). */
  botNames: string[];
}

/** Name to show for a contact: the room alias (群昵称) when there is one, as people see it in the group. */
export async function speakerOf(contact: Contact, room?: Room): Promise<Speaker> {
  let alias: string | undefined;
  if (room) alias = await room.alias(contact).catch(() => undefined);
  return { id: contact.id, name: alias || contact.name() };
}

/**
 * True when the text addresses the bot as `@name`. WeChat ends a mention with U+2005 or a
 * space; the check does not require it, so "@网格助手你好" still counts.
 */
export function textMentions(text: string, names: string[]): boolean {
  return names.some((n) => n.length > 0 && text.includes(`@${n}`));
}

/** Maps a text message in a room or a direct chat. Callers have already dropped self and non-text. */
export async function mapMessage(message: Message, ctx: InboundContext): Promise<Inbound> {
  const room = message.room();
  const talker = message.talker();
  const media = await mediaOf(message);
  const { text, quoted } = media ? { text: media.text, quoted: undefined } : splitQuote(message.text(), ctx.botNames);
  const from = await speakerOf(talker, room);
  const base = {
    platform: 'wechat' as const,
    account: ctx.account,
    messageId: message.id,
    kind: 'message' as const,
    ...(media ? { attachments: media.attachments } : {}),
  };
  const sentAt = message.date();
  if (!room) {
    return {
      ...base,
      chat: { id: talker.id, kind: 'direct', title: talker.name() },
      from,
      text,
      mentionsBot: false,
      mentions: [],
      sentAt,
      ...(quoted ? { quoted } : {}),
    };
  }
  // mentionList() uses the puppet's mention ids and falls back to parsing `@name` against
  // room members; a mock or a lossy puppet may drop ids, hence the text check as well.
  const mentioned = await message.mentionList().catch(() => [] as Contact[]);
  const mentionsBot =
    mentioned.some((c) => c.id === ctx.selfId) ||
    (await message.mentionSelf().catch(() => false)) ||
    textMentions(text, ctx.botNames);
  const others = mentioned.filter((c) => c.id !== ctx.selfId && c.id !== talker.id);
  const mentions = await Promise.all(others.map((c) => speakerOf(c, room)));
  const title = await room.topic().catch(() => undefined);
  const chat = { id: room.id, kind: 'group' as const, title };
  return { ...base, chat, from, text, mentionsBot, mentions, sentAt, ...(quoted ? { quoted } : {}) };
}

/**
 * The photo, voice note, video, file or location pin of a non-text message; null for text.
 * The bytes are fetched later by message id (`ref`), through the puppet service.
 */
export async function mediaOf(message: Message): Promise<{ text: string; attachments: Attachment[] } | null> {
  const kinds: Partial<Record<number, Attachment['kind']>> = {
    [types.Message.Image]: 'image',
    [types.Message.Audio]: 'audio',
    [types.Message.Video]: 'video',
    [types.Message.Attachment]: 'file',
  };
  const type = message.type();
  if (type === types.Message.Location) {
    const location = await message.toLocation().catch(() => null);
    if (!location) return { text: message.text(), attachments: [] };
    const [latitude, longitude] = [location.latitude(), location.longitude()];
    const name = location.name() || location.address();
    return {
      text: '',
      attachments: [{ kind: 'location', location: { latitude, longitude, ...(name ? { name } : {}) } }],
    };
  }
  const kind = kinds[type];
  if (!kind) return null;
  // An attachment's text is its file name; a photo's or voice note's is not a caption.
  const name = kind === 'file' ? message.text() || undefined : undefined;
  return { text: '', attachments: [{ kind, ref: message.id, ...(name ? { name } : {}) }] };
}

/**
 * WeChat hands a quote-reply (引用) to the bot as text: "「name：quoted」", a line of "- - -", then
 * the reply. Splits it into the reply and the quoted message.
 */
export function splitQuote(raw: string, botNames: string[]): { text: string; quoted?: Quoted } {
  const q = splitWeChatQuote(raw);
  if (!q) return { text: raw };
  return { text: q.reply, quoted: { from: { name: q.name }, fromBot: botNames.includes(q.name), text: q.quoted } };
}

/**
 * Maps a `room-join` event. When the bot is among the invitees the room is new to us: one
 * `bot_joined` from the inviter. Otherwise one `member_joined` per new member. The message
 * id is derived from room, person and event time so a replayed event keeps its id.
 */
export async function mapRoomJoin(
  room: Room,
  invitees: Contact[],
  inviter: Contact,
  date: Date | undefined,
  ctx: InboundContext,
): Promise<Inbound[]> {
  const sentAt = date ?? new Date();
  const at = sentAt.getTime();
  const title = await room.topic().catch(() => undefined);
  const chat = { id: room.id, kind: 'group' as const, title };
  const base = {
    platform: 'wechat' as const,
    account: ctx.account,
    text: '',
    mentionsBot: false,
    mentions: [],
    sentAt,
    chat,
  };
  if (invitees.some((c) => c.id === ctx.selfId)) {
    const from = await speakerOf(inviter, room);
    return [{ ...base, kind: 'bot_joined', messageId: `join:${room.id}:${ctx.selfId}:${at}`, from }];
  }
  return Promise.all(
    invitees.map(async (c) => ({
      ...base,
      kind: 'member_joined' as const,
      messageId: `join:${room.id}:${c.id}:${at}`,
      from: await speakerOf(c, room),
    })),
  );
}
