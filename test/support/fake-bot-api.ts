/**
 * A small Telegram Bot API server on 127.0.0.1 for tests: real HTTP, long-polled getUpdates
 * with Telegram's offset semantics, recorded sendMessage calls, injected failures, and a
 * webhook push mode. Point grammY at it with `apiRoot: fake.apiRoot`; any token is accepted.
 *
 * @example
 * const fake = await FakeBotApi.start();
 * const group = fake.group('3栋业主群');
 * fake.say(group, fake.user('张三'), '@gridbot 3栋2单元楼道灯坏了');
 * const [reply] = await fake.waitForSent(1);
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Loose Bot API objects: tests build partial updates, the server fills in the rest. */
export type Json = Record<string, any>;
/** A Bot API user as the server sends it. */
export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}
/** A Bot API chat as the server sends it. */
export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  is_forum?: boolean;
}
/** One API call the server answered. `message` is what sendMessage returned. */
export interface ApiCall {
  method: string;
  params: Json;
  at: number;
  failed?: number;
  message?: Json;
}
/** A failure to answer instead of the next call(s) of a method. */
export type Failure =
  | { code: 429; retry_after: number }
  | { code: 500 | 502 }
  | { code: 403; description?: string }
  | { code: 400; description?: string; migrate_to_chat_id?: number };

interface Poller {
  ready: () => Json[];
  finish: (updates: Json[]) => void;
}

