// Talk that uses problem words is not a report: memories, rumours asked about, praise for a fix
// that is over. The same words with the problem back now, or with a question for the grid, are.
import { describe, expect, it } from 'vitest';
import { reader } from '../support/reader.js';

const pipeline = await reader();
const read = (text: string) => pipeline.read(text, new Date('2026-12-02T10:00:00+08:00'));

describe('talk, not reports', () => {
  it.each([
    '想当年厂里自己烧锅炉 暖气烫得能烤馍 屋里穿半袖 现在的年轻人没见过',
    '前年隔壁小区那个电瓶车着火的事都忘咧？一个楼道熏得黑黢黢的',
    '听讲话8座有人困𨋢？',
    '上个月5座楼梯灯坏咗 都系邝生一日就搞掂 好快手[强]',
  ])('%s', (text) => expect(read(text).intent).not.toBe('report'));

  it.each(['以前的问题又来了 楼道灯又不亮', '听说隔壁单元有阳性 是真的吗 要不要封楼', '去年修的水管到现在还在漏'])(
    'still a matter for the grid: %s',
    (text) => expect(['report', 'status']).toContain(read(text).intent),
  );

  it('pages a rumour that is happening now', () => {
    expect(read('听说3栋有人在楼道里烧纸 现在还在烧 烟好大').urgent).toBe(true);
  });
});
