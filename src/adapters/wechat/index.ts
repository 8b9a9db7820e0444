/**
 * WeChat adapter: Wechaty connected to a puppet service over gRPC (wechaty-puppet-service).
 * It maps WeChat events to {@link Inbound}, delivers {@link Outbound} at a pace that keeps
 * a personal account safe, and reconnects when the service connection drops. It holds no
 * business rules. See docs/wechat.md.
 */
import { type Logger, silentLogger } from '../../common/log.js';
import { ScanStatus, qrcodeValueToImageUrl, type Contact, type Room, type Wechaty } from 'wechaty';
import { types as wechatyTypes } from 'wechaty';
import type { Adapter, Attachment, Capabilities, InboundHandler, Outbound } from '../../common/types.js';
import { DeliveryError } from '../../common/types.js';
import { Pacer } from '../pacer.js';
import {
  buildWechaty,
  isPayloadCacheClosed,
  probeEndpoint,
  puppetStarted,
  reopenPayloadStore,
  stopQuietly,
  streamEvents,
} from './connection.js';
import { isConnectionLoss } from './errors.js';
import { DEFAULT_RECONNECT, DEFAULT_WECHAT_PACING, type WechatOptions } from './options.js';
import { deliver } from './outbound.js';
import { InboundPipeline } from './pipeline.js';
import { KeyedQueues } from './queues.js';
import { WECHAT_MAX_TEXT } from './text.js';

export type { WechatOptions, ReconnectRules } from './options.js';
export { DEFAULT_WECHAT_PACING } from './options.js';
export { splitText, WECHAT_MAX_TEXT } from './text.js';

/**
 * One WeChat account. `start` connects (and keeps reconnecting with backoff), `send`
 * delivers or throws a `DeliveryError`, `stop` drains in-flight handlers and disconnects.
 *
 * @example
 * const wx = new WechatAdapter({ token, endpoint: 'puppet.example.com:8788', logger });
 * await wx.start(async (msg) => core.handle(msg));
 * await wx.send({ platform: 'wechat', account: 'wechat', chatId, text: '@王师傅 请处理 #12', mentions: [{ id, name: '王师傅' }] });
 */
export class WechatAdapter implements Adapter {
  readonly platform = 'wechat' as const;
  readonly account: string;
  readonly capabilities: Capabilities;

  private readonly options: WechatOptions;
  private readonly logger: Logger;
  private readonly pacer: Pacer;
  private readonly inbound: InboundPipeline;
  private readonly sendQueues = new KeyedQueues();
  private handler?: InboundHandler;
  private bot?: Wechaty;
  /** Bumped for every new connection; events of older connections are ignored. */
  private generation = 0;
  private running = false;
  private starting?: Promise<void>;
  private reconnectTimer?: NodeJS.Timeout;
  private reconnecting?: Promise<void>;
  private connecting = false;
  private attempts = 0;
  private selfId?: string;
  private loginWaiters: Array<() => void> = [];

  constructor(options: WechatOptions) {
    // Refuse an empty token here: the puppet library would silently fall back to env vars.
    if (!options.token) throw new Error('WechatAdapter: token is required');
    this.options = options;
    this.account = options.account ?? 'wechat';
    this.logger = options.logger ?? silentLogger;
    this.pacer = options.pacer ?? new Pacer({ ...DEFAULT_WECHAT_PACING, ...options.pacing });
    this.inbound = new InboundPipeline({
      account: this.account,
      logger: this.logger,
      botNames: options.botNames ?? [],
      dedupeSize: options.dedupeSize ?? 5000,
      handler: () => this.handler,
    });
    this.capabilities = {
      mentionsById: true,
      directToStrangers: false,
      // Ids are stable while one login lasts; a re-login may renumber messages and rooms.
      stableMessageIds: true,
      maxTextLength: options.maxTextLength ?? WECHAT_MAX_TEXT,
      mediaInGroups: true,
      sendsImages: true,
    };
  }

