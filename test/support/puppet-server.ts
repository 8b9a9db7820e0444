/**
 * A real Wechaty puppet service on loopback for tests: a `PuppetServer` from
 * wechaty-puppet-service hosting `PuppetMock` with a `Mocker`, reached over real gRPC
 * (insecure, 127.0.0.1 only). Tests drive the "WeChat world" through the mocker
 * (contacts speak, rooms are created, people are added) and point a `WechatAdapter`
 * at `{ endpoint, token }` with `tls: false`.
 *
 * @example
 * const ps = await startPuppetServer();
 * const room = ps.createRoom('3栋2单元', [alice]);
 * const adapter = new WechatAdapter({ token: ps.token, endpoint: ps.endpoint, tls: false });
 * ps.say(alice, '楼道灯坏了', room);
 */
import { FileBox } from 'file-box';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PuppetServer } from 'wechaty-puppet-service';
import { PuppetMock, mock } from 'wechaty-puppet-mock';

export type MockContact = mock.ContactMock;
export type MockRoom = mock.RoomMock;

/** What a mock room received: one entry per message posted into it (anyone's). */
export interface RoomMessage {
  id: string;
  talkerId: string;
  text: string;
  mentionIds: string[];
}

/** One `messageSendText` call as the puppet service received it. */
export interface SentText {
  conversationId: string;
  text: string;
  mentionIds: string[];
}

