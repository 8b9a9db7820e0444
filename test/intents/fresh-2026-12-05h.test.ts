// What blind-62 and the Nanchong and Jining streams showed at first sight (2026-12-05h): water reaching a
// light, a child not back from school, Tianjin's 门 for a unit, a step told on a numbered ticket, a worry
// about a fire, a forwarded post, commands in Sichuan and in a sentence.
import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../src/intents/location.js';
import { normalise } from '../../src/intents/normalise.js';
import { reader } from '../support/reader.js';

const pipeline = await reader();
const read = (text: string) => pipeline.read(text, new Date('2026-12-05T10:00:00+08:00'));

describe('emergencies in everyday words', () => {
  it.each([
    '樓上漏水漏到我家天花板的燈 燈一直閃還在滴水 好可怕',
    '俺家浩浩放学到现在还没回来 学校说四点半就放了 同学说看见他往运河那边去了 这孩子才九岁',
    '向单元长 五楼那家阳台上那个大花盆被风吹得斜起的 一半都翻出栏杆了 在晃 下头就是人行道',
  ])('%s pages', (text) => expect(read(text).urgent).toBe(true));
  it.each([
    '好 今天雨停不了 先保证不漏到电线',
    '从窗子看出去江边一片烟 我还以为哪儿烧起来了 问了我女朋友 说是七月半了大家在江边烧袱子',
    '琴日5座部电梯困人 消防嚟咗救咗出嚟 冇人受伤',
  ])('%s does not', (text) => expect(read(text).urgent).toBe(false));
});

describe('talk stays talk', () => {
  it.each(['俺就寻思万一夜里着火了俺这腿从五楼咋下去想想就睡不着', '琴日5座部电梯困人 消防嚟咗救咗出嚟 冇人受伤'])(
    '%s',
    (text) => expect(read(text).intent).toBe('chitchat'),
  );
  it('a worry with a request to the grid is a report', () =>
    expect(read('万一哪天真着火了 我们这高层往哪跑啊 楼梯间堆得全是杂物 能不能管管').intent).toBe('report'));
  it('a forwarded post is news, whatever it says', () =>
    expect(read('[转发] 防溺水“六不”：不私自下水游泳，不擅自与他人结伴游泳').intent).toBe('chitchat'));
});

describe('reports the model alone doubted', () => {
  it.each([
    '隔壁每天凌晨两点开音响蹦迪 我要上班啊 栓Q',
    '社區信箱最近一直收到假的中獎通知 還有人打電話說是健保局的 希望社區處理一下 也提醒大家小心',
  ])('%s', (text) => expect(read(text).intent).toBe('report'));
});

describe('commands', () => {
  it('a step told on a numbered ticket is progress', () => {
    const r = read('#48 水电师傅已上门查看 需要订配件 预计周三');
    expect([r.intent, r.command, r.ticket]).toEqual(['command', 'progress', 48]);
  });
  it('"进度咋样了" asks', () => {
    const r = read('#55 进度咋样了 都一周了');
    expect([r.intent, r.ticket]).toEqual(['status', 55]);
  });
  it.each(['我负责12栋 绑一下', '我绑定一下 7号楼'])('%s binds', (text) => {
    const r = read(text);
    expect([r.intent, r.command]).toEqual(['command', 'bind']);
  });
  it('"我负责3栋 今天好累" does not', () => expect(read('我负责3栋 今天好累').command).not.toBe('bind'));
  it('"这个机器人咋个用嘛" asks for help', () =>
    expect(read('这个机器人咋个用嘛 哪个教一哈我嘛').command).toBe('help'));
  it('"灭火器咋个用" does not', () => expect(read('灭火器咋个用').command).not.toBe('help'));
  it('a head\'s "大伙注意：" opens a notice', () =>
    expect(read('大伙注意：今天八点到五点暖气注水试压，家里留个人，暖气片底下别放插线板').act).toBe('announce'));
});

describe("Tianjin's 门 is the unit", () => {
  it.each([
    ['三门楼道的灯不亮了', '3'],
    ['昨儿晚上2门电梯关人那事儿', '2'],
    ['味儿呛人,3门一楼', '3'],
  ])('%s', (text, unit) => expect(parseLocation(text).unit).toBe(unit));
  it.each(['北二门电梯', '小区二门口', '走二门楼下', '一门心思'])('%s is no unit', (text) =>
    expect(parseLocation(text).unit).toBeNull(),
  );
});

describe('from blind-63', () => {
  it('"18号402" is house 18, flat 402', () =>
    expect(parseLocation('叫伊勿应 快点来人帮帮忙 18号402')).toEqual({ building: '18', unit: null, room: '402' }));
  it('a date is no house', () => expect(parseLocation('12月18号402的快递').building).toBeNull());
  it('"俺报那个…不用修了" withdraws it', () =>
    expect(read('俺报那个水管子不用修了 俺儿子回来给弄好了').command).toBe('cancel'));
  it('"请查看 #49" after the repair closes it', () =>
    expect(read('亲 您报的水管已维修完毕 请查看 #49').command).toBe('resolve'));
  it('a TV story in Changsha words is talk', () =>
    expect(read('电视里港有个地方电动车充电烧哒一栋楼 我们都注意点咯').intent).toBe('chitchat'));
  it('a rescue of last night told to its end is talk', () =>
    expect(read('昨晚9栋电梯困人 已救出 人员无碍 电梯已检修').intent).toBe('chitchat'));
  it('someone asked to be sent is a report', () =>
    expect(read('绿化带那边草生甲比人卡高 蠓真多 拍谢 可以派人来剪一下无').intent).toBe('report'));
});

describe('from the Sanya stream', () => {
  it.each([
    ['阿陈十一点半了米还无来', '阿陈十一点半了米还没来'],
    ['我家米无了菜也无了', '我家米没了菜也没了'],
    ['落雨我脚痛落无去楼下侬有无人帮我买点米', '落雨我脚痛落不去楼下你有没有人帮我买点米'],
    ['窗门关无紧', '窗门关不紧'],
    ['乐乐哭到喘无上气', '乐乐哭到喘不上气'],
    ['无人机 无法 无聊 我无所谓', '无人机无法无聊我无所谓'],
  ])('Hainanese 无 read as Mandarin: %s', (raw, text) => expect(normalise(raw).text).toBe(text));
  it('an old man out of rice asks for help', () =>
    expect(read('阿陈我家米无了菜也无了落雨我脚痛落无去楼下侬有无人帮我买点米买两把青菜我给钱').intent).toBe('report'));
  it.each([
    '便宜也别去 市场门口那条道一下雨就淹到膝盖',
    '老于你也歇歇吧 六十好几的人了天天爬楼顶',
    '别的群里都在传说咱1栋有人煤气中毒拉走了 我吓一跳 问了于大哥才知道是中午303那罐子漏气 早修好了',
    '好滴 今晚还要上 酒店客人都困在房间里 一晚上叫了八十多个送餐🥲',
  ])('%s pages no one', (text) => expect(read(text).urgent).toBe(false));
});