  /**
   * The bytes of a photo, voice note, video or file, by its message id through the puppet
   * service (the file first; for a photo the puppet's image call when the file is not there).
   * WeChat keeps media only for a while: a message the puppet no longer knows is gone for good.
   */
  async fetchAttachment(attachment: Attachment): Promise<Uint8Array> {
    const bot = this.bot;
    if (!this.running || !bot || !this.isLoggedIn) throw new DeliveryError('transient', 'wechat: not logged in');
    if (!attachment.ref) throw new DeliveryError('invalid', 'wechat: attachment has no message id');
    const id = attachment.ref;
    try {
      const box = await bot.puppet
        .messageFile(id)
        .catch((error: unknown) =>
          attachment.kind === 'image' ? bot.puppet.messageImage(id, wechatyTypes.Image.HD) : Promise.reject(error),
        );
      return new Uint8Array(await box.toBuffer());
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      if (/not found|no filebox|expired|not exist/i.test(message))
        throw new DeliveryError('not_found', `wechat: media gone: ${message}`, { cause: error });
      throw new DeliveryError('transient', `wechat: media download failed: ${message}`, { cause: error });
    }
  }

  /** True while the account is logged in and sends can go out. */
  get isLoggedIn(): boolean {
    return this.selfId !== undefined;
  }

  /** Starts receiving. Calling it again while running is harmless (the first handler stays). */
  async start(onInbound: InboundHandler): Promise<void> {
    if (this.running) {
      this.logger.debug({ account: this.account }, 'wechat: start() while running; ignored');
      return this.starting;
    }
    this.running = true;
    this.handler = onInbound;
    // A first failure is not fatal: the service may come up later; keep trying in the background.
    this.starting = this.connect().catch((err) => {
      this.logger.error({ err, account: this.account }, 'wechat: first connection failed; retrying');
      this.scheduleReconnect('start failed');
    });
    await this.starting;
  }

