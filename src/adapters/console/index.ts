/**
 * The console: a person (or a script) picks a chat and a speaker and types messages; the bot's
 * replies print with their @-mentions. A real adapter behind the same port as WeChat and
 * Telegram, used for trying the bot and for fast end-to-end tests.
 */
import type { Writable } from 'node:stream';
import { BOT_NAMES, T } from '../../common/text/index.js';
import type { Adapter, Capabilities, Inbound, InboundHandler, Outbound, Quoted } from '../../common/types.js';

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
      text: message.text,
      mentionsBot: mentioned.includes(bot),
      mentions: mentioned.filter((m) => m !== bot).map((name) => ({ id: name, name })),
      sentAt: new Date(),
      ...(message.quoted ? { quoted: quoteOf(message.quoted, bot) } : {}),
    });
  }

  async send(message: Outbound): Promise<{ messageId?: string }> {
    const where = message.chatId ?? T.directTo(message.userId ?? '');
    const line = `[${where}] ${this.options.botName ?? BOT_NAMES[0]}: ${message.text}`;
    this.sent.push({ ...message, line });
    this.options.output?.write(`${line}\n`);
    return { messageId: String(this.sent.length) };
  }
}

/** "名字：内容" → who wrote the quoted message and what it said. */
function quoteOf(quoted: string, bot: string): Quoted {
  const m = /^([^：:\s]{1,20})[：:]\s*(.*)$/s.exec(quoted.trim());
  if (!m) return { text: quoted.trim() };
  return { text: m[2], from: { id: m[1], name: m[1] }, fromBot: m[1] === bot };
}

/**
 * Parses a script line "[chat] [speaker] text", or a quote-reply "[chat] [speaker] > 引用 | 回复"
 * (the quoted part as WeChat shows it, "名字：内容"); null for blank lines and # comments.
 */
export function parseScriptLine(line: string): ConsoleMessage | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  const match = /^\[([^\]]+)\]\s*\[([^\]]+)\]\s*(.*)$/.exec(trimmed);
  if (!match) return null;
  const base = { chat: match[1].trim(), speaker: match[2].trim(), text: match[3] };
  const quote = /^>\s*(.*?)\s+\|\s+(.*)$/s.exec(base.text) ?? /^>\s*(.*?)\|(.*)$/s.exec(base.text);
  return quote ? { ...base, quoted: quote[1], text: quote[2] } : base;
}
