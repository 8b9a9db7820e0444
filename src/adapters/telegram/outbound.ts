/**
 * Pure helpers that turn an {@link Outbound}'s text and mentions into Telegram text plus
 * `entities`, and split long text into messages Telegram accepts. No I/O.
 *
 * Offsets and lengths are in UTF-16 code units, which is what both JavaScript string indices
 * and the Bot API use, so Chinese text and emoji before a mention need no conversion as long
 * as we only ever measure with `.length` and cut with `.slice`.
 */
import type { MessageEntity } from 'grammy/types';
import type { Mention } from '../../common/types.js';

/** Text ready for `sendMessage` together with its entities. */
export interface RenderedText {
  text: string;
  entities: MessageEntity[];
}

/** Telegram's limit on the text of one message. */
export const TELEGRAM_MAX_TEXT = 4096;

interface Placement {
  start: number;
  end: number;
  replacement: string;
  entity?: (offset: number) => MessageEntity;
}

/**
 * Replaces each mention's `@name` in the text by something Telegram notifies:
 * `@username` with a `mention` entity when the user has a username, otherwise `@name` with a
 * `text_mention` entity carrying the user id (works for users without a username).
 * A mention whose `@name` is not in the text is appended, so the person is still notified.
 *
 * @example renderMentions('请 @张三 处理', [{ id: '42', name: '张三' }])
 *   // → { text: '请 @张三 处理', entities: [{ type: 'text_mention', offset: 2, length: 3, user: {...} }] }
 */
export function renderMentions(text: string, mentions: Mention[]): RenderedText {
  let source = text;
  const placements: Placement[] = [];
  // Longest names first, so "@张三" cannot claim the beginning of "@张三丰".
  const ordered = [...mentions].sort((a, b) => b.name.length - a.name.length);
  for (const mention of ordered) {
    const token = `@${mention.name}`;
    let at = findFree(source, token, placements);
    if (at < 0) {
      source = `${source}${source.length ? ' ' : ''}${token}`;
      at = source.length - token.length;
    }
    placements.push({ start: at, end: at + token.length, ...entityFor(mention) });
  }
  placements.sort((a, b) => a.start - b.start);

  let out = '';
  let cursor = 0;
  const entities: MessageEntity[] = [];
  for (const p of placements) {
    out += source.slice(cursor, p.start);
    const entity = p.entity?.(out.length);
    if (entity) entities.push(entity);
    out += p.replacement;
    cursor = p.end;
  }
  out += source.slice(cursor);
  return { text: out, entities };

  function entityFor(mention: Mention): Pick<Placement, 'replacement' | 'entity'> {
    // Unresolved inbound mentions carry '@username' as their id (see inbound.ts).
    const username = mention.username ?? (mention.id.startsWith('@') ? mention.id.slice(1) : undefined);
    if (username) {
      const replacement = `@${username}`;
      return { replacement, entity: (offset) => ({ type: 'mention', offset, length: replacement.length }) };
    }
    const replacement = `@${mention.name}`;
    const id = Number(mention.id);
    if (!Number.isSafeInteger(id)) return { replacement }; // nothing Telegram could resolve
    return {
      replacement,
      entity: (offset) => ({
        type: 'text_mention',
        offset,
        length: replacement.length,
        user: { id, is_bot: false, first_name: mention.name },
      }),
    };
  }
}

function findFree(text: string, token: string, taken: Placement[]): number {
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
    const end = at + token.length;
    if (!taken.some((p) => at < p.end && p.start < end)) return at;
  }
  return -1;
}

const SENTENCE_END = /[。！？；\n.!?;]/;

/**
 * Splits text into messages of at most `max` UTF-16 units: at a line break when there is one
 * in the second half of the window, else after a sentence end, else hard — but never inside an
 * entity or a surrogate pair. Entities are re-based onto their chunk; trailing blanks and blank
 * chunks are dropped because Telegram rejects empty messages.
 */
export function splitRendered(rendered: RenderedText, max = TELEGRAM_MAX_TEXT): RenderedText[] {
  const { text, entities } = rendered;
  const chunks: RenderedText[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    let next = end;
    if (end < text.length) {
      const minCut = start + Math.floor(max / 2);
      const newline = text.lastIndexOf('\n', end);
      if (newline > minCut) {
        end = newline;
        next = newline + 1; // the line break itself is not sent
      } else {
        let cut = end;
        while (cut > minCut && !SENTENCE_END.test(text[cut - 1])) cut--;
        if (cut > minCut) end = next = cut;
      }
      const straddled = entities.find((e) => e.offset < end && end < e.offset + e.length && e.offset > start);
      if (straddled) end = next = straddled.offset;
      if (isHighSurrogate(text.charCodeAt(end - 1))) end = next = end - 1;
    }
    // Trailing blanks only: trimming the start would shift entity offsets.
    const piece = text.slice(start, end).trimEnd();
    if (piece) {
      chunks.push({
        text: piece,
        entities: entities
          .filter((e) => e.offset >= start && e.offset + e.length <= end)
          .map((e) => ({ ...e, offset: e.offset - start })),
      });
    }
    start = next;
  }
  return chunks;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
