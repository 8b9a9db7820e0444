// The corpus digest a start checks the reader model against: the same as reading the corpus,
// taken from a cache while no corpus file changed, and taken again when one did.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusDigest, readCorpus } from '../../src/store/reader-files.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('corpus digest', () => {
  it('equals the digest of the corpus read in full, and follows a changed file', () => {
    dir = mkdtempSync(join(tmpdir(), 'gridbot-corpus-'));
    const corpus = join(dir, 'corpus');
    const cache = join(dir, 'model', 'digest.json');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'a.jsonl'), '{"id":"a1","text":"楼道灯坏了","intent":"report"}\n');
    writeFileSync(join(corpus, 'b.jsonl'), '{"id":"b1","text":"谢谢","intent":"chatter"}\n');
    const first = corpusDigest(corpus, cache);
    expect(first).toBe(readCorpus(corpus).digest);
    expect(JSON.parse(readFileSync(cache, 'utf8')).digest).toBe(first);
    expect(corpusDigest(corpus, cache)).toBe(first);
    writeFileSync(join(corpus, 'b.jsonl'), '{"id":"b1","text":"谢谢你","intent":"chatter"}\n');
    utimesSync(join(corpus, 'b.jsonl'), new Date(), new Date(Date.now() + 5000));
    const second = corpusDigest(corpus, cache);
    expect(second).not.toBe(first);
    expect(second).toBe(readCorpus(corpus).digest);
  });
});
