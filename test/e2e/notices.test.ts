// Notices, scheduled notices, permissions and bad input through the console adapter on a real
// SQLite file with a controlled clock (start: Monday 2026-11-23 09:00 in Shanghai).
import { afterEach, describe, expect, it } from 'vitest';
import { describePg } from '../support/db.js';
import { MINUTE, startHarness, texts, type Harness } from '../support/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const GRID_CHATS = ['1-1群', '1-2群', '1栋群', '2-1群', '2-2群', '2栋群', '3-1群', '3-2群', '3栋群', '网格群'];
const at = (iso: string) => new Date(iso);
const noticesIn = (lines: { chatId?: string; text: string }[], text: RegExp) =>
  lines
    .filter((l) => l.chatId && text.test(l.text))
    .map((l) => l.chatId!)
    .sort();

async function fanOut(provider: 'sqlite' | 'postgresql') {
  h = await startHarness({ provider });
  const sent = await h.say('网格群', '王网格长', '通知 全网格 明天上午停水');
  expect(noticesIn(sent, /【通知·第一网格】明天上午停水\n——王网格长/)).toEqual(GRID_CHATS);
  expect(texts(sent)).toMatch(/通知 N1 正在发送到第一网格的 10 个群/);
  const notice = await h.db.prisma.notice.findFirstOrThrow();
  expect(notice).toMatchObject({ total: 10, text: '明天上午停水' });
  expect(await h.db.prisma.outbox.count({ where: { noticeId: notice.id, status: 'sent' } })).toBe(10);

  h.clock.advance(MINUTE);
  const report = await h.tick();
  expect(report.map((l) => [l.chatId, l.text])).toEqual([['网格群', '通知 N1 发送完毕：10/10 个群全部送达。']]);
  h.clock.advance(MINUTE);
  expect(await h.tick()).toEqual([]);
}

