// Context a grid worker would use, second part: which of a reporter's problems their words are
// about, and which of two tickets naming one thing a head means.
// Console chats on a real SQLite file; sentences written for this test.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, texts } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const ticket = (id: number) => h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });

describe("a reporter's words about their own problem", () => {
  it('stay with their one open ticket when they name nothing it does not, however like another they sound', async () => {
    h = await startHarness();
    await h.say('3-2群', '阿杰', '电梯又抽风了 到12楼门开一半就不动了');
    await h.say('3-2群', '何单元长', '收到 我问下电梯公司');
    await h.say('3-2群', '阿杰', '何哥 那部电梯到底咋个说嘛 刚刚又卡了一次 都两个钟头了');
    await h.say('3-2群', '小琪', '楼上又开始打电钻了 中午十二点半 我上夜班白天要睡觉');
    await h.say('3-2群', '何单元长', '我上去看下是哪家 中午不准整 我去说');
    const chase = texts(await h.say('3-2群', '小琪', '还在打 还在打 不是说去说了吗 咋个还在整'));
    expect(chase).toMatch(/#2/);
    expect(chase).not.toMatch(/#1/);
  });

  it('hears the status when they ask whether anyone has acted on it, not when they ask neighbours for a hand', async () => {
    h = await startHarness();
    await h.say('3-2群', '小琪', '3栋2单元 我楼上1502那户每天凌晨一点还在拖椅子剁东西 已经第三晚了 能不能有人去说一下');
    expect(texts(await h.say('3-2群', '小琪', '请问楼里有人有梯子吗 借我用十分钟'))).toBe('');
    const asked = texts(await h.say('3-2群', '小琪', '想问下1502那边有人去说了吗 今晚要是再拖椅子我真的要裂开了'));
    expect(asked).toMatch(/#1/);
    const events = await h.db.prisma.ticketEvent.findMany({ where: { ticketId: 1, kind: 'chased' } });
    expect(events).toHaveLength(1);
  });
});

describe('two tickets naming one thing', () => {
  it("takes a head's words for the one whose reporter they speak to", async () => {
    h = await startHarness();
    await h.say('网格群', '老倪', '后面巷子里楼上人家空调水管拖出来 水一天到夜滴在我窗口遮阳棚上');
    await h.say('网格群', '老邵', '巷子口那家二楼的空调外机 架子锈断了一只脚 斜挂在半空 下面就是小孩走的路');
    const step = texts(await h.say('网格群', '王网格长', '空调外机我马上过来 老邵帮我先拿凳子拦一拦'));
    expect(step).toMatch(/#2 已由 王网格长 签收/);
    expect((await ticket(1)).status).toBe('assigned');
  });
});

describe('a head answering a resident', () => {
  it('files nothing for a head who @-mentions a resident, and still files what they report to another head', async () => {
    h = await startHarness();
    const answer = texts(
      await h.say('3栋群', '陈楼长', '@黄太太 物业这边也有有偿上门维修的 要的话周一打物业电话约时间'),
    );
    expect(answer).toBe('');
    expect(await h.db.prisma.ticket.count()).toBe(0);
    const report = texts(await h.say('3栋群', '陈楼长', '@王网格长 3栋2单元门口的排水沟堵了 污水漫到路上了'));
    expect(report).toMatch(/已受理 #1/);
  });
});

describe("a head's news of a person in trouble", () => {
  it('is a step on the one ticket of theirs about a person, not on their other work', async () => {
    h = await startHarness();
    await h.say('3-2群', '小王', '3栋2单元楼道灯坏了 晚上黑乎乎的');
    await h.say('3-2群', '何单元长', '收到 下午去换');
    expect(texts(await h.say('3-2群', '小邱', '3栋2单元二楼楼梯上我妈摔倒了 起不来 头上在流血'))).toMatch(/紧急/);
    const step = texts(await h.say('3-2群', '何单元长', '我也来了 120已经打了 小邱你莫硬扯她 让她先靠到 莫乱动'));
    expect(step).toMatch(/#2 已由 何单元长 签收/);
    expect((await ticket(1)).status).toBe('acknowledged');
  });
});

describe('a neighbour with the same trouble at home', () => {
  it("joins the leak just reported, so the head's step goes to that one ticket", async () => {
    h = await startHarness();
    await h.say('3-2群', '小周', '楼上往我家厨房顶上渗水 一滴一滴的 地上都湿了');
    const also = texts(await h.say('3-2群', '老吴', '我是她对门 我家卫生间顶子也湿了一大块'));
    expect(also).not.toMatch(/已受理/);
    expect(await h.db.prisma.ticket.count()).toBe(1);
    expect(texts(await h.say('3-2群', '何单元长', '我马上上楼去敲门看看'))).toMatch(/#1 已由 何单元长 签收/);
  });
});

describe('a neighbour who had the same visitors', () => {
  it('joins the report of them instead of opening a second one', async () => {
    h = await startHarness();
    await h.say('3-2群', '杨老师', '刚才有两个人挨家敲门 说是燃气公司查表 要换阀门收一百八 我没开 往4单元去了');
    const also = texts(await h.say('3-2群', '舒阿姨', '我家也来敲过 我一个人在家没开门 两个男的穿蓝雨衣'));
    expect(also).not.toMatch(/已受理/);
    expect(await h.db.prisma.ticket.count()).toBe(1);
  });
});

describe("a head's answer to a question asked", () => {
  it('closes the question when the answer is given, and only notes it while the answer is still to come', async () => {
    h = await startHarness();
    const asked = texts(await h.say('网格群', '老孟', '请问咱这老楼能不能装电梯 俺住五楼 腿脚不行了'));
    expect(asked).toMatch(/已受理 #1【政策咨询】/);
    await h.say('网格群', '王网格长', '收到 我去街道问一下');
    const waiting = texts(await h.say('网格群', '王网格长', '孟大爷 街道还没回话 等通知'));
    expect(waiting).not.toMatch(/办结/);
    expect((await ticket(1)).status).not.toBe('resolved');
    const answered = texts(
      await h.say(
        '网格群',
        '王网格长',
        '孟大爷 街道那边说了 老楼加装电梯得一个单元三分之二以上住户同意 一楼二楼也得签字',
      ),
    );
    expect(answered).toMatch(/#1/);
    expect((await ticket(1)).status).toBe('resolved');
  });
});

describe('who a head speaks to, and news on a ticket named by number', () => {
  it('a neighbour\'s "+1" follows quietly, and their "又不亮了" after the fix reopens the ticket', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    expect(texts(await h.say('3-2群', '小琪', '+1 昨晚摸黑上的楼'))).toBe('');
    const followers = await h.db.prisma.ticketFollower.count({ where: { ticketId: 1 } });
    expect(followers).toBe(1);
    await h.say('3-2群', '何单元长', '灯换好了');
    expect((await ticket(1)).status).toBe('resolved');
    expect(texts(await h.say('3-2群', '小琪', '又不亮了 刚换的'))).toMatch(/#1[^\n]*重新/);
  });

  it('a head calling out to another neighbour by name does not act on his one ticket', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    expect(texts(await h.say('3-2群', '阿杰', '今天降温了 大家出门多穿点'))).toBe('');
    const step = texts(await h.say('3-2群', '何单元长', '这件我来 已经打电话给社区民警了 我现在过去 阿杰你把收据收好'));
    expect(step).not.toMatch(/#1/);
    expect((await ticket(1)).status).toBe('assigned');
  });

  it("a handler's news on the ticket he names is an update or its end; a resident's is not", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '何单元长 请问高龄补贴怎么申请 要带什么材料');
    expect((await ticket(1)).category).toBe('consultation');
    const resident = texts(await h.say('3-2群', '小琪', '#1 我家也想问这个'));
    expect(resident).not.toMatch(/进展（|已办结/);
    const answer = texts(await h.say('3-2群', '何单元长', '#1 问清楚了 带身份证和户口本去社区一楼就行'));
    expect(answer).toMatch(/#1 已办结/);
    expect((await ticket(1)).status).toBe('resolved');
  });
});

describe('an emergency and a head answering the ping just made', () => {
  it("a grid worker out searching updates the emergency, not the bins she signed for; the head's end closes it", async () => {
    h = await startHarness();
    await h.say('网格群', '王婶', '1栋门口那两个垃圾桶满了三天没人收 风一刮满地跑');
    expect(texts(await h.say('网格群', '李网格员', '王婶我看见了 这就给环卫所打电话'))).toMatch(
      /#1 已由 李网格员 签收/,
    );
    expect(
      texts(await h.say('网格群', '马丽', '各位帮帮忙 我爸今早出门到现在还没回来 他这两年有点糊涂 是2栋的')),
    ).toMatch(/紧急/);
    await h.say('网格群', '王网格长', '收到 我马上去找');
    const searching = texts(await h.say('网格群', '李网格员', '我往东门那边走着了 也给派出所打了电话 他们在调监控'));
    expect(searching).toMatch(/#2/);
    expect(searching).not.toMatch(/#1/);
    expect(texts(await h.say('网格群', '王网格长', '人找着了 在公园长椅上坐着 人没事 已经送回家了'))).toMatch(
      /#2 已办结/,
    );
    expect((await ticket(1)).status).toBe('acknowledged');
  });

  it('words of their own right after a ping are about that report, not an older ticket of theirs', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    const wire = texts(
      await h.say('3-2群', '居民小李', '3栋2单元二楼有户从窗户吊下来一根电线给电动车充电 线就拖在人走的道上'),
    );
    expect(wire).toMatch(/@何单元长[^\n]*#2/);
    expect(texts(await h.say('3-2群', '何单元长', '我知道是谁家的 那后生刚下夜班 我这就下去敲他门'))).toMatch(
      /#2 已由 何单元长 签收/,
    );
    expect((await ticket(1)).status).toBe('assigned');
  });
});

describe('who and what a head speaks of (2026-12-03h)', () => {
  it('someone found in a matter nobody was missing in is a step on it, not its end', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元电梯坏了 停在一楼不动');
    await h.say('3-2群', '何单元长', '收到 我去看看');
    const found = texts(
      await h.say('3-2群', '何单元长', '监控看了 是送桶装水的把水洒在轿厢里 冻在底坑了 水站老板已经找着了 叫他来赔'),
    );
    expect(found).not.toMatch(/已办结/);
    expect((await ticket(1)).status).not.toBe('resolved');
  });

  it('"found" ends the search among a head\'s tickets, even when the words name whoever saw the child', async () => {
    h = await startHarness();
    const page = texts(
      await h.say('网格群', '居民小王', '我家孩子五岁 穿红衣服 刚才在东门一挤就不见了 找了半个钟头了'),
    );
    expect(page).toMatch(/#1/);
    await h.say('网格群', '老柯', '南门小卖部那边有个小女孩在哭 一个阿姨陪着 要不要去看看');
    await h.say('网格群', '王网格长', '收到 我这就过去');
    const found = texts(await h.say('网格群', '王网格长', '找到了 就是老柯说的那个 在南门 妈妈已经接走了'));
    expect(found).toMatch(/#1 已办结/);
  });

  it('a head naming the reporter by the end of their group name takes that report, not the one just pinged', async () => {
    h = await startHarness();
    await h.say('3-2群', '早点铺小吴', '3栋2单元楼道里堆满了纸箱 人都过不去');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    expect(texts(await h.say('3-2群', '何单元长', '小吴说得对 这事得管 我下午去看看'))).toMatch(
      /#1 已由 何单元长 签收/,
    );
    expect((await ticket(2)).status).toBe('assigned');
  });
});

describe('an outage announced, and what broke in it', () => {
  it('files a thing broken since the announced cut, while the cut itself stays quiet', async () => {
    h = await startHarness();
    await h.say('3-2群', '何单元长', '【停电通知】今天上午9点到下午3点 3栋检修线路暂停供电 请提前做好准备');
    expect(texts(await h.say('3-2群', '居民小王', '家人们停电了 冰箱里的东西要坏了'))).toBe('');
    expect(texts(await h.say('3-2群', '居民小李', '3栋2单元门禁从停电后就一直刷不了卡 大门敞开谁都能进'))).toMatch(
      /已受理 #1/,
    );
  });
});

describe('a warning to neighbours, and a phone call got through (2026-12-04)', () => {
  it("files a resident's warning to the neighbours about men at the doors, though it reads like a notice", async () => {
    h = await startHarness();
    const warned = texts(
      await h.say(
        '网格群',
        '周老师',
        '各位邻居，刚才有两个男的在3栋挨家挨户敲门，说是燃气公司的，免费检查，说我家软管不合格，非要换398块的报警器',
      ),
    );
    expect(warned).toMatch(/已受理 #1/);
  });

  it('takes "I got through to the owner on the phone" as a step, not the end', async () => {
    h = await startHarness();
    await h.say('3-2群', '甘生', '我系302 厕所天花又渗水 滴到成地都系 实系402嘅 揾过佢两次都唔理');
    await h.say('3-2群', '何单元长', '收到 漏水呢件事我嚟跟');
    const step = texts(await h.say('3-2群', '何单元长', '甘生 我打通咗402业主电话 佢今晚七点喺屋企 到时一齐上去睇'));
    expect(step).toMatch(/#1 进展/);
    expect((await ticket(1)).status).not.toBe('resolved');
  });
});

describe('a problem open here that becomes a danger now', () => {
  it("is raised to urgent and paged under its own number, and the head's next step lands on it", async () => {
    h = await startHarness();
    await h.say('3-2群', '马哥', '3栋外墙早上掉了一块瓷砖 砸在花坛里 还好没砸到人 上面那排还有几块鼓起来的 迟早要掉');
    await h.say('3-2群', '何单元长', '收到 我叫物业先在花坛边拉警戒线');
    expect((await ticket(1)).urgent).toBe(false);
    const page = texts(await h.say('3-2群', '小叶', '掉瓷砖那里线都没拉啊 刚下楼看 还有几个小孩在花坛边上玩'));
    expect(page).toMatch(/【紧急】#1/);
    expect(page).not.toMatch(/#2/);
    expect((await ticket(1)).urgent).toBe(true);
    const events = await h.db.prisma.ticketEvent.findMany({ where: { ticketId: 1, kind: 'raised' } });
    expect(events).toHaveLength(1);
    expect(texts(await h.say('3-2群', '何单元长', '警戒线已经拉好了 放了三个锥桶'))).toMatch(/#1/);
  });

  it('a fresh danger of another kind in the same chat is its own page', async () => {
    h = await startHarness();
    await h.say('3-2群', '马哥', '3栋外墙早上掉了一块瓷砖 砸在花坛里 还好没砸到人 上面那排还有几块鼓起来的 迟早要掉');
    const page = texts(await h.say('3-2群', '小叶', '花坛边上有个老人摔倒了 起不来 头在流血'));
    expect(page).toMatch(/【紧急】#2/);
    expect((await ticket(1)).urgent).toBe(false);
  });
});

describe('a neighbour a floor away', () => {
  it('"五楼也小得很" joins the weak water just reported, not a ticket of its own', async () => {
    h = await startHarness();
    await h.say('3-2群', '严老师', '我们六楼的水龙头只有一点点水 滴滴答答的 脸都洗不成 楼下几层好像还正常');
    const also = texts(await h.say('3-2群', '小罗', '五楼也小得很 热水器都点不着火'));
    expect(also).toMatch(/#1/);
    expect(also).not.toMatch(/#2/);
  });
});

describe("a building head's news in the building's group", () => {
  it('is no step on a ticket below whose things the words pass over', async () => {
    h = await startHarness();
    await h.say('3-2群', '赵姐', '右边那部电梯到12楼门就关不上 一直在那儿开开关关 要下楼的全挤左边一部 还是不对');
    await h.say('3-2群', '小韩', '电梯门又开开关关 现在都没法正常下去 外面的人也进不来');
    const news = texts(
      await h.say('3栋群', '陈楼长', '地库入口的水又抽干了 市政也来把外面的雨水管疏通了 现在车可以正常下去'),
    );
    expect(news).not.toMatch(/#1 已办结/);
    expect((await ticket(1)).status).not.toBe('resolved');
  });
});

describe('a problem back, blamed on another handled here', () => {
  it('reopens the one said to be back, not the one it may be blamed on', async () => {
    h = await startHarness();
    await h.say('3-2群', '阿珍', '我们单元三楼到五楼楼梯灯都不亮 今早下去买菜摸黑走 差点踩空');
    await h.say('3-2群', '何单元长', '楼梯灯换好了 三到五楼都亮了');
    await h.say('3-2群', '蔡阿姨', '何单元长 二楼楼梯口个电表箱冒烟 有股烧胶味 里面还噼噼啪啪响 我刚下楼看到');
    await h.say('3-2群', '小林', '系啊 头先三楼嗰盏闪咗几下 成条楼梯都黑咗');
    await h.say('3-2群', '何单元长', '电表箱修好了 供电所换了空开 烧的线也换了');
    const back = texts(
      await h.say('3-2群', '阿珍', '何哥 楼梯灯又唔着喇 三楼嗰盏闪咗几下就黑咗 系唔系头先电表箱嗰单搞到'),
    );
    expect(back).toMatch(/#1/);
    expect(back).not.toMatch(/#2/);
  });
});
