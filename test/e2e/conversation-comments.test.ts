// A neighbour's comment on a report just made, and a head's words to everyone while handling the page
// they took: neither is a new ticket (2026-12-05f). Console chats on a real SQLite file; sentences
// written for this test.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, texts } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

describe("a neighbour's comment on the report just made", () => {
  it('files nothing and follows that report', async () => {
    h = await startHarness();
    await h.say(
      '3-2群',
      '小王',
      '有两个人在挨家敲门，说是退管办的，要核对退休金，让把身份证和银行卡拍照给他们，我觉得不对劲',
    );
    expect(texts(await h.say('3-2群', '老李', '退管办从来不上门的 骗子吧'))).toBe('');
    expect(await h.db.prisma.ticket.count()).toBe(1);
    expect(await h.db.prisma.ticketFollower.count({ where: { ticketId: 1 } })).toBe(1);
  });

  it('is still a report of its own when it names a place and thing of its own', async () => {
    h = await startHarness();
    await h.say(
      '3-2群',
      '小王',
      '有两个人在挨家敲门，说是退管办的，要核对退休金，让把身份证和银行卡拍照给他们，我觉得不对劲',
    );
    expect(texts(await h.say('3-2群', '老李', '3栋2单元楼道灯坏了 晚上黑乎乎的'))).toMatch(/已受理 #2/);
  });
});

describe('a head handling the page they took', () => {
  it('tells everyone how to go round it: news of that page, not a new one', async () => {
    h = await startHarness();
    await h.say(
      '3栋群',
      '小蔡',
      '大家抬头看一下 17楼阳台外头挂的花架子歪起了 一个大花盆吊在外头晃 底下就是单元门口进出的路',
    );
    expect(texts(await h.say('3栋群', '陈楼长', '收到，我马上上去敲门。'))).toMatch(/#1 已由 陈楼长 签收/);
    const news = texts(
      await h.say('3栋群', '陈楼长', '1702家里有人，老人在家，正帮他把花架往里收。大家从侧门进出，别走单元门正面。'),
    );
    expect(news).toMatch(/#1 进展/);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });
});
