// What a message names, for duplicates and for which ticket a head's words are about. Sentences
// from the 2026-12-05e streams' voices, written for this test.
import { describe, expect, it } from 'vitest';
import { thingsNamed } from '../../src/intents/similar.js';

describe('things named', () => {
  it.each([
    ['不知道谁家的白色小轿车 冀D牌的 横在咱2栋楼门口那条消防道上', 'parking'],
    ['排水车来了 管子通开了 水下去了', 'drain'],
    ['我店门口也是 水快到台阶了 沟盖上浮着一层樟树叶跟塑料袋', 'drain'],
    ['楼上1704这都十点了还在叮叮咣咣砸墙', 'noise'],
    ['说了 他家在拆暖气片改地暖 答应不砸了', 'noise'],
  ])('%s names %s', (text, thing) => expect(thingsNamed(text)).toContain(thing));

  it.each([
    ['水快到台阶了', 'paving'],
    ['沟盖上浮着一层樟树叶', 'tree'],
  ])('%s does not name %s', (text, thing) => expect(thingsNamed(text)).not.toContain(thing));
  it('still names a step that is broken and a tree that fell', () => {
    expect(thingsNamed('单元门口台阶塌了一块')).toContain('paving');
    expect(thingsNamed('樟树断了一根大枝')).toContain('tree');
  });
});
