// The web console over real HTTP on a real database, with the bot beside it: login links from
// the chat, sessions, CSRF, what each person may see, actions that the chat hears, the CSV export.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { imageSize } from '../../src/web/pages/plan.js';
import { describePg } from '../support/db.js';
import { HOUR, MINUTE, texts } from '../support/harness.js';
import { Client, startWebHarness, type WebHarness } from '../support/web.js';

let h: WebHarness;

/** Two reports: #1 in 3栋2单元, #2 in 1栋1单元 (urgent: gas). */
async function seedReports(): Promise<void> {
  expect(texts(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了，电话13912345678'))).toMatch(/已受理 #1/);
  expect(texts(await h.say('1-1群', '居民小赵', '楼道里有很浓的煤气味！'))).toMatch(/已受理 #2/);
}

async function loggedIn(person: string): Promise<Client> {
  const client = new Client(h.web.url);
  const res = await client.login(await h.loginLink(person));
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/');
  return client;
}

async function flows(provider: 'sqlite' | 'postgresql') {
  h = await startWebHarness({ provider });
  await seedReports();

  // The link comes only by direct message, and only to people with a role.
  expect(texts(await h.say('3-2群', '何单元长', '后台'))).toMatch(/只能私聊/);
  expect(texts(await h.say('私聊', '居民小王', '后台'))).toMatch(/抱歉，登录后台需要由/);
  const link = await h.loginLink('陈楼长');
  expect(link.startsWith(`${h.web.url}/login/`)).toBe(true);

  // A chat app's link preview (a GET) does not use the link up; the button does, once.
  const chen = new Client(h.web.url);
  const preview = await chen.get(new URL(link).pathname);
  expect(preview.status).toBe(200);
  expect(await preview.text()).toMatch(/以 陈楼长 的身份进入后台/);
  const enter = await chen.post(new URL(link).pathname, {});
  expect(enter.status).toBe(303);
  const cookie = enter.headers.getSetCookie()[0];
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).not.toMatch(/Secure/i); // http://127.0.0.1 is not https
  const again = await new Client(h.web.url).post(new URL(link).pathname, {});
  expect(again.status).toBe(403);

  // A forged signature and an expired link are refused.
  const forged = link.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect((await new Client(h.web.url).get(new URL(forged).pathname)).status).toBe(403);
  h.clock.advance(11 * MINUTE); // the bot answers the same words from the same person once per ten minutes
  const late = await h.loginLink('陈楼长');
  h.clock.advance(16 * MINUTE);
  expect((await new Client(h.web.url).post(new URL(late).pathname, {})).status).toBe(403);

  // 陈楼长 heads 3栋: sees #1, not #2 (1栋), not even by URL.
  const list = await (await chen.get('/tickets')).text();
  expect(list).toMatch(/href="\/tickets\/1"/);
  expect(list).not.toMatch(/href="\/tickets\/2"/);
  expect((await chen.get('/tickets/2')).status).toBe(403);
  // A number no ticket can have is not found (it once overflowed the id column on PostgreSQL).
  expect((await chen.get('/tickets/99999999999999999999')).status).toBe(404);
  expect((await chen.post('/tickets/99999999999/claim', { _csrf: await chen.csrf() })).status).toBe(404);
  const map = await (await chen.get('/')).text();
  expect(map).toMatch(/3栋/);
  expect(map).not.toMatch(/>1栋</);

  // Without a session nothing shows; without the CSRF token nothing changes.
  expect((await new Client(h.web.url).get('/tickets')).status).toBe(401);
  expect((await chen.post('/tickets/1/claim', {})).status).toBe(403);
  expect(
    (await chen.post('/tickets/1/claim', { _csrf: await chen.csrf() }, { origin: 'http://evil.example' })).status,
  ).toBe(403);
  expect((await h.db.prisma.ticket.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('assigned');

  // The claim from the page goes through the workflow, is audited, and the chat hears it.
  const before = h.console.sent.length;
  const claimed = await chen.post('/tickets/1/claim', { _csrf: await chen.csrf() });
  expect(claimed.status).toBe(303);
  await h.app.settle();
  const heard = h.console.sent.slice(before);
  expect(heard.map((m) => `${m.chatId}: ${m.text}`)).toEqual([expect.stringMatching(/^3-2群: #1 已由 陈楼长 签收/)]);
  const event = await h.db.prisma.ticketEvent.findFirstOrThrow({
    where: { ticketId: 1, kind: 'acknowledged' },
    include: { actor: true },
  });
  expect(event.actor).toMatchObject({ platform: 'web', displayName: '陈楼长' });
  const page = await (await chen.get('/tickets/1')).text();
  expect(page).toMatch(/签收（陈楼长）/);
  expect(page).toMatch(/受理（居民）/); // a resident is never named in the timeline

  // A second claim is refused with who did it.
  const twice = await chen.post('/tickets/1/claim', { _csrf: await chen.csrf() });
  expect(twice.status).toBe(409);
  expect(await twice.text()).toMatch(/#1 刚被 陈楼长 签收了|当前已签收/);

  // Resolving asks the reporter in the chat, as the chat command does.
  const mark = h.console.sent.length;
  await chen.post('/tickets/1/resolve', { _csrf: await chen.csrf(), note: '已换灯泡' });
  await h.app.settle();
  expect(texts(h.console.sent.slice(mark))).toMatch(
    /#1 已办结（陈楼长）：已换灯泡[\s\S]*@居民小王 #1 已处理完毕，您满意吗/,
  );

  // The statistics read the same rows on both databases: 3栋's one ticket and its acknowledgement.
  const charts = await chen.get('/charts?days=7');
  expect(charts.status).toBe(200);
  expect(await charts.text()).toMatch(/<td>3栋<\/td><td>1<\/td><td>0\.5小时<\/td>/); // claimed 27 minutes after the report

  // Logout ends the session everywhere.
  const csrf = await chen.csrf();
  expect((await chen.post('/logout', { _csrf: csrf })).status).toBe(303);
  expect((await chen.get('/tickets')).status).toBe(401);
}

describe('web console on SQLite', () => {
  afterEach(async () => h?.close());

  it('shows special households only to their responsible person and the community head', async () => {
    h = await startWebHarness();
    const names = async (person: string) => {
      const html = await (await (await loggedIn(person)).get('/households')).text();
      return [...html.matchAll(/<tr><td>([^<]+)<\/td>/g)].map((m) => m[1]);
    };
    expect(await names('孙单元长')).toEqual(['钱奶奶']);
    expect(await names('赵书记')).toEqual(['钱奶奶', '老马', '小吴家']);
    expect(await names('王网格长')).toEqual([]);
    expect(await names('张楼长')).toEqual([]);
  });

  it('logs in by a link from the chat, shows only the own part of the tree, acts through the workflow', () =>
    flows('sqlite'));

  it('exports the filtered list as CSV without reporters, phone numbers or sensitive items', async () => {
    h = await startWebHarness();
    await seedReports();
    await h.db.prisma.ticket.update({ where: { id: 2 }, data: { mustReport: 'crime' } });
    expect(texts(await h.say('2-1群', '居民小孙', '2栋1单元门口垃圾没人清'))).toMatch(/已受理 #3/);
    const zhao = await loggedIn('赵书记');
    const res = await zhao.get('/export.csv?category=');
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(new TextDecoder().decode(bytes));
    expect(rows[0].slice(0, 4)).toEqual(['编号', '受理时间', '状态', '分类']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1', '3']);
    const all = rows.flat().join('|');
    expect(all).not.toMatch(/13912345678|居民小王|居民小孙/);
    expect(rows[1][8]).toMatch(/电话\[电话\]/);
    // The list page shows the sensitive item to the community head; the building head of 1栋 does
    // not see it, not even as a count on the map.
    expect(await (await zhao.get('/tickets')).text()).toMatch(/href="\/tickets\/2"/);
    const zhang = await loggedIn('张楼长');
    expect(await (await zhang.get('/tickets')).text()).toMatch(/共 0 件/);
    expect(await (await zhang.get('/')).text()).toMatch(/在办0 \/ 共0/);
    expect(await (await zhao.get('/')).text()).toMatch(/1栋<\/span>[\s\S]*?在办1 \/ 共1/);
    const onlySanitation: string[][] = parse(await (await zhao.get('/export.csv?category=sanitation')).text());
    expect(onlySanitation.slice(1).map((r) => r[0])).toEqual(['3']);
    h.clock.advance(3 * HOUR);
    const overdue: string[][] = parse(await (await zhao.get('/export.csv?overdue=1')).text());
    expect(overdue.slice(1).map((r) => r[0])).toEqual(['1', '3']);
  });
});

describe('estate plan', () => {
  afterEach(async () => h?.close());

  it('lets the community head upload a plan and place buildings on it; nobody else', async () => {
    h = await startWebHarness();
    const png = readFileSync(new URL('../../docs/images/map.png', import.meta.url));
    const upload = async (client: Client) => {
      const form = new FormData();
      form.set('_csrf', await client.csrf());
      form.set('image', new Blob([png], { type: 'image/png' }), 'plan.png');
      return fetch(new URL('/plan/upload', h.web.url), {
        method: 'POST',
        body: form,
        redirect: 'manual',
        headers: { cookie: client.cookieHeader },
      });
    };
    expect((await upload(await loggedIn('陈楼长'))).status).toBe(403);
    const zhao = await loggedIn('赵书记');
    expect((await upload(zhao)).status).toBe(303);
    const b1 = await h.db.prisma.place.findUniqueOrThrow({ where: { key: 'xingfu/g1/b1' } });
    await zhao.post('/plan/place', { _csrf: await zhao.csrf(), place: String(b1.id), x: '120', y: '80' });
    const page = await (await zhao.get('/plan')).text();
    const data = JSON.parse(/<script type="application\/json" id="plan-data">(.*?)<\/script>/.exec(page)![1]);
    const size = imageSize(png)!;
    expect(data.plan).toMatchObject({ width: size.width, height: size.height });
    expect(data.points.find((p: { id: number }) => p.id === b1.id)).toMatchObject({ x: 120, y: 80, shade: 'ok' });
    const image = await zhao.get(data.plan.src);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
  });
});

describePg('web console on PostgreSQL', () => {
  afterEach(async () => h?.close());
  it('logs in, scopes, acts and audits the same way', () => flows('postgresql'));
});
