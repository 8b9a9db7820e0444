// A photo over the real WeChat protocol: Wechaty with wechaty-puppet-service talks gRPC on
// loopback to a PuppetServer hosting wechaty-puppet-mock; the image arrives as a message of
// type Image, its bytes come back through the puppet service when the download job runs.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WechatAdapter } from '../../src/adapters/wechat/index.js';
import { freshSqlite } from '../support/db.js';
import { loadOrg, type PlatformBot, startBot, waitUntil } from '../support/platform-harness.js';
import {
  type MockContact,
  type MockRoom,
  type PuppetServerHandle,
  startPuppetServer,
} from '../support/puppet-server.js';

let ps: PuppetServerHandle;
let fresh: Awaited<ReturnType<typeof freshSqlite>>;
const bots: PlatformBot[] = [];

beforeEach(async () => {
  ps = await startPuppetServer();
  fresh = await freshSqlite();
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await ps.stop();
  await fresh.cleanup();
});

const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('wechat photo of the lift'),
  Buffer.from([0xff, 0xd9]),
]);

async function start(): Promise<PlatformBot> {
  const wechat = new WechatAdapter({
    token: ps.token,
    endpoint: ps.endpoint,
    tls: false,
    pacing: { sameChatGapMs: 20, otherChatGapMs: 20, perMinute: 0, jitterMs: 0 },
    reconnect: { initialMs: 100, maxMs: 400 },
    sendTimeoutMs: 5_000,
  });
  const bot = await startBot({ db: fresh.db, url: fresh.url, adapters: [wechat] });
  bots.push(bot);
  await wechat.whenLoggedIn(15_000);
  return bot;
}

async function botSent(to: MockRoom | MockContact, pattern: RegExp) {
  const find = () => ps.sends.find((s) => s.conversationId === to.id && pattern.test(s.text));
  await waitUntil(() => !!find(), `a message to ${to.id} matching ${pattern}`);
  return find()!;
}

describe('WeChat photos end to end', () => {
  it('takes an image from the puppet, asks once, and files the next sentence as one ticket with the photo', async () => {
    const resident = ps.createContact('小王');
    const head = ps.createContact('冯单元长');
    const room = ps.createRoom('3栋1单元群', [resident, head]);
    await loadOrg(fresh.db, {
      identities: { 'feng-b3u1': [{ platform: 'wechat', id: head.id }] },
      chats: { b3u1: [{ platform: 'wechat', id: room.id, title: '3栋1单元群' }] },
    });
    const bot = await start();

    ps.sendFile(resident, jpeg, 'lift.jpg', room);
    await botSent(room, /收到图片，请用一句话说明问题和位置/);
    ps.say(resident, '3栋1单元电梯坏了 困人了', room);
    await botSent(room, /已受理 #1/);
    await bot.quiet();
    const photos = await fresh.db.prisma.attachment.findMany({ where: { ticketId: 1 } });
    await waitUntil(
      async () => (await fresh.db.prisma.attachment.count({ where: { ticketId: 1, status: 'stored' } })) === 1,
      'the photo to be stored',
    );
    expect(photos).toHaveLength(1);
    const [photo] = await fresh.db.prisma.attachment.findMany({ where: { ticketId: 1 } });
    expect(photo).toMatchObject({ kind: 'image', mime: 'image/jpeg', role: 'report' });
    const bytes = await readFile(bot.app.deps.media!.pathOf(photo.sha256!, photo.mime!));
    expect(bytes.equals(jpeg)).toBe(true);
    expect(await fresh.db.prisma.ticket.count()).toBe(1);
    expect(ps.sends.filter((s) => /收到图片/.test(s.text))).toHaveLength(1);
  });
});
