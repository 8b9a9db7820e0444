/**
 * Pure mapping from WeCom long-connection callbacks (`aibot_msg_callback`,
 * `aibot_event_callback`) to neutral {@link Inbound} messages. No I/O.
 *
 * What the platform gives: a message id (`msgid`, the same on every delivery), the sender's
 * userid but no display name, the group's chatid (none in one-to-one chats), and in groups
 * only messages that @-mention the bot. Images, voice notes, files and videos come only in
 * one-to-one chats; a voice note arrives already transcribed.
 */
import type { Attachment, AttachmentKind, Inbound, Quoted } from '../../common/types.js';

/** A media item as WeCom describes it: an encrypted download URL (valid five minutes) and its key. */
interface Media {
  url?: string;
  aeskey?: string;
  filename?: string;
  file_size?: number;
  md5?: string;
}

/** The part of a callback body the mapping reads. */
export interface CallbackBody {
  msgid: string;
  aibotid?: string;
  chatid?: string;
  chattype?: 'single' | 'group';
  from?: { userid?: string };
  create_time?: number;
  msgtype: string;
  text?: { content?: string };
  voice?: Media & { content?: string };
  image?: Media;
  file?: Media;
  video?: Media;
  mixed?: { msg_item?: Array<{ msgtype: string; text?: { content?: string }; image?: Media }> };
  quote?: Omit<CallbackBody, 'msgid' | 'quote'>;
  event?: { eventtype?: string };
}

export interface InboundContext {
  account: string;
  /** When the frame arrived, for callbacks without `create_time`. */
  now: Date;
  /** The id of the bot's own message that a quote's text matches, if any (see SentLog). */
  sentIdFor(chatId: string, quotedText: string): string | undefined;
}

/** The chat a callback belongs to: the group's chatid, or the sender's userid one-to-one. */
export function chatIdOf(body: Pick<CallbackBody, 'chatid' | 'chattype' | 'from'>): string {
  return body.chattype === 'group' && body.chatid ? body.chatid : (body.from?.userid ?? '');
}

/**
 * One callback body to an Inbound, or null for what the core has no use for (card clicks,
 * feedback, the server's disconnect notice, messages without a sender).
 */
export function toInbound(body: CallbackBody, ctx: InboundContext): Inbound | null {
  const userId = body.from?.userid;
  if (!userId || !body.msgid) return null;
  const group = body.chattype === 'group' && !!body.chatid;
  const chatId = chatIdOf(body);
  const base = {
    platform: 'wecom' as const,
    account: ctx.account,
    messageId: body.msgid,
    chat: { id: chatId, kind: group ? ('group' as const) : ('direct' as const) },
    // WeCom callbacks name nobody; the client shows the member's name for `<@userid>`.
    from: { id: userId, name: userId },
    mentions: [],
    sentAt: body.create_time ? new Date(body.create_time * 1000) : ctx.now,
  };
  if (body.msgtype === 'event') {
    // enter_chat: someone opened their one-to-one chat with the bot (first time that day).
    if (body.event?.eventtype !== 'enter_chat') return null;
    return { ...base, kind: 'member_joined', text: '', mentionsBot: false };
  }
  const content = readContent(body);
  if (!content) return null;
  const quoted = body.quote ? readQuote(body.quote, chatId, ctx) : undefined;
  return {
    ...base,
    kind: 'message',
    text: content.text,
    // In groups WeCom delivers only messages that @-mention the bot.
    mentionsBot: group,
    ...(quoted ? { quoted } : {}),
    ...(content.attachments.length ? { attachments: content.attachments } : {}),
  };
}

/** Text and attachments of a message body; null for a type the mapping does not know. */
function readContent(body: Omit<CallbackBody, 'msgid' | 'quote'>): { text: string; attachments: Attachment[] } | null {
  switch (body.msgtype) {
    case 'text':
      return { text: body.text?.content ?? '', attachments: [] };
    case 'voice': {
      const transcript = body.voice?.content ?? '';
      return { text: transcript, attachments: [{ ...media('audio', body.voice), transcript }] };
    }
    case 'image':
      return { text: '', attachments: [media('image', body.image)] };
    case 'file':
      return { text: '', attachments: [media('file', body.file)] };
    case 'video':
      return { text: '', attachments: [media('video', body.video)] };
    case 'mixed': {
      const items = body.mixed?.msg_item ?? [];
      const text = items
        .filter((i) => i.msgtype === 'text')
        .map((i) => i.text?.content ?? '')
        .join('\n');
      const attachments = items.filter((i) => i.msgtype === 'image').map((i) => media('image', i.image));
      return { text, attachments };
    }
    default:
      return null;
  }
}

function readQuote(quote: NonNullable<CallbackBody['quote']>, chatId: string, ctx: InboundContext): Quoted {
  const text = readContent(quote)?.text ?? '';
  const sentId = text ? ctx.sentIdFor(chatId, text) : undefined;
  return sentId ? { text, messageId: sentId, fromBot: true } : { text };
}

/**
 * An attachment whose `ref` carries what a download needs: the URL and its AES key (each
 * download URL has its own key and lasts five minutes).
 */
function media(kind: AttachmentKind, item: Media | undefined): Attachment {
  return {
    kind,
    ...(item?.filename ? { name: item.filename } : {}),
    ...(item?.file_size ? { size: item.file_size } : {}),
    ...(item?.url ? { ref: JSON.stringify({ url: item.url, aeskey: item.aeskey }) } : {}),
  };
}

/** The URL and key an attachment's `ref` holds, or null when it holds none. */
export function mediaRef(ref: string | undefined): { url: string; aeskey?: string } | null {
  if (!ref) return null;
  try {
    const parsed = JSON.parse(ref) as { url?: unknown; aeskey?: unknown };
    if (typeof parsed.url !== 'string') return null;
    return { url: parsed.url, aeskey: typeof parsed.aeskey === 'string' ? parsed.aeskey : undefined };
  } catch {
    return null;
  }
}
