// Photos over the real Telegram protocol: grammY long-polls the loopback FakeBotApi, the
// adapter maps photo/voice/location updates to neutral attachments, and the download job
// fetches the bytes with getFile and the file endpoint into the media store.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { freshSqlite } from '../support/db.js';
import { type ApiCall, FakeBotApi, type FakeChat, type FakeUser } from '../support/fake-bot-api.js';
import { loadOrg, type PlatformBot, startBot, waitUntil } from '../support/platform-harness.js';

let fake: FakeBotApi;
let fresh: Awaited<ReturnType<typeof freshSqlite>>;
const bots: PlatformBot[] = [];

beforeEach(async () => {
  fake = await FakeBotApi.start();
  fresh = await freshSqlite();
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await fake.close();
  await fresh.cleanup();
});

const jpeg = (seed: string) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(`telegram photo ${seed}`),
    Buffer.from([0xff, 0xd9]),
  ]);

async function start(): Promise<PlatformBot> {
  const adapter = new TelegramAdapter({
    token: '123:TEST',
    apiRoot: fake.apiRoot,
    pacing: { sameChatGapMs: 10, perSecond: 30 },
    retry: { maxRetryAttempts: 1, maxDelaySeconds: 5, serverErrorDelayMs: 20 },
    pollTimeoutSeconds: 1,
    stopTimeoutMs: 5_000,
    botNames: ['网格助手'],
  });
  const bot = await startBot({ db: fresh.db, url: fresh.url, adapters: [adapter] });
  bots.push(bot);
  return bot;
}

async function sentTo(chat: FakeChat | FakeUser, pattern: RegExp): Promise<ApiCall> {
  const find = () => fake.sent.find((c) => Number(c.params.chat_id) === chat.id && pattern.test(String(c.params.text)));
  await waitUntil(() => !!find(), `a message to ${chat.id} matching ${pattern}`);
  return find()!;
}

const stored = (ticketId: number) =>
  fresh.db.prisma.attachment.findMany({ where: { ticketId, status: 'stored' }, orderBy: { id: 'asc' } });

async function setup() {
  const resident = fake.user('王', 'wang_resident');
  const head = fake.user('冯师傅');
  const group = fake.group('3栋1单元业主群');
  await loadOrg(fresh.db, {
    identities: { 'feng-b3u1': [{ platform: 'telegram', id: String(head.id) }] },
    chats: { b3u1: [{ platform: 'telegram', id: String(group.id), title: '3栋1单元业主群' }] },
  });
  const bot = await start();
  return { resident, head, group, bot };
}

describe('Telegram photos end to end', () => {
  it('files a photo with a report caption as a ticket with the largest size of the photo', async () => {
    const { resident, group, bot } = await setup();
    fake.photo(group, resident, jpeg('lift'), { caption: '3栋1单元电梯坏了 门关不上' });
    await sentTo(group, /已受理 #1/);
    await waitUntil(async () => (await stored(1)).length === 1, 'the photo to be stored');
    const [photo] = await stored(1);
    const bytes = await readFile(bot.app.deps.media!.pathOf(photo.sha256!, photo.mime!));
    expect(bytes.equals(jpeg('lift'))).toBe(true);
    fake.say(group, resident, '#1 怎么样了');
    await sentTo(group, /附图 1 张/);
  });

  it('gathers an album into one report with all its photos', async () => {
    const { resident, group, bot } = await setup();
    fake.photo(group, resident, jpeg('a'), { caption: '3栋1单元楼道堆满杂物 堵住了消防通道', mediaGroupId: 'album-1' });
    fake.photo(group, resident, jpeg('b'), { mediaGroupId: 'album-1' });
    fake.photo(group, resident, jpeg('c'), { mediaGroupId: 'album-1' });
    await sentTo(group, /已受理 #1/);
    await bot.handled((m) => !!m.albumId, 3);
    await waitUntil(async () => (await stored(1)).length === 3, 'three photos on #1');
    await bot.quiet();
    expect(await fresh.db.prisma.ticket.count()).toBe(1);
    // One reply for the album, no question for the photos without a caption.
    expect(fake.sent.filter((c) => /收到图片/.test(String(c.params.text)))).toHaveLength(0);
  });

  it('asks after a photo alone and files the next sentence with it', async () => {
    const { resident, group } = await setup();
    fake.photo(group, resident, jpeg('alone'));
    await sentTo(group, /收到图片，请用一句话说明问题和位置/);
    fake.say(group, resident, '3栋1单元楼道灯坏了');
    await sentTo(group, /已受理 #1/);
    await waitUntil(async () => (await stored(1)).length === 1, 'the photo on #1');
  });

  it("attaches the assignee's after photo to the fix and sends the photos to a head on #1 照片", async () => {
    const { resident, head, group } = await setup();
    fake.say(group, resident, '3栋1单元楼道灯坏了');
    await sentTo(group, /已受理 #1/);
    fake.say(group, head, '接单 #1');
    await sentTo(group, /#1 已由 冯单元长 签收/);
    fake.say(group, head, '办结 #1 已换灯泡');
    await sentTo(group, /#1 已办结/);
    fake.photo(group, head, jpeg('after'));
    await sentTo(group, /已将照片作为 #1 的办结凭证/);
    await waitUntil(async () => (await stored(1)).length === 1, 'the evidence photo');
    const [evidence] = await stored(1);
    expect(evidence.role).toBe('evidence');
    fake.say(group, head, '#1 照片');
    await sentTo(group, /#1 的照片共 1 张，已私信发给您/);
    await waitUntil(() => fake.photos.length === 1, 'the photo sent by direct message');
    expect(Number(fake.photos[0].params.chat_id)).toBe(head.id);
    expect(fake.photos[0].params.caption).toBe('#1 办结照片 1/1');
  });

  it('keeps a voice note with one request for text, and stores a location pin on the ticket', async () => {
    const { resident, group } = await setup();
    fake.voice(group, resident, Buffer.concat([Buffer.from('OggS'), Buffer.alloc(64, 7)]));
    await sentTo(group, /收到语音/);
    fake.say(group, resident, '3栋1单元楼道灯坏了');
    await sentTo(group, /已受理 #1/);
    fake.location(group, resident, 36.6512, 117.1201);
    await sentTo(group, /已记下 #1 的位置/);
    await waitUntil(
      async () =>
        (await fresh.db.prisma.attachment.count({ where: { ticketId: 1, status: { in: ['stored', 'none'] } } })) === 2,
      'the voice note and the pin on #1',
    );
    const rows = await fresh.db.prisma.attachment.findMany({ where: { ticketId: 1 }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.kind, r.mime ?? r.latitude])).toEqual([
      ['audio', 'audio/ogg'],
      ['location', 36.6512],
    ]);
  });

  it('retries a download that fails twice, then attaches the photo', async () => {
    const { resident, group } = await setup();
    fake.failDownloads = 2;
    fake.photo(group, resident, jpeg('flaky'), { caption: '3栋1单元电梯坏了' });
    await sentTo(group, /已受理 #1/);
    await waitUntil(async () => (await stored(1)).length === 1, 'the photo after two failed downloads', 20_000);
    expect(fake.downloads.map((d) => d.status)).toEqual([502, 502, 200]);
    const [photo] = await stored(1);
    expect(photo.attempts).toBe(3);
  }, 30_000);
});
