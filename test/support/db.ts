// Real databases for tests: a migrated SQLite file in a temp folder, or a new migrated
// PostgreSQL database on 127.0.0.1:5432 (or GRIDBOT_TEST_PG_URL), dropped on cleanup.
//
// PostgreSQL suites use describePg: they run when the server is reachable, are skipped with a
// warning when it is not, and fail loudly when GRIDBOT_REQUIRE_PG=1 (CI) and it is not.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/client.js';
import { migrate } from '../../src/store/migrate.js';

const requirePg = process.env.GRIDBOT_REQUIRE_PG === '1';

function baseCandidates(): string[] {
  if (process.env.GRIDBOT_TEST_PG_URL) return [process.env.GRIDBOT_TEST_PG_URL];
  const osUser = encodeURIComponent(process.env.USER || process.env.LOGNAME || 'root');
  return ['postgresql://postgres@127.0.0.1:5432/postgres', `postgresql://${osUser}@127.0.0.1:5432/postgres`];
}

async function detect(): Promise<{ base: string | null; why: string }> {
  const errors: string[] = [];
  for (const url of baseCandidates()) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.end();
      return { base: url, why: '' };
    } catch (e) {
      errors.push(`${url.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).message}`);
      await c.end().catch(() => {});
    }
  }
  return { base: null, why: errors.join('; ') };
}

const detected = await detect();
const baseUrl = detected.base ?? baseCandidates()[0];

/** Whether PostgreSQL answered at start-up (computed once). */
export const pgAvailable: boolean = detected.base !== null;

/** URL of database `dbName` on the test server; honours GRIDBOT_TEST_PG_URL (any database in it). */
export function pgUrl(dbName: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${encodeURIComponent(dbName)}`;
  return u.toString();
}

const skipReason = `PostgreSQL is not reachable (${detected.why}); set GRIDBOT_TEST_PG_URL, or GRIDBOT_REQUIRE_PG=1 to make this an error`;

/**
 * describe() when PostgreSQL is reachable; otherwise describe.skip with a console.warn saying
 * why — unless GRIDBOT_REQUIRE_PG=1, in which case the suite fails loudly.
 */
export const describePg: typeof describe = pgAvailable
  ? describe
  : requirePg
    ? (((name: string) =>
        describe(String(name), () => {
          it('needs PostgreSQL (GRIDBOT_REQUIRE_PG=1)', () => {
            throw new Error(`GRIDBOT_REQUIRE_PG=1 but PostgreSQL is not reachable: ${detected.why}`);
          });
        })) as unknown as typeof describe)
    : (((name: string, ...rest: unknown[]) => {
        console.warn(`Skipping "${String(name)}": ${skipReason}`);
        return (describe.skip as (...args: unknown[]) => unknown)(name, ...rest);
      }) as unknown as typeof describe);

let counter = 0;
function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}_${Math.random().toString(36).slice(2, 7)}`;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: baseUrl });
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** Creates an empty database on the test server; returns its name and URL. */
export async function createPgDatabase(
  prefix = 'gridbot_test',
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = uniqueName(prefix);
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: pgUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A migrated SQLite database in a new temp folder (a real file, WAL). */
export async function freshSqlite(): Promise<{ db: Database; url: string; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gridbot-test-'));
  const url = `file:${join(dir, 'gridbot.db')}`;
  const db = await openDatabase(url);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    db,
    url,
    dir,
    async cleanup() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A new, uniquely named, migrated PostgreSQL database, dropped on cleanup. */
export async function freshPostgres(): Promise<{ db: Database; url: string; cleanup(): Promise<void> }> {
  if (!pgAvailable) throw new Error(`freshPostgres: ${skipReason}`);
  const created = await createPgDatabase();
  let db: Database | undefined;
  try {
    db = await openDatabase(created.url, { poolSize: 5 });
    await migrate(db);
  } catch (e) {
    await db?.close().catch(() => {});
    await created.drop().catch(() => {});
    throw e;
  }
  const opened = db;
  return {
    db: opened,
    url: created.url,
    async cleanup() {
      await opened.close().catch(() => {});
      await created.drop();
    },
  };
}
