// The closed loop through the console adapter on a real SQLite file (and PostgreSQL where it
// runs): report → ticket → head pinged → claim → resolve → follow-up → closed; escalation;
// urgent paging; duplicates; commands and corrections.
import { afterEach, describe, expect, it } from 'vitest';
import { describePg } from '../support/db.js';
import { HOUR, MINUTE, startHarness, texts, type Harness } from '../support/harness.js';

let h: Harness;

async function loop(provider: 'sqlite' | 'postgresql') {
  h = await startHarness({ provider });
  const created = await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了，晚上看不见');
  expect(texts(created)).toMatch(/已受理 #1【设施报修】3栋2单元/);
  expect(created[0].mentions.map((m) => m.name)).toEqual(['何单元长']);

  expect(texts(await h.say('3-2群', '何单元长', '接单 #1'))).toMatch(/#1 已由 何单元长 签收/);
  expect(texts(await h.say('3-2群', '何单元长', '#1 跟进：已联系电工明天来'))).toMatch(
    /#1 进展（何单元长）：.*已联系电工/,
  );
  const resolved = await h.say('3-2群', '何单元长', '办结 #1 已换灯泡');
  expect(texts(resolved)).toMatch(/#1 已办结（何单元长）：已换灯泡/);
  const ask = resolved.find((l) => /满意吗/.test(l.text))!;
  expect(ask.mentions.map((m) => m.name)).toEqual(['居民小王']);

  expect(texts(await h.say('3-2群', '居民小王', '回访 #1 满意'))).toMatch(/#1 已销号/);
  const ticket = await h.db.prisma.ticket.findUnique({ where: { id: 1 } });
  expect(ticket).toMatchObject({ status: 'closed', satisfied: true });
  const kinds = (await h.db.prisma.ticketEvent.findMany({ where: { ticketId: 1 }, orderBy: { id: 'asc' } })).map(
    (e) => e.kind,
  );
  expect(kinds).toEqual(['created', 'assigned', 'acknowledged', 'progress', 'resolved', 'closed']);
  const points = await h.db.prisma.pointsEntry.findMany({ orderBy: { id: 'asc' } });
  expect(points.map((p) => p.reason)).toEqual(['claim_on_time', 'resolve_on_time', 'satisfied']);
  expect(texts(await h.say('3-2群', '居民小王', '积分榜'))).toMatch(/1\. 何单元长 6分/);
}

describe('closed loop on SQLite', () => {
  afterEach(async () => h?.close());

  it('takes a report from ticket to closed with points', () => loop('sqlite'));

  it('asks where when a grid chat report names no building, and the next message completes it', async () => {
    h = await startHarness();
    expect(texts(await h.say('网格群', '居民甲', '楼道里堆满了杂物没人管'))).toMatch(/请问是几栋几单元/);
    expect(await h.db.prisma.ticket.count()).toBe(0);
    const done = await h.say('网格群', '居民甲', '2栋1单元');
    expect(texts(done)).toMatch(/已受理 #1【环境卫生】2栋1单元/);
    expect(done[0].mentions.map((m) => m.name)).toEqual(['吴单元长']);
  });

  it("merges a neighbour's report of the same problem and keeps different problems apart", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '楼道灯坏了');
    const dup = await h.say('3-2群', '居民小李', '我们单元楼道的灯不亮了');
    expect(texts(dup)).toMatch(/已有人反映.*#1/);
    expect(await h.db.prisma.ticketFollower.count({ where: { ticketId: 1 } })).toBe(1);
    expect(texts(await h.say('3-1群', '居民小赵', '楼道灯坏了'))).toMatch(/已受理 #2/);
    expect(texts(await h.say('3-2群', '居民小李', '电梯坏了'))).toMatch(/已受理 #3/);
    const resolved = await h.say('3-2群', '何单元长', '办结 #1 换好了');
    expect(
      resolved
        .find((l) => /满意吗/.test(l.text))!
        .mentions.map((m) => m.name)
        .sort(),
    ).toEqual(['居民小李', '居民小王']);
  });

  it('escalates unit → building → grid → community when nobody acknowledges', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元电梯门关不上');
    h.clock.advance(2 * HOUR + MINUTE);
    const first = await h.tick();
    expect(texts(first)).toMatch(/#1 超时未签收，已升级到3栋（楼栋长）/);
    expect(first[0].mentions.map((m) => m.name)).toEqual(['陈楼长', '居民小王']);
    h.clock.advance(2 * HOUR + MINUTE);
    expect(texts(await h.tick())).toMatch(/已升级到第一网格（网格长）/);
    h.clock.advance(2 * HOUR + MINUTE);
    expect(texts(await h.tick())).toMatch(/已升级到幸福社区（社区书记）/);
    h.clock.advance(2 * HOUR + MINUTE);
    expect(texts(await h.tick())).not.toMatch(/升级/);
    const t = await h.db.prisma.ticket.findUnique({ where: { id: 1 }, include: { assignee: true } });
    expect(t).toMatchObject({ escalationLevel: 3, status: 'assigned' });
    expect(t!.assignee!.name).toBe('赵书记');
    expect(await h.db.prisma.ticketEvent.count({ where: { ticketId: 1, kind: 'escalated' } })).toBe(3);
  });

  it('escalates an acknowledged ticket that is not resolved in time', async () => {
    h = await startHarness();
    await h.say('1-1群', '居民甲', '1栋1单元水管漏水');
    await h.say('1-1群', '孙单元长', '接单 #1');
    h.clock.advance(71 * HOUR);
    expect(texts(await h.tick())).not.toMatch(/升级/);
    h.clock.advance(2 * HOUR);
    expect(texts(await h.tick())).toMatch(/#1 超时未办结，已升级到1栋/);
  });

  it('pages the grid head at once for an urgent report and lists emergency numbers', async () => {
    h = await startHarness();
    const sent = await h.say('2-1群', '居民丙', '楼道里有股很浓的煤气味！');
    const all = texts(sent);
    expect(all).toMatch(/【紧急】#1/);
    expect(all).toMatch(/119.*120.*燃气抢修0531-86011111/);
    expect(sent[0].mentions.map((m) => m.name)).toEqual(['吴单元长', '王网格长']);
    const dm = sent.find((l) => l.userId === '王网格长');
    expect(dm?.text).toMatch(/紧急/);
    const t = await h.db.prisma.ticket.findUnique({ where: { id: 1 } });
    expect(t!.urgent).toBe(true);
    expect(t!.ackDueAt!.getTime() - t!.createdAt.getTime()).toBe(15 * MINUTE);
  });

  it('sends crime leads only to the grid head by direct message', async () => {
    h = await startHarness();
    const sent = await h.say('3-2群', '居民丁', '发现有人在小区发涉黑的传单，还威胁住户');
    const group = sent.filter((l) => l.chatId);
    expect(texts(group)).not.toMatch(/涉黑/);
    expect(texts(group)).toMatch(/已直接转交网格长/);
    const dm = sent.filter((l) => l.userId === '王网格长');
    expect(texts(dm)).toMatch(/四必报.*涉黑/);
  });

  it('reopens on an unsatisfied follow-up, reminds a handler once after three days, reopens and merges', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元门禁坏了');
    await h.say('3-2群', '何单元长', '接单 #1');
    await h.say('3-2群', '何单元长', '#1 已解决');
    expect(texts(await h.say('3-2群', '居民小王', '回访 #1 不满意'))).toMatch(/#1 已重新打开/);
    expect((await h.db.prisma.ticket.findUnique({ where: { id: 1 } }))!.status).toBe('assigned');
    await h.say('3-2群', '何单元长', '办结 #1 换了新锁');
    h.clock.advance(73 * HOUR);
    const remind = await h.tick();
    expect(texts(remind)).toMatch(/回访/);
    h.clock.advance(2 * MINUTE);
    expect(texts(await h.tick())).not.toMatch(/回访提醒|仍未完成回访/);
    await h.say('3-2群', '居民小王', '电梯按钮坏了');
    await h.say('3-2群', '居民小李', '3栋2单元楼道窗户玻璃碎了');
    expect(texts(await h.say('3-2群', '何单元长', '合并 #3 到 #2'))).toMatch(/#3 已合并到 #2/);
    expect(texts(await h.say('3-2群', '居民小王', '#1 又坏了'))).toMatch(/#1 已重新打开/);
  });

  it('lets heads correct category and place, reassign, escalate, see history and their to-do list', async () => {
    h = await startHarness();
    await h.say('3栋群', '居民戊', '3栋1单元门口堆了好多纸箱');
    expect(texts(await h.say('3栋群', '陈楼长', '#1 改为 安全隐患'))).toMatch(/已更正 #1：分类为【安全隐患】/);
    expect(await h.db.prisma.correction.count()).toBe(1);
    expect(texts(await h.say('1栋群', '居民己', '1栋1单元门口堆了好多纸箱'))).toMatch(/【安全隐患】/);
    const moved = await h.say('3栋群', '陈楼长', '#1 位置 3栋2单元');
    expect(texts(moved)).toMatch(/位置为3栋2单元，负责人 何单元长/);
    expect(texts(await h.say('3栋群', '何单元长', '我的待办'))).toMatch(/#1【安全隐患】3栋2单元/);
    // 冯单元长 heads 3栋1单元, not the ticket's 3栋2单元: he could not act on it, so it is not his to take.
    expect(texts(await h.say('3栋群', '陈楼长', '转派 #1 @冯单元长'))).toMatch(/没有职务，不能转派给他/);
    expect(texts(await h.say('3栋群', '陈楼长', '上报 #1'))).toMatch(/已升级到3栋（楼栋长）/);
    const history = texts(await h.say('3栋群', '陈楼长', '#1 记录'));
    expect(history).toMatch(/更正（陈楼长）：分类改为安全隐患/);
    expect(history).toMatch(/升级（陈楼长）/);
    expect(texts(await h.say('3栋群', '居民戊', '我报的纸箱处理了吗'))).toMatch(
      /#1【安全隐患】3栋2单元\n状态：已派单，负责人：陈楼长/,
    );
  });

  it('answers directory questions from the notice board', async () => {
    h = await startHarness();
    expect(texts(await h.say('1-2群', '居民己', '我们单元长是谁'))).toMatch(/2单元单元长：周单元长 13800000112/);
    expect(texts(await h.say('1-2群', '居民己', '物业电话多少'))).toMatch(/物业：0531-88880000/);
    expect(texts(await h.say('1-2群', '居民己', '网格员电话'))).toMatch(/网格员：李网格员 13800000003/);
  });

  it("binds a new group by a head's command and a person by an invite code", async () => {
    h = await startHarness();
    expect(await h.say('新群', '居民庚', '楼道灯坏了')).toEqual([]);
    expect(texts(await h.say('新群', '居民庚', '绑定 2栋2单元'))).toMatch(/需要由.*负责人|网格员/);
    const bound = texts(await h.say('新群', '刘楼长', '绑定 2栋2单元'));
    expect(bound).toMatch(/本群已绑定到 2栋2单元/);
    expect(texts(await h.say('新群', '居民庚', '楼道灯坏了'))).toMatch(/已受理 #1【设施报修】2栋2单元/);
    const code = /恢复码 (\d{8})/.exec(bound)![1];
    expect(texts(await h.say('新群(新id)', '居民庚', `绑定 ${code}`))).toMatch(/恢复群绑定需要由/);
    expect(texts(await h.say('新群(新id)', '刘楼长', `绑定 ${code}`))).toMatch(/本群已绑定到 2栋2单元/);
    expect(await h.say('新群', '居民庚', '电梯坏了')).toEqual([]);
    expect(texts(await h.say('新群(新id)', '居民庚', '电梯坏了'))).toMatch(/已受理 #2【设施报修】2栋2单元/);
    const person = await h.db.prisma.person.findUnique({ where: { key: 'liu-b2' } });
    await h.db.prisma.bindingCode.create({
      data: { code: 'K7P4Q9RXAB', personId: person!.id, expiresAt: new Date(h.clock.now().getTime() + HOUR) },
    });
    expect(texts(await h.say('私聊', '刘楼长的新号', '绑定 K7P4Q9RXAB'))).toMatch(/绑定成功，您好，刘楼长/);
    expect(texts(await h.say('私聊', '别人', '绑定 K7P4Q9RXAB'))).toMatch(/绑定码无效/);
  });
});

describePg('closed loop on PostgreSQL', () => {
  afterEach(async () => h?.close());
  it('takes a report from ticket to closed with points', () => loop('postgresql'));
});
