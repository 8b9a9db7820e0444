// Prisma CLI configuration, for a connected machine (the bot itself never runs the CLI):
//
//   DATABASE_URL=file:./data/gridbot.db        npx prisma migrate status --schema prisma/schema.prisma
//   DATABASE_URL=postgresql://…/gridbot        npx prisma migrate deploy --schema prisma/postgresql/schema.prisma
//
// The schema and migrations folder follow DATABASE_URL's provider (SQLite: prisma/schema.prisma
// and prisma/migrations; PostgreSQL: prisma/postgresql/…), so `--schema` may be left out.
// Without DATABASE_URL nothing here needs a database: offline `prisma generate`
// (scripts/prisma-generate.mjs) keeps working. See docs/decisions/0001-prisma-offline.md.
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL || undefined;
const pg = /^postgres(ql)?:\/\//i.test(url ?? '');

export default defineConfig({
  schema: pg ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: pg ? 'prisma/postgresql/migrations' : 'prisma/migrations' },
  ...(url ? { datasource: { url } } : {}),
});
