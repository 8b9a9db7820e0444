// The layering of src/, read from the import statements: every arrow points down, no two
// folders import each other, intents stay pure, and only src/store touches the Prisma client.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Lower layers first; a file may import its own layer and the layers below it. */
const RANK: Record<string, number> = {
  common: 0,
  intents: 1,
  store: 2,
  services: 3,
  jobs: 4,
  bot: 5,
  adapters: 5,
  web: 5,
  'app.ts': 6,
  cli: 7,
};
/** Peers of the same rank that must not import each other. */
const PEERS_APART = ['bot', 'adapters', 'web'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.mts') ? [path] : [];
  });
}

const layerOf = (path: string) => relative(src, path).split('/')[0].replace(/\.js$/, '.ts');

interface Arrow {
  from: string;
  to: string;
  file: string;
  spec: string;
}

function arrows(): Arrow[] {
  const out: Arrow[] = [];
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      out.push({ from: layerOf(file), to: layerOf(target), file: relative(src, file), spec });
    }
  }
  return out;
}

describe('layers', () => {
  const all = arrows();

  it('knows every folder of src', () => {
    const unknown = [...new Set(all.flatMap((a) => [a.from, a.to]))].filter((l) => !(l in RANK));
    expect(unknown).toEqual([]);
  });

  it('has every import arrow pointing down (or within a folder)', () => {
    const up = all.filter((a) => a.from !== a.to && RANK[a.to] > RANK[a.from]);
    expect(up.map((a) => `${a.file} → ${a.spec}`)).toEqual([]);
  });

  it('keeps the core, the adapters and the web console apart', () => {
    const across = all.filter((a) => a.from !== a.to && PEERS_APART.includes(a.from) && PEERS_APART.includes(a.to));
    expect(across.map((a) => `${a.file} → ${a.spec}`)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const edges = new Set(all.filter((a) => a.from !== a.to).map((a) => `${a.from}>${a.to}`));
    const both = [...edges].filter((e) => edges.has(e.split('>').reverse().join('>')));
    expect(both).toEqual([]);
  });

  it('keeps services, jobs, store and intents free of the core and the platforms', () => {
    const bad = all.filter(
      (a) => ['services', 'jobs', 'store', 'intents'].includes(a.from) && ['bot', 'adapters', 'web'].includes(a.to),
    );
    expect(bad.map((a) => `${a.file} → ${a.spec}`)).toEqual([]);
  });

  it('keeps intents pure and the Prisma client inside src/store', () => {
    const impure: string[] = [];
    const prisma: string[] = [];
    for (const file of files(src)) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(src, file);
      if (
        rel.startsWith('intents/') &&
        /from ['"](node:(fs|net|http|child_process)|@prisma|pg|better-sqlite3)/.test(text)
      ) {
        impure.push(rel);
      }
      if (!rel.startsWith('store/') && /generated\/|@prisma\/(client|adapter)/.test(text)) prisma.push(rel);
    }
    expect({ impure, prisma }).toEqual({ impure: [], prisma: [] });
  });
});
