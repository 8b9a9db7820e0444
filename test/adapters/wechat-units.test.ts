/** Pure parts of the WeChat adapter: splitting, mention text, error mapping, queues. */
import { describe, expect, it } from 'vitest';
import { isConnectionLoss, toDeliveryError } from '../../src/adapters/wechat/errors.js';
import { KeyedQueues, SeenSet } from '../../src/adapters/wechat/queues.js';
import { ensureMentionText, splitText } from '../../src/adapters/wechat/text.js';
import { WechatAdapter } from '../../src/adapters/wechat/index.js';
import { splitQuote } from '../../src/adapters/wechat/inbound.js';
import { parseScriptLine } from '../../src/adapters/console/index.js';
import { DeliveryError } from '../../src/common/types.js';

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('楼道灯坏了', 10)).toEqual(['楼道灯坏了']);
  });

  it('splits on line boundaries and packs lines together', () => {
    expect(splitText('aaa\nbbb\nccc\nddd', 7)).toEqual(['aaa\nbbb', 'ccc\nddd']);
  });

  it('hard-cuts a single overlong line without breaking a surrogate pair', () => {
    const pieces = splitText(`ab😀cd`, 3);
    expect(pieces.join('')).toBe('ab😀cd');
    expect(pieces.every((p) => p.length <= 3)).toBe(true);
    expect(pieces).toEqual(['ab', '😀c', 'd']);
  });
});

describe('ensureMentionText', () => {
  const wang = { id: 'w', displayName: '王师傅', coreName: '王建国' };
  it('leaves text that already names the person (under either name)', () => {
    expect(ensureMentionText('@王师傅 请处理', [wang])).toBe('@王师傅 请处理');
    expect(ensureMentionText('@王建国 请处理', [wang])).toBe('@王建国 请处理');
  });
  it('prefixes missing mentions with WeChat’s separator', () => {
    expect(ensureMentionText('请处理', [wang])).toBe('@王师傅\u2005请处理');
  });
});

describe('error mapping', () => {
  const grpc = (code: number, message: string) => Object.assign(new Error(message), { code });
  it.each([
    [grpc(14, '14 UNAVAILABLE: No connection established'), 'transient'],
    [grpc(4, '4 DEADLINE_EXCEEDED'), 'transient'],
    [new Error('not logged in'), 'transient'],
    [grpc(2, '2 UNKNOWN: Error: no payload found for id x@chatroom'), 'not_found'],
    [grpc(5, '5 NOT_FOUND'), 'not_found'],
    [grpc(7, '7 PERMISSION_DENIED'), 'forbidden'],
    [grpc(3, '3 INVALID_ARGUMENT'), 'invalid'],
    [grpc(8, '8 RESOURCE_EXHAUSTED'), 'rate_limited'],
    [new Error('something odd'), 'transient'],
  ])('%s → %s', (err, kind) => {
    const d = toDeliveryError(err);
    expect(d).toBeInstanceOf(DeliveryError);
    expect(d.kind).toBe(kind);
    if (kind === 'rate_limited') expect(d.retryAfterMs).toBeGreaterThan(0);
  });

  it('treats only stream-level failures as a lost connection', () => {
    expect(isConnectionLoss(grpc(1, '1 CANCELLED: Call cancelled'))).toBe(true);
    expect(isConnectionLoss(grpc(14, '14 UNAVAILABLE'))).toBe(true);
    expect(isConnectionLoss(grpc(2, '2 UNKNOWN: no payload found'))).toBe(false);
  });
});

describe('queues', () => {
  it('SeenSet forgets the oldest beyond capacity', () => {
    const s = new SeenSet(2);
    expect([s.add('a'), s.add('b'), s.add('a'), s.add('c'), s.add('b')]).toEqual([true, true, false, true, true]);
    expect(s.size).toBe(2);
  });

  it('KeyedQueues.run keeps order per key and passes results and errors through', async () => {
    const q = new KeyedQueues();
    const order: number[] = [];
    const slow = q.run('k', async () => {
      await new Promise((r) => setTimeout(r, 30));
      order.push(1);
      return 'one';
    });
    const failing = q.run('k', async () => {
      order.push(2);
      throw new Error('nope');
    });
    const fast = q.run('k', async () => {
      order.push(3);
      return 'three';
    });
    await expect(slow).resolves.toBe('one');
    await expect(failing).rejects.toThrow('nope');
    await expect(fast).resolves.toBe('three');
    expect(order).toEqual([1, 2, 3]);
  });
});

describe('WechatAdapter without a connection', () => {
  it('requires a token and declares its capabilities', () => {
    expect(() => new WechatAdapter({ token: '' })).toThrow(/token/);
    const a = new WechatAdapter({ token: 'insecure_x', account: 'wx1' });
    expect(a.account).toBe('wx1');
    expect(a.capabilities).toEqual({
      mentionsById: true,
      directToStrangers: false,
      stableMessageIds: true,
      maxTextLength: 2000,
      mediaInGroups: true,
      sendsImages: true,
    });
  });

  it('fails sends as transient before it is logged in', async () => {
    const a = new WechatAdapter({ token: 'insecure_x' });
    await expect(
      a.send({ platform: 'wechat', account: 'wechat', chatId: 'r@chatroom', text: 'x', mentions: [] }),
    ).rejects.toMatchObject({
      kind: 'transient',
    });
  });
});

describe('quote-replies as WeChat writes them', () => {
  it('splits the quoted message from the reply, with line breaks, on one line, or with written "\\n"', () => {
    const forms = [
      '「网格助手：已受理 #3【环境卫生】8栋。」\n- - - - - - - - - - - - - - -\n收到 我去',
      '「网格助手：已受理 #3【环境卫生】8栋。」 - - - - - - - - - - - - - - - 收到 我去',
      '「网格助手：已受理 #3【环境卫生】8栋。」\\n- - - - -\\n收到 我去',
    ];
    for (const raw of forms)
      expect(splitQuote(raw, ['网格助手'])).toEqual({
        text: '收到 我去',
        quoted: { from: { name: '网格助手' }, fromBot: true, text: '已受理 #3【环境卫生】8栋。' },
      });
  });

  it('leaves other text alone, dashes and brackets included', () => {
    expect(splitQuote('「通知」明天停水 - - - 请储水', ['网格助手'])).toEqual({
      text: '「通知」明天停水 - - - 请储水',
    });
    expect(splitQuote('5-3-2 那家又吵', ['网格助手'])).toEqual({ text: '5-3-2 那家又吵' });
  });

  it('reads the same in a console script line', () => {
    expect(parseScriptLine('[8栋群] [罗楼长] 「覃姐：门锁坏了」 - - - - 锁匠约了下午')).toEqual({
      chat: '8栋群',
      speaker: '罗楼长',
      quoted: '覃姐：门锁坏了',
      text: '锁匠约了下午',
    });
  });
});
