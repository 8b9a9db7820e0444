/**
 * Text shaping for WeChat: long messages are split on line boundaries, and every mention
 * must appear as `@name` in the text, because WeChat clients render (and highlight) the
 * mention from the text while the puppet notifies by contact id.
 */

/** WeChat accepts longer texts, but long walls of text get folded and are hard to read on phones. */
export const WECHAT_MAX_TEXT = 2000;

/**
 * Splits `text` into pieces of at most `max` UTF-16 units, preferring line breaks, then
 * hard cuts (never inside a surrogate pair) for single lines that are too long.
 */
export function splitText(text: string, max = WECHAT_MAX_TEXT): string[] {
  if (max < 1) throw new RangeError('max must be positive');
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.length) pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current.length ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    flush();
    if (line.length <= max) {
      current = line;
      continue;
    }
    // One line longer than a whole message: cut by code points so no character is broken.
    let chunk = '';
    for (const ch of line) {
      if (chunk.length + ch.length > max) {
        pieces.push(chunk);
        chunk = '';
      }
      chunk += ch;
    }
    current = chunk;
  }
  flush();
  // A text made only of blank lines splits into nothing; still send something sensible.
  return pieces.length ? pieces : [text.slice(0, max)];
}

/** A mention resolved to a room member: the id to notify and every name the text may use. */
export interface ResolvedMention {
  id: string;
  /** The name WeChat shows in this room (room alias, else the contact name). */
  displayName: string;
  /** The name the core used in its text. */
  coreName: string;
}

/**
 * Makes sure each mention appears as `@name` in the text; mentions the core did not write
 * are put in front, as WeChat clients do. Returns the final text.
 */
export function ensureMentionText(text: string, mentions: ResolvedMention[]): string {
  const missing = mentions.filter((m) => !mentionedIn(text, m));
  if (!missing.length) return text;
  // U+2005 is what WeChat itself puts after an @name; clients treat it as the mention's end.
  return missing.map((m) => `@${m.displayName}\u2005`).join('') + text;
}

/** True when `text` carries `@name` for this mention, under either name. */
export function mentionedIn(text: string, m: ResolvedMention): boolean {
  return text.includes(`@${m.displayName}`) || (m.coreName !== '' && text.includes(`@${m.coreName}`));
}
