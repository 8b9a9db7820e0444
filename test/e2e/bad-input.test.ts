// Permissions and bad input through the console adapter: each refusal is one polite sentence
// naming who can act; bad input gets a short answer or silence, and every message is recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importOrg } from '../../src/services/org/import.js';
import { startHarness, texts, type Harness } from '../support/harness.js';

let h: Harness;

const OTHER_GRID = `
people:
  - { key: qian-g2, name: 钱网格长, identities: [{ platform: console, id: 钱网格长 }] }
places:
  - key: heping
    level: community
    name: 和平社区
    children:
      - key: heping/g2
        level: grid
        name: 第二网格
        roles: { head: qian-g2 }
        chats: [{ platform: console, id: 二网格群 }]
        children:
          - { key: heping/g2/b9, level: building, name: 9栋, number: "9" }
`;

beforeEach(async () => {
  h = await startHarness();
  await importOrg(h.db, OTHER_GRID);
  await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
});
afterEach(async () => h.close());

describe('permissions', () => {
  it('refuses triage by a resident and says who can do it', async () => {
    for (const command of [
      '接单 #1',
      '办结 #1 好了',
      '进展 #1 在修',
      '转派 #1 @冯单元长',
      '上报 #1',
      '#1 改为 安全隐患',
      '#1 记录',
    ]) {
      const reply = texts(await h.say('3-2群', '居民小李', command));
      expect(reply, command).toMatch(/^抱歉，.*需要由该区域的单元长、楼栋长、网格长或网格员操作。$/);
    }
    expect((await h.db.prisma.ticket.findUnique({ where: { id: 1 } }))!.status).toBe('assigned');
  });

  it('refuses a building head acting on another building', async () => {
    expect(texts(await h.say('3-2群', '张楼长', '接单 #1'))).toMatch(/需要由.*操作/);
  });

  it('lets only the reporter or a head cancel or answer the follow-up', async () => {
    expect(texts(await h.say('3-2群', '居民小李', '撤销 #1'))).toMatch(/撤销工单需要由报事人本人或该区域负责人操作/);
    await h.say('3-2群', '何单元长', '接单 #1');
    await h.say('3-2群', '何单元长', '办结 #1 已换灯泡');
    expect(texts(await h.say('3-2群', '居民小李', '回访 #1 满意'))).toMatch(/回访需要由报事人本人或该区域负责人操作/);
    expect(texts(await h.say('3-2群', '居民小王', '回访 #1 满意'))).toMatch(/已销号/);
    await h.say('3-2群', '居民小王', '电梯坏了');
    expect(texts(await h.say('3-2群', '居民小王', '撤销 #2'))).toMatch(/#2 已撤销/);
  });

  it('refuses binding and to-do lists to people without a role', async () => {
    expect(texts(await h.say('3-2群', '居民小李', '我的待办'))).toMatch(/查看待办需要由/);
    expect(texts(await h.say('新群', '居民小李', '绑定 3栋'))).toMatch(/绑定群需要由/);
  });

  it('keeps tickets of another grid out of sight', async () => {
    await h.say('二网格群', '居民甲', '9栋门口井盖松动了');
    expect(texts(await h.say('3-2群', '居民小王', '#2 怎么样了'))).toBe(
      '#2 不属于本群所在的区域，请在对应的群里查询，或联系网格员。',
    );
    expect(texts(await h.say('3-2群', '王网格长', '接单 #2'))).toMatch(/不属于本群所在的区域/);
  });
});

describe('bad input', () => {
  it('answers unknown and malformed commands briefly', async () => {
    expect(texts(await h.say('3-2群', '何单元长', '接单 #999'))).toBe('没有找到工单 #999，请核对编号。');
    expect(texts(await h.say('3-2群', '何单元长', '接单 #99999999999999'))).toMatch(/没有找到工单|请带上工单编号/);
    // A head with no open ticket here says a bare command word: the bot asks for the number.
    expect(texts(await h.say('1-1群', '孙单元长', '接单'))).toBe('请带上工单编号，例如“接单 #编号”。');
    expect(texts(await h.say('3-2群', '何单元长', '合并 #1'))).toMatch(/指令格式不对/);
    expect(texts(await h.say('3-2群', '何单元长', '回访 #1'))).toMatch(/不能这样操作|满意/);
  });

  it('stays quiet in chats bound to no place, except for help and binding', async () => {
    expect(await h.say('陌生群', '路人', '楼道灯坏了')).toEqual([]);
    expect(await h.say('陌生群', '路人', '#1 怎么样了')).toEqual([]);
    expect(texts(await h.say('陌生群', '路人', '帮助'))).toMatch(/网格助手用法/);
    expect(await h.db.prisma.inboundMessage.count({ where: { chat: { externalId: '陌生群' } } })).toBe(3);
  });

  it('answers a 10,000-character message briefly and keeps it', async () => {
    const huge = '楼道灯坏了'.repeat(2000);
    expect(texts(await h.say('3-2群', '居民小李', huge))).toBe('消息太长了，请把问题简要说明（200字以内）。');
    const kept = await h.db.prisma.inboundMessage.findFirst({ where: { outcome: 'reply' }, orderBy: { id: 'desc' } });
    expect(kept!.text.length).toBe(10_000);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });

  it('ignores emoji-only messages and WeChat codes', async () => {
    for (const text of ['👍👍', '[强]', '[表情]', '🙏', '   ', '\u0000\u0007']) {
      expect(await h.say('3-2群', '居民小李', text), JSON.stringify(text)).toEqual([]);
    }
  });

  it('answers the same message flooded 50 times once, and records all 50', async () => {
    let replies = 0;
    for (let i = 0; i < 50; i++) replies += (await h.say('3-1群', '居民刷屏', '3栋1单元电梯坏了快来修')).length;
    expect(replies).toBe(1);
    expect(await h.db.prisma.ticket.count({ where: { text: { contains: '电梯' } } })).toBe(1);
    expect(await h.db.prisma.inboundMessage.count({ where: { identity: { externalId: '居民刷屏' } } })).toBe(50);
  });

  it('does nothing twice when a platform redelivers a message', async () => {
    const first = await h.say('3-1群', '居民丙', '3栋1单元水管漏水', 'msg-42');
    expect(first).toHaveLength(1);
    expect(await h.say('3-1群', '居民丙', '3栋1单元水管漏水', 'msg-42')).toEqual([]);
    expect(await h.db.prisma.ticket.count()).toBe(2);
    expect(await h.db.prisma.outbox.count()).toBe(2);
  });

  it('survives SQL and markup look-alikes as plain text', async () => {
    const sent = await h.say(
      '3-2群',
      '居民小李',
      '3栋2单元\'); DROP TABLE "Ticket"; -- <script>alert(1)</script> 门禁坏了',
    );
    expect(texts(sent)).toMatch(/已受理 #2/);
    expect(await h.db.prisma.ticket.count()).toBe(2);
  });
});
