/**
 * Telegram adapter: grammY with long polling (`@grammyjs/runner`) or a webhook on node:http.
 * It maps updates to neutral {@link Inbound}s, delivers {@link Outbound}s paced per account,
 * and maps Bot API failures to {@link DeliveryError}s. It holds no business rules.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, InputFile } from 'grammy';
import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { run, sequentialize } from '@grammyjs/runner';
import type { RunnerHandle } from '@grammyjs/runner';
import { type Logger, silentLogger } from '../../common/log.js';
import { DeliveryError } from '../../common/types.js';
import type { Adapter, Attachment, Capabilities, Inbound, InboundHandler, Outbound } from '../../common/types.js';
import { Pacer } from '../pacer.js';
import { retryTransformers, toDeliveryError } from './errors.js';
import { toInbound, UsernameCache } from './inbound.js';
import type { BotIdentity } from './inbound.js';
import { renderMentions, splitRendered, TELEGRAM_MAX_TEXT } from './outbound.js';
import { downloadFile } from './media.js';
import { DEFAULT_TELEGRAM_PACING, type TelegramOptions } from './options.js';
import { closeServer, serveWebhook } from './webhook.js';

export type { RetryOptions } from './errors.js';
export { DEFAULT_TELEGRAM_PACING, type TelegramOptions, type WebhookOptions } from './options.js';

// grammY's Transformer is generic per method; the offset hold only deals with getUpdates.
type Signal = {
  aborted: boolean;
  addEventListener(type: 'abort', fn: () => void): void;
  removeEventListener(type: 'abort', fn: () => void): void;
};
type AnyCall = (method: string, payload: any, signal?: any) => Promise<any>;
type AnyTransformer = (prev: AnyCall, method: string, payload: any, signal?: any) => Promise<any>;

/** The updates we act on; asking only for these keeps edits and reactions off the wire. */
const ALLOWED_UPDATES = ['message', 'my_chat_member'] as const;

/** Longest photo caption Telegram takes. */
const TELEGRAM_CAPTION_MAX = 1024;

/**
 * A Telegram bot account as an {@link Adapter}.
 *
 * @example
 * const tg = new TelegramAdapter({ token, mode: 'polling', logger });
 * await tg.start(async (msg) => core.receive(msg));
 * await tg.send({ platform: 'telegram', account: 'telegram', chatId: '-100123', text: '收到', mentions: [] });
 * await tg.stop();
 */

export class TelegramAdapter implements Adapter {
  readonly platform = 'telegram' as const;
  readonly account: string;
  readonly capabilities: Capabilities = {
    mentionsById: true,
    directToStrangers: false, // a user must /start the bot before it may write to them
    stableMessageIds: true,
    maxTextLength: TELEGRAM_MAX_TEXT,
    mediaInGroups: true,
    sendsImages: true,
  };

  private readonly bot: Bot;
  private readonly pacer: Pacer;
  private readonly log: Logger;
  private readonly usernames = new UsernameCache();
  private identity?: BotIdentity;
  private onInbound?: InboundHandler;
  private runner?: RunnerHandle;
  private server?: http.Server;
  /** Update ids fetched or received whose handling has not finished. */
  private readonly pending = new Set<number>();
  private lastFetched?: number;
  /** Woken whenever an update finishes, so a held getUpdates can move its offset on. */
  private readonly settled: Array<() => void> = [];
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  /** Aborts a start still connecting (grammY's `init` retries getMe for as long as it is let). */
  private starting?: AbortController;

  constructor(private readonly options: TelegramOptions) {
    this.account = options.account ?? 'telegram';
    this.log = options.logger ?? silentLogger;
    this.pacer = new Pacer(options.pacing ?? DEFAULT_TELEGRAM_PACING);
    this.bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
    this.bot.api.config.use(this.observe, ...retryTransformers(options.retry));

    this.bot.use(async (ctx, next) => {
      this.pending.add(ctx.update.update_id); // webhook updates are not seen by `observe`
      try {
        await next();
      } finally {
        this.pending.delete(ctx.update.update_id);
        this.settled.splice(0).forEach((wake) => wake());
      }
    });
    // Same chat → strictly in order; different chats → concurrently.
    this.bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
    this.bot.use((ctx) => this.dispatch(ctx.update));
    this.bot.catch((err) =>
      this.log.error({ err: err.error, updateId: err.ctx.update.update_id }, 'telegram: update failed'),
    );
  }

