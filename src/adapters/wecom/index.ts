/**
 * WeCom (企业微信) intelligent bot adapter: the official SDK's long connection (`WSClient`:
 * subscribe with BotID and Secret, `ping` heartbeats, reconnect with backoff) mapped to the
 * neutral types. An answer to a received frame goes through the reply call on that frame
 * (`aibot_respond_msg`, or the welcome reply for `enter_chat`); everything else, and answers
 * whose frame is gone, too old or refused, goes through the proactive send (`aibot_send_msg`).
 * It holds no business rules. See docs/wecom.md.
 */
import { type WSClient, generateReqId, type WsFrame } from '@wecom/aibot-node-sdk';
import { type Logger, silentLogger } from '../../common/log.js';
import { type Clock, DeliveryError, systemClock } from '../../common/types.js';
import type { Adapter, Attachment, Capabilities, InboundHandler, Outbound } from '../../common/types.js';
import { Pacer } from '../pacer.js';
import { AUTH_FAILED, downloadError, isStaleReply, toDeliveryError } from './errors.js';
import { type CallbackBody, chatIdOf, mediaRef, toInbound } from './inbound.js';
import { BoundedMap, ChatQueues, type HeldFrame, KeyedLimiter, SentLog } from './memory.js';
import { createClient, DEFAULT_WECOM_PACING, DEFAULTS, WECOM_MAX_BYTES, type WecomOptions } from './options.js';
import { renderContent, splitContent } from './outbound.js';

export type { WecomOptions } from './options.js';
export { DEFAULT_WECOM_PACING, WECOM_MAX_BYTES } from './options.js';

type Frame = WsFrame<CallbackBody>;

/**
 * One WeCom intelligent bot.
 *
 * @example
 * const wecom = new WecomAdapter({ botId, secret, logger });
 * await wecom.start(async (msg) => core.handle(msg));
 * await wecom.send({ platform: 'wecom', account: 'wecom', chatId, text: '@王师傅 请处理 #12', mentions: [{ id: 'wangshifu', name: '王师傅' }] });
 * await wecom.stop();
 */
export class WecomAdapter implements Adapter {
  readonly platform = 'wecom' as const;
  readonly account: string;
  readonly capabilities: Capabilities = {
    mentionsById: true,
    // A proactive send reaches only people and groups that have talked to the bot.
    directToStrangers: false,
    stableMessageIds: true,
    maxTextLength: Math.floor(WECOM_MAX_BYTES / 3),
    groupMentionsOnly: true,
    mediaInGroups: false,
    sendsImages: false,
  };

  private readonly client: WSClient;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly pacer: Pacer;
  private readonly frames: BoundedMap<string, HeldFrame<Frame>>;
  private readonly seen: BoundedMap<string, true>;
  private readonly sent: SentLog;
  private readonly inFlight: KeyedLimiter;
  private readonly queues = new ChatQueues();
  private handler?: InboundHandler;
  private state: 'new' | 'running' | 'stopped' = 'new';
  private authenticated = false;
  /** Set when WeCom handed the bot to a newer connection (another process with the same BotID). */
  private replaced = false;
  private waiters: Array<(error?: Error) => void> = [];

  constructor(private readonly options: WecomOptions) {
    if (!options.botId || !options.secret) throw new Error('WecomAdapter: botId and secret are required');
    this.account = options.account ?? DEFAULTS.account;
    this.log = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.pacer = new Pacer(options.pacing ?? DEFAULT_WECOM_PACING);
    const size = options.memorySize ?? DEFAULTS.memorySize;
    this.frames = new BoundedMap(size);
    this.seen = new BoundedMap(size);
    this.sent = new SentLog(size);
    this.inFlight = new KeyedLimiter(options.maxInFlightPerUser ?? DEFAULTS.maxInFlightPerUser);
    this.client = createClient(options, this.log);
    this.wire();
  }

  /** True while the connection is authenticated and sends can go out. */
  get isConnected(): boolean {
    return this.authenticated && this.client.isConnected;
  }

