// The reader as the bot runs it (the model from data/model, trained from data/nlu/corpus when
// missing or stale), loaded once per test file.
import type { Pipeline } from '../../src/intents/index.js';
import { loadReader } from '../../src/services/reader.js';

let loaded: Pipeline | null = null;

export async function reader(): Promise<Pipeline> {
  loaded ??= await loadReader(null);
  return loaded;
}
