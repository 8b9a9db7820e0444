import { describe, expect, it } from 'vitest';
import { reader } from '../support/reader.js';

const ref = new Date('2024-11-27T10:00:00+08:00');
const pipeline = await reader();

describe('learning from corrections', () => {
  it('reads a corrected text as corrected from then on, digits and spacing aside', () => {
    const text = '小区东门的快递柜屏幕黑了 取不了件';
    const before = pipeline.read(text, ref).category;
    const target = before === 'public_order' ? 'other' : 'public_order';
    const taught = pipeline.learn([{ text, category: target }]);
    expect(taught.read(text, ref).category).toBe(target);
    expect(taught.read('小区东门的快递柜屏幕黑了 取不了件 3号', ref).category).toBe(target);
  });

  it('moves similar messages it has not seen after a few corrections of the same kind', () => {
    const message = '单元门口的光伏板松了，风一吹哐哐响';
    const before = pipeline.read(message, ref);
    expect(before.intent).toBe('report');
    const target = before.category === 'other' ? 'dispute' : 'other';
    const taught = pipeline.learn([
      { text: '楼顶的光伏板被风吹歪了', category: target },
      { text: '车棚上的光伏板掉了一块', category: target },
      { text: '光伏板的支架锈得厉害', category: target },
    ]);
    expect(taught.read(message, ref).category).toBe(target);
  });

  it('leaves the reader it learnt from unchanged', () => {
    const text = '楼下花坛里有个马蜂窝';
    const before = pipeline.read(text, ref).category;
    pipeline.learn([{ text, category: before === 'other' ? 'safety' : 'other' }]);
    expect(pipeline.read(text, ref).category).toBe(before);
  });
});