  /** Resolves once the account is logged in (now or later); rejects after `timeoutMs`. */
  whenLoggedIn(timeoutMs = 30_000): Promise<void> {
    if (this.isLoggedIn) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('wechat: not logged in in time')), timeoutMs);
      this.loginWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async send(message: Outbound): Promise<{ messageId?: string }> {
    const bot = this.bot;
    if (!this.running || !bot || !this.isLoggedIn) throw new DeliveryError('transient', 'wechat: not logged in');
    const ctx = {
      bot,
      pacer: this.pacer,
      maxTextLength: this.capabilities.maxTextLength,
      sendTimeoutMs: this.options.sendTimeoutMs ?? 30_000,
      logger: this.logger,
    };
    // Sends to one chat go out in call order even when the caller does not await each one:
    // looking up the room takes a round trip, which could otherwise let a later send overtake.
    return this.sendQueues.run(message.chatId ?? message.userId ?? '', async () => {
      try {
        return await deliver(ctx, message);
      } catch (err) {
        // The send fails as transient and the outbox retries it on the reopened cache.
        if (isPayloadCacheClosed(err)) await reopenPayloadStore(bot, this.logger);
        throw err;
      }
    });
  }

  /**
   * The id of the one room whose topic is exactly `topic`, for re-binding a chat after a
   * re-login renumbered rooms. Undefined when none or several match (ask for the binding code).
   */
  async findRoomByTopic(topic: string): Promise<string | undefined> {
    const ids = await this.findRoomsByTopic(topic);
    if (ids.length > 1) this.logger.warn({ topic, count: ids.length }, 'wechat: several rooms share this topic');
    return ids.length === 1 ? ids[0] : undefined;
  }

  /** Ids of every room whose topic is exactly `topic`. */
  async findRoomsByTopic(topic: string): Promise<string[]> {
    const bot = this.requireBot();
    const rooms = await bot.Room.findAll({ topic });
    return rooms.map((r) => r.id);
  }

  /** The current topic (group name) of room `id`, or undefined when the bot cannot see it. */
  async roomTopic(id: string): Promise<string | undefined> {
    const room = await this.requireBot()
      .Room.find({ id })
      .catch(() => undefined);
    return room ? room.topic() : undefined;
  }

  /** Stops receiving, waits for handlers already running, and disconnects. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    await this.starting?.catch(() => undefined);
    await this.reconnecting?.catch(() => undefined);
    await this.inbound.drain();
    const bot = this.bot;
    this.bot = undefined;
    this.selfId = undefined;
    if (bot) await stopQuietly(bot, this.logger);
    this.logger.info({ account: this.account }, 'wechat: stopped');
  }

  private requireBot(): Wechaty {
    if (!this.bot || !this.isLoggedIn) throw new DeliveryError('transient', 'wechat: not logged in');
    return this.bot;
  }

  private async connect(): Promise<void> {
    if (!this.options.puppet) await probeEndpoint(this.options.endpoint);
    const gen = ++this.generation;
    const bot = buildWechaty(this.options);
    this.bot = bot;
    this.wire(bot, gen);
    this.connecting = true;
    try {
      await bot.start();
      if (!puppetStarted(bot)) throw new Error('UNAVAILABLE: puppet did not start');
    } catch (err) {
      if (this.bot === bot) this.bot = undefined;
      await stopQuietly(bot, this.logger);
      throw err;
    } finally {
      this.connecting = false;
    }
    if (gen !== this.generation) return; // stopped or replaced meanwhile; stop() cleans up
    this.watchStream(bot, gen);
    this.logger.info({ account: this.account, endpoint: this.options.endpoint }, 'wechat: connected to puppet service');
  }

  private wire(bot: Wechaty, gen: number): void {
    const live = (): boolean => gen === this.generation && this.running;
    bot.on('scan', (qrcode: string, status: ScanStatus) => {
      if (!live()) return;
      // Someone must scan this with the account's phone; the URL renders the QR code.
      this.logger.info(
        { account: this.account, status: ScanStatus[status], url: qrcodeValueToImageUrl(qrcode) },
        'wechat: scan to log in',
      );
    });
    bot.on('login', (user: Contact) => {
      if (!live()) return;
      const again = this.selfId === user.id;
      this.selfId = user.id;
      this.attempts = 0;
      this.logger[again ? 'debug' : 'info'](
        { account: this.account, userId: user.id, name: user.name() },
        'wechat: logged in',
      );
      for (const wake of this.loginWaiters.splice(0)) wake();
    });
    bot.on('ready', () => {
      if (live()) this.logger.debug({ account: this.account }, 'wechat: ready');
    });
    bot.on('logout', (user: Contact, reason?: string) => {
      if (!live()) return;
      this.selfId = undefined;
      // The service shows a new QR code (scan event); nothing to reconnect.
      this.logger.warn({ account: this.account, userId: user.id, reason }, 'wechat: logged out');
    });
    bot.on('error', (err: Error) => {
      if (!live()) return;
      if (isConnectionLoss(err)) this.scheduleReconnect(err.message);
      else this.logger.debug({ err: err.message, account: this.account }, 'wechat: puppet error');
    });
    // Messages come from the puppet's own event (in stream order), not Wechaty's `message`
    // event, which fires in payload-load order; see InboundPipeline.message.
    bot.on('puppet', (puppet) => {
      puppet.on('message', ({ messageId }) => {
        if (live()) this.inbound.message(bot, messageId, live);
      });
    });
    bot.on('room-join', (room: Room, invitees: Contact[], inviter: Contact, date?: Date) => {
      if (live()) this.inbound.roomJoin(bot, room, invitees, inviter, date);
    });
  }

  /**
   * puppet-service reports a dead event stream only on its gRPC manager (`end`), or as a
   * CANCELLED/UNAVAILABLE error; without a reconnect no inbound event would ever arrive again.
   */
  private watchStream(bot: Wechaty, gen: number): void {
    const lost = (why: string): void => {
      if (gen === this.generation && this.running) this.scheduleReconnect(why);
    };
    const events = streamEvents(bot);
    events?.once('end', () => lost('event stream ended'));
    events?.on('status', (s: { code?: number }) => s?.code && lost(`event stream status ${s.code}`));
  }

  private scheduleReconnect(reason: string): void {
    // One reconnect at a time; errors raised while a connection is being made belong to it.
    if (!this.running || this.reconnectTimer || this.reconnecting || this.connecting) return;
    const rules = { ...DEFAULT_RECONNECT, ...this.options.reconnect };
    const delay = Math.min(rules.maxMs, rules.initialMs * 2 ** this.attempts);
    this.attempts++;
    this.selfId = undefined;
    this.logger.warn(
      { account: this.account, reason, delayMs: delay, attempt: this.attempts },
      'wechat: connection lost; reconnecting',
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.reconnecting = this.reconnect().then((ok) => {
        this.reconnecting = undefined;
        if (!ok) this.scheduleReconnect('reconnect failed');
      });
    }, delay);
  }

  /** Replaces the connection; false when the new one failed (the caller schedules the next try). */
  private async reconnect(): Promise<boolean> {
    const old = this.bot;
    this.generation++; // silence the old connection before tearing it down
    this.bot = undefined;
    if (old) await stopQuietly(old, this.logger);
    if (!this.running) return true;
    try {
      await this.connect();
      return true;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, account: this.account }, 'wechat: reconnect failed');
      return false;
    }
  }
}
