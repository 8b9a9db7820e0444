/**
 * A WeCom intelligent-bot long-connection server on 127.0.0.1 for tests: a real `ws` WebSocket
 * server speaking the frames of `@wecom/aibot-node-sdk` and WeCom's documentation — subscribe
 * (`aibot_subscribe` with bot_id and secret; 853000 when wrong), application heartbeats
 * (`ping`), message and event callbacks (`aibot_msg_callback`, `aibot_event_callback`),
 * replies through a callback's req_id (`aibot_respond_msg`, `aibot_respond_welcome_msg`) and
 * proactive sends (`aibot_send_msg`), each acknowledged `{ headers: { req_id }, errcode, errmsg }`.
 * One connection per bot: a newer one gets the bot and the older one a `disconnected_event`.
 * Encrypted media (AES-256-CBC, the key's first 16 bytes as IV, PKCS#7 to 32 bytes) is served
 * over HTTP on the same port.
 *
 * What the documentation leaves open is a choice made here and said where it is made.
 *
 * @example
 * const wecom = await FakeWecom.start();
 * const adapter = new WecomAdapter({ botId: wecom.botId, secret: wecom.secret, wsUrl: wecom.url });
 * wecom.say('wangwu', '@网格助手 3栋楼道灯坏了', { chat: 'wrGroup31' });
 * await wecom.waitFor((d) => /已受理/.test(d.content));
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export type Json = Record<string, any>;

/** Something the bot delivered, in the order the server accepted it. */
export interface WecomDelivery {
  via: 'reply' | 'welcome' | 'send';
  /** The group's chatid, or the userid of a one-to-one chat. */
  chatId: string;
  content: string;
  /** The callback a reply answered. */
  msgid?: string;
  reqId: string;
}

interface Callback {
  reqId: string;
  body: Json;
  kind: 'message' | 'event';
  at: number;
  answered: boolean;
  /** The connection it went out on; none while it waits for one. */
  conn?: WebSocket;
  redelivered?: boolean;
}

const REPLY_TYPES: Record<string, string[]> = {
  aibot_respond_msg: ['stream', 'template_card', 'stream_with_template_card'],
  aibot_respond_welcome_msg: ['text', 'template_card'],
  aibot_send_msg: ['markdown', 'template_card', 'image', 'file', 'voice', 'video'],
};

