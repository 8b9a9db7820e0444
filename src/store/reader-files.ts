/**
 * The reader's files: the labelled messages it learns from (data/nlu/corpus/*.jsonl, in the
 * repository) and the trained model (data/model/reader.bin, made by `npm install` and
 * remade when the corpus changes).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS_DIR = join(root, 'data/nlu/corpus');
export const MODEL_FILE = join(root, 'data/model/reader.bin');

/** A labelled line of a corpus file, as written (SPEC labels, `act`, `parts`, `id`). */
export type CorpusLine = Record<string, unknown> & { id: string; text: string; intent: string };

/** Every corpus file's lines, and a digest of their bytes (the model records which data made it). */
export function readCorpus(dir = CORPUS_DIR): { lines: CorpusLine[]; digest: string } {
  const hash = createHash('sha256');
  const lines: CorpusLine[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    hash.update(name).update(text);
    for (const line of text.split('\n')) if (line.trim()) lines.push(JSON.parse(line) as CorpusLine);
  }
  return { lines, digest: hash.digest('hex').slice(0, 16) };
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
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