const DESCRIPTIONS: Record<number, string> = {
  403: 'Forbidden: bot was blocked by the user',
  400: 'Bad Request: chat not found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

/** The fake server. Create with {@link FakeBotApi.start}; always {@link close} it. */
export class FakeBotApi {
  /** The bot's own user; getMe returns it. */
  readonly me: FakeUser = { id: 7000001, is_bot: true, first_name: '网格助手', username: 'gridbot' };
  /** Every call answered, in order (getUpdates included). */
  readonly calls: ApiCall[] = [];
  /** Successful sendMessage calls, in order. */
  readonly sent: ApiCall[] = [];
  /** Successful sendPhoto calls, in order (`params.caption`, `params.chat_id`). */
  readonly photos: ApiCall[] = [];
  /** File downloads answered (path and HTTP status), in order. */
  readonly downloads: { path: string; status: number }[] = [];
  /** The next this many file downloads answer 502, as an expired or broken link would fail. */
  failDownloads = 0;
  private readonly files = new Map<string, Buffer>();
  /** The highest getUpdates offset seen: updates below it are confirmed and dropped. */
  confirmedOffset = 0;
  webhook?: { url: string; secret_token?: string };
  /** Answers from the webhook endpoint to pushed updates (HTTP status per delivery). */
  readonly webhookStatuses: number[] = [];

  private queue: Json[] = [];
  private nextUpdateId = 1;
  private nextId = 100;
  private readonly messageIds = new Map<number, number>();
  private readonly chats = new Map<number, FakeChat>();
  private readonly failures = new Map<string, Failure[]>();
  private pollers: Poller[] = [];
  private readonly holds = new Map<string, number>();
  private releases: Array<() => void> = [];
  private delivering = Promise.resolve();

  private constructor(private readonly server: http.Server) {}

  /** Starts a server on a random loopback port. */
  static async start(): Promise<FakeBotApi> {
    let fake!: FakeBotApi;
    const server = http.createServer((req, res) => void fake.route(req, res));
    fake = new FakeBotApi(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL for grammY's `client.apiRoot`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues an update (update_id assigned) for getUpdates, or POSTs it to the webhook. */
  pushUpdate(update: Json): number {
    const full: Json = { ...update, update_id: this.nextUpdateId++ };
    for (const m of [full.message, full.edited_message]) if (m?.chat) this.chats.set(m.chat.id, m.chat);
    if (this.webhook) this.delivering = this.delivering.then(() => this.deliver(full));
    else this.queue.push(full);
    this.wakePollers();
    return full.update_id;
  }

  /** Makes the next `times` calls of `method` fail with `failure`. */
  failNext(method: string, failure: Failure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** Leaves the next `times` calls of `method` unanswered until {@link release}, like a send on the wire. */
  holdNext(method: string, times = 1): void {
    this.holds.set(method, (this.holds.get(method) ?? 0) + times);
  }

  /** Calls held and not yet released. */
  get heldCalls(): number {
    return this.releases.length;
  }

  /** Answers the held calls and holds no more. */
  release(): void {
    this.holds.clear();
    for (const go of this.releases.splice(0)) go();
  }

  /** Resolves with the first `n` sent messages once there are that many. */
  waitForSent(n: number, timeoutMs = 3000): Promise<ApiCall[]> {
    const what = `${n} sent messages`;
    return this.waitFor(() => this.sent.length >= n, timeoutMs, what).then(() => this.sent.slice(0, n));
  }

  /** Resolves when `predicate` holds (polled every 5 ms, so it may watch test state too). */
  waitFor(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate()) resolve();
        else if (Date.now() > deadline) reject(new Error(`FakeBotApi: timed out waiting for ${what}`));
        else setTimeout(check, 5);
      };
      check();
    });
  }

  /** Calls of one method, e.g. to count retries. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Updates still waiting to be fetched (not yet confirmed by an offset). */
  get unconfirmed(): number {
    return this.queue.length;
  }

  // Builders, so scenarios read like a chat log.

  /** A user; ids are unique per server. */
  user(firstName: string, username?: string): FakeUser {
    return { id: 1000 + this.nextId++, is_bot: false, first_name: firstName, username };
  }

  /** A supergroup (forum when `forum`), registered so sendMessage can echo it. */
  group(title: string, forum = false): FakeChat {
    const chat: FakeChat = {
      id: -1001000000000 - this.nextId++,
      type: 'supergroup',
      title,
      is_forum: forum || undefined,
    };
    this.chats.set(chat.id, chat);
    return chat;
  }

  /** The private chat with a user (its id is the user id). */
  dm(user: FakeUser): FakeChat {
    const chat: FakeChat = { id: user.id, type: 'private' };
    this.chats.set(chat.id, chat);
    return chat;
  }

  /**
   * A text message. `@username` in the text becomes a `mention` entity; users in `textMentions`
   * get a `text_mention` entity over their first `@first_name`. Returns the Message pushed.
   */
  say(
    chat: FakeChat,
    from: FakeUser,
    text: string,
    opts: { textMentions?: FakeUser[]; threadId?: number; replyTo?: Json } = {},
  ): Json {
    const entities: Json[] = [];
    for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g))
      entities.push({ type: 'mention', offset: m.index, length: m[0].length });
    for (const user of opts.textMentions ?? []) {
      const at = text.indexOf(`@${user.first_name}`);
      if (at >= 0) entities.push({ type: 'text_mention', offset: at, length: user.first_name.length + 1, user });
    }
    const message: Json = { ...this.envelope(chat, from), text };
    if (entities.length) message.entities = entities.sort((a, b) => a.offset - b.offset);
    if (opts.threadId) Object.assign(message, { message_thread_id: opts.threadId, is_topic_message: true });
    if (opts.replyTo) message.reply_to_message = opts.replyTo;
    this.pushUpdate({ message });
    return message;
  }

  /** A reply to a message the bot sent (e.g. a head answering "#12 已处理"). */
  reply(to: ApiCall, from: FakeUser, text: string): Json {
    const chat = this.chats.get(to.message!.chat.id)!;
    return this.say(chat, from, text, { replyTo: to.message, threadId: to.message!.message_thread_id });
  }

  /** Keeps bytes as a file the bot can getFile and download; returns its file_id and size. */
  addFile(bytes: Buffer): { file_id: string; file_unique_id: string; file_size: number } {
    const id = `file-${this.nextId++}`;
    this.files.set(id, bytes);
    return { file_id: id, file_unique_id: `u${id}`, file_size: bytes.length };
  }

  /**
   * A photo (Telegram sends several sizes; the largest is the original), optionally with a
   * caption and in an album (`mediaGroupId`). Returns the Message pushed.
   */
  photo(chat: FakeChat, from: FakeUser, bytes: Buffer, opts: { caption?: string; mediaGroupId?: string } = {}): Json {
    const thumb = this.addFile(bytes.subarray(0, Math.min(bytes.length, 8)));
    const full = this.addFile(bytes);
    const message: Json = {
      ...this.envelope(chat, from),
      photo: [
        { ...thumb, width: 90, height: 60 },
        { ...full, width: 1280, height: 960 },
      ],
    };
    if (opts.caption) message.caption = opts.caption;
    if (opts.mediaGroupId) message.media_group_id = opts.mediaGroupId;
    this.pushUpdate({ message });
    return message;
  }

  /** A voice note (OGG/Opus as Telegram records them). */
  voice(chat: FakeChat, from: FakeUser, bytes: Buffer): Json {
    const message: Json = {
      ...this.envelope(chat, from),
      voice: { ...this.addFile(bytes), duration: 3, mime_type: 'audio/ogg' },
    };
    this.pushUpdate({ message });
    return message;
  }

  /** A location pin. */
  location(chat: FakeChat, from: FakeUser, latitude: number, longitude: number): Json {
    const message: Json = { ...this.envelope(chat, from), location: { latitude, longitude } };
    this.pushUpdate({ message });
    return message;
  }

  /** The bot being added to a group: my_chat_member plus the service message, like Telegram. */
  addBot(chat: FakeChat, by: FakeUser, status: 'member' | 'administrator' = 'member'): void {
    const change = { old_chat_member: { status: 'left', user: this.me }, new_chat_member: { status, user: this.me } };
    this.pushUpdate({ my_chat_member: { chat, from: by, date: now(), ...change } });
    this.pushUpdate({ message: { ...this.envelope(chat, by), new_chat_members: [this.me] } });
  }

  /** Users joining a group. */
  addMembers(chat: FakeChat, by: FakeUser, members: FakeUser[]): void {
    this.pushUpdate({ message: { ...this.envelope(chat, by), new_chat_members: members } });
  }

  /** Stops the server, ending held long polls. */
  async close(): Promise<void> {
    this.release();
    for (const p of this.pollers) p.finish([]);
    this.pollers = [];
    await this.delivering;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private envelope(chat: FakeChat, from: FakeUser): Json {
    const id = (this.messageIds.get(chat.id) ?? 0) + 1;
    this.messageIds.set(chat.id, id);
    return { message_id: id, date: now(), chat, from };
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const file = /^\/file\/bot[^/]+\/(.+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (file) return this.download(decodeURIComponent(file[1]), res);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const params = await readParams(req);
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = match[2];
    const call: ApiCall = { method, params, at: Date.now() };
    this.calls.push(call);
    const holds = this.holds.get(method) ?? 0;
    if (holds > 0) {
      this.holds.set(method, holds - 1);
      await new Promise<void>((go) => this.releases.push(go));
    }
    const failure = this.failures.get(method)?.shift();
    if (!failure && method === 'getFile' && !this.files.has(String(params.file_id))) {
      const description = 'Bad Request: wrong file_id or the file is temporarily unavailable';
      return reply(res, 400, { ok: false, error_code: 400, description });
    }
    if (failure) {
      call.failed = failure.code;
      const { code, description, ...parameters } = failure as Json;
      const text =
        description ?? (code === 429 ? `Too Many Requests: retry after ${parameters.retry_after}` : DESCRIPTIONS[code]);
      reply(res, code, { ok: false, error_code: code, description: text, parameters });
    } else {
      const result = await this.answer(method, params, call, res);
      reply(res, 200, { ok: true, result });
    }
  }

  private async answer(method: string, p: Json, call: ApiCall, res: http.ServerResponse): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return this.me;
      case 'getUpdates':
        return this.getUpdates(Number(p.offset ?? 0), Number(p.limit ?? 100), Number(p.timeout ?? 0), res);
      case 'sendMessage': {
        const chatId = Number(p.chat_id);
        const chat = this.chats.get(chatId) ?? { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' };
        const message: Json = { ...this.envelope(chat as FakeChat, this.me), text: p.text };
        if (p.entities) message.entities = typeof p.entities === 'string' ? JSON.parse(p.entities) : p.entities;
        if (p.message_thread_id) message.message_thread_id = Number(p.message_thread_id);
        call.message = message;
        this.sent.push(call);
        return message;
      }
      case 'getFile': {
        const bytes = this.files.get(String(p.file_id))!;
        return { file_id: p.file_id, file_size: bytes.length, file_path: `photos/${p.file_id}.jpg` };
      }
      case 'sendPhoto': {
        const chatId = Number(p.chat_id);
        const chat = this.chats.get(chatId) ?? { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' };
        const message: Json = {
          ...this.envelope(chat as FakeChat, this.me),
          photo: [{ file_id: 'sent' }],
          caption: p.caption,
        };
        call.message = message;
        this.photos.push(call);
        return message;
      }
      case 'setWebhook':
        this.webhook = { url: p.url, secret_token: p.secret_token };
        return true;
      case 'deleteWebhook':
        this.webhook = undefined;
        return true;
      case 'getChat':
        return this.chats.get(Number(p.chat_id)) ?? { id: Number(p.chat_id), type: 'private' };
      default:
        return true; // calls the adapter makes in passing (e.g. close) just succeed
    }
  }

  private download(path: string, res: http.ServerResponse): void {
    const id = /^photos\/(.+)\.jpg$/.exec(path)?.[1];
    const bytes = id ? this.files.get(id) : undefined;
    const failing = this.failDownloads > 0;
    if (failing) this.failDownloads--;
    const status = failing ? 502 : bytes ? 200 : 404;
    this.downloads.push({ path, status });
    if (status !== 200) return void res.writeHead(status).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
  }

  /** Telegram semantics: an offset confirms (drops) every update below it, on receipt. */
  private getUpdates(offset: number, limit: number, timeoutSec: number, res: http.ServerResponse): Promise<Json[]> {
    if (offset > this.confirmedOffset) this.confirmedOffset = offset;
    this.queue = this.queue.filter((u) => u.update_id >= this.confirmedOffset);
    const ready = () => this.queue.filter((u) => u.update_id >= offset).slice(0, Math.max(1, Math.min(limit, 100)));
    if (ready().length || timeoutSec <= 0) return Promise.resolve(ready());
    return new Promise((resolve) => {
      const poller: Poller = {
        ready,
        finish: (updates) => {
          clearTimeout(timer);
          this.pollers = this.pollers.filter((p) => p !== poller);
          resolve(updates);
        },
      };
      const timer = setTimeout(() => poller.finish([]), timeoutSec * 1000);
      res.once('close', () => poller.finish([])); // client aborted (adapter stopping)
      this.pollers.push(poller);
    });
  }

  private wakePollers(): void {
    for (const p of [...this.pollers]) {
      const updates = p.ready();
      if (updates.length) p.finish(updates);
    }
  }

  private async deliver(update: Json): Promise<void> {
    const hook = this.webhook!;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (hook.secret_token) headers['x-telegram-bot-api-secret-token'] = hook.secret_token;
    const response = await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(update) }).catch(
      () => undefined,
    );
    this.webhookStatuses.push(response?.status ?? 0);
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** grammY posts JSON; forms and query strings are accepted too. */
async function readParams(req: http.IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  if (!body) return query;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('json')) return { ...query, ...JSON.parse(body) };
  if (type.includes('multipart/form-data')) {
    // Text fields only (sendPhoto's chat_id, caption); the file part is kept as its size.
    const fields: Json = { ...query };
    for (const m of body.matchAll(/name="([^"]+)"(?:; filename="[^"]*")?\r\n(?:[^\r]*\r\n)*?\r\n([\s\S]*?)\r\n--/g))
      fields[m[1]] = m[1] === 'photo' ? { bytes: m[2].length } : m[2];
    return fields;
  }
  return { ...query, ...Object.fromEntries(new URLSearchParams(body)) };
}
