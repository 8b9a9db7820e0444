/**
 * Record ids as people type them. Ids are 32-bit integer columns on both databases, so a number
 * outside 1..2,147,483,647, or one written with a fraction or an exponent ("#1.5", "#1e9"), names
 * no record: it is never rounded, truncated or sent to the database.
 */

/** Largest id a row can have (a 32-bit integer column). */
export const MAX_RECORD_ID = 2_147_483_647;

/** What a typed number that cannot be an id reads as: truthy, so "a number was given", and never found. */
export const NOT_AN_ID = -1;

/** True when `n` can be the id of a row. */
export function isRecordId(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 && n <= MAX_RECORD_ID;
}

/**
 * A number token as typed (digits, maybe with a fraction or exponent) as an id, or
 * {@link NOT_AN_ID} when it cannot be one.
 * @example readRecordId('12') // 12
 * @example readRecordId('999999999999999999999') // NOT_AN_ID
 */
export function readRecordId(token: string): number {
  if (!/^\d+$/.test(token)) return NOT_AN_ID;
  const n = Number(token);
  return isRecordId(n) ? n : NOT_AN_ID;
}

/** A number as typed: digits, an optional fraction and an optional exponent, read whole. */
export const NUMBER_TOKEN = String.raw`\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`;
