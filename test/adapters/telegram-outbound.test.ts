/** Pure tests of mention rendering and splitting (no server). */
import { describe, expect, it } from 'vitest';
import { renderMentions, splitRendered } from '../../src/adapters/telegram/outbound.js';

describe('renderMentions', () => {
  it('lets a longer name win over its prefix and keeps two people with one name apart', () => {
    const r = renderMentions('@张三丰 和 @张三 和 @张三', [
      { id: '1', name: '张三' },
      { id: '2', name: '张三丰' },
      { id: '3', name: '张三' },
    ]);
    expect(r.text).toBe('@张三丰 和 @张三 和 @张三');
    expect(r.entities.map((e) => [e.offset, e.length, e.type === 'text_mention' ? e.user.id : 0])).toEqual([
      [0, 4, 2],
      [7, 3, 1],
      [13, 3, 3],
    ]);
  });

  it('uses the @username form for unresolved ids and leaves non-numeric ids without an entity', () => {
    const r = renderMentions('@wang 和 @某人', [
      { id: '@wang_resident', name: 'wang' },
      { id: 'console:someone', name: '某人' },
    ]);
    expect(r.text).toBe('@wang_resident 和 @某人');
    expect(r.entities).toEqual([{ type: 'mention', offset: 0, length: 14 }]);
  });
});

describe('splitRendered', () => {
  it('never cuts a surrogate pair or an entity, and re-bases entity offsets', () => {
    const text = `${'好'.repeat(9)}😀${'x'.repeat(3)}@李四${'y'.repeat(10)}`;
    const at = text.indexOf('@李四');
    const parts = splitRendered({ text, entities: [{ type: 'mention', offset: at, length: 3 }] }, 10);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(10);
      expect(p.text.charCodeAt(p.text.length - 1) >= 0xd800 && p.text.charCodeAt(p.text.length - 1) <= 0xdbff).toBe(
        false,
      );
    }
    const withMention = parts.find((p) => p.entities.length)!;
    expect(withMention.text.slice(withMention.entities[0].offset, withMention.entities[0].offset + 3)).toBe('@李四');
  });

  it('prefers a sentence end when there is no line break, and drops blank pieces', () => {
    const parts = splitRendered({ text: '一二三四五。六七八九十\n\n\n', entities: [] }, 8);
    expect(parts.map((p) => p.text)).toEqual(['一二三四五。', '六七八九十']);
  });
});