  /**
   * Connects (getMe), then delivers updates to `onInbound` until {@link stop}. While the Bot API
   * cannot be reached this keeps trying; {@link stop} aborts it (it then rejects and the adapter
   * may be started again).
   */
  async start(onInbound: InboundHandler): Promise<void> {
    if (this.state !== 'new') throw new Error(`TelegramAdapter ${this.account} cannot start when ${this.state}`);
    this.state = 'running';
    this.onInbound = onInbound;
    const starting = new AbortController();
    this.starting = starting;
    try {
      await this.bot.init(starting.signal as Parameters<Bot['init']>[0]); // getMe: fails fast on a wrong token
      if (starting.signal.aborted) throw new Error('telegram: start aborted');
      const me = this.bot.botInfo;
      this.identity = { id: me.id, username: me.username, names: this.options.botNames ?? [] };
      if ((this.options.mode ?? 'polling') === 'webhook') await this.startWebhook();
      else await this.startPolling();
    } catch (error) {
      if (this.server) await closeServer(this.server); // e.g. setWebhook failed after listen
      this.server = undefined;
      this.state = 'new'; // nothing is running; the caller may try again
      throw error;
    } finally {
      this.starting = undefined;
    }
    const me = this.bot.botInfo;
    this.log.info(
      { account: this.account, bot: me.username, mode: this.options.mode ?? 'polling' },
      'telegram: started',
    );
  }

  /** The bound webhook port (useful when `webhook.port` is 0). */
  get webhookPort(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  /** Sends one outbound message, split if long; paced per account. Throws {@link DeliveryError}. */
  async send(out: Outbound): Promise<{ messageId?: string }> {
    const chatId = out.chatId ?? out.userId; // a private chat's id is the user's id
    if (!chatId) throw new DeliveryError('invalid', 'outbound message has neither chatId nor userId');
    if (out.image) return this.sendImage(chatId, out);
    const chunks = splitRendered(renderMentions(out.text, out.mentions), this.capabilities.maxTextLength);
    if (chunks.length === 0) throw new DeliveryError('invalid', 'outbound message is empty');
    let first: string | undefined;
    for (const chunk of chunks) {
      await this.pacer.wait(chatId);
      try {
        const sent = await this.bot.api.sendMessage(chatId, chunk.text, {
          entities: chunk.entities.length ? chunk.entities : undefined,
          message_thread_id: out.threadId ? Number(out.threadId) : undefined,
        });
        first ??= `${sent.chat.id}:${sent.message_id}`;
      } catch (error) {
        throw this.failed(error, chatId, 'telegram: send failed');
      }
    }
    return { messageId: first };
  }

  /** A failed send as a {@link DeliveryError}, logged; a 429 slows this account's pacer down. */
  private failed(error: unknown, chatId: string, what: string): DeliveryError {
    const failure = toDeliveryError(error);
    if (failure.kind === 'rate_limited') this.pacer.backOff(failure.retryAfterMs ?? 1000);
    this.log.warn({ account: this.account, chatId, kind: failure.kind, err: failure.message }, what);
    return failure;
  }

  /** A photo with its text as the caption (a caption too long for Telegram follows as a message). */
  private async sendImage(chatId: string, out: Outbound): Promise<{ messageId?: string }> {
    const image = out.image!;
    const fits = out.text.length <= TELEGRAM_CAPTION_MAX && !out.mentions.length;
    await this.pacer.wait(chatId);
    let sent: { chat: { id: number }; message_id: number };
    try {
      sent = await this.bot.api.sendPhoto(chatId, new InputFile(image.path), {
        caption: fits && out.text ? out.text : undefined,
        message_thread_id: out.threadId ? Number(out.threadId) : undefined,
      });
    } catch (error) {
      throw this.failed(error, chatId, 'telegram: photo failed');
    }
    if (!fits && out.text) await this.send({ ...out, image: undefined });
    return { messageId: `${sent.chat.id}:${sent.message_id}` };
  }

  /** The bytes of a photo, voice note or file (`media.ts`). Throws {@link DeliveryError}. */
  fetchAttachment(attachment: Attachment): Promise<Uint8Array> {
    const root = this.options.apiRoot ?? 'https://api.telegram.org';
    return downloadFile(this.bot.api, root, this.options.token, attachment);
  }

  /** Stops fetching, waits for running handlers, then confirms the polling offset. */
  async stop(): Promise<void> {
    if (this.starting) {
      this.starting.abort(); // start() rejects and leaves the adapter as new
      return;
    }
    if (this.state !== 'running') return;
    this.state = 'stopping';
    try {
      await this.runner?.stop();
    } catch (err) {
      this.log.debug({ err }, 'telegram: runner ended with an error');
    }
    if (this.server) await closeServer(this.server);
    await this.drain(this.options.stopTimeoutMs ?? 30_000);
    if (this.runner) await this.confirmOffset();
    this.state = 'stopped';
    this.log.info({ account: this.account }, 'telegram: stopped');
  }

  private async startPolling(): Promise<void> {
    await this.bot.api.deleteWebhook(); // getUpdates answers 409 while a webhook is set
    this.runner = run(this.bot, {
      runner: {
        fetch: { timeout: this.options.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
        silent: true, // fetch errors are logged by `observe` through our logger instead
      },
    });
    // The runner's task rejects on 401/409; never let that become an unhandled rejection.
    this.runner.task()?.catch((err) => this.log.error({ err, account: this.account }, 'telegram: polling stopped'));
  }

  private async startWebhook(): Promise<void> {
    const hook = this.options.webhook;
    if (!hook) throw new Error("TelegramAdapter: mode 'webhook' needs the webhook option");
    const server = await serveWebhook(this.bot, hook, this.log);
    this.server = server;
    if (hook.url) {
      await this.bot.api.setWebhook(hook.url, {
        secret_token: hook.secretToken,
        allowed_updates: [...ALLOWED_UPDATES],
      });
    }
  }

  private async dispatch(update: Update): Promise<void> {
    const handler = this.onInbound;
    if (!handler || !this.identity) return;
    const migrated = update.message?.migrate_to_chat_id;
    if (migrated)
      this.log.warn(
        { from: update.message?.chat.id, to: migrated },
        'telegram: group became a supergroup; its chat id changed',
      );
    let messages: Inbound[];
    try {
      messages = toInbound(update, { account: this.account, bot: this.identity, usernames: this.usernames });
    } catch (err) {
      this.log.error({ err, updateId: update.update_id }, 'telegram: could not read update');
      return;
    }
    for (const message of messages) {
      try {
        await handler(message); // awaited, so sequentialize keeps the chat's order
      } catch (err) {
        this.log.error({ err, messageId: message.messageId }, 'telegram: inbound handler failed');
      }
    }
  }

  /**
   * API transformer that records fetched update ids (to wait for them and confirm the offset
   * on stop), logs polling failures, and pauses the pacer on every 429 — not only final ones —
   * so concurrent sends stop hammering while auto-retry waits.
   */
  private readonly observe: Transformer = (prev, method, payload, signal) => {
    if (method === 'getUpdates' && this.state === 'running')
      return this.getUpdatesHoldingOffset(prev as AnyCall, payload as { offset?: number }, signal) as any;
    return this.call(prev, method, payload, signal);
  };

  /**
   * The runner asks for the updates after the last one it fetched, which tells Telegram that
   * every earlier update is done — even those still being handled. A crash then would lose
   * them. So while updates are unfinished, ask from the oldest unfinished one instead (Telegram
   * keeps it and everything after), and pass on only the updates not fetched before. When
   * nothing new comes back, wait until an update finishes (or 200 ms) before asking again.
   */
  private async getUpdatesHoldingOffset(
    prev: AnyCall,
    payload: { offset?: number },
    signal?: Signal,
  ): Promise<Awaited<ReturnType<AnyCall>>> {
    const method = 'getUpdates';
    for (;;) {
      const oldest = this.pending.size > 0 ? Math.min(...this.pending) : undefined;
      const requested = payload.offset ?? 0;
      const held = oldest !== undefined && oldest < requested;
      const result = await (this.call as AnyTransformer)(
        prev,
        method,
        held ? { ...payload, offset: oldest } : payload,
        signal,
      );
      if (!held || !result.ok) return result;
      const known = requested - 1;
      const fresh = (result.result as Update[]).filter((u) => u.update_id > known);
      if (fresh.length > 0 || (result.result as Update[]).length === 0 || signal?.aborted || this.state !== 'running') {
        return { ...result, result: fresh };
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 200);
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        this.settled.push(done);
        signal?.addEventListener('abort', done);
      });
    }
  }

