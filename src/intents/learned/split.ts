/**
 * Which part of the labelled data a message belongs to, fixed by its id: one fifth is held out
 * (no rule or model is ever tuned on it), one fifth validates choices (thresholds, features),
 * the rest trains. The final model trains on training and validation together.
 */
import { hashFeature } from './hash.js';

export type Split = 'train' | 'valid' | 'heldout';

export function splitOf(id: string): Split {
  const b = hashFeature(id, 16) % 5;
  return b === 0 ? 'heldout' : b === 1 ? 'valid' : 'train';
}
