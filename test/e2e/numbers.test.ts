// Numbers typed by people are range-checked, never truncated or rounded: a number that is not a
// ticket gets "没有找到工单，编号有误" (a schedule, "没有找到定时"), and the ticket whose number is a prefix
// of it is left alone. On SQLite and PostgreSQL (where an id over 32 bits once overflowed).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describePg } from '../support/db.js';
import { type Harness, startHarness, texts } from '../support/harness.js';

function numbers(provider: 'sqlite' | 'postgresql') {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider });
    await h.say('1-1群', '居民小王', '1栋1单元楼道灯坏了');
    await h.say('网格群', '王网格长', '接单 #1');
    await h.say('网格群', '王网格长', '办结 #1 换好了灯泡');
  });
  afterEach(async () => h.close());

  const ticketOne = () => h.db.prisma.ticket.findUniqueOrThrow({ where: { id: 1 }, include: { place: true } });

  it('answers "没有找到工单" and leaves #1 as it was', async () => {
    const before = await ticketOne();
    expect(before.status).toBe('resolved');
    for (const text of [
      '#999999999999999999999',
      '#999999999999999999999 怎么样了',
      '重开 #1.5',
      '重开 #1e9 位置 3栋2单元',
      '#1.5 位置 3栋2单元',
      '接单 #2147483648',
      '办结 #10000000001 好了',
      '合并 #1 到 #1.0',
      '工单99999999999怎么样了',
    ]) {
      expect(texts(await h.say('网格群', '王网格长', text)), text).toBe('没有找到工单，编号有误，请核对。');
    }
    const after = await ticketOne();
    expect(after.status).toBe('resolved');
    expect(after.placeId).toBe(before.placeId);
    expect(after.version).toBe(before.version);
    expect(await h.db.prisma.inboundMessage.count({ where: { outcome: 'error' } })).toBe(0);
  });

  it('cancels no schedule for a number that is none', async () => {
    expect(texts(await h.say('网格群', '王网格长', '定时 全网格 每周五15:00 消防安全提醒'))).toMatch(/已设定时 #1/);
    for (const text of ['取消定时 999999999999', '取消定时 1.5', '取消定时 1e9', '取消定时 99999999999999999999999']) {
      expect(texts(await h.say('网格群', '王网格长', text)), text).toBe(
        '没有找到定时，编号有误，发“定时列表”查看编号。',
      );
    }
    expect(await h.db.prisma.schedule.count({ where: { active: true } })).toBe(1);
    expect(await h.db.prisma.inboundMessage.count({ where: { outcome: 'error' } })).toBe(0);
  });
}

describe('numbers that are no ticket (SQLite)', () => numbers('sqlite'));
describePg('numbers that are no ticket (PostgreSQL)', () => numbers('postgresql'));
