/**
 * The console: a person (or a script) picks a chat and a speaker and types messages; the bot's
 * replies print with their @-mentions. A real adapter behind the same port as WeChat and
 * Telegram, used for trying the bot and for fast end-to-end tests.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Writable } from 'node:stream';
import { BOT_NAMES, T } from '../../common/text/index.js';
import { splitWeChatQuote } from '../../common/quote.js';
import {
  type Adapter,
  type Attachment,
  type Capabilities,
  DeliveryError,
  type Inbound,
  type InboundHandler,
  type Outbound,
  type Quoted,
} from '../../common/types.js';

export interface ConsoleMessage {
  chat: string;
  speaker: string;
  text: string;
  /** The message this one quotes ("名字：内容"), as WeChat shows a quote. */
  quoted?: string;
  /** Defaults to a fresh id; pass one to simulate a platform redelivering a message. */
  messageId?: string;
  kind?: Inbound['kind'];
}

export interface Delivered extends Outbound {
  line: string;
}

export class ConsoleAdapter implements Adapter {
  readonly platform = 'console' as const;
  readonly capabilities: Capabilities = {
    mentionsById: true,
    directToStrangers: true,
    stableMessageIds: true,
    maxTextLength: 10_000,
    mediaInGroups: true,
    sendsImages: true,
  };
  /** Everything the bot sent, in order (tests read and clear it). */
  readonly sent: Delivered[] = [];
  private handler: InboundHandler | null = null;
  private counter = 0;
  private readonly session = Date.now().toString(36);

  constructor(private readonly options: { output?: Writable; botName?: string; account?: string } = {}) {}

  get account(): string {
    return this.options.account ?? 'console';
  }

  async start(onInbound: InboundHandler): Promise<void> {
    this.handler = onInbound;
  }

  async stop(): Promise<void> {
    this.handler = null;
  }

  /** Delivers a message to the bot as if typed in `chat` by `speaker`; resolves when handled. */
  async say(message: ConsoleMessage): Promise<void> {
    if (!this.handler) throw new Error('console adapter not started');
    const direct = message.chat.startsWith(T.directChatPrefix);
    const mentioned = [...message.text.matchAll(/@([^\s@]+)/g)].map((m) => m[1]);
    const bot = this.options.botName ?? BOT_NAMES[0];
    const { text, attachments } = await parseMedia(message.text);
    await this.handler({
      platform: 'console',
      account: this.account,
      messageId: message.messageId ?? `${this.session}-${++this.counter}`,
      kind: message.kind ?? 'message',
      chat: {
        id: direct ? `${T.directChatPrefix}:${message.speaker}` : message.chat,
        kind: direct ? 'direct' : 'group',
        title: message.chat,
      },
      from: { id: message.speaker, name: message.speaker },
      text,
      ...(attachments.length ? { attachments } : {}),
      mentionsBot: mentioned.includes(bot),
      mentions: mentioned.filter((m) => m !== bot).map((name) => ({ id: name, name })),
      sentAt: new Date(),
      ...(message.quoted ? { quoted: quoteOf(message.quoted, bot) } : {}),
    });
  }

  async send(message: Outbound): Promise<{ messageId?: string }> {
    const where = message.chatId ?? T.directTo(message.userId ?? '');
    const shown = message.image ? `<image:${message.image.path}> ${message.text}` : message.text;
    const line = `[${where}] ${this.options.botName ?? BOT_NAMES[0]}: ${shown}`;
    this.sent.push({ ...message, line });
    this.options.output?.write(`${line}\n`);
    return { messageId: String(this.sent.length) };
  }

  /** The bytes of a file named in `<image:PATH>` or `<voice:PATH>`. */
  async fetchAttachment(attachment: Attachment): Promise<Uint8Array> {
    if (!attachment.ref) throw new DeliveryError('invalid', 'console: attachment has no path');
    try {
      return new Uint8Array(await readFile(attachment.ref));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const kind = code === 'ENOENT' || code === 'EISDIR' ? 'not_found' : 'transient';
      throw new DeliveryError(kind, `console: cannot read ${attachment.ref}: ${code ?? error}`, { cause: error });
    }
  }
}

const MEDIA_TOKEN = /^<(image|voice|video|file|location):([^>]*)>\s*/;
const KINDS: Record<string, Attachment['kind']> = { image: 'image', voice: 'audio', video: 'video', file: 'file' };
const MIME_BY_EXT: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ogg': 'audio/ogg',
  '.amr': 'audio/amr',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
};

/**
 * Media at the start of a typed line: `<image:PATH>`, `<voice:PATH>`, `<video:PATH>`,
 * `<file:PATH>` and `<location:LAT,LNG NAME>`, any number, then the caption.
 * The MIME type is guessed from the name and the size read from disk, as a platform would state them.
 */
export async function parseMedia(line: string): Promise<{ text: string; attachments: Attachment[] }> {
  const attachments: Attachment[] = [];
  let rest = line.trimStart();
  for (let m = MEDIA_TOKEN.exec(rest); m; m = MEDIA_TOKEN.exec(rest)) {
    rest = rest.slice(m[0].length);
    const [, kind, body] = m;
    if (kind === 'location') {
      const loc = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(body);
      if (!loc) continue;
      const name = loc[3].trim();
      attachments.push({
        kind: 'location',
        location: { latitude: Number(loc[1]), longitude: Number(loc[2]), ...(name ? { name } : {}) },
      });
      continue;
    }
    const path = body.trim();
    const size = (await stat(path).catch(() => null))?.size;
    const mime = MIME_BY_EXT[extname(path).toLowerCase()];
    attachments.push({
      kind: KINDS[kind],
      ref: path,
      name: path.split('/').pop(),
      ...(mime ? { mime } : {}),
      ...(size !== undefined ? { size } : {}),
    });
  }
  return { text: attachments.length ? rest.trim() : line, attachments };
}

/** "名字：内容" → who wrote the quoted message and what it said. */
function quoteOf(quoted: string, bot: string): Quoted {
  const m = /^([^：:\s]{1,20})[：:]\s*(.*)$/s.exec(quoted.trim());
  if (!m) return { text: quoted.trim() };
  return { text: m[2], from: { id: m[1], name: m[1] }, fromBot: m[1] === bot };
}

/**
 * Parses a script line "[chat] [speaker] text", or a quote-reply "[chat] [speaker] > 引用 | 回复"
 * (the quoted part as WeChat shows it, "名字：内容") or in WeChat's own text ("「名字：内容」 - - - 回复");
 * null for blank lines and # comments.
 */
export function parseScriptLine(line: string): ConsoleMessage | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  const match = /^\[([^\]]+)\]\s*\[([^\]]+)\]\s*(.*)$/.exec(trimmed);
  if (!match) return null;
  const base = { chat: match[1].trim(), speaker: match[2].trim(), text: match[3] };
  const quote = /^>\s*(.*?)\s+\|\s+(.*)$/s.exec(base.text) ?? /^>\s*(.*?)\|(.*)$/s.exec(base.text);
  if (quote) return { ...base, quoted: quote[1], text: quote[2] };
  // WeChat's own text of a quote-reply, as people paste it: "「名字：内容」 - - - 回复".
  const wechat = splitWeChatQuote(base.text);
  return wechat ? { ...base, quoted: `${wechat.name}：${wechat.quoted}`, text: wechat.reply } : base;
}
