// A head's step right after the bot pinged them about their one untaken ticket in the chat takes that one,
// whatever its words share with a ticket they handled earlier in the day (2026-12-05g: the Meizhou stream's
// unit head, whose "捉蛇师傅" went onto the electric box the "供电所师傅" had mended). Console chats on a real
// SQLite file; the stream's sentences, its people renamed to the demo organisation's.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, texts } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

describe('a step right after a ping', () => {
  it('takes the ticket pinged, not the one handled this morning', async () => {
    h = await startHarness();
    const thread: [string, string][] = [
      ['小王', '一楼楼梯口个电表箱 水顺住墙一直流入去 箱里面滋滋声 头先还闪了一下 大家莫行近去'],
      ['老李', '系啊 𠊎啱啱落楼也听到响 还有一股烧胶个味'],
      ['何单元长', '我马上下楼。大家别碰电表箱，也别用手去摸墙上的水。'],
      ['何单元长', '单元的总闸我戴着绝缘手套拉下来了，打了95598，供电所说半小时到。整个单元先没电，冰箱能不开就别开。'],
      [
        '何单元长',
        '供电所师傅来了，进水那截线剪掉重新接了，电表箱门加了挡水胶条，上面墙缝也糊住了。电送回来了，大家试试。',
      ],
      ['何单元长', '不客气，这两天雨大，大家看到哪里渗水进电的地方就说一声。'],
    ];
    for (const [who, text] of thread) await h.say('3-2群', who, text);
    const snake = texts(
      await h.say(
        '3-2群',
        '老李',
        '一楼楼梯口角落盘住一条蛇 有手指咁粗 一米几长 青绿色 可能系落大水从塘边爬上来个 细人仔莫落楼',
      ),
    );
    const [, id] = /已受理 #(\d+)/.exec(snake) ?? [];
    expect(id).toBeDefined();
    const step = texts(await h.say('3-2群', '何单元长', '我叫社区联系的捉蛇师傅来。大家先别走一楼那截楼梯，门关好。'));
    expect(step).toMatch(new RegExp(`#${id} 已由 何单元长 签收`));
  });
});
