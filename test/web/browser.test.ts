// The console in a real headless Chromium: a grid head asks the bot for "后台", opens the link,
// sees the 民情地图 in the right colours, opens a building, a ticket, claims it from the page
// and the chat hears the claim; a building head cannot open another building's ticket by URL;
// the CSV export downloads and parses with the right rows. GRIDBOT_SCREENSHOTS=1 also writes
// the screenshots in docs/images/.
import { mkdir, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, describeBrowser, openBrowser } from '../support/browser.js';
import { MINUTE, texts } from '../support/harness.js';
import { startWebHarness, type WebHarness } from '../support/web.js';

const SHOTS = process.env.GRIDBOT_SCREENSHOTS === '1' ? new URL('../../docs/images/', import.meta.url) : null;
let h: WebHarness;
let browser: Browser;
/** What the page's function sees of the browser (the project compiles without the DOM library). */
interface Window {
  getComputedStyle(el: unknown): { backgroundColor: string };
}

const OVERDUE = 'rgb(252, 165, 165)';
const OPEN = 'rgb(253, 230, 138)';
const OK = 'rgb(209, 250, 229)';

describeBrowser('web console in headless Chromium', () => {
  beforeAll(async () => {
    h = await startWebHarness();
    // 1栋1单元: urgent gas smell, left unclaimed past its 15-minute deadline; 3栋2单元: a lamp.
    expect(texts(await h.say('1-1群', '居民小赵', '楼道里有很浓的煤气味！'))).toMatch(/已受理 #1/);
    h.clock.advance(30 * MINUTE);
    expect(texts(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了'))).toMatch(/已受理 #2/);
    expect(texts(await h.say('3-2群', '居民小李', '3栋2单元门口的垃圾桶满了'))).toMatch(/已受理 #3/);
    browser = await openBrowser();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a grid head logs in from the chat link, reads the map, opens a building and a ticket, claims it', async () => {
    const link = await h.loginLink('王网格长');
    const page = await browser.context.newPage();
    await page.goto(link);
    await page.click('#enter');
    await page.waitForURL(`${h.web.url}/`);

    const shadeOf = (placeKey: string) =>
      page
        .locator(`.building[data-place="${placeKey}"]`)
        .evaluate((el) => (globalThis as unknown as Window).getComputedStyle(el).backgroundColor);
    const ids = await h.db.prisma.place.findMany({ where: { level: 'building' }, orderBy: { id: 'asc' } });
    const [b1, b2, b3] = ids.map((p) => String(p.id));
    expect(await shadeOf(b1)).toBe(OVERDUE);
    expect(await shadeOf(b2)).toBe(OK);
    expect(await shadeOf(b3)).toBe(OPEN);
    expect(await page.locator(`.building[data-place="${b1}"] .urgent-mark`).count()).toBeGreaterThan(0);
    expect(await page.locator(`.building[data-place="${b3}"] .urgent-mark`).count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: new URL('map.png', SHOTS).pathname, fullPage: true });

    await page.click(`.building[data-place="${b3}"] a.name`);
    expect(
      await page.locator('#tickets tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id'))),
    ).toEqual(['3', '2']);
    await page.click('a[href="/tickets/2"]');
    expect(await page.textContent('#status')).toMatch(/已派单/);

    const before = h.console.sent.length;
    await page.click('form[data-verb="claim"] button');
    await page.waitForSelector('#done');
    expect(await page.textContent('#status')).toMatch(/已签收/);
    expect(await page.textContent('#timeline')).toMatch(/签收（王网格长）/);
    if (SHOTS) await page.screenshot({ path: new URL('ticket.png', SHOTS).pathname, fullPage: true });
    await h.app.settle();
    const heard = h.console.sent.slice(before).map((m) => `${m.chatId}: ${m.text}`);
    expect(heard).toEqual([expect.stringMatching(/^3-2群: #2 已由 王网格长 签收/)]);
    // The chat knows it: a status question there shows the claim.
    expect(texts(await h.say('3-2群', '居民小王', '#2 怎么样了'))).toMatch(/已签收[\s\S]*签收/);
    await page.close();
  });

  it('a building head cannot open another building’s ticket by its URL', async () => {
    const page = await browser.context.newPage();
    await browser.context.clearCookies();
    await page.goto(await h.loginLink('陈楼长'));
    await page.click('#enter');
    await page.waitForURL(`${h.web.url}/`);
    const refused = await page.goto(`${h.web.url}/tickets/1`);
    expect(refused?.status()).toBe(403);
    expect(await page.textContent('main')).toMatch(/没有查看这一页的权限/);
    const mine = await page.goto(`${h.web.url}/tickets/3`);
    expect(mine?.status()).toBe(200);
    await page.close();
  });

  it('downloads the filtered list as CSV that parses with the right rows', async () => {
    const page = await browser.context.newPage();
    await browser.context.clearCookies();
    await page.goto(await h.loginLink('赵书记'));
    await page.click('#enter');
    await page.goto(`${h.web.url}/tickets?urgent=1`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const text = (await readFile((await download.path()) as string)).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parse(text.slice(1));
    expect(rows[0][0]).toBe('编号');
    expect(rows.slice(1).map((r) => [r[0], r[4]])).toEqual([['1', '是']]);
    if (SHOTS) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${h.web.url}/`);
      await page.screenshot({ path: new URL('map-phone.png', SHOTS).pathname, fullPage: true });
      await page.goto(`${h.web.url}/charts`);
      await page.setViewportSize({ width: 1100, height: 900 });
      await page.screenshot({ path: new URL('charts.png', SHOTS).pathname, fullPage: true });
    }
    await page.close();
  });
});
