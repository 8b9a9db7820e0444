/**
 * Databases for the scheduler tests. Uses the project's `test/support/db.ts` and
 * `src/store/client.ts` when they exist; until then, a minimal local equivalent that applies
 * the committed migrations, so these tests never depend on a hand-made schema.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobDb } from '../../src/store/job-runs.js';

/** One connection to a test database. */
export interface TestDb {
  prisma: JobDb;
  provider: 'sqlite' | 'postgresql';
  url: string;
  close(): Promise<void>;
}

function migrationSql(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(join(dir, name, 'migration.sql'), 'utf8'))
    .join('\n');
}

/** Open another connection to the same database (what a second instance would do). */
export async function openTestDb(provider: 'sqlite' | 'postgresql', url: string): Promise<TestDb> {
  if (provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const { PrismaClient } = await import('../../src/store/generated/sqlite/client.js');
    const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }) });
    return { prisma, provider, url, close: () => prisma.$disconnect() };
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { PrismaClient } = await import('../../src/store/generated/pg/client.js');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return { prisma: prisma as unknown as JobDb, provider, url, close: () => prisma.$disconnect() };
}

/** A new SQLite file with the schema applied. */
export async function freshSqliteDb(): Promise<TestDb> {
  const file = join(mkdtempSync(join(tmpdir(), 'gridbot-jobs-')), 'test.db');
  const { default: Database } = await import('better-sqlite3');
  const raw = new Database(file);
  raw.exec(migrationSql('prisma/migrations'));
  raw.close();
  return openTestDb('sqlite', `file:${file}`);
}

const PG_ADMIN = process.env.GRIDBOT_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A new PostgreSQL database with the schema applied, or null when no server answers. */
export async function freshPostgresDb(): Promise<TestDb | null> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `gridbot_jobs_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(migrationSql('prisma/postgresql/migrations'));
  await c.end();
  const db = await openTestDb('postgresql', url);
  return {
    ...db,
    close: async () => {
      await db.close();
      const drop = new pg.Client({ connectionString: PG_ADMIN });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
