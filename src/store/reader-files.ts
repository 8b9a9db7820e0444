/**
 * The reader's files: the labelled messages it learns from (data/nlu/corpus/*.jsonl, in the
 * repository) and the trained model (data/model/reader.bin, made by `npm install` and
 * remade when the corpus changes).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS_DIR = join(root, 'data/nlu/corpus');
export const MODEL_FILE = join(root, 'data/model/reader.bin');
/** The corpus digest with the size and modification time of each file it was taken from. */
export const CORPUS_DIGEST_FILE = join(root, 'data/model/corpus-digest.json');

/** A labelled line of a corpus file, as written (SPEC labels, `act`, `parts`, `id`). */
export type CorpusLine = Record<string, unknown> & { id: string; text: string; intent: string };

/** Raised when the way the reader learns changes, so that a model trained the old way is retrained. */
const TRAINING_REVISION =
  '4: urgency learnt from reports and chatter only; word-spaced text joined; Southern Min words read as Mandarin';

/** Every corpus file's lines, and a digest of their bytes (the model records which data made it). */
export function readCorpus(dir = CORPUS_DIR): { lines: CorpusLine[]; digest: string } {
  const hash = createHash('sha256').update(TRAINING_REVISION);
  const lines: CorpusLine[] = [];
  for (const name of corpusFiles(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    hash.update(name).update(text);
    for (const line of text.split('\n')) if (line.trim()) lines.push(JSON.parse(line) as CorpusLine);
  }
  return { lines, digest: hash.digest('hex').slice(0, 16) };
}

const corpusFiles = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort();

/**
 * The digest `readCorpus` gives, without reading the corpus when no file changed since it was
 * last taken: it is kept in `cache` with each file's name, size and modification time (a start
 * then stats 20 files instead of reading and parsing 2.8 MB; docs/decisions/0010-performance.md).
 */
export function corpusDigest(dir = CORPUS_DIR, cache = CORPUS_DIGEST_FILE): string {
  const files = corpusFiles(dir).map((name) => {
    const s = statSync(join(dir, name));
    return [name, s.size, s.mtimeMs] as const;
  });
  const key = JSON.stringify({ dir, files, revision: TRAINING_REVISION });
  try {
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as { key: string; digest: string };
    if (cached.key === key) return cached.digest;
  } catch {
    // No cache yet, or unreadable: take the digest from the files.
  }
  const hash = createHash('sha256').update(TRAINING_REVISION);
  for (const [name] of files) hash.update(name).update(readFileSync(join(dir, name), 'utf8'));
  const digest = hash.digest('hex').slice(0, 16);
  try {
    writeAtomically(cache, JSON.stringify({ key, digest }));
  } catch {
    // A read-only checkout: the digest is right, only not remembered.
  }
  return digest;
}

export function readModelFile(path = MODEL_FILE): Uint8Array | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/** Writes atomically, so a reader never sees half a model. */
export function writeModelFile(bytes: Uint8Array, path = MODEL_FILE): void {
  writeAtomically(path, bytes);
}

function writeAtomically(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
