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

/** The named features of an already normalised text (exported for inspection and tests). */
export function featureNames(text: string): string[] {
  const t = text.toLowerCase().replace(DIGITS, '0').replace(SPACES, ' ').trim();
  const out: string[] = [];
  const marked = `^${t}$`;
  for (let i = 0; i < marked.length; i++) {
    out.push(`c${marked[i]}`);
    if (i + 1 < marked.length) out.push(`b${marked.slice(i, i + 2)}`);
    if (i + 2 < marked.length) out.push(`t${marked.slice(i, i + 3)}`);
  }
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

/** Hashed feature ids for the model (duplicates kept: they count twice). */
export function featureIds(text: string, bits: number): Uint32Array {
  const names = featureNames(text);
  const ids = new Uint32Array(names.length);
  for (let i = 0; i < names.length; i++) ids[i] = hashFeature(names[i], bits);
  return ids;
}
