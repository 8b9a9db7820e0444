// The reporter of an open problem, in their own chat (2026-12-05h, from the Sanya and Jining streams' first
// sight): another matter of theirs is a new ticket, never "已有人反映" to themselves; pressing while their one
// problem here is paged is a chase of it, not a second page; a head's next step after signing for an
// emergency stays on it. Console chats on a real SQLite file; the streams' sentences, people renamed to the
// demo organisation's.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, texts } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const idOf = (reply: string) => /已受理 #(\d+)/.exec(reply)?.[1];

describe('the reporter of an open problem', () => {
  it('asking for help with another matter opens a new ticket', async () => {
    h = await startHarness();
    const first = idOf(
      texts(await h.say('3-2群', '周阿公', '落了一夜雨吵到我无睡着 窗门关无紧风一直灌 楼道窗玻璃也松了')),
    );
    expect(first).toBeDefined();
    const rice = texts(
      await h.say(
        '3-2群',
        '周阿公',
        '何单元长我家米无了菜也无了落雨我脚痛落无去楼下侬有无人帮我买点米买两把青菜我给钱',
      ),
    );
    expect(rice).not.toContain('已有人反映');
    expect(idOf(rice)).toBeDefined();
    expect(idOf(rice)).not.toBe(first);
  });

  it('pressing on their paged problem is a chase, not a second page', async () => {
    h = await startHarness();
    const pot = texts(
      await h.say('3-2群', '蔡姐', '5楼阳台那盆三角梅被风吹得挂在栏杆外面 晃来晃去 底下是人行道 随时要掉下来'),
    );
    const id = idOf(pot);
    expect(pot).toContain('紧急');
    await h.say('3-2群', '何单元长', '收到 我马上叫人到楼下拉警戒线 同时联系这户业主');
    const chase = texts(await h.say('3-2群', '蔡姐', '人呢 咋还没来 刚有个骑电动车的从底下过去了'));
    expect(idOf(chase)).toBeUndefined();
    expect(chase).toContain(`#${id}`);
  });
});

describe('the reporter of a problem still open here', () => {
  it('saying it has started again presses on it', async () => {
    h = await startHarness();
    const noise = texts(
      await h.say('3-2群', '葉姨', '樓上902音樂好大聲 一直咚咚咚 已經快十點了 我頭痛 睡不著 麻煩何單元長講一講'),
    );
    const id = idOf(noise);
    expect(id).toBeDefined();
    await h.say('3-2群', '何单元长', '收到葉姨 我上去敲门跟伊们讲');
    await h.say('3-2群', '何单元长', '上去敲了 伊们讲把音响关小 十点半前散');
    const again = texts(await h.say('3-2群', '葉姨', '岳小姐 又開始了 比剛才更大聲 還唱歌 這都十點四十了'));
    expect(again).toContain(`#${id}`);
    expect(idOf(again)).toBeUndefined();
  });
});

describe("a head's next step after signing for an emergency", () => {
  it('stays on it', async () => {
    h = await startHarness();
    const leak = texts(
      await h.say(
        '3-2群',
        '小康',
        '何哥 我家暖气片接头崩开了 水往外喷 喷到墙上插座那 插座噼啪响还冒火星子 我把总闸拉了',
      ),
    );
    const first = idOf(leak);
    await h.say('3-2群', '何单元长', '别碰插座 我马上上来 阀门在楼道水表箱里 我来关');
    await h.say('3-2群', '何单元长', '进户阀门关上了 水停了 热力的师傅说半个钟头到 来换接头');
    const door = texts(
      await h.say(
        '3-2群',
        '耿婶',
        '302戴爷爷今儿个早上的奶还挂在门把手上没拿 俺敲了半天门没人应 打他电话也不接 他平常六点就下楼遛弯',
      ),
    );
    const second = idOf(door);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await h.say('3-2群', '何单元长', '我马上过来 戴爷爷闺女的电话我有 我先给她打');
    const step = texts(await h.say('3-2群', '何单元长', '他闺女在兖州 得一个钟头才能到 我叫了开锁的 120也打了'));
    expect(step).toContain(`#${second}`);
    expect(step).not.toContain(`#${first}`);
  });
});
