/**
 * The learned fallback: a multinomial naive Bayes over character unigrams and bigrams, stored as
 * plain JSON counts so the bot can save it with the rest of its data. Character n-grams need no
 * segmenter and classified as well as jieba words on small data (ENVIRONMENT.md), at a fraction
 * of the load time. Corrections count more than seed sentences and are also remembered verbatim.
 */
import { seedExamples } from './seed.js';
import { CATEGORIES, type Category } from './types.js';

/** Plain JSON-serialisable category model. */
export type CategoryModel = {
  version: number;
  /** Documents seen per category (weighted). */
  docs: Partial<Record<Category, number>>;
  /** Feature counts per category (weighted). */
  counts: Partial<Record<Category, Record<string, number>>>;
  /** Sum of feature counts per category. */
  totals: Partial<Record<Category, number>>;
  /** Distinct features seen. */
  vocabulary: number;
  /** Corrected texts (feature key) → the category a person confirmed. */
  memory: Record<string, Category>;
  /** Every confirmed correction so far, so the lexicon can be recomputed as they accumulate. */
  corrections: { text: string; category: Category }[];
  /** Words learned from corrections (new to the seed, shared by ≥2 corrections of one category). */
  lexicon: Record<string, Category>;
};

/** Current model format. */
export const MODEL_VERSION = 1;
/** A confirmed correction weighs this many seed sentences. */
export const CORRECTION_WEIGHT = 4;
const ALPHA = 0.5;

const DROP = /[\s\d\p{P}\p{S}]+/gu;

/** Text reduced to what the classifier looks at: no digits, spaces or punctuation. */
export function featureKey(text: string): string {
  return text.toLowerCase().replace(DROP, '');
}

/** Character unigrams and bigrams of the feature key. */
export function features(text: string): string[] {
  const key = featureKey(text);
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) {
    out.push(key[i]);
    if (i + 1 < key.length) out.push(key.slice(i, i + 2));
  }
  return out;
}

/** A model that knows nothing; train on it to learn from corrections alone. */
export function emptyCategoryModel(): CategoryModel {
  return {
    version: MODEL_VERSION,
    docs: {},
    counts: {},
    totals: {},
    vocabulary: 0,
    memory: {},
    corrections: [],
    lexicon: {},
  };
}

function cloneModel(m: CategoryModel): CategoryModel {
  const counts: CategoryModel['counts'] = {};
  for (const [c, table] of Object.entries(m.counts)) counts[c as Category] = { ...table };
  return {
    version: MODEL_VERSION,
    docs: { ...m.docs },
    counts,
    totals: { ...m.totals },
    vocabulary: m.vocabulary,
    memory: { ...m.memory },
    corrections: [...(m.corrections ?? [])],
    lexicon: { ...(m.lexicon ?? {}) },
  };
}

function addExample(m: CategoryModel, text: string, category: Category, weight: number, seen: Set<string>): void {
  const table = (m.counts[category] ??= {});
  m.docs[category] = (m.docs[category] ?? 0) + weight;
  for (const f of features(text)) {
    table[f] = (table[f] ?? 0) + weight;
    m.totals[category] = (m.totals[category] ?? 0) + weight;
    seen.add(f);
  }
}

function vocabularyOf(m: CategoryModel): Set<string> {
  const seen = new Set<string>();
  for (const table of Object.values(m.counts)) for (const f of Object.keys(table)) seen.add(f);
  return seen;
}

/**
 * Adds confirmed examples (a head correcting a category) to `base` and returns a new model.
 * Without `base` the built-in seed model is the starting point, so learning never forgets the
 * everyday vocabulary; pass {@link emptyCategoryModel}() to learn from the examples alone.
 * @example const model = trainCategoryModel([{ text: '楼顶有马蜂窝', category: 'safety' }]);
 */