  /**
   * Connects and waits for the first authentication. Wrong credentials reject; a server that
   * does not answer in `startTimeoutMs` does not: the SDK keeps reconnecting in the background.
   */
  async start(onInbound: InboundHandler): Promise<void> {
    if (this.state !== 'new') throw new Error(`WecomAdapter ${this.account} cannot start when ${this.state}`);
    this.state = 'running';
    this.handler = onInbound;
    const first = this.nextAuthentication(this.options.startTimeoutMs ?? DEFAULTS.startTimeoutMs);
    this.client.connect();
    try {
      await first;
    } catch (error) {
      this.client.disconnect();
      this.state = 'new';
      throw error;
    }
    this.log.info({ account: this.account, connected: this.authenticated }, 'wecom: started');
  }

  /** Resolves once authenticated (now or later); rejects after `timeoutMs`. */
  whenConnected(timeoutMs = 15_000): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('wecom: not connected in time')), timeoutMs);
      this.waiters.push((error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /** Delivers one message, split if long, paced per conversation. Throws {@link DeliveryError}. */
  async send(out: Outbound): Promise<{ messageId?: string }> {
    if (this.state !== 'running') throw new DeliveryError('transient', 'wecom: adapter is not running');
    const target = out.chatId ?? out.userId;
    if (!target) throw new DeliveryError('invalid', 'wecom: outbound message has neither chatId nor userId');
    const pieces = splitContent(renderContent(out.text, out.mentions), WECOM_MAX_BYTES);
    if (pieces.length === 0) throw new DeliveryError('invalid', 'wecom: outbound message is empty');
    if (!this.isConnected) {
      const why = this.replaced ? 'another connection took over this bot' : 'not connected';
      throw new DeliveryError('transient', `wecom: ${why}`);
    }
    const held = this.answerable(out.inReplyTo, target);
    return this.inFlight.run(held?.userId ?? target, async () => {
      let first: string | undefined;
      for (const [i, piece] of pieces.entries()) {
        await this.pacer.wait(target);
        try {
          const id = await this.deliver(target, piece, held, pieces.length === 1 ? out.text : piece);
          this.sent.record(target, id, piece);
          first ??= id;
        } catch (error) {
          const failure = toDeliveryError(error);
          if (failure.kind === 'rate_limited') this.pacer.backOff(failure.retryAfterMs ?? 60_000);
          if (i > 0) failure.message += ` (after ${i} of ${pieces.length} pieces were sent)`;
          this.log.warn(
            { account: this.account, chatId: target, kind: failure.kind, err: failure.message },
            'wecom: send failed',
          );
          throw failure;
        }
      }
      return { messageId: first };
    });
  }

  /** The decrypted bytes of an image, voice note or file (its download URL lasts five minutes). */
  async fetchAttachment(attachment: Attachment): Promise<Uint8Array> {
    const ref = mediaRef(attachment.ref);
    if (!ref) throw new DeliveryError('invalid', 'wecom: attachment has no download reference');
    try {
      const { buffer } = await this.client.downloadFile(ref.url, ref.aeskey);
      return new Uint8Array(buffer);
    } catch (error) {
      throw downloadError(error);
    }
  }

  /** Stops receiving, closes the connection, and waits for the handlers already running. */
  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopped';
    this.authenticated = false;
    this.client.disconnect();
    await this.queues.drain();
    this.log.info({ account: this.account }, 'wecom: stopped');
  }

  /**
   * A held frame that may still be answered through the reply call. A reply goes to the
   * frame's own chat, so a frame from another chat than `target` is never used.
   */
  private answerable(messageId: string | undefined, target: string): HeldFrame<Frame> | undefined {
    const held = messageId ? this.frames.get(messageId) : undefined;
    if (!held?.frame.body || chatIdOf(held.frame.body) !== target) return undefined;
    const window = held.kind === 'event' ? this.options.welcomeWindowMs : this.options.replyWindowMs;
    const limit = window ?? (held.kind === 'event' ? DEFAULTS.welcomeWindowMs : DEFAULTS.replyWindowMs);
    return this.clock.now().getTime() - held.at <= limit ? held : undefined;
  }

  /**
   * One piece: through the frame when there is one, else (or when WeCom refuses the frame as
   * no longer valid) proactively. Returns the id the bot knows the message by.
   */
  private async deliver(target: string, content: string, held: HeldFrame<Frame> | undefined, plain: string) {
    if (held) {
      try {
        if (held.kind === 'event') {
          // A welcome is plain text; `<@userid>` would show as typed.
          await this.client.replyWelcome(held.frame, { msgtype: 'text', text: { content: plain } });
          return generateReqId('welcome');
        }
        const streamId = generateReqId('stream');
        await this.client.replyStream(held.frame, streamId, content, true);
        return streamId;
      } catch (error) {
        if (!isStaleReply(error)) throw error;
        this.log.debug({ account: this.account, chatId: target }, 'wecom: frame no longer answerable; sending instead');
      }
    }
    const ack = await this.client.sendMessage(target, { msgtype: 'markdown', markdown: { content } });
    return ack.headers.req_id;
  }

  private wire(): void {
    const c = this.client;
    c.on('authenticated', () => {
      this.authenticated = true;
      this.replaced = false;
      this.log.info({ account: this.account }, 'wecom: authenticated');
      for (const wake of this.waiters.splice(0)) wake();
    });
    c.on('disconnected', (reason) => {
      this.authenticated = false;
      if (this.state === 'running') this.log.warn({ account: this.account, reason }, 'wecom: disconnected');
    });
    c.on('reconnecting', (attempt) => this.log.info({ account: this.account, attempt }, 'wecom: reconnecting'));
    c.on('error', (error) => {
      const code = /\(code: (-?\d+)\)/.exec(error.message)?.[1];
      if (/exceeded/.test(error.message)) {
        this.log.error({ account: this.account, err: error.message }, 'wecom: gave up connecting');
      } else if (code !== undefined) {
        this.log.error({ account: this.account, err: error.message }, 'wecom: authentication failed');
        // Wrong credentials cannot come right by retrying: whoever waits hears it now.
        if (Number(code) === AUTH_FAILED) for (const wake of this.waiters.splice(0)) wake(error);
      } else {
        this.log.debug({ account: this.account, err: error.message }, 'wecom: connection error');
      }
    });
    c.on('event.disconnected_event', () => {
      // WeCom keeps one connection per bot; taking it back would start a kicking match.
      this.replaced = true;
      this.authenticated = false;
      this.log.error({ account: this.account }, 'wecom: another connection took over this bot; this one stops');
    });
    c.on('message', (frame) => this.receive(frame as Frame, 'message'));
    c.on('event.enter_chat', (frame) => this.receive(frame as unknown as Frame, 'event'));
  }

  private receive(frame: Frame, kind: HeldFrame<Frame>['kind']): void {
    const body = frame.body;
    if (!body?.msgid || this.state !== 'running') return;
    const now = this.clock.now();
    // Kept even for a repeat: a redelivered frame carries a fresh req_id to answer through.
    this.frames.set(body.msgid, { frame, at: now.getTime(), kind, userId: body.from?.userid ?? '' });
    if (this.seen.has(body.msgid)) {
      this.log.debug({ account: this.account, msgid: body.msgid }, 'wecom: redelivered frame dropped');
      return;
    }
    this.seen.set(body.msgid, true);
    const inbound = toInbound(body, {
      account: this.account,
      now,
      sentIdFor: (chatId, text) => this.sent.find(chatId, text),
    });
    if (!inbound) {
      this.log.debug({ account: this.account, msgid: body.msgid, msgtype: body.msgtype }, 'wecom: frame ignored');
      return;
    }
    this.queues.push(chatIdOf(body), async () => {
      try {
        await this.handler?.(inbound);
      } catch (err) {
        this.log.error({ err, messageId: inbound.messageId }, 'wecom: inbound handler failed');
      }
    });
  }

  /** Resolves at the next authentication, rejects on wrong credentials, resolves anyway at the timeout. */
  private nextAuthentication(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        this.log.warn({ account: this.account, timeoutMs }, 'wecom: not connected yet; retrying in the background');
        resolve();
      }, timeoutMs);
      const waiter = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      this.waiters.push(waiter);
    });
  }
}
