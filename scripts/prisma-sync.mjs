// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (the single source):
// same models, PostgreSQL provider, its own generated client. `--check` fails when out of date.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

export function postgresSchema(source) {
  return source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(
      'output                 = "../src/store/generated/sqlite"',
      'output                 = "../../src/store/generated/pg"',
    )
    .replace(
      /^\/\/ gridbot data model\..*\n(\/\/.*\n)*/m,
      '// GENERATED from prisma/schema.prisma by scripts/prisma-sync.mjs. Do not edit.\n',
    );
}

const target = 'prisma/postgresql/schema.prisma';
const expected = postgresSchema(readFileSync('prisma/schema.prisma', 'utf8'));
if (process.argv.includes('--check')) {
  const actual = readFileSync(target, 'utf8');
  if (actual !== expected) {
    console.error(`${target} is out of date: run node scripts/prisma-sync.mjs`);
    process.exit(1);
  }
} else {
  mkdirSync('prisma/postgresql', { recursive: true });
  writeFileSync(target, expected);
}
