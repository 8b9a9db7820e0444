// The statistics page (SVG charts drawn on the server, each bar a link to its tickets), the
// figures behind it, and the daily digest's chart image and console link.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/common/log.js';
import { scopeOfPerson } from '../../src/services/console/scope.js';
import { computeStats, quantilesOf } from '../../src/services/console/stats.js';
import { sendDigests } from '../../src/services/digest-send.js';
import { webDataDir } from '../../src/services/web-access.js';
import { HOUR, texts } from '../support/harness.js';
import { Client, startWebHarness, type WebHarness } from '../support/web.js';

let h: WebHarness;
afterEach(async () => h?.close());

const at = (iso: string) => new Date(iso);

describe('statistics', () => {
  it('takes nearest-rank quantiles from a histogram', () => {
    expect(
      quantilesOf(
        new Map([
          [1, 1],
          [2, 1],
          [10, 1],
        ]),
      ),
    ).toEqual({ median: 2, p90: 10 });
    const tenths = new Map(Array.from({ length: 10 }, (_, i) => [i + 1, 1] as [number, number]));
    expect(quantilesOf(tenths)).toEqual({ median: 5, p90: 9 });
    expect(quantilesOf(new Map())).toEqual({ median: null, p90: null });
  });

  it('takes the nearest-rank median and 90th percentile, and on-time rates, per building and head', async () => {
    h = await startWebHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元电梯按钮坏了');
    await h.say('3-2群', '居民小张', '3栋2单元门禁坏了');
    h.clock.advance(HOUR);
    await h.say('3-2群', '何单元长', '接单 #1');
    h.clock.advance(HOUR);
    await h.say('3-2群', '何单元长', '接单 #2');
    h.clock.advance(8 * HOUR); // ten hours after the report: late (two hours allowed)
    await h.say('3-2群', '何单元长', '接单 #3');
    const wang = new Client(h.web.url);
    await wang.login(await h.loginLink('王网格长'));
    const page = await (await wang.get('/charts?days=7')).text();
    // Hours to acknowledge 1, 2, 10: median 2, 90th percentile 10; two of three on time.
    const row = (label: string) =>
      new RegExp(`<td>${label}</td><td>3</td><td>2\\.0小时</td><td>10小时</td><td>—</td><td>—</td><td>67%</td>`);
    expect(page).toMatch(row('3栋'));
    expect(page).toMatch(row('何单元长'));
    expect(page).toMatch(row('全部区域'));
    // Per local day: the three reports fall on Monday 23 November, the last of the seven days.
    const wangId = (await h.db.prisma.person.findFirstOrThrow({ where: { name: '王网格长' } })).id;
    const scope = (await scopeOfPerson(h.db.prisma, wangId))!;
    const labels = { noBuilding: '', unassigned: '' };
    const stats = await computeStats(h.db.prisma, scope, { days: 7 }, h.clock.now(), 'Asia/Shanghai', labels);
    expect(stats.daily.map((d) => d.created)).toEqual([0, 0, 0, 0, 0, 0, 3]);
    expect(stats.byCategory).toEqual([['facility', 3]]);
  });

  it('draws the charts on the server; a bar opens the tickets behind it', async () => {
    h = await startWebHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元门口垃圾没人清');
    await h.say('1-1群', '居民小赵', '1栋1单元水管漏水');
    await h.say('3-2群', '何单元长', '接单 #1');
    h.clock.advance(5 * HOUR);
    await h.say('3-2群', '何单元长', '办结 #1 已换灯泡');
    const wang = new Client(h.web.url);
    await wang.login(await h.loginLink('王网格长'));
    const res = await wang.get('/charts?days=7');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page.match(/<svg /g)?.length).toBe(6);
    expect(page).not.toMatch(/<script/);
    // The category chart's bars link to the tickets of their category, from the window's first day.
    const sanitation = /<a href="(\/tickets\?from=2026-11-17&amp;category=sanitation)"/.exec(page);
    expect(sanitation).not.toBeNull();
    const list = await (await wang.get(sanitation![1].replace(/&amp;/g, '&'))).text();
    expect(list).toMatch(/共 1 件/);
    expect(list).toMatch(/href="\/tickets\/2"/);
    // The per-building table: 3栋 had two reports, one acknowledged on time and resolved in five hours.
    expect(page).toMatch(/<td>3栋<\/td><td>2<\/td><td>0\.0小时<\/td><td>0\.0小时<\/td><td>5\.0小时<\/td>/);
  });

  it('sends the daily digest with a chart image and a link to the console', async () => {
    h = await startWebHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    const config = h.app.deps.config;
    const fire = at('2026-11-24T00:00:00Z');
    h.clock.set(fire);
    const queued = await sendDigests(h.db, 'daily', fire, fire, config.timeZone, silentLogger, {
      link: h.web.url,
      imageDir: webDataDir(config),
    });
    expect(queued).toBe(1);
    await h.app.settle();
    const dm = h.console.sent.find((m) => m.userId === '王网格长');
    expect(dm?.text).toMatch(new RegExp(`详情见后台：${h.web.url}$`));
    expect(dm?.image?.mime).toBe('image/png');
    expect(dm?.image?.path.startsWith(webDataDir(config))).toBe(true);
    expect(existsSync(dm!.image!.path)).toBe(true);
    const png = readFileSync(dm!.image!.path);
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
    expect(texts([dm!])).toMatch(/【第一网格日报】/);
  });
});
