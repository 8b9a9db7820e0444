#!/usr/bin/env node
// The gridbot command. Runs the compiled modules in dist/ (built by `npm install`, rebuilt here
// when a source file is newer); without a build it runs the TypeScript sources through tsx.
// A .env file in the working directory is read first (see .env.example).
// Why: docs/decisions/0010-performance.md (memory and start time).
import { existsSync } from 'node:fs';

if (existsSync('.env')) process.loadEnvFile('.env');
const build = await import('../scripts/build.mjs');
let compiled = process.env.GRIDBOT_TSX !== '1' && build.isFresh();
if (!compiled && process.env.GRIDBOT_TSX !== '1') {
  try {
    await build.build();
    compiled = true;
  } catch {
    // No esbuild or a read-only checkout: run the sources.
  }
}
if (compiled) {
  await import('../dist/cli/index.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/index.ts');
}