describe('notices now', () => {
  it('reaches every chat bound at or below the grid and reports the delivered count', () => fanOut('sqlite'));

  it('sends a building notice to the building and its units only', async () => {
    h = await startHarness();
    const sent = await h.say('3栋群', '陈楼长', '通知 本楼 今晚8点电梯检修');
    expect(noticesIn(sent, /电梯检修/)).toEqual(['3-1群', '3-2群', '3栋群']);
    const also = await h.say('网格群', '王网格长', '通知 2栋 周六上午清理楼道杂物');
    expect(noticesIn(also, /清理楼道/)).toEqual(['2-1群', '2-2群', '2栋群']);
  });

  it('refuses residents and lower heads politely, naming who can', async () => {
    h = await startHarness();
    const resident = await h.say('3-2群', '居民小王', '通知 全网格 明天停水');
    expect(resident.map((l) => l.text)).toEqual([
      '抱歉，向第一网格发通知需要由第一网格的负责人（王网格长）或其上级操作。',
    ]);
    const building = await h.say('3栋群', '陈楼长', '通知 全网格 明天停水');
    expect(building).toHaveLength(1);
    expect(building[0].text).toMatch(/王网格长/);
    expect(texts(await h.say('3栋群', '陈楼长', '通知 1栋 明天停水'))).toMatch(
      /^抱歉，向1栋发通知需要由1栋的负责人（张楼长）或其上级操作。$/,
    );
    expect(await h.db.prisma.notice.count()).toBe(0);
  });

  it('answers bad input with one polite sentence', async () => {
    h = await startHarness();
    const one = async (text: string) => {
      const out = await h.say('网格群', '王网格长', text);
      expect(out).toHaveLength(1);
      return out[0].text;
    };
    expect(await one('通知 9栋 明天停水')).toBe('没有找到“9栋”，请写成“全网格”“全社区”“3栋”或“3栋2单元”。');
    expect(await one('通知 全网格')).toMatch(/请写上通知内容/);
    expect(await one('定时 今天8:00 全网格 停水通知')).toMatch(/^时间 11月23日 08:00 已经过去了/);
    expect(await one('定时 乱七八糟 全网格 停水通知')).toMatch(/^没看懂时间“乱七八糟”/);
    expect(await one('定时 明天8:00 9栋 停水通知')).toMatch(/没有找到“9栋”/);
    expect(await one('取消定时 42')).toMatch(/没有找到定时 #42/);
    expect(await h.db.prisma.schedule.count()).toBe(0);
    expect(await h.db.prisma.notice.count()).toBe(0);
  });
});

describe('scheduled notices', () => {
  it('fires a weekly notice at Friday 15:00 Shanghai time, lists and cancels it', async () => {
    h = await startHarness();
    const created = await h.say('网格群', '王网格长', '定时 每周五15:00 全网格 消防提醒：楼道不要堆放杂物');
    expect(texts(created)).toBe(
      '已设定时 #1：每周五 15:00，向第一网格发送通知，下次 11月27日 15:00。取消请发“取消定时 1”。',
    );

    const quiet = async (iso: string) => {
      h.clock.set(at(iso));
      expect(noticesIn(await h.tick(), /消防提醒/)).toEqual([]);
    };
    await quiet('2026-11-26T07:00:00Z'); // Thursday 15:00
    await quiet('2026-11-27T06:59:00Z'); // Friday 14:59
    h.clock.set(at('2026-11-27T07:00:00Z')); // Friday 15:00
    const fired = await h.tick();
    expect(noticesIn(fired, /【通知·第一网格】消防提醒：楼道不要堆放杂物/)).toEqual(GRID_CHATS);
    expect(fired.find((l) => l.userId === '王网格长')?.text).toMatch(
      /定时 #1 已开始发送（通知 N1，第一网格，共 10 个群）/,
    );
    h.clock.advance(MINUTE);
    const after = await h.tick();
    expect(noticesIn(after, /消防提醒/)).toEqual([]);
    expect(after.find((l) => l.userId === '王网格长')?.text).toBe('通知 N1 发送完毕：10/10 个群全部送达。');
    await quiet('2026-11-28T07:00:00Z'); // Saturday
    await quiet('2026-12-03T07:00:00Z'); // next Thursday

    h.clock.set(at('2026-12-04T07:00:30Z')); // next Friday, a tick half a minute late
    expect(noticesIn(await h.tick(), /消防提醒/)).toEqual(GRID_CHATS);
    const runs = await h.db.prisma.jobRun.findMany({ where: { jobKey: 'schedule:1' }, orderBy: { fireAt: 'asc' } });
    expect(runs.map((r) => [r.fireAt.toISOString(), r.status])).toEqual([
      ['2026-11-27T07:00:00.000Z', 'done'],
      ['2026-12-04T07:00:00.000Z', 'done'],
    ]);

    expect(texts(await h.say('3-2群', '居民小王', '定时列表'))).toBe(
      '定时通知（1）：\n#1 每周五 15:00 → 第一网格：消防提醒：楼道不要堆放杂物（下次 12月11日 15:00）',
    );
    expect(texts(await h.say('3栋群', '陈楼长', '取消定时 1'))).toMatch(/只能由设定人或该区域的负责人取消/);
    expect(texts(await h.say('网格群', '王网格长', '取消定时 1'))).toBe('定时 #1 已取消。');
    await quiet('2026-12-11T07:00:00Z');
    expect(texts(await h.say('网格群', '王网格长', '定时列表'))).toBe('目前没有定时通知。');
  });

  it('sends a one-shot notice once at its time', async () => {
    h = await startHarness();
    expect(texts(await h.say('3栋群', '陈楼长', '定时 明天下午3点 3栋 停电检修'))).toMatch(
      /已设定时 #1：11月24日 15:00，向3栋发送通知/,
    );
    h.clock.set(at('2026-11-24T06:59:00Z'));
    expect(noticesIn(await h.tick(), /停电检修/)).toEqual([]);
    h.clock.set(at('2026-11-24T07:00:00Z'));
    expect(noticesIn(await h.tick(), /停电检修/)).toEqual(['3-1群', '3-2群', '3栋群']);
    h.clock.advance(MINUTE);
    expect(noticesIn(await h.tick(), /停电检修/)).toEqual([]);
    expect((await h.db.prisma.schedule.findUniqueOrThrow({ where: { id: 1 } })).active).toBe(false);
  });
});

describePg('notices on PostgreSQL', () => {
  it('fans out with the same SQL and reports the delivered count', () => fanOut('postgresql'));
});
