// Conversations, not sentences: what a message means depends on who says it and what was just
// said. Console chats on a real SQLite file (and the durable question across a restart).
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import { type Harness, startHarness, texts } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const ticket = (id: number) => h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
const count = () => h.db.prisma.ticket.count();

/** Says a quote-reply: `quoted` as WeChat shows a quote ("名字：内容"). */
async function quote(chat: string, speaker: string, quoted: string, text: string) {
  const before = h.console.sent.length;
  await h.console.say({ chat, speaker, text, quoted });
  await h.app.settle();
  return h.console.sent.slice(before);
}

describe('heads answer in their own words', () => {
  it('claims and resolves the one ticket a head was pinged about, saying which and how to undo', async () => {
    h = await startHarness();
    expect(texts(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了'))).toMatch(/@何单元长 已受理 #1/);
    const claim = texts(await h.say('3-2群', '何单元长', '收到 马上去看看'));
    expect(claim).toMatch(/#1 已由 何单元长 签收/);
    expect(claim).toMatch(/如不是这件，请发“转派 #1 @负责人”/);
    const fixed = texts(await h.say('3-2群', '何单元长', '灯换好了 大家晚上可以放心走了'));
    expect(fixed).toMatch(/#1 已办结（何单元长）/);
    expect(fixed).toMatch(/如不是这件，请发“重开 #1”/);
    expect((await ticket(1)).status).toBe('resolved');
  });

  it('asks which ticket when two fit, and a bare number answers, even after a restart', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    const asked = texts(await h.say('3-2群', '何单元长', '收到'));
    expect(asked).toMatch(/您有 2 件待办：#2 3栋2单元【设施报修】；#1 3栋2单元【设施报修】。是哪一件？回复编号即可。/);
    expect([(await ticket(1)).status, (await ticket(2)).status]).toEqual(['assigned', 'assigned']);

    // The bot restarts between its question and the answer: the question lives in the database.
    await h.app.stop();
    const console2 = new ConsoleAdapter();
    const config = loadConfig({ DATABASE_URL: 'file:unused.db' }, {});
    const app2 = await App.create({
      config,
      logger: silentLogger,
      clock: h.clock,
      adapters: [console2],
      db: h.db,
      manualTicks: true,
    });
    await app2.start();
    await console2.say({ chat: '3-2群', speaker: '何单元长', text: '2' });
    await app2.settle();
    expect(console2.sent.map((s) => s.text).join('\n')).toMatch(/#2 已由 何单元长 签收/);
    expect([(await ticket(1)).status, (await ticket(2)).status]).toEqual(['assigned', 'acknowledged']);
    await app2.stop();
    h.app = app2;
  });

  it('acts on the ticket a quote-reply points at, whatever else is open', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    expect(texts(await quote('3-2群', '何单元长', '居民小李：3栋2单元的单元门锁坏了 关不上', '收到'))).toMatch(
      /#2 已由 何单元长 签收/,
    );
    const ack = h.console.sent.find((s) => /已受理 #1/.test(s.text))!.text;
    expect(texts(await quote('3-2群', '何单元长', `网格助手：${ack}`, '修好了'))).toMatch(/#1 已办结/);
    expect([(await ticket(1)).status, (await ticket(2)).status]).toEqual(['resolved', 'acknowledged']);
  });

  it('never applies a quote whose number the bot never posted in this chat to that ticket', async () => {
    h = await startHarness();
    await h.say('3-1群', '居民老周', '3栋1单元单元门锁坏了 关不上');
    await h.say('3-2群', '居民小王', '3栋2单元停水了 一滴都没有');
    // The building head quotes a retyped message with the other unit's number: the words tell which one here.
    const said = texts(await quote('3-2群', '陈楼长', '网格助手：#1 停水无通知 @陈楼长', '来水了 放一下就清了'));
    expect(said).toMatch(/#2 已办结/);
    expect([(await ticket(1)).status, (await ticket(2)).status]).toEqual(['assigned', 'resolved']);
  });

  it("takes a head's 马上到 with orders to everyone, right after a page, as taking it on", async () => {
    h = await startHarness();
    expect(texts(await h.say('3-2群', '居民小王', '何单元长 七楼楼梯口一股臭鸡蛋味 很重 我闻了头有点晕'))).toMatch(
      /紧急/,
    );
    const said = texts(
      await h.say('3-2群', '何单元长', '马上到！大家不要开关电灯，不要打火，开窗通风，王阿姨先下楼。'),
    );
    expect(said).toMatch(/#1 已由 何单元长 签收/);
    expect(await count()).toBe(1);
  });

  it('takes orders to everyone after a page for the page, not for the thing they tell people to keep off', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元电梯坏了 按了半天没反应');
    expect(texts(await h.say('3-2群', '何单元长', '收到 我联系电梯公司'))).toMatch(/#1 已由 何单元长 签收/);
    expect(texts(await h.say('3-2群', '居民小李', '对门302窗户往外冒黑烟 一股烧糊的味 敲门没人应'))).toMatch(/紧急/);
    const said = texts(await h.say('3-2群', '何单元长', '我马上上去 119打了 大家别坐电梯 走楼梯往下走'));
    expect(said).toMatch(/#2 已由 何单元长 签收/);
    expect((await ticket(1)).status).toBe('acknowledged');
  });

  it("takes words said first to a reporter for their ticket when its story tells them, not another's that shares a word", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小吴', '我家顶楼漏水了 天花板一直往下滴 拿盆接着');
    await h.say('3-2群', '何单元长', '收到 我上来看看');
    const noted = texts(
      await h.say(
        '3-2群',
        '何单元长',
        '小吴 我上来看过了 物业说屋顶防水要等雨停了才能上去做 今天先派人把楼道那扇破窗户拿板子封上 你家先拿盆接着',
      ),
    );
    expect(noted).toMatch(/#1 进展/);
    expect(texts(await h.say('3-2群', '居民老蔡', '外墙十楼窗户下面那块瓷砖鼓出来了 下雨泡着 怕掉下来'))).toMatch(/#2/);
    await h.say('3-2群', '何单元长', '收到蔡叔 我拍照发物业');
    const said = texts(await h.say('3-2群', '何单元长', '小吴 楼道那扇破窗用板子封上了 楼梯上的水也拖了'));
    expect(said).toMatch(/#1/);
    expect(said).not.toMatch(/#2/);
  });

  it("takes a neighbour's 'I smell it too, is something on fire?' for the smoking battery just paged", async () => {
    h = await startHarness();
    const paged = texts(
      await h.say(
        '3-2群',
        '居民老包',
        '一楼楼梯底下那台电瓶车 电池鼓起个大包 直往外冒白烟 呲呲响 一股子呛鼻子的味 快来',
      ),
    );
    expect(paged).toMatch(/紧急/);
    expect(texts(await h.say('3-2群', '居民满大娘', '俺在五楼 闻着一股味 是不是着火了 俺咋整'))).toMatch(/#1/);
    expect(await count()).toBe(1);
  });

  it('never files a head asking a colleague by title in the grid group', async () => {
    h = await startHarness();
    const said = await h.say('3栋群', '陈楼长', '何单元长 你们单元有没有独居的或者卧床的 停电一上午怕出事');
    expect(texts(said)).toBe('');
    expect(await count()).toBe(0);
  });

  it("takes a neighbour's 'water at my door too', with a guess at its cause, for the report just made", async () => {
    h = await startHarness();
    expect(texts(await h.say('3-2群', '居民卜嫂', '九楼楼道哗哗往下淌水 从楼梯上冲下来 都流到电表箱里了'))).toMatch(
      /#1/,
    );
    const said = texts(await h.say('3-2群', '居民闵阿姨', '俺家门口也是水 拖鞋都漂起来了 是不是十楼谁家暖气跑水了'));
    expect(said).toMatch(/#1/);
    expect(await count()).toBe(1);
  });

  it("takes a neighbour's 'still lying across the lane' for the open ticket, not a new page", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小邓', '3栋门口那棵大樟树断了一根大枝 横在路当中 电瓶车三轮车都过不去');
    const said = texts(
      await h.say('3-2群', '居民阿珍', '何单元长 樟树枝还横在路当中 刚才一个送快递的三轮车卡在那里 倒都倒不出去'),
    );
    expect(said).toMatch(/#1/);
    expect(said).not.toMatch(/紧急/);
    expect(await count()).toBe(1);
  });

  it("takes a quote of the bot's 'which one?' for the listed ticket the reply speaks of", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了 晚上黑漆漆的');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    await h.say('3-2群', '何单元长', '收到');
    const ask = h.console.sent.find((s) => /是哪一件/.test(s.text))!.text;
    // The list names #2 first; the reply speaks of the light, #1.
    expect(texts(await quote('3-2群', '何单元长', `网格助手：${ask}`, '楼道灯那个 我下午去买灯泡'))).toMatch(
      /#1 已由 何单元长 签收/,
    );
    expect((await ticket(2)).status).toBe('assigned');
  });

  it('takes a quote-reply that names each problem of a two-problem report as a step on each', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元五楼楼道灯坏了 还有单元门的门禁也坏了 刷卡没反应');
    expect(await count()).toBe(2);
    const both = texts(
      await quote(
        '3-2群',
        '何单元长',
        '居民小王：3栋2单元五楼楼道灯坏了 还有单元门的门禁…',
        '灯我下午去换 门禁我报给物业',
      ),
    );
    expect(both).toMatch(/#1 已由 何单元长 签收/);
    expect(both).toMatch(/#2 已由 何单元长 签收/);
  });

  it("never takes a head's announcement for a report, and offers once by direct message to relay it", async () => {
    h = await startHarness();
    const said = await h.say('3栋群', '陈楼长', '大家注意，明天上午9点到12点3号楼停水，请提前储水');
    expect(await count()).toBe(0);
    expect(said.filter((s) => s.chatId)).toEqual([]);
    expect(said.find((s) => s.userId === '陈楼长')?.text).toMatch(/要把这条通知发到3栋的 2 个群吗？回复“发送”/);
    const sent = await h.say('私聊', '陈楼长', '发送');
    const groups = sent.filter((s) => s.chatId && !s.chatId.startsWith('私聊')).map((s) => s.chatId);
    expect(groups.sort()).toEqual(['3-1群', '3-2群']);
    expect(sent.find((s) => s.chatId === '3-1群')?.text).toMatch(/明天上午9点到12点3号楼停水/);
  });
});

describe('residents in context', () => {
  it('answers the reporter who chases with the status, nudges the head, and escalates after three chases', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    const first = await h.say('3-2群', '居民小王', '怎么还没人来修啊 都一天了');
    expect(texts(first)).toMatch(/#1【设施报修】3栋2单元\n状态：已派单/);
    expect(texts(first)).not.toMatch(/已有人反映/);
    expect(first.find((s) => /居民在催 #1/.test(s.text))?.mentions.map((m) => m.name)).toEqual(['何单元长']);
    await h.say('3-2群', '居民小王', '到底有没有人管啊');
    const third = texts(await h.say('3-2群', '居民小王', '还是没人管吗？？'));
    expect(third).toMatch(/#1 多次催办仍未办结，已升级，请 陈楼长 督办/);
    const t = await ticket(1);
    expect([t.chaseCount, t.escalationLevel]).toEqual([3, 1]);
    // At most one nudge an hour: the second chase did not @ the head again.
    expect(h.console.sent.filter((s) => /居民在催 #1/.test(s.text))).toHaveLength(1);
  });

  it('answers a reporter who says in passing that their problem goes on, however the reader takes the words', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了 晚上上楼黑漆漆的');
    await h.say('3-2群', '何单元长', '收到 我下午去买灯泡');
    const said = texts(await h.say('3-2群', '居民小王', '何哥 楼道灯还是黑的哦 我刚下班回来 打着手电上的楼'));
    expect(said).toMatch(/#1【设施报修】3栋2单元\n状态：已签收/);
    expect(texts(await h.say('3-2群', '居民小李', '楼道灯还是黑的哦 我打着手电上的楼'))).not.toMatch(/#1【/);
  });

  it("answers a reporter whose waiting words sound like a head's update with the status", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元601楼上漏水漏到我家了 天花板一直往下滴');
    await h.say('3-2群', '何单元长', '接单 #1');
    const asked = texts(await h.say('3-2群', '居民小王', '何哥 602那家联系上了没 还在滴水 我拿桶接着'));
    expect(asked).toMatch(/#1【/);
    expect(asked).toMatch(/状态：已签收/);
    expect(asked).not.toMatch(/进展（居民小王）|已有人反映/);
  });

  it("reopens the reporter's one ticket handled here when they say the fault is back without naming it", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元602卧室房顶渗水了 墙上一道一道的');
    await h.say('3-2群', '何单元长', '接单 #1');
    await h.say('3-2群', '何单元长', '办结 #1 楼顶防水布盖好了');
    expect(texts(await h.say('3-2群', '居民小王', '何哥 不行啊 下午那阵雨一来又开始滴了'))).toMatch(
      /#1 问题反复，已重新打开/,
    );
    expect(texts(await h.say('3-2群', '居民小李', '又开始下雨了 衣服白晒了'))).not.toMatch(/重新打开|已受理/);
  });

  it('reopens a fixed ticket when the problem comes back, and counts the relapse', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '何单元长', '办结 #1 换了灯泡');
    expect(texts(await h.say('3-2群', '居民小王', '灯又不亮了 刚换的'))).toMatch(/#1 问题反复，已重新打开/);
    const t = await ticket(1);
    expect([t.status, t.relapseCount]).toEqual(['assigned', 1]);
    expect(await count()).toBe(1);
  });

  it("takes a head's words during an emergency they were paged about as an update on it", async () => {
    h = await startHarness();
    const paged = texts(
      await h.say('3-2群', '居民小王', '3栋2单元楼顶的铁皮被风掀起来了 哐哐响 眼看要掉下来 底下就是小孩玩的地方'),
    );
    expect(paged).toMatch(/紧急/);
    const said = texts(await h.say('3-2群', '何单元长', '单元门口拿绳子拦上了 大家从1单元那头绕 我上楼顶拿沙袋压铁皮'));
    expect(said).toMatch(/#1 (进展|已由)/);
    expect(await count()).toBe(1);
  });

  it('reopens a fixed ticket that comes back as a danger, and pages it', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元门口的闭门器坏了 门关不上');
    await h.say('3-2群', '何单元长', '办结 #1 换了新的闭门器');
    const said = texts(
      await h.say('3-2群', '居民小王', '门又关不上了 新换的闭门器掉下来半截 吊在门上晃 下面天天有小孩进出'),
    );
    expect(said).toMatch(/#1 问题反复，已重新打开/);
    expect(said).toMatch(/【紧急】#1/);
    const t = await ticket(1);
    expect([t.status, t.relapseCount, t.urgent]).toEqual(['assigned', 1, true]);
    expect(await count()).toBe(1);
  });

  it("reopens on a neighbour's offhand 又黑了 the reader alone takes for chatter", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '何单元长', '办结 #1 换了灯泡');
    const said = texts(await h.say('3-2群', '居民小赵', '三楼那个灯又黑了 中午才换的 是不是线路有问题哦'));
    expect(said).toMatch(/#1 问题反复，已重新打开/);
    expect((await ticket(1)).relapseCount).toBe(1);
    expect(await count()).toBe(1);
    // Words about something else that say "又" are no relapse of #1.
    expect(await h.say('3-2群', '居民小赵', '今天又降温了 大家多穿点')).toEqual([]);
  });

  it('pages a danger the reader is sure of even beside an open ticket about the same thing', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元门口电表箱的锁坏了 箱门一直开着');
    const danger = texts(
      await h.say('3-2群', '居民小李', '2单元门口那个电表箱 雨水顺着墙往里流 箱子里一闪一闪的 噼啪响'),
    );
    expect(danger).toMatch(/紧急/);
    expect(danger).not.toMatch(/已有人反映/);
  });

  it('files each problem of one message as its own ticket, answered in one reply', async () => {
    h = await startHarness();
    const said = await h.say('3-2群', '居民小王', '两个事：一是单元门禁坏了，二是楼下垃圾三天没人收了');
    const here = said.filter((s) => s.chatId === '3-2群');
    expect(here).toHaveLength(1);
    expect(here[0].text).toMatch(/#1【设施报修】[\s\S]*#2【环境卫生】/);
    expect(await count()).toBe(2);
  });

  it("takes each problem's own step from a head's words about both: one done, one only promised", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '两个事：一是单元门禁坏了，二是楼下垃圾三天没人收了');
    const said = texts(await h.say('3-2群', '何单元长', '垃圾刚才环卫拉走了 门禁师傅说明天上午弄好'));
    expect(said).toMatch(/#2 已办结/);
    expect(said).not.toMatch(/#1 已办结/);
    expect([(await ticket(1)).status, (await ticket(2)).status]).toEqual(['in_progress', 'resolved']);
  });

  it("takes a head's 收到 to a message that filed two problems as taking on both", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '两个事：一是单元门禁坏了，二是楼下垃圾三天没人收了');
    const said = texts(await h.say('3-2群', '何单元长', '收到 我晚上下班去看看'));
    expect(said).toMatch(/#1 已由 何单元长 签收/);
    expect(said).toMatch(/#2 已由 何单元长 签收/);
  });

  it("takes a head's step right after a report for that report, and asks when other talk came between", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    expect(texts(await h.say('3-2群', '何单元长', '我这就下去看看 先拿根绳子把门拴上'))).toMatch(
      /#2 已由 何单元长 签收/,
    );
    await h.say('3-2群', '居民小赵', '3栋2单元电梯按钮不亮了');
    for (const line of ['今天好冷', '是啊 穿羽绒服了', '晚上吃火锅', '好主意']) await h.say('3-2群', '居民小李', line);
    expect(texts(await h.say('3-2群', '何单元长', '我下午下班去看看'))).toMatch(/是哪一件/);
  });

  it('lets a reporter withdraw what they just reported without its number, and stays quiet for others', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    expect(await h.say('3-2群', '居民小李', '刚才那个报错了 撤了吧')).toEqual([]);
    expect(texts(await h.say('3-2群', '居民小王', '刚才那个报错了 是我家自己跳闸 撤了吧'))).toMatch(/#1/);
    expect((await ticket(1)).status).toBe('cancelled');
  });

  it('files a problem that names no place of its own where the message said, in a building chat', async () => {
    h = await startHarness();
    await h.say('3栋群', '居民小王', '3栋2单元一楼的门禁坏了 刷卡没反应 还有单元门口那两个垃圾桶满了好几天了');
    const [a, b] = await Promise.all([ticket(1), ticket(2)]);
    expect(a.placeId).toBe(b.placeId);
    expect(texts(h.console.sent)).toMatch(/#2【环境卫生】3栋2单元/);
  });

  it("stays quiet for neighbours' small talk", async () => {
    h = await startHarness();
    for (const text of ['有没有人拼单买大米的', '我家狗丢了，白色泰迪，有看到的告诉我一下', '附近哪家修手机靠谱']) {
      expect(await h.say('3-2群', '居民小赵', text)).toEqual([]);
    }
    expect(await count()).toBe(0);
  });

  it('asks once when @-mentioned about something it is unsure of, and files it on "登记"', async () => {
    h = await startHarness({ config: { reportConfidence: 0.9999 } });
    expect(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了')).toEqual([]);
    expect(texts(await h.say('3-2群', '居民小王', '@网格助手 3栋2单元的楼道灯坏了'))).toBe(
      '需要登记为报事吗？回复“登记”即可。',
    );
    expect(texts(await h.say('3-2群', '居民小王', '登记'))).toMatch(/已受理 #1/);
  });
});

describe('listening to @-mentions only', () => {
  it('reads only @-mentions, replies and commands once a head sets it, and still pages an emergency', async () => {
    h = await startHarness();
    expect(texts(await h.say('3-2群', '居民小王', '只听@'))).toMatch(/设置本群的收听方式需要由/);
    expect(texts(await h.say('3-2群', '何单元长', '只听@'))).toMatch(/只回应@网格助手/);
    expect(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了')).toEqual([]);
    expect(texts(await h.say('3-2群', '居民小王', '@网格助手 3栋2单元楼道灯坏了'))).toMatch(/已受理 #1/);
    expect(texts(await h.say('3-2群', '居民小李', '3栋2单元有股很浓的煤气味 快来人'))).toMatch(/【紧急】#2/);
  });
});

describe('context a grid worker would use', () => {
  it('files no ticket for an outage the groups were told of, in the buildings it named only', async () => {
    h = await startHarness();
    await h.say('网格群', '物业小张', '【停水通知】因管道维修，今天上午9:00至下午3:00，3栋暂停供水，请提前储水。');
    expect(texts(await h.say('3-2群', '居民小王', '家人们停水了 我头洗了一半'))).toBe('');
    expect(await count()).toBe(0);
    // 2栋 was not in the notice: its cut is a report.
    expect(texts(await h.say('2-1群', '居民老周', '2栋1单元停水了 一滴都没有'))).toMatch(/已受理 #1/);
  });

  it('never applies a head quoting a done ticket to another open one', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    await h.say('3-2群', '何单元长', '办结 #1 换了灯泡');
    const said = await quote('3-2群', '何单元长', '居民小王：3栋2单元楼道灯坏了', '灯换好了 大家晚上放心走');
    expect(texts(said)).not.toMatch(/#2/);
    expect((await ticket(2)).status).toBe('assigned');
  });

  it("takes a head's terse 好了。 as about the ticket they just took a step on, and asks when it says more", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    await h.say('3-2群', '何单元长', '接单 #2');
    expect(texts(await h.say('3-2群', '何单元长', '好了。'))).toMatch(/#2 已办结/);
    expect((await ticket(1)).status).toBe('assigned');
  });

  it("moves a head's step to the ticket a bare number names right after it", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    await h.say('3-2群', '何单元长', '接单 #1');
    expect(texts(await h.say('3-2群', '何单元长', '好了。'))).toMatch(/#1 已办结/);
    expect(texts(await h.say('3-2群', '何单元长', '2'))).toMatch(/#2 已办结/);
    expect((await ticket(2)).status).toBe('resolved');
  });

  it('answers a reporter asking politely after their own report, however much of it they retell', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元门口那段路全是冰 滑得很');
    const said = texts(
      await h.say(
        '3-2群',
        '居民小王',
        '何单元长，打扰了。上午反映的单元门口路面结冰的事，现在有安排了吗？天黑了又要冻上',
      ),
    );
    expect(said).toMatch(/#1/);
    expect(await count()).toBe(1);
  });

  it("lets a neighbour's agreement follow the ticket just reported here instead of opening another", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    expect(texts(await h.say('3-2群', '居民小李', '对 我们这层黑得看不见台阶 太危险了'))).toMatch(/#1/);
    expect(await count()).toBe(1);
  });

  it("takes an end told after 另外 for another matter's, not the ticket's", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '何单元长', '收到 我去看看');
    const said = texts(
      await h.say(
        '3-2群',
        '何单元长',
        '电工量了灯座 新的要从仓库调 大概一个小时。另外，502王奶奶发烧已经送到医院了，人没事',
      ),
    );
    expect(said).toMatch(/#1 进展/);
    expect((await ticket(1)).status).not.toBe('resolved');
  });

  it('takes no step from a good night to a neighbour, whatever plan follows it', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '何单元长', '收到 我去看看');
    expect(texts(await h.say('3-2群', '何单元长', '老马 早点睡 明天还要换灯泡'))).not.toMatch(/#1/);
  });

  it("lets an agreement that names only the chat's own building add to the report just made", async () => {
    h = await startHarness();
    await h.say('3栋群', '居民老马', '小区东门进来那条消防通道停满了外面的车 垃圾车卡在门口进不来');
    expect(texts(await h.say('3栋群', '居民小李', '对 还有一台白色的小车停在3栋单元门口 挡了一半'))).toMatch(/#1/);
    expect(await count()).toBe(1);
  });

  it('stays quiet for a forwarded post', async () => {
    h = await startHarness();
    expect(
      await h.say('3-2群', '居民老张', '【转发】近期有人冒充燃气公司上门检查收费 请大家提高警惕 3栋已经有人上当'),
    ).toEqual([]);
    expect(await count()).toBe(0);
  });

  it('answers a reporter who asks the head by title, or is still waiting, with the status', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    expect(texts(await h.say('3-2群', '居民小王', '何单元长 那个灯咋样了'))).toMatch(/#1【设施报修】3栋2单元\n状态/);
    expect(texts(await h.say('3-2群', '居民小王', '都一上午了 晚上回来还是黑的'))).toMatch(/#1【设施报修】/);
    expect((await ticket(1)).chaseCount).toBe(2);
  });

  it('answers a reporter who asks the head holding it by surname and a neighbourly word', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    expect(texts(await h.say('3-2群', '居民小王', '何哥 电工联系上没 晚上黑得很'))).toMatch(
      /#1【设施报修】3栋2单元\n状态/,
    );
    expect(await h.say('3-2群', '居民小王', '何哥 你家小狗今天咋没下楼')).toEqual([]);
    expect(await h.say('3-2群', '居民小王', '谢谢何单元长 难怪晚上那么黑')).toEqual([]);
  });

  it("records a head's 马上去 right after the bot pinged them about a reopened ticket", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    await h.say('3-2群', '居民小李', '3栋2单元的单元门锁坏了 关不上');
    await h.say('3-2群', '何单元长', '接单 #2');
    await h.say('3-2群', '何单元长', '办结 #1 换了灯泡');
    expect(texts(await h.say('3-2群', '居民小王', '灯又不亮了 刚换的'))).toMatch(/@何单元长 #1 问题反复/);
    // A reopened ticket is signed for again (decision 0014).
    expect(texts(await h.say('3-2群', '何单元长', '马上去'))).toMatch(/#1 已由 何单元长 签收/);
  });

  it("answers a neighbour still waiting on a known problem with its status, not '已有人反映'", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元电梯坏了 停在一楼不动');
    const chased = texts(await h.say('3-2群', '居民老张', '电梯到底修不修了 都两个钟头了'));
    expect(chased).toMatch(/#1【设施报修】3栋2单元\n状态/);
    expect(chased).not.toMatch(/已有人反映/);
    expect((await ticket(1)).chaseCount).toBe(1);
  });

  it("takes a head's outcome among two tickets by the words of one ticket's story, and asks when it cannot tell", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了 三楼到五楼都黑的');
    await h.say('3-2群', '居民小李', '3栋2单元下水道堵了 一楼地漏往外冒污水');
    await h.say('3-2群', '何单元长', '接单 #1');
    await h.say('3-2群', '何单元长', '接单 #2');
    expect(texts(await h.say('3-2群', '何单元长', '地漏通了 污水也冲干净了'))).toMatch(/#2 已办结/);
    expect((await ticket(1)).status).toBe('acknowledged');
  });

  it('does not take a message that names a building for the answer to its question about something else', async () => {
    h = await startHarness();
    expect(texts(await h.say('网格群', '居民小王', '楼道里的灯坏了好几盏'))).toMatch(/几栋几单元/);
    expect(await h.say('网格群', '居民小王', '听说2栋有人在装修 是真的吗')).toEqual([]);
    expect(await count()).toBe(0);
    expect(texts(await h.say('网格群', '居民小王', '3栋2单元'))).toMatch(/已受理 #1/);
  });

  it('closes a ticket when the head tells how it ended without a done word', async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元502的单元门锁坏了 关不上');
    await h.say('3-2群', '何单元长', '接单 #1');
    expect(texts(await h.say('3-2群', '何单元长', '问过了 是502家孩子弄坏的 家长答应以后看好孩子 锁也换了'))).toMatch(
      /#1 已办结/,
    );
  });

  it("notes a head's later step on a ticket of theirs already handled today, and never one another head handled", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元电梯停在四楼半中间 我老伴在里面');
    await h.say('3-2群', '何单元长', '接单 #1');
    await h.say('3-2群', '何单元长', '办结 #1 人接出来了 没伤着 电梯先停用');
    const later = texts(await h.say('3-2群', '何单元长', '电梯修好了 维保换了个门机板 可以坐了'));
    expect(later).toMatch(/#1 已办结，补记（何单元长）：电梯修好了/);
    expect((await ticket(1)).status).toBe('resolved');
    // Another head's words about it are not theirs to note.
    expect(texts(await h.say('3-2群', '陈楼长', '电梯修好了 刚坐过'))).not.toMatch(/补记/);
  });

  it("never lets a head's own aside on one ticket steer their outcome of another", async () => {
    h = await startHarness();
    await h.say('3栋群', '居民小王', '3栋五楼楼梯间有人堆了两个大酸菜缸 防火门都关不上');
    await h.say('3栋群', '居民小李', '我爸早上下楼遛弯 到现在也没回来 他记性不好 穿蓝羽绒服 手机也打不通');
    await h.say('3栋群', '陈楼长', '接单 #1');
    await h.say('3栋群', '陈楼长', '接单 #2');
    await h.say('3栋群', '陈楼长', '酸菜缸那事我记下了 等找着老爷子回来我就上五楼去说');
    const found = texts(await h.say('3栋群', '陈楼长', '找着了！老爷子在超市里坐着暖和呢 人没事 开车给送回来了'));
    expect(found).toMatch(/#2 已办结/);
    expect((await ticket(1)).status).not.toBe('resolved');
  });

  it("takes a grid worker's step in the grid chat for the ticket of a building chat it plainly names", async () => {
    h = await startHarness();
    await h.say('1栋群', '居民小王', '1栋门口那段坡全是冰 刚才一个老太太差点滑倒 谁来撒点沙子');
    await h.say('1栋群', '李网格员', '接单 #1');
    const step = texts(await h.say('网格群', '李网格员', '1栋门口那段坡炉灰撒了一半 冰太厚 下午找人来刨'));
    expect(step).toMatch(/#1 进展（李网格员）/);
    expect(await count()).toBe(1);
  });

  it("does not take a reporter's question about another matter for a chase of their ticket", async () => {
    h = await startHarness();
    await h.say('3-2群', '居民小王', '3栋2单元门口那段路全是冰 滑得很');
    const said = texts(await h.say('3-2群', '居民小王', '上礼拜报的路灯那事修了没有'));
    expect(said).not.toMatch(/居民在催/);
    expect((await ticket(1)).chaseCount).toBe(0);
  });

  it("takes a head's notice to everyone for no step on the ticket open in the chat", async () => {
    h = await startHarness();
    await h.say('网格群', '居民小王', '3栋门口的路灯坏了 晚上黑乎乎的');
    await h.say('网格群', '李网格员', '接单 #1');
    const notice = await h.say(
      '网格群',
      '李网格员',
      '各位居民：市气象台已发布台风蓝色预警，傍晚可能升级，社区今晚开设临时避灾点，住老房子的居民可以过来',
    );
    expect(texts(notice)).not.toMatch(/#1 进展/);
  });

  it('reads an old neighbour typing word by word as the report it is', async () => {
    h = await startHarness();
    expect(
      texts(
        await h.say(
          '3-2群',
          '居民老段',
          '何单元长 刚才 打雷 我家 没有电了 灯不亮 冰箱 也不响 我不会弄 3栋2单元302 你有空 来看看 谢谢',
        ),
      ),
    ).toMatch(/已受理 #1/);
  });

  it('stays quiet for unsure words naming no building in the grid chat', async () => {
    h = await startHarness();
    expect(await h.say('网格群', '居民小王', '南门停了辆消防车 又出啥事了？？')).toEqual([]);
    expect(await count()).toBe(0);
  });
});