export interface PuppetServerHandle {
  /** `127.0.0.1:PORT`, for `WechatOptions.endpoint`. */
  endpoint: string;
  /** `insecure_<uuid>`; the `insecure_` prefix is the SNI the library expects without TLS. */
  token: string;
  mocker: mock.Mocker;
  /** The mock account the bot is logged in as. */
  bot: MockContact;
  createContact(name: string): MockContact;
  /** A room with the bot and `members`; pass `withBot: false` for a room the bot is not in yet. */
  createRoom(topic: string, members: MockContact[], options?: { withBot?: boolean }): MockRoom;
  /** `contact` says `text` in `room`, or to the bot directly when no room is given. Returns the message id. */
  say(contact: MockContact, text: string, room?: MockRoom, mentions?: MockContact[]): string;
  /** `contact` sends a file (a photo when `name` ends .jpg/.png) in `room`. Returns the message id. */
  sendFile(contact: MockContact, bytes: Buffer, name: string, room?: MockRoom): string;
  /** Adds `invitees` to `room`, invited by `inviter`: emits `room-join`. */
  addToRoom(room: MockRoom, invitees: MockContact[], inviter: MockContact): void;
  /** Re-emits an existing message id, as a puppet service does after a restart. */
  replay(messageId: string): void;
  /** Every message posted into `room` so far, oldest first (includes the bot's own). */
  roomMessages(room: MockRoom): RoomMessage[];
  /**
   * What reached the puppet's `messageSendText` over gRPC, in order: the mock drops mention
   * ids when it stores a message, so this is where tests see which contacts were @-mentioned.
   */
  sends: SentText[];
  /** Messages the bot sent directly to `contact`. */
  directMessages(contact: MockContact): RoomMessage[];
  /** Resolves when `room` has at least `count` messages from the bot. */
  waitForBotMessages(room: MockRoom, count: number, timeoutMs?: number): Promise<RoomMessage[]>;
  /** Shuts the gRPC server and the puppet down, like a crashed puppet service. */
  kill(): Promise<void>;
  /** Starts the gRPC server again on the same port (after `kill`). */
  revive(): Promise<void>;
  /** `kill` then `revive`. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

let homeSet = false;

/**
 * The puppet-service client caches payloads under `~/.wechaty/<token>`; tests must not
 * write into the real home, so HOME goes to a temp dir once per test process. The client
 * reads `os.homedir()` when it is constructed, so this works after import too.
 */
export function useTempHome(): string {
  if (!homeSet) {
    process.env.HOME = mkdtempSync(join(tmpdir(), 'gridbot-wechat-home-'));
    homeSet = true;
  }
  return process.env.HOME as string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a loopback puppet service whose mock account logs in whenever a client starts it. */
export async function startPuppetServer(options: { botName?: string } = {}): Promise<PuppetServerHandle> {
  useTempHome();
  const mocker = new mock.Mocker();
  const bot = mocker.createContact({ name: options.botName ?? '网格助手' });
  // Environments run on every puppet start (the client's gRPC `start`), so the mock account
  // logs in again after a restart, as a real service re-logs a session.
  mocker.use((m) => {
    m.login(bot);
    return () => undefined;
  });
  const puppet = new PuppetMock({ mocker });
  const sends: SentText[] = [];
  const sendText = puppet.messageSendText.bind(puppet);
  puppet.messageSendText = async (conversationId: string, text: string, mentionIds?: string[]) => {
    sends.push({ conversationId, text, mentionIds: mentionIds ?? [] });
    return sendText(conversationId, text);
  };
  const token = `insecure_${randomUUID()}`;
  const endpoint = `127.0.0.1:${await freePort()}`;
  let server: PuppetServer | undefined;

  const messagesIn = (filter: (p: Record<string, unknown>) => boolean): RoomMessage[] =>
    [...mocker.cacheMessagePayload.values()]
      .map((p) => p as unknown as Record<string, unknown>)
      .filter(filter)
      .sort((a, b) => (a.timestamp as number) - (b.timestamp as number))
      .map((p) => ({
        id: p.id as string,
        talkerId: p.talkerId as string,
        text: (p.text as string) ?? '',
        mentionIds: (p.mentionIdList as string[]) ?? [],
      }));

  const revive = async (): Promise<void> => {
    if (server) return;
    // tls.disable as an option rather than the env switch: no global state leaks between tests.
    server = new PuppetServer({ puppet, token, endpoint, tls: { disable: true } } as ConstructorParameters<
      typeof PuppetServer
    >[0]);
    await server.start();
  };
  const kill = async (): Promise<void> => {
    const s = server;
    server = undefined;
    if (s) await s.stop();
    // Stopping the puppet logs the mock account out; the next client `start` logs it in again.
    if (puppet.isLoggedIn || (puppet.state as { active(): boolean }).active())
      await puppet.stop().catch(() => undefined);
  };

  await revive();

  const handle: PuppetServerHandle = {
    endpoint,
    token,
    mocker,
    bot,
    sends,
    createContact: (name) => mocker.createContact({ name }),
    createRoom: (topic, members, opts = {}) =>
      mocker.createRoom({
        topic,
        memberIdList: [...(opts.withBot === false ? [] : [bot.id]), ...members.map((m) => m.id)],
      }),
    say(contact, text, room, mentions = []) {
      const before = new Set(mocker.cacheMessagePayload.keys());
      contact.say(text, mentions).to(room ?? bot);
      const id = [...mocker.cacheMessagePayload.keys()].find((k) => !before.has(k));
      if (!id) throw new Error('mock did not record the message');
      return id;
    },
    sendFile(contact, bytes, name, room) {
      const before = new Set(mocker.cacheMessagePayload.keys());
      contact.say(FileBox.fromBase64(bytes.toString('base64'), name)).to(room ?? bot);
      const id = [...mocker.cacheMessagePayload.keys()].find((k) => !before.has(k));
      if (!id) throw new Error('mock did not record the message');
      return id;
    },
    addToRoom: (room, invitees, inviter) => room.add(...invitees).by(inviter),
    replay: (messageId) => puppet.emit('message', { messageId }),
    roomMessages: (room) => messagesIn((p) => p.roomId === room.id),
    directMessages: (contact) => messagesIn((p) => p.listenerId === contact.id && p.talkerId === bot.id),
    async waitForBotMessages(room, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mine = handle.roomMessages(room).filter((m) => m.talkerId === bot.id);
        if (mine.length >= count) return mine;
        if (Date.now() > deadline) throw new Error(`room got ${mine.length} of ${count} bot messages`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    kill,
    revive,
    async restart() {
      await kill();
      await revive();
    },
    async stop() {
      await kill();
    },
  };
  return handle;
}
