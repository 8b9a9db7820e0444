// The part of a head's message that speaks of each of several tickets decides that ticket's step.
import { describe, expect, it } from 'vitest';
import { piecesFor } from '../../src/bot/conversation/pieces.js';

const lights = { id: 13, text: '说到地库 负二层西头那一片灯全黑了 开车下去跟钻山洞似的' };
const car = { id: 14, text: '还有辆白色途观天天横在消防通道那个口上 今儿早上又在那' };

describe('pieces of a message', () => {
  it('gives an opening to the ticket named first in the message, not the first filed', () => {
    const pieces = piecesFor(
      [lights, car],
      '途观联系上了 1单元2203新搬来的 说不知道那是消防通道 这会儿下去挪走了 灯是线路跳闸 电工说四点前弄好',
    );
    expect(pieces.get(14)).toMatch(/^途观联系上了.*挪走了/);
    expect(pieces.get(13)).toBe('灯是线路跳闸 电工说四点前弄好');
  });

  it('gives a short opening to each, and the whole text to a ticket no part names', () => {
    const pieces = piecesFor([lights, car, { id: 15, text: '垃圾桶满了' }], '都弄好了 灯换了新的 消防通道的车也挪了');
    expect(pieces.get(13)).toBe('都弄好了 灯换了新的 ');
    expect(pieces.get(14)).toBe('都弄好了 消防通道的车也挪了');
    expect(pieces.get(15)).toBe('都弄好了 灯换了新的 消防通道的车也挪了');
  });
});
