/**
 * Databases for the scheduler tests, from the project's test support: a migrated SQLite file
 * or a migrated PostgreSQL database per test. `openTestDb` opens a second, independent
 * connection to the same database, as a second bot instance would.
 */
import { openDatabase, type Database } from '../../src/store/client.js';
import { freshPostgres, freshSqlite } from '../support/db.js';

/** One connection to a test database; `close` of a fresh one also removes the database. */
export type TestDb = Database;

/** Another connection (its own client and pool) to the database at `url`. */
export function openTestDb(_provider: Database['provider'], url: string): Promise<TestDb> {
  return openDatabase(url, { poolSize: 5 });
}

/** A new migrated SQLite file, removed on close. */
export async function freshSqliteDb(): Promise<TestDb> {
  const f = await freshSqlite();
  return { ...f.db, close: f.cleanup };
}

/** A new migrated PostgreSQL database, dropped on close. Only call inside `describePg`. */
export async function freshPostgresDb(): Promise<TestDb> {
  const f = await freshPostgres();
  return { ...f.db, close: f.cleanup };
}
