// Compiles src/ (TypeScript, the generated Prisma clients included) to dist/ as plain ES modules,
// file by file with esbuild, so `gridbot` runs without a TypeScript loader: ≈ 35 MB less memory
// and a faster start (docs/decisions/0010-performance.md). Run by `npm install` (postinstall);
// bin/gridbot.mjs runs it again when a source file is newer than the build, and falls back to
// tsx when it cannot. dist/ mirrors src/, so paths relative to import.meta.url stay valid.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

export async function build() {
  const state = sourceState();
  const { build: esbuild } = await import('esbuild');
  const entries = state.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const result = await esbuild({
    entryPoints: entries,
    outdir: dist,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    write: false,
  });
  const outputs = result.outputFiles.map((f) => ({ path: f.path, contents: f.contents }));
  // Plain JavaScript modules beside the sources are copied as they are.
  for (const f of state.files.filter((f) => f.endsWith('.mjs') || f.endsWith('.js')))
    outputs.push({ path: join(dist, relative(src, f)), contents: readFileSync(f) });
  // Each file is replaced by a rename, never removed first: a gridbot process that is loading
  // modules from dist/ while another rebuilds it reads whole files, old or new.
  for (const { path, contents } of outputs) writeAtomically(path, contents);
  writeAtomically(join(dist, STAMP), JSON.stringify({ newest: state.newest, count: state.count }));
  return entries.length;
}

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