  private readonly call: Transformer = async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal).catch((err) => {
      if (method === 'getUpdates' && !signal?.aborted) this.log.warn({ err }, 'telegram: getUpdates failed');
      throw err;
    });
    if (!result.ok) {
      if (method === 'getUpdates')
        this.log.warn({ code: result.error_code, err: result.description }, 'telegram: getUpdates failed');
      else if (result.error_code === 429) this.pacer.backOff((result.parameters?.retry_after ?? 1) * 1000);
    } else if (method === 'getUpdates' && this.state === 'running') {
      for (const update of result.result as Update[]) {
        if (update.update_id <= (this.lastFetched ?? -1)) continue; // seen again while the offset is held
        this.pending.add(update.update_id);
        this.lastFetched = Math.max(this.lastFetched ?? -1, update.update_id);
      }
    }
    return result;
  };

  private async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (this.pending.size > 0)
      this.log.warn({ pending: [...this.pending] }, 'telegram: stopped with updates still running');
  }

  /**
   * Tells Telegram which updates are done. The runner only confirms an offset with its next
   * getUpdates, which `stop` aborts, so without this a clean restart could refetch the last
   * batch. Unfinished updates (after a stop timeout) stay unconfirmed and come again.
   */
  private async confirmOffset(): Promise<void> {
    if (this.lastFetched === undefined) return;
    const offset = this.pending.size > 0 ? Math.min(...this.pending) : this.lastFetched + 1;
    try {
      await this.bot.api.getUpdates({ offset, limit: 1, timeout: 0 });
    } catch (err) {
      this.log.warn({ err, offset }, 'telegram: could not confirm the update offset');
    }
  }
}
