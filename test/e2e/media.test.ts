// Photos, voice notes and location pins through the console adapter, on SQLite and PostgreSQL:
// the console line syntax `<image:PATH> caption`, the media store, the download job and the
// behaviour residents and heads see.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import { silentLogger } from '../../src/common/log.js';
import { DeliveryError } from '../../src/common/types.js';
import { describePg } from '../support/db.js';
import { type Harness, MINUTE, startHarness, texts } from '../support/harness.js';

let dir: string;
let photo: string;
let photo2: string;
let fake: string;
let voice: string;

/** A tiny JPEG: the magic numbers and a few distinct bytes (the store sniffs, it does not decode). */
const jpeg = (seed: number) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from(`JFIF photo ${seed}`),
    Buffer.from([0xff, 0xd9]),
  ]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gridbot-photos-'));
  photo = join(dir, 'lift.jpg');
  photo2 = join(dir, 'lift-2.jpg');
  fake = join(dir, 'notes.jpg');
  voice = join(dir, 'voice.ogg');
  await writeFile(photo, jpeg(1));
  await writeFile(photo2, jpeg(2));
  await writeFile(fake, '这不是图片，只是一个文本文件');
  await writeFile(voice, Buffer.concat([Buffer.from('OggS'), Buffer.alloc(40, 1)]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function suite(provider: 'sqlite' | 'postgresql') {
  let h: Harness;
  afterEach(() => h?.close());

  const start = async () => {
    h = await startHarness({ provider });
    return h;
  };
  const attachments = (ticketId?: number) =>
    h.db.prisma.attachment.findMany({ where: ticketId ? { ticketId } : {}, orderBy: { id: 'asc' } });

  it('files a photo whose caption is a report as a ticket with the photo, stored by its SHA-256', async () => {
    await start();
    const said = texts(await h.say('3-2群', '居民小王', `<image:${photo}> 3栋2单元电梯坏了 困在一楼`));
    expect(said).toMatch(/已受理 #1/);
    const [a] = await attachments(1);
    expect(a).toMatchObject({ kind: 'image', status: 'stored', mime: 'image/jpeg', role: 'report' });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bytes = await readFile(h.app.deps.media!.pathOf(a.sha256!, a.mime!));
    expect(bytes.equals(jpeg(1))).toBe(true);
    expect(texts(await h.say('3-2群', '居民小王', '#1 怎么样了'))).toMatch(/附图 1 张/);
  });

  it('asks once for a sentence after a photo alone, and the next text files the report with it', async () => {
    await start();
    expect(texts(await h.say('3-2群', '居民小王', `<image:${photo}>`))).toBe('收到图片，请用一句话说明问题和位置');
    // A second photo while the bot waits is kept without another question.
    expect(await h.say('3-2群', '居民小王', `<image:${photo2}>`)).toEqual([]);
    const filed = texts(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了'));
    expect(filed).toMatch(/已受理 #1/);
    expect((await attachments(1)).map((a) => a.status)).toEqual(['stored', 'stored']);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });

  it('joins a report text and a photo sent within ten minutes after it into one ticket', async () => {
    await start();
    expect(texts(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了'))).toMatch(/已受理 #1/);
    h.clock.advance(5 * MINUTE);
    expect(texts(await h.say('3-2群', '居民小王', `<image:${photo}>`))).toMatch(/已将图片附到 #1（附图 1 张）/);
    expect(await h.db.prisma.ticket.count()).toBe(1);
    // After ten minutes a photo alone is a new question, not an addition.
    h.clock.advance(11 * MINUTE);
    expect(texts(await h.say('3-2群', '居民小王', `<image:${photo2}>`))).toMatch(/收到图片/);
  });

  it("keeps the assignee's photo after 修好了 as the evidence of the fix", async () => {
    await start();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '何单元长', '收到');
    expect(texts(await h.say('3-2群', '何单元长', '修好了'))).toMatch(/#1 已办结/);
    expect(texts(await h.say('3-2群', '何单元长', `<image:${photo}>`))).toMatch(/已将照片作为 #1 的办结凭证/);
    const [a] = await attachments(1);
    const fix = await h.db.prisma.ticketEvent.findUniqueOrThrow({ where: { id: a.eventId! } });
    expect([a.role, fix.kind]).toEqual(['evidence', 'resolved']);
  });

  it('attaches a photo captioned 修好了 by the assignee to the fix it reports', async () => {
    await start();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '何单元长', '收到');
    expect(texts(await h.say('3-2群', '何单元长', `<image:${photo}> 修好了`))).toMatch(/#1 已办结/);
    const [a] = await attachments(1);
    expect(a.role).toBe('evidence');
  });

  it("sends a ticket's photos to a head by direct message on “#1 照片”", async () => {
    await start();
    await h.say('3-2群', '居民小王', `<image:${photo}> 3栋2单元电梯坏了`);
    const sent = await h.say('3-2群', '何单元长', '#1 照片');
    expect(texts(sent)).toMatch(/#1 的照片共 1 张，已私信发给您/);
    const direct = sent.find((s) => s.image);
    expect(direct?.userId).toBe('何单元长');
    expect(direct?.line).toMatch(/^\[私信→何单元长\] 网格助手: <image:.+\.jpg> #1 现场照片 1\/1$/);
    expect(texts(await h.say('3-2群', '居民小李', '#1 照片'))).not.toMatch(/已私信/);
  });

  it('keeps a voice note and asks once for a sentence of text', async () => {
    await start();
    expect(texts(await h.say('3-2群', '居民老李', `<voice:${voice}>`))).toMatch(/收到语音.*请用一句话文字说明/);
    expect(await h.say('3-2群', '居民老李', `<voice:${voice}>`)).toEqual([]);
    expect(texts(await h.say('3-2群', '居民老李', '3栋2单元楼道灯坏了'))).toMatch(/已受理 #1/);
    const kept = await attachments(1);
    expect(kept.map((a) => [a.kind, a.status])).toEqual([
      ['audio', 'stored'],
      ['audio', 'stored'],
    ]);
  });

  it('stores a location pin on the ticket', async () => {
    await start();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    expect(texts(await h.say('3-2群', '居民小王', '<location:36.6512,117.1201 幸福小区3栋>'))).toMatch(
      /已记下 #1 的位置/,
    );
    const [pin] = await attachments(1);
    expect(pin).toMatchObject({ kind: 'location', latitude: 36.6512, longitude: 117.1201, status: 'none' });
  });

  it('refuses a text file named .jpg once, politely, and records the message', async () => {
    await start();
    const said = texts(await h.say('3-2群', '居民小王', `<image:${fake}>`));
    expect(said).toMatch(/收到图片/);
    expect(texts(await h.app.settle().then(() => h.console.sent.slice(-1)))).toMatch(/无法识别/);
    const [a] = await attachments();
    expect([a.status, a.lastError]).toEqual(['rejected', 'unsupported']);
    expect(await h.db.prisma.inboundMessage.count()).toBe(1);
  });

  it('refuses a file over the size limit before downloading it', async () => {
    h = await startHarness({ provider, config: { 'media.maxMegabytes': 0.00001 } });
    expect(texts(await h.say('3-2群', '居民小王', `<image:${photo}>`))).toMatch(/文件太大（超过 0.00001MB）/);
    const [a] = await attachments();
    expect([a.status, a.lastError]).toEqual(['rejected', 'too_large']);
  });

  it('retries a download that fails twice, then attaches it; a restart in between loses nothing', async () => {
    await start();
    let calls = 0;
    const real = h.console.fetchAttachment.bind(h.console);
    h.console.fetchAttachment = async (a) => {
      calls++;
      if (calls <= 2) throw new DeliveryError('transient', 'connection reset');
      return real(a);
    };
    await h.say('3-2群', '居民小王', `<image:${photo}> 3栋2单元电梯坏了`);
    expect((await attachments(1))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    h.clock.advance(MINUTE);
    await h.app.settle();
    expect((await attachments(1))[0]).toMatchObject({ status: 'pending', attempts: 2 });
    // The bot restarts before the third try: the row waits in the database for the new instance.
    await h.app.stop();
    const console2 = new ConsoleAdapter();
    const app2 = await App.create({
      config: h.app.options.config,
      logger: silentLogger,
      clock: h.clock,
      adapters: [console2],
      db: h.db,
      manualTicks: true,
    });
    await app2.start();
    h.app = app2;
    h.clock.advance(MINUTE);
    await app2.settle();
    expect((await attachments(1))[0]).toMatchObject({ status: 'stored', attempts: 3 });
    await console2.say({ chat: '3-2群', speaker: '居民小王', text: '#1 怎么样了' });
    await app2.settle();
    expect(console2.sent.map((s) => s.text).join('\n')).toMatch(/附图 1 张/);
    await app2.stop();
  });

  it('gives up on a file that is gone and says so once', async () => {
    await start();
    const missing = join(dir, 'gone.jpg');
    await h.say('3-2群', '居民小王', `<image:${missing}> 3栋2单元电梯坏了`);
    await h.say('3-2群', '居民小王', `<image:${missing}>`);
    const [a] = await attachments(1);
    expect([a.status, a.lastError]).toEqual(['failed', expect.stringMatching(/not_found/)]);
    expect(h.console.sent.filter((s) => /没能收下来/.test(s.text))).toHaveLength(1);
  });
}

describe('media on SQLite', () => suite('sqlite'));
describePg('media on PostgreSQL', () => suite('postgresql'));

describe('media edge cases on SQLite', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('answers a flood of photos with one question, records every one, and never crashes', async () => {
    h = await startHarness();
    const replies = [];
    for (let i = 0; i < 30; i++) replies.push(...(await h.say('3-2群', '居民小王', `<image:${photo}>`)));
    expect(replies.map((r) => r.text)).toEqual(['收到图片，请用一句话说明问题和位置']);
    expect(await h.db.prisma.inboundMessage.count()).toBe(30);
    expect(await h.db.prisma.attachment.count()).toBe(30);
    // The same bytes thirty times are one file in the store.
    const hashes = new Set((await h.db.prisma.attachment.findMany()).map((a) => a.sha256));
    expect(hashes.size).toBe(1);
  });

  it("stops taking a chat's photos over its daily quota, says so once, and records them", async () => {
    h = await startHarness({ config: { 'media.perChatPerDay': 2 } });
    await h.say('3-2群', '居民小王', `<image:${photo}> 3栋2单元电梯坏了`);
    await h.say('3-2群', '居民小王', `<image:${photo2}>`);
    const over = texts(await h.say('3-2群', '居民小李', `<image:${photo}>`));
    expect(over).toMatch(/今天本群收到的图片已达上限/);
    expect(texts(await h.say('1-1群', '居民老赵', `<image:${photo}>`))).toMatch(/收到图片/);
    const rows = await h.db.prisma.attachment.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['stored', 'stored', 'rejected', 'stored']);
  });

  it('retries a download that times out', async () => {
    h = await startHarness({ config: { 'media.timeoutSeconds': 0.05 } });
    let calls = 0;
    const real = h.console.fetchAttachment.bind(h.console);
    h.console.fetchAttachment = (a) => (++calls === 1 ? new Promise(() => {}) : real(a));
    await h.say('3-2群', '居民小王', `<image:${photo}> 3栋2单元电梯坏了`);
    const [first] = await h.db.prisma.attachment.findMany();
    expect([first.status, first.lastError]).toEqual(['pending', expect.stringMatching(/timed out/)]);
    h.clock.advance(MINUTE);
    await h.app.settle();
    expect((await h.db.prisma.attachment.findFirstOrThrow()).status).toBe('stored');
  });

  it('fills the place from a location pin near a building with coordinates', async () => {
    h = await startHarness();
    await h.db.prisma.place.update({ where: { key: 'xingfu/g1/b2' }, data: { lat: 36.651, lng: 117.12 } });
    await h.db.prisma.place.update({ where: { key: 'xingfu/g1/b3' }, data: { lat: 36.653, lng: 117.12 } });
    expect(texts(await h.say('网格群', '居民小王', '楼道灯坏了'))).toMatch(/几栋几单元/);
    // About 50 m from 2栋 and 270 m from 3栋.
    expect(texts(await h.say('网格群', '居民小王', '<location:36.6514,117.1202>'))).toMatch(/已受理 #1【设施报修】2栋/);
    // A pin far from every building leaves the question to words.
    expect(texts(await h.say('网格群', '居民小李', '楼道灯坏了'))).toMatch(/几栋几单元/);
    expect(texts(await h.say('网格群', '居民小李', '<location:36.70,117.20>'))).not.toMatch(/已受理/);
  });

  it('keeps the photos of a message whose handling broke', async () => {
    h = await startHarness();
    const route = h.app.bot.deps.pipeline;
    h.app.bot.deps.pipeline = {
      ...route,
      read: () => {
        throw new Error('reader broke');
      },
    } as typeof route;
    await h.say('3-2群', '居民小王', `<image:${photo}> 3栋2单元电梯坏了`);
    h.app.bot.deps.pipeline = route;
    const [a] = await h.db.prisma.attachment.findMany();
    expect([a.status, a.role]).toEqual(['stored', 'kept']);
    expect((await h.db.prisma.inboundMessage.findFirstOrThrow()).outcome).toBe('error');
  });
});