export class FakeWecom {
  readonly botId = 'aibot-test-1';
  readonly secret = 'long-connection-secret';
  /** What the bot delivered and WeCom accepted. */
  readonly delivered: WecomDelivery[] = [];
  /** Every frame the bot sent, pings and refused ones included. */
  readonly frames: Json[] = [];
  subscribes = 0;
  pings = 0;
  /** Acknowledge after this long (replies in flight pile up meanwhile). */
  ackDelayMs = 0;
  /** How long a callback's req_id may be replied through; longer → 846605. WeCom does not say. */
  replyWindowMs = Number.POSITIVE_INFINITY;
  /** WeCom: a welcome must follow enter_chat within 5 s. */
  welcomeWindowMs = 5_000;
  answerPings = true;
  /**
   * A message callback left unanswered on a connection that closed is pushed once more (same
   * msgid, new req_id) on the next connection: at-least-once delivery, which the documentation's
   * "msgid 用于排重" tells clients to expect.
   */
  redeliverUnanswered = true;
  /** Most replies and sends seen unacknowledged at once, per person (or group, for sends). */
  readonly maxInFlight = new Map<string, number>();

  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly callbacks = new Map<string, Callback>();
  private readonly media = new Map<string, Buffer>();
  private readonly failures = new Map<string, Json[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly dropping = new Set<string>();
  private active?: WebSocket;
  private seq = 0;

  private constructor() {
    this.http = http.createServer((req, res) => {
      const bytes = this.media.get(req.url ?? '');
      res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/octet-stream' });
      res.end(bytes);
    });
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws) => {
      ws.on('message', (data) => this.onFrame(ws, JSON.parse(String(data)) as Json));
      ws.on('close', () => {
        if (this.active === ws) this.active = undefined;
      });
    });
  }

  static async start(): Promise<FakeWecom> {
    const server = new FakeWecom();
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** The `wsUrl` to give the SDK. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** A text message from `userid`; in `chat` (a group chatid) or one-to-one. Returns its msgid. */
  say(userid: string, content: string, opts: { chat?: string; quote?: Json } = {}): string {
    return this.message(userid, opts.chat, { msgtype: 'text', text: { content }, quote: opts.quote });
  }

  /** A voice note, transcribed by WeCom (one-to-one only). */
  voice(userid: string, transcript: string): string {
    return this.message(userid, undefined, { msgtype: 'voice', voice: { content: transcript } });
  }

  /** An image (one-to-one only), served encrypted at a URL with its own key. */
  image(userid: string, bytes: Buffer): string {
    return this.message(userid, undefined, { msgtype: 'image', image: this.host(bytes) });
  }

  /** A file (one-to-one only). */
  file(userid: string, filename: string, bytes: Buffer): string {
    return this.message(userid, undefined, { msgtype: 'file', file: { ...this.host(bytes), filename } });
  }

  /** Text with images, as one message. */
  mixed(userid: string, items: Array<string | Buffer>, chat?: string): string {
    const msg_item = items.map((i) =>
      typeof i === 'string' ? { msgtype: 'text', text: { content: i } } : { msgtype: 'image', image: this.host(i) },
    );
    return this.message(userid, chat, { msgtype: 'mixed', mixed: { msg_item } });
  }

  /** Someone opens their one-to-one chat with the bot (the first time that day). */
  enterChat(userid: string): string {
    const body: Json = { ...this.envelope(userid), msgtype: 'event', event: { eventtype: 'enter_chat' } };
    this.push(body, 'event');
    return body.msgid;
  }

  /** Pushes any callback body (a redelivery test reuses a msgid this way). */
  push(body: Json, kind: Callback['kind'] = 'message'): void {
    const callback: Callback = { reqId: this.reqId(), body, kind, at: Date.now(), answered: false };
    this.callbacks.set(callback.reqId, callback);
    if (this.active) this.deliver(this.active, callback);
  }

  /** The req_ids `msgid` was pushed with, in order (more than one when it was delivered again). */
  reqIdsOf(msgid: string): string[] {
    return [...this.callbacks.values()].filter((c) => c.body.msgid === msgid).map((c) => c.reqId);
  }

  /** The callback bodies pushed so far, in order. */
  get pushed(): Json[] {
    return [...this.callbacks.values()].map((c) => c.body);
  }

  /** Answers the next `times` frames of `cmd` with this error instead of accepting them. */
  fail(cmd: string, errcode: number, errmsg: string, times = 1): void {
    const list = this.failures.get(cmd) ?? [];
    for (let i = 0; i < times; i++) list.push({ errcode, errmsg });
    this.failures.set(cmd, list);
  }

  /**
   * The next frame of `cmd` never arrives: the connection breaks as it is sent (the bot hears
   * no acknowledgement and WeCom shows nothing).
   */
  dropOnNext(cmd: string): void {
    this.dropping.add(cmd);
  }

  /** Cuts every connection without a close frame, as a network failure would. */
  drop(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.active = undefined;
  }

  /** Resolves with the first delivery matching `predicate`. */
  async waitFor(predicate: (d: WecomDelivery) => boolean, what = 'a delivery', timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.delivered.find(predicate);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private message(userid: string, chat: string | undefined, content: Json): string {
    const body = { ...this.envelope(userid, chat), ...content };
    if (!body.quote) delete body.quote;
    this.push(body);
    return body.msgid;
  }

  private envelope(userid: string, chat?: string): Json {
    return {
      msgid: `msg${++this.seq}${randomBytes(4).toString('hex')}`,
      aibotid: this.botId,
      ...(chat ? { chatid: chat } : {}),
      chattype: chat ? 'group' : 'single',
      from: { userid },
      create_time: Math.floor(Date.now() / 1000),
    };
  }

  private host(bytes: Buffer): { url: string; aeskey: string } {
    const key = randomBytes(32);
    const path = `/media/${randomBytes(6).toString('hex')}`;
    const pad = 32 - (bytes.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([bytes, Buffer.alloc(pad, pad)]);
    this.media.set(path, Buffer.concat([cipher.update(plain), cipher.final()]));
    return { url: `http://127.0.0.1:${this.port}${path}`, aeskey: key.toString('base64') };
  }

  private reqId(): string {
    return `cb${++this.seq}_${randomBytes(6).toString('hex')}`;
  }

  private deliver(ws: WebSocket, callback: Callback): void {
    callback.conn = ws;
    callback.at = Date.now();
    const cmd = callback.kind === 'event' ? 'aibot_event_callback' : 'aibot_msg_callback';
    ws.send(JSON.stringify({ cmd, headers: { req_id: callback.reqId }, body: callback.body }));
  }

  private ack(ws: WebSocket, reqId: string, errcode = 0, errmsg = 'ok', delay = 0, after?: () => void): void {
    const send = () => {
      after?.();
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
    };
    if (delay > 0) setTimeout(send, delay);
    else send();
  }

  private onFrame(ws: WebSocket, frame: Json): void {
    if (this.dropping.delete(frame.cmd)) {
      this.drop();
      return;
    }
    this.frames.push(frame);
    const reqId = String(frame.headers?.req_id ?? '');
    if (frame.cmd === 'aibot_subscribe') this.subscribe(ws, reqId, frame.body ?? {});
    else if (frame.cmd === 'ping') {
      this.pings++;
      if (this.answerPings) this.ack(ws, reqId);
    } else if (REPLY_TYPES[frame.cmd]) this.respond(ws, frame.cmd, reqId, frame.body ?? {});
    else this.ack(ws, reqId, 40008, 'invalid cmd');
  }

  private subscribe(ws: WebSocket, reqId: string, body: Json): void {
    // WeCom leaves the unauthenticated connection open; the SDK closes it itself.
    if (body.bot_id !== this.botId || body.secret !== this.secret) {
      this.ack(ws, reqId, 853000, 'invalid bot_id or secret');
      return;
    }
    this.subscribes++;
    const old = this.active;
    this.active = ws;
    this.ack(ws, reqId);
    if (old && old !== ws && old.readyState === old.OPEN) {
      const event = { ...this.envelope('sys'), msgtype: 'event', event: { eventtype: 'disconnected_event' } };
      old.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: this.reqId() }, body: event }));
      setTimeout(() => old.terminate(), 100);
    }
    // After the acknowledgement: what waited for a connection, then what a lost one left unanswered.
    setTimeout(() => {
      for (const callback of this.callbacks.values()) {
        if (callback.answered || this.active !== ws) continue;
        if (!callback.conn) this.deliver(ws, callback);
        else if (
          callback.conn !== ws &&
          this.redeliverUnanswered &&
          !callback.redelivered &&
          callback.kind === 'message'
        ) {
          callback.redelivered = true;
          const again: Callback = { ...callback, reqId: this.reqId(), redelivered: true };
          this.callbacks.set(again.reqId, again);
          this.deliver(ws, again);
        }
      }
    }, 10);
  }

  private respond(ws: WebSocket, cmd: string, reqId: string, body: Json): void {
    const refusal = this.refusal(cmd, reqId, body);
    if (refusal) {
      this.ack(ws, reqId, refusal.errcode, refusal.errmsg, this.ackDelayMs);
      return;
    }
    const callback = this.callbacks.get(reqId);
    if (callback) callback.answered = true;
    const chatId = callback ? (callback.body.chatid ?? callback.body.from.userid) : String(body.chatid);
    // Replies count against the person who wrote, sends against the chat they go to.
    const person = callback ? callback.body.from.userid : chatId;
    const content = body.stream?.content ?? body.markdown?.content ?? body.text?.content ?? '';
    const via = cmd === 'aibot_send_msg' ? 'send' : cmd === 'aibot_respond_msg' ? 'reply' : 'welcome';
    this.delivered.push({ via, chatId, content, msgid: callback?.body.msgid, reqId });
    const now = (this.inFlight.get(person) ?? 0) + 1;
    this.inFlight.set(person, now);
    this.maxInFlight.set(person, Math.max(now, this.maxInFlight.get(person) ?? 0));
    this.ack(ws, reqId, 0, 'ok', this.ackDelayMs, () =>
      this.inFlight.set(person, (this.inFlight.get(person) ?? 1) - 1),
    );
  }

  /** Why WeCom would refuse this frame, if it would. */
  private refusal(cmd: string, reqId: string, body: Json): { errcode: number; errmsg: string } | undefined {
    const failure = this.failures.get(cmd)?.shift();
    if (failure) return { errcode: failure.errcode, errmsg: failure.errmsg };
    if (!REPLY_TYPES[cmd].includes(body.msgtype)) return { errcode: 40008, errmsg: 'invalid message type' };
    if (cmd === 'aibot_send_msg') return body.chatid ? undefined : { errcode: 40058, errmsg: 'invalid chatid' };
    const callback = this.callbacks.get(reqId);
    const welcome = cmd === 'aibot_respond_welcome_msg';
    const window = welcome ? this.welcomeWindowMs : this.replyWindowMs;
    // enter_chat's req_id answers only a welcome, a message's only a reply (WeCom: 846605).
    const fits = callback && (callback.kind === 'event') === welcome && Date.now() - callback.at <= window;
    return fits ? undefined : { errcode: 846605, errmsg: 'invalid req_id' };
  }
}
