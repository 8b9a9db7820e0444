/**
 * Chinese numerals → integers, for the short numbers inside location and time phrases only.
 * Whole messages are never converted: "万一着火" must stay words.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Character class source for a Chinese or Arabic number, for building regexes. */
export const NUM = '(?:\\d+|[零〇一二两三四五六七八九十百千]+)';

/**
 * Reads "12", "十二", "二十", "一百零一" or digit-by-digit "五零一" (room numbers).
 * Returns null when the string is not a number.
 */
export function toInt(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return null;
  if (!/[十百千]/.test(s)) {
    // "五零一" is read digit by digit, as residents say room numbers.
    let n = 0;
    for (const ch of s) n = n * 10 + DIGITS[ch];
    return n;
  }
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in DIGITS) current = DIGITS[ch];
    else {
      // "十二": a unit with no digit before it means one of it.
      total += (current || 1) * UNITS[ch];
      current = 0;
    }
  }
  return total + current;
}

/** Like {@link toInt} but as the digit string the SPEC wants, or null. */
export function toDigits(s: string): string | null {
  const n = toInt(s);
  return n === null ? null : String(n);
}
