// What blind-62 and the Nanchong and Jining streams showed at first sight (2026-12-05h): water reaching a
// light, a child not back from school, Tianjin's 门 for a unit, a step told on a numbered ticket, a worry
// about a fire, a forwarded post, commands in Sichuan and in a sentence.
import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../src/intents/location.js';
import { reader } from '../support/reader.js';

const pipeline = await reader();
const read = (text: string) => pipeline.read(text, new Date('2026-12-05T10:00:00+08:00'));

describe('emergencies in everyday words', () => {
  it.each([
    '樓上漏水漏到我家天花板的燈 燈一直閃還在滴水 好可怕',
    '俺家浩浩放学到现在还没回来 学校说四点半就放了 同学说看见他往运河那边去了 这孩子才九岁',
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
