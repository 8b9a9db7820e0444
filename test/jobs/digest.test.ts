// Digests, monthly visit lists and catch-up after downtime, through the console adapter on a
// real SQLite file with a controlled clock (start: Monday 2026-11-23 09:00 in Shanghai).
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { ConsoleAdapter, type Delivered } from '../../src/adapters/console/index.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import { describePg, freshSqlite } from '../support/db.js';
import { HOUR, MINUTE, startHarness, TestClock, texts, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const at = (iso: string) => new Date(iso);
const dmsTo = (lines: Delivered[], who: string) => lines.filter((l) => l.userId === who);
const NAMES = /钱奶奶|老马|小吴家|1-1-302|3-2-501|2-1-101/;

/** Monday: three reports at 3栋2单元 and one at 1栋1单元; one closed satisfied, one claimed late. */
async function seedMonday(x: Harness): Promise<void> {
  await x.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
  await x.say('3-2群', '居民小李', '3栋2单元电梯按钮坏了');
  await x.say('3-2群', '居民小张', '3栋2单元门禁坏了');
  await x.say('1-1群', '居民甲', '1栋1单元水管漏水');
  await x.say('3-2群', '何单元长', '接单 #1');
  await x.say('3-2群', '何单元长', '办结 #1 已换灯泡');
  await x.say('3-2群', '居民小王', '回访 #1 满意');
  x.clock.advance(3 * HOUR); // 12:00: past the two-hour acknowledgement deadline
  await x.say('3-2群', '何单元长', '接单 #2');
}

async function onDemand(provider: 'sqlite' | 'postgresql') {
  h = await startHarness({ provider });
  await seedMonday(h);
  expect(texts(await h.say('私聊', '孙单元长', '走访 钱奶奶 已完成 身体不错'))).toBe(
    '已记录对 钱奶奶 的走访。您本月已走访 1/1 户。',
  );
  h.clock.set(at('2026-11-23T10:00:00Z')); // Monday 18:00
  const out = await h.say('网格群', '王网格长', '日报');
  expect(out.filter((l) => l.chatId).map((l) => l.text)).toEqual(['日报已私信发给您。']);
  const [dm] = dmsTo(out, '王网格长');
  expect(dm.text.split('\n')).toEqual([
    '【第一网格简报】11月23日',
    '近24小时：新增 4 · 办结 1 · 销号 1',
    '在办 3（超时 2）：设施报修3',
    '分楼栋：1栋1(超时1) 3栋2(超时1)',
    '最久未办：#2 3栋2单元 3栋2单元电梯按钮坏了（11月23日起，何单元长）；#3 3栋2单元 3栋2单元门禁坏了（11月23日起，何单元长）；#4 1栋1单元 1栋1单元水管漏水（11月23日起，孙单元长）',
    '及时签收 50% · 按时办结 100% · 满意 100% · 网格内办结 100%',
    '反复出现（近30天）：3栋2单元设施报修×3',
    '八必访：本月已走访 1/3 户',
  ]);
  // In a direct chat the answer comes right there; a building head gets the building's digest.
  expect(texts(await h.say('私聊', '陈楼长', '日报'))).toMatch(
    /^【3栋简报】11月23日\n近24小时：新增 3 · 办结 1 · 销号 1/,
  );
  expect(texts(await h.say('3-2群', '居民小王', '日报'))).toBe(
    '抱歉，日报只发给单元长、楼栋长、网格长和社区工作人员。',
  );
}

describe('digest', () => {
  it('"日报" gives a grid head correct figures by direct message, with visit coverage', () => onDemand('sqlite'));

  it("the 08:00 job sends yesterday's digest to the grid head once; Monday brings the weekly summary", async () => {
    h = await startHarness();
    await seedMonday(h);
    h.clock.set(at('2026-11-23T23:59:00Z')); // Tuesday 07:59
    expect(dmsTo(await h.tick(), '王网格长')).toEqual([]);
    h.clock.set(at('2026-11-24T00:00:00Z')); // Tuesday 08:00
    const first = dmsTo(await h.tick(), '王网格长');
    expect(first).toHaveLength(1);
    expect(first[0].text).toMatch(/^【第一网格日报】11月23日\n昨日：新增 4 · 办结 1 · 销号 1\n/);
    expect(await h.tick()).toEqual([]);
    h.clock.advance(MINUTE);
    expect(texts(await h.tick())).not.toMatch(/日报/);
    expect(await h.db.prisma.outbox.count({ where: { dedupeKey: { startsWith: 'digest:' } } })).toBe(1);

    h.clock.set(at('2026-11-30T00:30:00Z')); // next Monday 08:30
    const weekly = dmsTo(await h.tick(), '王网格长').map((l) => l.text);
    expect(weekly.filter((t) => /周报/.test(t))).toHaveLength(1);
    expect(weekly.find((t) => /周报/.test(t))).toMatch(
      /^【第一网格周报】11月23日–11月29日\n上周：新增 4 · 办结 1 · 销号 1/,
    );
  });
});

describe('visits (八必访)', () => {
  it('lists visits only by direct message on the 1st, logs visits, and never names a household in a group', async () => {
    h = await startHarness();
    const all: Delivered[] = [];
    const keep = (lines: Delivered[]) => {
      all.push(...lines);
      return lines;
    };

    // Sent in a group: logged, answered privately, the group hears nothing.
    const inGroup = keep(await h.say('1-1群', '孙单元长', '走访 钱奶奶 已完成 身体不错'));
    expect(inGroup.filter((l) => l.chatId)).toEqual([]);
    expect(dmsTo(inGroup, '孙单元长')[0].text).toMatch(
      /^已记录对 钱奶奶 的走访。您本月已走访 1\/1 户。\n走访信息涉及隐私，请私聊/,
    );
    expect(await h.db.prisma.visit.count()).toBe(1);
    expect((await h.db.prisma.visit.findFirstOrThrow()).note).toBe('身体不错');

    const stranger = keep(await h.say('1-1群', '居民甲', '走访 钱奶奶 已完成'));
    expect(stranger.filter((l) => l.chatId)).toEqual([]);
    expect(dmsTo(stranger, '居民甲')[0].text).toMatch(/^抱歉，走访记录只能由负责该户的人员或其上级负责人登记。/);
    expect(texts(keep(await h.say('私聊', '陈楼长', '走访 钱奶奶 已完成')))).toBe(
      '没有找到这户，请核对姓名（只能登记您负责的特殊人群）。',
    );
    expect(texts(keep(await h.say('私聊', '王网格长', '走访 老马 已完成 一切正常')))).toMatch(/已记录对 老马 的走访/);
    expect(await h.db.prisma.visit.count()).toBe(2);

    h.clock.set(at('2026-12-01T00:59:00Z'));
    expect(keep(await h.tick()).filter((l) => /【八必访/.test(l.text))).toEqual([]);
    h.clock.set(at('2026-12-01T01:00:00Z')); // 1 December 09:00
    const lists = keep(await h.tick()).filter((l) => /【八必访/.test(l.text));
    expect(lists.map((l) => l.userId).sort()).toEqual(['何单元长', '吴单元长', '孙单元长']);
    expect(lists.every((l) => !l.chatId)).toBe(true);
    expect(lists.find((l) => l.userId === '孙单元长')!.text).toBe(
      '【八必访·12月】您负责走访的特殊人群（1户），此消息仅发给您：\n1. 钱奶奶（独居老人）1-1-302\n走访后请私聊回复“走访 姓名 已完成 情况”。',
    );
    h.clock.advance(MINUTE);
    expect(keep(await h.tick()).filter((l) => /【八必访/.test(l.text))).toEqual([]);

    h.clock.set(at('2026-12-02T00:00:00Z')); // the digest on 2 December: a new month, nobody visited yet
    const digest = keep(await h.tick()).find((l) => l.userId === '王网格长' && /日报/.test(l.text))!;
    expect(digest.text).toMatch(/八必访：本月已走访 0\/3 户/);
    expect(all.filter((l) => l.chatId && NAMES.test(l.text))).toEqual([]);
  });
});

describe('downtime', () => {
  it('after three hours down, catches the digest up once, skips a stale one-shot notice, doubles nothing', async () => {
    const fresh = await freshSqlite();
    const clock = new TestClock(at('2026-11-23T01:00:00Z')); // Monday 09:00
    const config = loadConfig({ DATABASE_URL: fresh.url });
    const boot = async () => {
      const console = new ConsoleAdapter();
      const app = await App.create({
        config,
        logger: silentLogger,
        clock,
        adapters: [console],
        db: fresh.db,
        manualTicks: true,
      });
      await app.start();
      const tick = async () => {
        const before = console.sent.length;
        await app.scheduler.tick(clock.now());
        await app.settle();
        return console.sent.slice(before);
      };
      const say = async (chat: string, speaker: string, text: string) => {
        const before = console.sent.length;
        await console.say({ chat, speaker, text });
        await app.settle();
        return console.sent.slice(before);
      };
      // Everything this instance delivered, including what start() caught up before any tick.
      return { app, tick, say, all: () => console.sent };
    };
    try {
      const one = await boot();
      await one.say('网格群', '王网格长', '定时 周三早上7:30 全网格 今天上午电梯维保');
      clock.set(at('2026-11-24T00:00:00Z')); // Tuesday 08:00: digest fires normally
      expect(dmsTo(await one.tick(), '王网格长').filter((l) => /日报/.test(l.text))).toHaveLength(1);
      clock.set(at('2026-11-24T22:00:00Z')); // Wednesday 06:00: the instance goes down
      await one.tick();
      await one.app.stop();

      clock.set(at('2026-11-25T01:00:00Z')); // Wednesday 09:00: back after three hours
      const two = await boot();
      await two.tick();
      const caught = two.all();
      const digests = dmsTo(caught, '王网格长').filter((l) => /日报/.test(l.text));
      expect(digests).toHaveLength(1);
      expect(digests[0].text).toMatch(/^【第一网格日报】11月24日/);
      expect(texts(caught)).not.toMatch(/电梯维保/);
      const notice = await fresh.db.prisma.jobRun.findFirstOrThrow({ where: { jobKey: 'schedule:1' } });
      expect(notice).toMatchObject({ status: 'skipped', fireAt: at('2026-11-24T23:30:00Z') });
      expect(notice.note).toMatch(/late limit/);
      const digestRun = await fresh.db.prisma.jobRun.findFirstOrThrow({
        where: { jobKey: 'digest:daily', fireAt: at('2026-11-25T00:00:00Z') },
      });
      expect(digestRun.status).toBe('done');
      expect(
        await fresh.db.prisma.jobRun.count({ where: { jobKey: 'sweep:deadlines', status: 'skipped' } }),
      ).toBeGreaterThan(100);
      expect(await two.tick()).toEqual([]);
      await two.app.stop();

      // A third start a minute later finds everything recorded and sends nothing again.
      clock.advance(MINUTE);
      const three = await boot();
      await three.tick();
      expect(three.all().filter((l) => /日报|电梯维保/.test(l.text))).toEqual([]);
      await three.app.stop();
      expect(await fresh.db.prisma.outbox.count({ where: { dedupeKey: { startsWith: 'digest:' } } })).toBe(2);
      expect(await fresh.db.prisma.notice.count()).toBe(0);
    } finally {
      await fresh.cleanup();
    }
  });
});

describePg('digest on PostgreSQL', () => {
  it('"日报" gives the same figures', () => onDemand('postgresql'));
});
