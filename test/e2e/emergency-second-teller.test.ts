// A second neighbour telling the same danger in plain words joins its page (2026-12-05h, the Nanchong stream:
// a flowerpot tipped over a balcony rail, then "那盆三角梅好大一盆 要掉下来了" from across the lane, paged a second
// time before). Console chats on a real SQLite file; people renamed to the demo organisation's.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, texts } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

describe('a second teller of a danger from height', () => {
  it('joins the page, and the head steps on that one ticket', async () => {
    h = await startHarness();
    const first = texts(
      await h.say(
        '3-2群',
        '田大姐',
        '何单元长 五楼那家阳台上那个大花盆被风吹得斜起的 一半都翻出栏杆了 在晃 下头就是人行道 好多人在走',
      ),
    );
    const id = /已受理 #(\d+)/.exec(first)?.[1];
    expect(first).toContain('紧急');
    const second = texts(await h.say('3-2群', '宋爷爷', '我在对面屋檐下头也看到了 那盆三角梅好大一盆 要掉下来了'));
    expect(second).not.toMatch(/已受理/);
    expect(second).toContain(`#${id}`);
    const step = texts(await h.say('3-2群', '何单元长', '五楼屋头有人 花盆拖进去了 阳台上其他几盆也全部搬进屋了'));
    expect(step).toContain(`#${id} 已办结`);
  });
});
