// The step a head's plain reply takes, from the reading of its words alone.
import { describe, expect, it } from 'vitest';
import { advises, headVerb } from '../../src/bot/conversation/acts.js';
import { reader } from '../support/reader.js';

const pipeline = await reader();
const verb = (text: string) => headVerb(pipeline.read(text, new Date('2026-12-02T10:00:00+08:00')));

describe("a head's plain reply", () => {
  it.each([
    ['17号那只空调外机已经拆下来了 师傅讲明朝换新支架再装上去', 'resolve'],
    ['晓得哒 中午我喊锁匠来换个新的', 'claim'],
    ['杨阿婆 覅报 啥都覅讲 电话挂脱 我马上打把侬', 'claim'],
    ['俺再去后院锅炉房瞅瞅', 'claim'],
    ['俺骑车去公园那边找找 你们在家等电话', 'claim'],
    ['都别靠近 我马上下去', 'claim'],
    ['我去把总阀关了再说', 'claim'],
    ['跟楼上那家说好了 线今天收', 'progress'],
    ['更正一下 明天停水是上午九点到十一点 我跟大家说一声', null],
    ['去了', 'claim'],
    ['晓得了', 'claim'],
    ['好了 你们试一下', 'resolve'],
    ['维修的人把梯门撬开了 娃娃抱出来了 就是吓着了', 'resolve'],
    // 2026-12-04: on the way, said of oneself; a step in two words; who was called; outcomes without a done word.
    ['我喺巷口买早餐 即刻返 阿芬唔好郁佢个头 等白车嚟', 'claim'],
    ['坤叔你同啲客行开啲 千祈唔好掂 我打咗95598 而家落嚟', 'claim'],
    ['已经跟社区防汛值班报了 抽水泵车二十分钟到 挪车走东面楼梯', 'progress'],
    ['在弄了', 'progress'],
    ['看过了 底下堵死了 吸污车叫了 九点前到', 'progress'],
    ['甘生 我打通咗402业主电话 佢今晚七点会同租客一齐喺屋企', 'progress'],
    ['李婆婆冇事 喺屋企睇紧粤剧 部电话唔知点调咗静音 我帮佢调返', 'resolve'],
    ['阿姨出来了 没磕没碰 就是吓着了 在我家坐着喝热水呢', 'resolve'],
    ['白车接走咗何婆婆 佢个仔跟车去咗区人民医院 人系清醒嘅', 'resolve'],
    ['活动室旁边那个门面看过了 没有营业执照 市场监管所来人把东西封了', 'resolve'],
    ['厕所知道了 我医院在 嘎玛阿妈看着 四点回去人找来通', 'claim'],
    ['你知道了吗', null],
    // 2026-12-05e: on the way in so many words, and a call the speaker makes now, beside orders to others.
    ['我马上到 耿叔你别硬拽她 拿个垫子给她垫屁股底下 盖个衣裳', 'claim'],
    ['阿姨别慌 我这就打开锁的 再打119 你在门口跟孩子说话', 'claim'],
    ['热力师傅把402那根立管阀门关了 蔺叔家暂时不滴了 402暖气片漏的那个接头得等租户晚上回来开门再换', 'progress'],
    // 2026-12-05h: going to tell the neighbour, going with a colleague, going to look at a plant room.
    ['是菜市场卖水果的老杨的 我去跟他说', 'claim'],
    ['小敏 我今晚吃了饭上去跟三楼说 让他接根管子引到下水道', 'claim'],
    ['陈叔 我吃了饭跟罗网格员一路去看 先在花台边上拉根绳子 莫让娃娃去那边耍', 'claim'],
    ['应该是高区二次供水的泵出问题了 我打物业值班 马上去泵房看', 'claim'],
    ['他去跟老板说了', null],
    ['老曲我让保安查一下车牌是哪户的 你稍等', 'claim'],
    ['我让保安来了没', null],
    ['我报110了 大家千万别下楼 单元门关好 小秦你也别靠近', 'progress'],
    ['你报110了吗', null],
  ])('%s → %s', (text, expected) => expect(verb(text)).toBe(expected as string | null));

  it('hears a Wu done word, for the update that closes a ticket', () =>
    expect(pipeline.read('一单元楼道扫清爽哉 扶手擦过消毒过', new Date()).saysDone).toBe(true));

  it('never closes a rescue while the children are still inside, however fine they are', () =>
    expect(verb('师傅还有十分钟到 隔着门跟娃娃说话呢 俩娃娃都没事 你别急')).not.toBe('resolve'));

  it('is no step when a done word only promises', () => expect(verb('师傅明天来把外机拆下来')).not.toBe('resolve'));

  it.each([
    '反诈提醒：最近有人冒充供暖公司打电话，说暖气费没交要停暖，让扫码交费，这是诈骗！',
    '中午太阳好，老人可以出来晒晒太阳，但是路上冰多，慢慢走，有人扶最好。',
  ])('is advice or a notice to everyone, no step on a ticket: %s', (text) =>
    expect(advises(pipeline.read(text, new Date('2026-12-02T10:00:00+08:00')))).toBe(true),
  );
});
