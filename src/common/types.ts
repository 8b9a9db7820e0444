/**
 * The neutral contract between the core and every chat platform. Adapters turn platform
 * events into {@link Inbound} and deliver {@link Outbound}; the core never imports a platform.
 */

/** Which platform a message came from or goes to. */
export type Platform = 'console' | 'wechat' | 'telegram' | 'wecom';

/** A person as a platform knows them (not yet a Person of the org). */
export interface Speaker {
  /** Stable id on the platform (WeChat contact id, Telegram user id, console handle). */
  id: string;
  /** What the platform shows as the name. */
  name: string;
  /** Telegram @username, when there is one. */
  username?: string;
}

/** A chat as a platform knows it. */
export interface ChatRef {
  id: string;
  kind: 'group' | 'direct';
  title?: string;
}

/** The message an inbound message quotes or replies to (WeChat 引用, Telegram reply, WeCom quote). */
export interface Quoted {
  /** Platform id of the quoted message, when the platform gives one. */
  messageId?: string;
  /** Who wrote it, as far as the platform says (WeChat quotes carry only the name). */
  from?: { id?: string; name?: string };
  /** True when this bot sent the quoted message. */
  fromBot?: boolean;
  /** Its text or caption, possibly shortened by the platform. */
  text: string;
}

export type AttachmentKind = 'image' | 'audio' | 'video' | 'file' | 'location';

/** A photo, voice note, video, file or location pin that came with a message. */
export interface Attachment {
  kind: AttachmentKind;
  /** MIME type as the platform states it; the bytes are checked when downloaded. */
  mime?: string;
  /** Size in bytes as the platform states it. */
  size?: number;
  name?: string;
  /** What the adapter needs to fetch the bytes later (a Telegram file_id, a WeChat message id). */
  ref?: string;
  /** Seconds, for audio and video. */
  duration?: number;
  /** A transcription the platform supplied for a voice note (WeCom). */
  transcript?: string;
  /** For a location pin. */
  location?: { latitude: number; longitude: number; name?: string };
}

/**
 * One message or chat event, platform-neutral.
 * `dedupeKey` must be the same every time the platform delivers the same message.
 */
export interface Inbound {
  platform: Platform;
  /** The bot account that received it (one process may run several). */
  account: string;
  /** Unique per message on this platform and account, e.g. the platform message id. */
  messageId: string;
  kind: 'message' | 'bot_joined' | 'member_joined';
  chat: ChatRef;
  from: Speaker;
  text: string;
  /** True when the message @-mentions the bot. */
  mentionsBot: boolean;
  /** Speakers the message @-mentions besides the bot. */
  mentions: Speaker[];
  /** Where a reply should go to stay in the same thread (Telegram forum topic). */
  threadId?: string;
  /** When the platform says the message was sent. */
  sentAt: Date;
  /** The message this one quotes or replies to. */
  quoted?: Quoted;
  /** Photos, voice notes, files and location pins sent with it (the text is then the caption). */
  attachments?: Attachment[];
  /** Messages sent together as one album share this id (Telegram media_group_id). */
  albumId?: string;
}

/** Someone to @-mention in an outbound message. */
export interface Mention {
  id: string;
  name: string;
  username?: string;
}

/** One message to deliver. `text` may contain `@name` for each mention. */
export interface Outbound {
  platform: Platform;
  account: string;
  /** Group or direct chat id; when absent, `userId` gets a direct message. */
  chatId?: string;
  userId?: string;
  text: string;
  mentions: Mention[];
  threadId?: string;
  /** The platform id of the inbound message this answers (WeCom replies go through the frame they answer). */
  inReplyTo?: string;
  /** An image to send, `text` being its caption. */
  image?: { path: string; mime: string };
}

/** What a platform can do; the core adapts its behaviour to it. */
export interface Capabilities {
  /** Mentions are delivered by id and notify the person. */
  mentionsById: boolean;
  /** The bot may message a person who never wrote to it. */
  directToStrangers: boolean;
  /** Platform message ids are stable across redelivery. */
  stableMessageIds: boolean;
  /** Longest text in one message; longer text is split by the adapter. */
  maxTextLength: number;
  /** In groups the bot only sees messages that @-mention it or reply to it (WeCom bots). */
  groupMentionsOnly?: boolean;
  /** Photos and voice notes reach the bot in groups too (WeCom: only in one-to-one chats). */
  mediaInGroups?: boolean;
  /** The adapter can send images. */
  sendsImages?: boolean;
}

/** Receives inbound messages; the core implements it. */
export type InboundHandler = (message: Inbound) => Promise<void>;

/**
 * The whole platform contract. `start` begins delivering inbound messages to the handler;
 * `send` delivers one outbound message or throws a {@link DeliveryError}.
 */
export interface Adapter {
  readonly platform: Platform;
  readonly account: string;
  readonly capabilities: Capabilities;
  start(onInbound: InboundHandler): Promise<void>;
  send(message: Outbound): Promise<{ messageId?: string }>;
  stop(): Promise<void>;
  /** The bytes of an attachment; throws a {@link DeliveryError} (`transient` may be retried). */
  fetchAttachment?(attachment: Attachment): Promise<Uint8Array>;
}

/** Why a delivery failed, as far as retrying is concerned. */
export type DeliveryErrorKind = 'rate_limited' | 'forbidden' | 'not_found' | 'transient' | 'invalid';

/**
 * A typed platform error. `rate_limited` carries `retryAfterMs`; `transient` may be retried
 * with backoff; `forbidden`, `not_found` and `invalid` are final.
 *
 * @example throw new DeliveryError('rate_limited', 'Too Many Requests', { retryAfterMs: 3000 })
 */
export class DeliveryError extends Error {
  readonly kind: DeliveryErrorKind;
  readonly retryAfterMs?: number;
  constructor(kind: DeliveryErrorKind, message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when the same send may succeed later. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}

/** The time source. Tests pass a controllable clock; nothing else calls `new Date()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
