// Guanzhong (额, 么) and Hakka (今晡日, 寻) words, and the commands, talk and dangers that
// blind-61 and the Baoji and Meizhou streams found read wrongly at first sight (2026-12-05g).
import { describe, expect, it } from 'vitest';
import { saysAgain } from '../../src/intents/again.js';
import { emergencyCue } from '../../src/intents/emergency.js';
import { normalise } from '../../src/intents/normalise.js';
import { reader } from '../support/reader.js';

const pipeline = await reader();
const read = (text: string) => pipeline.read(text, new Date('2026-12-05T10:00:00+08:00'));
const cue = (text: string) => emergencyCue(normalise(text).text);

describe('dialect words read as Mandarin', () => {
  it.each([
    ['今晡日朝晨到依家都冇水', '今天早上到现在都冇水'],
    ['下水道堵了寻啥人', '下水道堵了找啥人'],
    ['额这就上来挨家敲门', '我这就上来挨家敲门'],
    ['门敲了半天么人应', '门敲了半天没人应'],
    ['胯骨跟腿都么事', '胯骨跟腿都没事'],
    ['人寻着了', '人找着了'],
  ])('%s', (raw, want) => expect(normalise(raw).text).toBe(want));
  it.each(['金额一百', '名额有限', '额头破了', '是额是额 垃圾桶旁边一塌糊涂'])('%s keeps its 额', (raw) =>
    expect(normalise(raw).text).toBe(raw),
  );
  it.each(['你讲么事', '到底么回事'])("%s: Wuhan's 么 (什么) is no 没", (raw) =>
    expect(normalise(raw).text).not.toContain('没'),
  );
});

describe('Guanzhong and Hakka emergencies', () => {
  it.each([
    '贺姨屋门敲了半天么人应 她平时七点就下楼买馍去咧 今儿个一直么见',
    '各位帮额看看 额大八十三咧有些糊涂 早上九点说去渭河公园转 到现在么回来',
    '各位邻居打扰 𠊎阿姆华婶1502 从下昼三点到而家都冇接电话 平时佢五点就会打电话',
    '车库入口两个大佬为咗个车位推来推去 一个已经揪住另一个衫领 拳头都举起来了',
  ])('%s', (text) => expect(read(text).urgent).toBe(true));
});

describe('near misses that stay quiet', () => {
  it.each([
    '看电视里头讲有人在屋下用煤气热水器中毒 𠊎都惊 𠊎屋下个热水器都老了',
    '上星期樓下電單車起火的事，消防已處理妥當，大廈沒有損失。',
    '姐妹们 谁知道哪达有卖加湿器的 屋里开了电暖器干得嗓子冒烟 娃早上起来流鼻血',
  ])('%s', (text) => expect(read(text).urgent).toBe(false));
  it.each([
    '住顶楼的表示 每次下暴雨都怕屋顶漏水 目前还冇得事 就是心慌',
    '天氣乾燥，我總擔心有人在後樓梯吸煙亂丟煙頭，大家多加留意。',
    '上星期樓下電單車起火的事，消防已處理妥當，大廈沒有損失。',
  ])('%s is talk', (text) => expect(read(text).intent).toBe('chitchat'));
  it('a loose step, fine so far, is still a report', () =>
    expect(read('俺单元门口那个台阶有块砖松了 现在还没事 就是怕以后绊着人 恁们给看看').intent).toBe('report'));
  it('what one took a smell for is no return', () =>
    expect(saysAgain(normalise('刚才楼道里一股子怪味 额心里一咯噔 还当又是燃气 上去一闻是熬中药').text)).toBe(false));
  it('a drama on television is no cue', () => expect(cue('看电视里头讲有人用煤气热水器中毒')).toBeNull());
});

describe('commands and questions in these words', () => {
  it.each(['这个网格助手要么样用啊 有冇得说明书 🤔', '𠊎唔识用这只机器人 哪个教下𠊎 点样报事'])(
    '%s asks for help',
    (text) => expect(read(text).command).toBe('help'),
  );
  it('a light out again two days after its fix reopens it', () =>
    expect(read('#52 个路灯又唔光了 修好正两日').command).toBe('reopen'));
  it('"又唔识用手机" is no return, and "31号" no ticket', () => {
    const r = read('吴组长 31号黄阿婆今日冇米冇药 佢行唔郁 又唔识用手机叫外卖 可唔可以帮佢送啲米同降压药');
    expect(r.intent).toBe('report');
    expect(r.command).toBeNull();
  });
  it('news asked for is a status question', () =>
    expect(read('有消息么 额爷都出去五个多钟头咧 天一黑更冷').intent).toBe('status'));
  it('asking how one’s own report is handled is a status question', () =>
    expect(read('我前天報告的走廊燈壞了，不知道處理得怎樣？').intent).toBe('status'));
});
