import { describe, expect, it } from 'vitest';
import { createPipeline, normalise } from '../../src/intents/index.js';
import { currentModel } from '../../src/services/reader.js';

const model = currentModel();

const ref = new Date('2024-11-27T02:00:00Z');

describe('normalise', () => {
  it('turns Traditional characters into Simplified, including 著火', () => {
    expect(normalise('8號樓的樓道燈不亮').text).toBe('8号楼的楼道灯不亮');
    expect(normalise('廚房著火了').text).toBe('厨房着火了');
  });

  it('turns full-width digits, letters and signs into half-width', () => {
    expect(normalise('＃１２　已解决，ＯＫ！').text).toBe('#12 已解决,OK!');
  });

  it('strips @-mentions of the bot and reports them, keeping other mentions', () => {
    expect(normalise('@网格助手 6栋门口井盖松动了')).toEqual({ text: '6栋门口井盖松动了', mentionsBot: true });
    expect(normalise('@GridBot 楼道灯坏了')).toEqual({ text: '楼道灯坏了', mentionsBot: true });
    expect(normalise('转派 #20 @王师傅')).toEqual({ text: '转派 #20 @王师傅', mentionsBot: false });
  });

  it('honours configured bot names', () => {
    expect(normalise('@小区管家 路灯坏了', ['小区管家'])).toEqual({ text: '路灯坏了', mentionsBot: true });
    expect(createPipeline({ model, botNames: ['小区管家'] }).read('@小区管家 路灯坏了', ref).mentionsBot).toBe(true);
    expect(createPipeline({ model }).read('@小区管家 路灯坏了', ref, { botNames: ['小区管家'] }).mentionsBot).toBe(
      true,
    );
  });

  it('reads Southern Min and Wu words as their Mandarin twins', () => {
    expect(normalise('灶脚有一股瓦斯味').text).toBe('厨房有一股燃气味');
    expect(normalise('囝仔揣无人').text).toBe('小孩找不到人');
    expect(normalise('大门啥辰光弄 关弗牢').text).toBe('大门什么时候弄 关不牢');
  });
  it("reads Xiang's 港 and 哒 as 讲 and 了, not a laugh's 么么哒", () => {
    expect(normalise('师傅港三点钟来 水管修好哒').text).toBe('师傅讲三点钟来 水管修好了');
    expect(normalise('谢谢网格长么么哒').text).toMatch(/哒$/);
  });
  it('keeps keycap digits as list numbers', () => {
    expect(normalise('两个事 1️⃣ 门禁坏了 2️⃣ 垃圾没收').text).toBe('两个事 1、 门禁坏了 2、 垃圾没收');
  });
  it('removes emoji and WeChat sticker codes', () => {
    expect(normalise('3栋电梯坏了😡😡').text).toBe('3栋电梯坏了');
    expect(normalise('[捂脸]楼下垃圾又满了').text).toBe('楼下垃圾又满了');
    expect(normalise('👍🏻❤️').text).toBe('');
  });

  it('reads emoji-only and sticker-only messages as chitchat', () => {
    const p = createPipeline({ model });
    for (const t of ['👍', '[强][强]', '[表情]', '[微笑]', '🙏🙏']) {
      expect(p.read(t, ref).intent, t).toBe('chitchat');
    }
  });
});
