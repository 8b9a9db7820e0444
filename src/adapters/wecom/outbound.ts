/**
 * Pure helpers that turn an {@link Outbound}'s text and mentions into WeCom content: the bot
 * writes markdown (stream replies and proactive markdown both render it), where `<@userid>`
 * @-mentions a member of the group and notifies them. No I/O.
 */
import type { Mention } from '../../common/types.js';

/**
 * Replaces each mention's `@name` by `<@userid>`; a mention whose `@name` is not in the text is
 * appended, so the person is still notified. Mentions without an id stay `@name` (plain text).
 * A `<@` the text itself contains is broken up, so words from residents cannot notify anyone.
 *
 * @example renderContent('请 @张三 处理', [{ id: 'zhangsan', name: '张三' }]) // → '请 <@zhangsan> 处理'
 */
export function renderContent(text: string, mentions: Mention[]): string {
  let out = text.replace(/<@/g, '< @');
  // Longest names first: once "@张三丰" is a tag, "@张三" cannot claim its beginning.
  const ordered = [...mentions].filter((m) => m.id).sort((a, b) => b.name.length - a.name.length);
  const placed: string[] = [];
  for (const mention of ordered) {
    const token = `@${mention.name}`;
    const tag = `<@${mention.id}>`;
    const at = out.indexOf(token);
    if (at >= 0) out = `${out.slice(0, at)}${tag}${out.slice(at + token.length)}`;
    else placed.push(tag);
  }
  return placed.length ? `${out}${out.length ? ' ' : ''}${placed.join(' ')}` : out;
}

const SENTENCE_END = /[。！？；\n]/;
const encoder = new TextEncoder();

/** UTF-8 length of a string. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes: after a line break or a sentence
 * end in the second half of a piece when there is one, else hard — never inside a `<@…>` tag
 * or a surrogate pair. Blank pieces are dropped.
 */
export function splitContent(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (byteLength(rest) > maxBytes) {
    let end = fitting(rest, maxBytes);
    const half = Math.floor(end / 2);
    let cut = end;
    while (cut > half && !SENTENCE_END.test(rest[cut - 1])) cut--;
    if (cut > half) end = cut;
    const open = rest.lastIndexOf('<@', end);
    if (open >= 0 && rest.indexOf('>', open) >= end && open > 0) end = open;
    pieces.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).replace(/^\n/, '');
  }
  pieces.push(rest.trimEnd());
  return pieces.filter((p) => p.trim().length > 0);
}

/** How many UTF-16 units of `text` fit in `maxBytes` bytes, not splitting a surrogate pair. */
function fitting(text: string, maxBytes: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i) as number;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += code >= 0x10000 ? 2 : 1;
  }
  return Math.max(i, 1);
}
