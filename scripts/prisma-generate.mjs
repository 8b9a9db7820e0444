// Generates the Prisma clients for SQLite and PostgreSQL without network access.
// `prisma generate` only checks that a schema engine binary exists (it never runs it), so we
// point it at the Node binary; the prisma-client generator with driver adapters needs no
// native engine at run time. See docs/decisions/0001-prisma-offline.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const schemas = ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma'].filter((p) => existsSync(p));
const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  console.log('prisma-generate: prisma CLI not installed yet, skipping');
  process.exit(0);
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
for (const schema of schemas) {
  const r = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], { env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