export function trainCategoryModel(
  examples: { text: string; category: Category }[],
  base?: CategoryModel,
): CategoryModel {
  const m = cloneModel(base ?? builtInModel());
  const seen = vocabularyOf(m);
  for (const { text, category } of examples) {
    if (!CATEGORIES.includes(category)) continue;
    addExample(m, text, category, CORRECTION_WEIGHT, seen);
    const key = featureKey(text);
    if (key) m.memory[key] = category;
    m.corrections.push({ text, category });
  }
  m.vocabulary = seen.size;
  m.lexicon = learnLexicon(m);
  return m;
}

/** How often a bigram may occur across the whole model and still count as a new word. */
const NOVEL_MAX_COUNT = 2 * CORRECTION_WEIGHT + 2;

/**
 * Words the corrections taught: character n-grams (2–4) that at least two corrections of one
 * category share, that no correction of another category contains, and whose bigrams were
 * rare before the corrections (so "一个" or "楼道" never become rules). Longest first.
 */
function learnLexicon(m: CategoryModel): Record<string, Category> {
  const df = new Map<string, Map<Category, number>>();
  for (const { text, category } of m.corrections) {
    const key = featureKey(text);
    const grams = new Set<string>();
    for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= key.length; i++) grams.add(key.slice(i, i + n));
    for (const g of grams) {
      const byCat = df.get(g) ?? new Map<Category, number>();
      byCat.set(category, (byCat.get(category) ?? 0) + 1);
      df.set(g, byCat);
    }
  }
  const lexicon: Record<string, Category> = {};
  const chosen = [...df.entries()]
    .filter(([g, byCat]) => byCat.size === 1 && [...byCat.values()][0] >= 2 && isNovel(m, g, [...byCat.values()][0]))
    .sort((a, b) => b[0].length - a[0].length);
  for (const [g, byCat] of chosen) {
    if (Object.keys(lexicon).some((w) => w.includes(g))) continue;
    lexicon[g] = [...byCat.keys()][0];
  }
  return lexicon;
}

function isNovel(m: CategoryModel, gram: string, corrections: number): boolean {
  for (let i = 0; i + 2 <= gram.length; i++) {
    const bigram = gram.slice(i, i + 2);
    let total = 0;
    for (const table of Object.values(m.counts)) total += table?.[bigram] ?? 0;
    // Discount what the corrections themselves added; what remains is what the seed knew.
    if (total - corrections * CORRECTION_WEIGHT > NOVEL_MAX_COUNT - 2 * CORRECTION_WEIGHT) return false;
  }
  return true;
}

/** Trains a model from weight-1 examples (the seed). */
export function trainFromScratch(examples: { text: string; category: string }[], weight = 1): CategoryModel {
  const m = emptyCategoryModel();
  const seen = new Set<string>();
  for (const { text, category } of examples) addExample(m, text, category as Category, weight, seen);
  m.vocabulary = seen.size;
  return m;
}

let builtIn: CategoryModel | null = null;

/** The model trained from the seed sentences in seed.ts (built once, a few milliseconds). */
export function builtInModel(): CategoryModel {
  return (builtIn ??= trainFromScratch(seedExamples()));
}

/** Log-probability scores per label, best first. */
export function scoreLabels(m: CategoryModel, text: string): { label: Category; score: number }[] {
  const labels = Object.keys(m.docs) as Category[];
  const docsTotal = labels.reduce((s, c) => s + (m.docs[c] ?? 0), 0);
  const fs = features(text);
  const v = m.vocabulary + 1;
  const out = labels.map((label) => {
    const table = m.counts[label] ?? {};
    const denom = Math.log((m.totals[label] ?? 0) + ALPHA * v);
    let score = Math.log((m.docs[label] ?? 0) / docsTotal);
    for (const f of fs) score += Math.log((table[f] ?? 0) + ALPHA) - denom;
    return { label, score };
  });
  return out.sort((a, b) => b.score - a.score);
}

/** The most likely category, or null when the model is empty. */
export function classify(m: CategoryModel, text: string): Category | null {
  const key = featureKey(text);
  if (m.memory[key]) return m.memory[key];
  return scoreLabels(m, text)[0]?.label ?? null;
}
