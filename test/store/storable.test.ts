// What the driver-adapter guard makes of text no database can store, and that it keeps the rest.
import { describe, expect, it } from 'vitest';
import { emergencyKind } from '../../src/intents/index.js';
import { REPLACEMENT, storable } from '../../src/store/storable.js';
import { groupMessage } from '../support/harness.js';

describe('storable', () => {
  it('replaces NUL and lone surrogates, one for one', () => {
    expect(storable('3栋\u00002单元')).toBe(`3栋${REPLACEMENT}2单元`);
    expect(storable('a\ud800b')).toBe(`a${REPLACEMENT}b`);
    expect(storable('a\udc00b')).toBe(`a${REPLACEMENT}b`);
    expect(storable('\ud800')).toBe(REPLACEMENT);
    expect(storable('\udbff\ud800\udc00')).toBe(`${REPLACEMENT}\ud800\udc00`);
  });

  it('keeps everything else as it is: emoji pairs, RTL marks, control characters', () => {
    for (const text of ['😀🇨🇳👨‍👩‍👧', '\u202e坏了灯\u200b', '\u0007\u001f\t\n', "'; DROP TABLE x; --", '']) {
      expect(storable(text)).toBe(text);
    }
  });
});

describe('emergencyKind', () => {
  it.each([
    ['3栋冒烟了快来人', 'fire'],
    ['楼道里好大的烟，快来人', 'fire'],
    ['楼道里有股很浓的燃气味', 'gas'],
    ['2栋1单元水管爆了 哗哗的', 'water'],
    ['有人关在电梯里出不来了 救命', 'trapped'],
    ['老人在楼下摔倒了流了好多血', 'medical'],
    ['楼下有人打架了', 'violence'],
    ['孩子不见了 找不到了', 'missing'],
    ['我爸爸早上出去买早饭 到现在冇得家来', 'missing'],
    ['大家帮忙转发一下：柳荫巷石爹爹，78岁，灰色短袖，有点糊涂', 'missing'],
    ['有点糊涂的老人在楼下摔倒了', 'medical'],
    ['楼道灯坏了', null],
    // Gone, of a thing: no search (a missing man reported later must not join it).
    ['5栋2单元五楼那个消防栓箱 里头的水带不见了 旁边灭火器过期了', null],
    ['俺爸中午前出去遛弯到现在没回来 穿黑棉袄', 'missing'],
    ['俺孙子小宝到这会儿还没回家 上二年级', 'missing'],
  ])('%s → %s', (text, kind) => {
    expect(emergencyKind(text)).toBe(kind);
  });
});

describe('the failure fallback', () => {
  it('records the message alone when handling and recording its failure both fail', async () => {
    const { startHarness } = await import('../support/harness.js');
    const h = await startHarness();
    try {
      const prisma = h.db.prisma;
      const original = prisma.$transaction.bind(prisma);
      const begin = h.db.sqliteBegin;
      let failing = 2; // the handling, then the fallback that records the failure with its chat
      const fail = () => (failing-- > 0 ? Promise.reject(new Error('22021: invalid byte sequence')) : undefined);
      // SQLite intake takes its transaction on the adapter (src/store/sqlite-tx.ts), the fallback Prisma's.
      if (begin) h.db.sqliteBegin = () => fail() ?? begin();
      prisma.$transaction = ((...args: Parameters<typeof original>) => fail() ?? original(...args)) as never;
      const result = await h.app.bot.handle(
        groupMessage({
          id: 'lost-1',
          chat: '3-2群',
          from: '居民小王',
          text: '3栋2单元\u0000楼道灯坏了',
          at: h.clock.now(),
        }),
      );
      prisma.$transaction = original as never;
      h.db.sqliteBegin = begin;
      expect(result).toBe('error');
      const row = await prisma.inboundMessage.findUnique({ where: { dedupeKey: 'console:console:lost-1' } });
      expect(row).toMatchObject({ outcome: 'error', chatId: null });
      expect(JSON.parse(row!.text)).toBe('3栋2单元\u0000楼道灯坏了');
    } finally {
      await h.close();
    }
  });
});
