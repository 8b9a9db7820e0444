// Compiles src/ (TypeScript, the generated Prisma clients included) to dist/ as plain ES modules,
// file by file with esbuild, so `gridbot` runs without a TypeScript loader: ≈ 35 MB less memory
// and a faster start (docs/decisions/0010-performance.md). Run by `npm install` (postinstall);
// bin/gridbot.mjs runs it again when a source file is newer than the build, and falls back to
// tsx when it cannot. dist/ mirrors src/, so paths relative to import.meta.url stay valid.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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
  const tmp = `${dist}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const entries = state.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await esbuild({
    entryPoints: entries,
    outdir: tmp,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  // Plain JavaScript modules beside the sources are copied as they are.
  for (const f of state.files.filter((f) => f.endsWith('.mjs') || f.endsWith('.js'))) {
    const to = join(tmp, relative(src, f));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(f, to);
  }
  writeFileSync(join(tmp, STAMP), JSON.stringify({ newest: state.newest, count: state.count }));
  rmSync(dist, { recursive: true, force: true });
  try {
    renameSync(tmp, dist);
  } catch (e) {
    // Another process built at the same moment and won: its output is the same.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(dist)) throw e;
  }
  return entries.length;
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
