// A ticket's photos in the web console: shown on its page to those who may see the ticket,
// served from the media store, refused to everyone else.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { texts } from '../support/harness.js';
import { Client, startWebHarness, type WebHarness } from '../support/web.js';

let h: WebHarness;
let dir: string;
afterEach(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('broken lift'),
  Buffer.from([0xff, 0xd9]),
]);

async function loggedIn(person: string): Promise<Client> {
  const client = new Client(h.web.url);
  expect((await client.login(await h.loginLink(person))).status).toBe(303);
  return client;
}

describe('photos in the web console', () => {
  it("shows a ticket's photos to its heads and serves their bytes, to nobody else", async () => {
    h = await startWebHarness();
    dir = await mkdtemp(join(tmpdir(), 'gridbot-web-photos-'));
    const path = join(dir, 'lift.jpg');
    await writeFile(path, jpeg);
    expect(texts(await h.say('3-2群', '居民小王', `<image:${path}> 3栋2单元电梯坏了`))).toMatch(/已受理 #1/);
    const chen = await loggedIn('陈楼长');
    const page = await (await chen.get('/tickets/1')).text();
    const src = /<img src="(\/tickets\/1\/photos\/\d+)" alt="现场照片"/.exec(page)?.[1];
    expect(src).toBeDefined();
    const photo = await chen.get(src!);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await photo.arrayBuffer()).equals(jpeg)).toBe(true);
    // 张楼长 heads 1栋: neither the page nor the photo; nor anyone signed out.
    const zhang = await loggedIn('张楼长');
    expect((await zhang.get(src!)).status).toBe(404);
    expect((await new Client(h.web.url).get(src!)).status).not.toBe(200);
  });
});
