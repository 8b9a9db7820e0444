// Compiles src/ (TypeScript, the generated Prisma clients included) to dist/ as plain ES modules
// with esbuild, so `gridbot` runs without a TypeScript loader: ≈ 35 MB less memory and a faster
// start (docs/decisions/0010-performance.md). The command is bundled: dist/cli/index.js and a few
// shared chunks hold every module the start needs, zod's 95 files included (the other libraries
// stay in node_modules); what is imported lazily (adapters, web console, the Prisma clients, the
// NLU command) is split into dist/chunks/ and still loads only when used. Loading 6 files instead
// of ≈ 200 saves ≈ 0.2 s of CPU at each start here. Each module's `import.meta.url` is rewritten
// to the URL it would have in a dist/ tree mirroring src/, so paths relative to it stay valid.
// Run by `npm install` (postinstall); bin/gridbot.mjs runs it again when a source file is newer
// than the build, and falls back to tsx when it cannot.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const STAMP = '.built.json';

/** Every file under src/ with the newest modification time: what the build is judged against. */
export function sourceState() {
  let newest = 0;
  let count = 0;
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        count++;
        newest = Math.max(newest, statSync(path).mtimeMs);
        files.push(path);
      }
    }
  };
  walk(src);
  return { newest, count, files };
}

/** True when dist/ was built from the sources as they are now. */
export function isFresh(state = sourceState()) {
  try {
    const stamp = JSON.parse(readFileSync(join(dist, STAMP), 'utf8'));
    return stamp.newest >= state.newest && stamp.count === state.count;
  } catch {
    return false;
  }
}

/** Libraries bundled into dist/ (many small ES modules, slow to load one by one); the rest stay external. */
const BUNDLED = ['zod'];

/**
 * CommonJS libraries the start loads, taken with `require` instead of `import`: an ES import of a
 * CommonJS file makes Node scan its whole source for export names first (cjs-module-lexer), ≈ 60 ms
 * for Prisma's 200 KB runtime and ≈ 30 ms for cron-parser with luxon here. The names are read once
 * at build time from the library itself.
 */
const REQUIRED = ['@prisma/client/runtime/client', 'cron-parser'];

/** The command: bin/gridbot.mjs imports dist/cli/index.js. */
const ENTRIES = ['cli/index.ts'];

export async function build() {
  const state = sourceState();
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: ENTRIES.map((e) => join(src, e)),
    outdir: dist,
    outbase: src,
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    write: false,
    plugins: [requiredCommonJs, externalPackages, mirroredImportMetaUrl],
  });
  // Chunks first, the entry last: a process starting meanwhile loads the old entry with the
  // old chunks (never removed) or the new entry with the new ones.
  const outputs = result.outputFiles
    .map((f) => ({ path: f.path, contents: f.contents }))
    .sort((a, b) => Number(!isChunk(a.path)) - Number(!isChunk(b.path)));
  for (const { path, contents } of outputs) writeAtomically(path, contents);
  writeAtomically(join(dist, STAMP), JSON.stringify({ newest: state.newest, count: state.count }));
  return state.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).length;
}

const isChunk = (path) => path.includes(`${sep}chunks${sep}`);

/** Every bare import (a package) stays an import of node_modules, except the libraries in BUNDLED. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (BUNDLED.includes(name)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Each of REQUIRED becomes a small module that requires it and re-exports its names. */
const requiredCommonJs = {
  name: 'required-commonjs',
  setup(b) {
    const filter = new RegExp(`^(${REQUIRED.map((r) => r.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'required-commonjs' }));
    b.onLoad({ filter: /.*/, namespace: 'required-commonjs' }, async (args) => {
      const { createRequire } = await import('node:module');
      const names = Object.keys(createRequire(join(root, 'package.json'))(args.path)).filter(
        (n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default',
      );
      const lines = [
        `import { createRequire } from 'node:module';`,
        `const m = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
        'export default m;',
        ...names.map((n) => `export const ${n} = m.${n};`),
      ];
      return { contents: lines.join('\n'), loader: 'js', resolveDir: root };
    });
  },
};

/**
 * Rewrites `import.meta.url` in each source file to the URL of that file's place in a dist/
 * tree mirroring src/ (dist/app.js, dist/store/migrate.js, …). Entry and chunks both sit one
 * folder below dist/, so the URL is taken relative to the bundle file's own.
 */
const mirroredImportMetaUrl = {
  name: 'mirrored-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mjs|js)$/ }, (args) => {
      if (!args.path.startsWith(src + sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
      if (!text.includes('import.meta.url')) return { contents: text, loader };
      const mirrored = relative(src, args.path)
        .split(sep)
        .join('/')
        .replace(/\.(ts|mjs)$/, '.js');
      const url = `new URL(${JSON.stringify(`../${mirrored}`)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader };
    });
  },
};

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  try {
    const n = await build();
    console.log(`build: ${n} modules compiled to dist/ in ${Math.round(performance.now() - t0)} ms`);
  } catch (e) {
    // Not fatal: bin/gridbot.mjs runs the sources through tsx when there is no build.
    console.log(`build: skipped (${e.message}); gridbot will run the TypeScript sources with tsx`);
  }
}
