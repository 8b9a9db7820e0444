/**
 * What the learned reader looks at: character n-grams (1–3, with the start and end of the
 * message marked), the length, and the hand-written lexicon and rules as named signals, so the
 * model learns how much each is worth instead of the rules deciding. Digits are folded to 0 and
 * ticket numbers to #0: the number is never what decides the meaning.
 */
import { wordingSignals } from '../intent.js';
import { keywordScores, urgencySignals } from '../rules.js';
import { dangerFeatures } from './danger.js';
import { hashFeature } from './hash.js';

const DIGITS = /\d+/g;
const SPACES = /\s+/g;

/** The text the n-grams are read from: lower case, digits folded to 0, spaces collapsed. */
function prepared(text: string): string {
  return text.toLowerCase().replace(DIGITS, '0').replace(SPACES, ' ').trim();
}

/** The features that are not character n-grams: length, marks, lexicon and rule signals. */
function signalNames(text: string, t: string): string[] {
  const out: string[] = [];
  const n = t.length;
  out.push(
    n <= 2 ? 'len:2' : n <= 5 ? 'len:5' : n <= 10 ? 'len:10' : n <= 25 ? 'len:25' : n <= 60 ? 'len:60' : 'len:more',
  );
  if (/[?？吗么呢]/.test(t)) out.push('question');
  if (/#0/.test(t)) out.push('ticket');
  for (const [category, score] of Object.entries(keywordScores(text))) {
    if (score) out.push(`kw:${category}:${score >= 6 ? 6 : score >= 3 ? 3 : score}`);
  }
  const u = urgencySignals(text);
  for (const [name, on] of Object.entries(u)) if (on) out.push(`u:${name}`);
  if (u.alarm && !u.over && !u.hypothetical) out.push('u:now');
  for (const w of wordingSignals(text)) out.push(`w:${w}`);
  out.push(...dangerFeatures(text));
  return out;
}

/** The named features of an already normalised text (exported for inspection and tests). */
export function featureNames(text: string): string[] {
  const t = prepared(text);
  const out: string[] = [];
  const marked = `^${t}$`;
  for (let i = 0; i < marked.length; i++) {
    out.push(`c${marked[i]}`);
    if (i + 1 < marked.length) out.push(`b${marked.slice(i, i + 2)}`);
    if (i + 2 < marked.length) out.push(`t${marked.slice(i, i + 3)}`);
  }
  out.push(...signalNames(text, t));
  return out;
}

const PRIME = 0x01000193;
const OFFSET = 0x811c9dc5;
/** FNV-1a states after the n-gram prefixes "c", "b", "t" (see hash.ts): n-grams are hashed without building strings. */
const AFTER_C = Math.imul(OFFSET ^ 99, PRIME);
const AFTER_B = Math.imul(OFFSET ^ 98, PRIME);
const AFTER_T = Math.imul(OFFSET ^ 116, PRIME);

/**
 * Hashed feature ids for the model (duplicates kept: they count twice): the same ids as hashing
 * each of {@link featureNames}, computed straight from the characters for the n-grams.
 */
export function featureIds(text: string, bits: number): Uint32Array {
  const t = prepared(text);
  const marked = `^${t}$`;
  const n = marked.length;
  const signals = signalNames(text, t);
  const ids = new Uint32Array(3 * n - 3 + signals.length);
  const mask = (1 << bits) - 1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = marked.charCodeAt(i);
    ids[k++] = Math.imul(AFTER_C ^ a, PRIME) & mask;
    if (i + 1 < n) {
      const b = marked.charCodeAt(i + 1);
      ids[k++] = Math.imul(Math.imul(AFTER_B ^ a, PRIME) ^ b, PRIME) & mask;
      if (i + 2 < n) {
        ids[k++] =
          Math.imul(Math.imul(Math.imul(AFTER_T ^ a, PRIME) ^ b, PRIME) ^ marked.charCodeAt(i + 2), PRIME) & mask;
      }
    }
  }
  for (const name of signals) ids[k++] = hashFeature(name, bits);
  return ids;
}
