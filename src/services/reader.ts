/**
 * The reader the bot runs with: the model trained on data/nlu/corpus (loaded from its file, or
 * trained and saved when the file is missing or older than the corpus), then taught every
 * category correction heads made ("#12 改为 安全隐患").
 */
import {
  createPipeline,
  type Labelled,
  type LinearModel,
  type Lesson,
  loadModel,
  normalise,
  type Pipeline,
  saveModel,
  splitOf,
  trainReader,
} from '../intents/index.js';
import type { Db } from '../store/client.js';
import { type CorpusLine, corpusDigest, readCorpus, readModelFile, writeModelFile } from '../store/reader-files.js';

/** The training examples of a corpus: every line outside the held-out split, and each part of a multi-problem line. */
export function trainingData(
  lines: CorpusLine[],
  include: (split: string) => boolean = (s) => s !== 'heldout',
): Labelled[] {
  const out: Labelled[] = [];
  for (const line of lines) {
    if (!include(splitOf(line.id))) continue;
    out.push(line as unknown as Labelled);
    const parts = line.parts as { text: string; category: string; urgent: boolean }[] | undefined;
    for (const part of parts ?? []) out.push({ ...part, intent: 'report', act: line.act as string | null });
  }
  return out;
}

// Trained on the text as normalised without the read-time respellings (normalise.ts#respelt).
const norm = (t: string) => normalise(t, undefined, { respell: false }).text;

/** The trained model for the corpus as it is now: from the model file when it is current. */
export function currentModel(log: (msg: string) => void = () => {}): LinearModel {
  const bytes = readModelFile();
  if (bytes) {
    try {
      const model = loadModel(bytes);
      if (model.source === corpusDigest()) return model;
      log('reader model is older than the corpus: retraining');
    } catch (error) {
      log(`reader model unreadable (${(error as Error).message}): retraining`);
    }
  }
  const started = Date.now();
  const corpus = readCorpus();
  const model = trainReader(trainingData(corpus.lines), norm);
  model.source = corpus.digest;
  writeModelFile(saveModel(model));
  log(`reader model trained on ${corpus.lines.length} messages in ${Date.now() - started} ms`);
  return model;
}

/** The heads' category corrections so far, oldest first. */
export async function lessons(db: Db): Promise<Lesson[]> {
  const rows = await db.correction.findMany({ where: { field: 'category' }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ text: r.text, category: r.toValue as Lesson['category'] }));
}

/** The reader with the current model and every correction learnt. */
export async function loadReader(db: Db | null, botNames?: string[], log?: (msg: string) => void): Promise<Pipeline> {
  const pipeline = createPipeline({ model: currentModel(log), botNames });
  const taught = db ? await lessons(db) : [];
  return taught.length ? pipeline.learn(taught) : pipeline;
}
