// Applies the committed Prisma migrations at start-up, offline, without Prisma's schema engine.
//
// It keeps the bookkeeping of `prisma migrate deploy` exactly: the same `_prisma_migrations`
// table (same DDL), one row per applied migration with the sha256 of its migration.sql,
// started_at, finished_at and applied_steps_count = 1, timestamps stored as Prisma's engine
// stores them (SQLite: integer milliseconds; PostgreSQL: timestamptz). So, on a connected
// machine, `prisma migrate status` and `prisma migrate deploy` agree with what ran here.
// Why not the engine itself: docs/decisions/0001-prisma-offline.md.
//
// Differences from the engine, all on the safe side:
// - a migration whose file changed after it was applied is an error here (deploy ignores it);
// - on SQLite each migration runs in one BEGIN IMMEDIATE transaction with foreign keys off and
//   PRAGMA foreign_key_check before COMMIT (SQLite's documented procedure for schema changes),
//   so a failing migration leaves nothing behind and is not recorded as failed;
// - on PostgreSQL a failing migration is recorded as failed (logs, no finished_at) like the
//   engine does; nothing more runs until it is resolved.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Provider } from './client.js';
import { pgSchemaOf, redactUrl, sqlitePath } from './client.js';

/** The key Prisma Migrate uses for its PostgreSQL advisory lock. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;
export const MIGRATIONS_TABLE = '_prisma_migrations';

/** The engine's DDL for the bookkeeping table, verbatim (schema-engine sql flavours). */
const CREATE_MIGRATIONS_TABLE: Record<Provider, string> = {
  sqlite: `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
`,
  postgresql: `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`,
};

export interface MigrationFile {
  /** Folder name, e.g. "20261122100317_init". */
  name: string;
  sql: string;
  /** sha256 of migration.sql, hex, as Prisma records it. */
  checksum: string;
}

export interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  started_at: unknown;
  logs: string | null;
  applied_steps_count: number;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly code: 'edited' | 'failed' | 'not_empty' | 'apply' | 'lockfile' | 'missing',
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

const prismaDir = new URL('../../prisma/', import.meta.url);

/** The committed migrations folder for a provider, located from the package root (not the cwd). */
export function migrationsDir(provider: Provider): string {
  return fileURLToPath(new URL(provider === 'sqlite' ? 'migrations/' : 'postgresql/migrations/', prismaDir));
}

export function checksumOf(sql: string | Buffer): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** The committed migrations for a provider, in the order Prisma applies them (by folder name). */
export function readMigrations(provider: Provider, dir = migrationsDir(provider)): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}`, 'missing');
  const lock = join(dir, 'migration_lock.toml');
  if (existsSync(lock)) {
    const m = /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lock, 'utf8'));
    if (m && m[1] !== provider) {
      throw new MigrationError(`${lock} says provider "${m[1]}", but the database is ${provider}`, 'lockfile');
    }
  }
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'migration.sql')) && statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    });
}

/** Prisma accepts a script whose line endings were converted (git autocrlf); so do we. */
function checksumMatches(file: MigrationFile, recorded: string): boolean {
  if (file.checksum === recorded) return true;
  const lf = file.sql.replace(/\r\n/g, '\n');
  return checksumOf(lf) === recorded || checksumOf(lf.replace(/\n/g, '\r\n')) === recorded;
}

/**
 * What is left to apply, after checking the history: throws on a failed migration (not rolled
 * back) and on a migration whose file changed after it was applied.
 */
export function planMigrations(
  files: MigrationFile[],
  rows: MigrationRow[],
  log?: (msg: string) => void,
): MigrationFile[] {
  const live = rows.filter((r) => r.rolled_back_at === null || r.rolled_back_at === undefined);
  const failed = live.filter((r) => r.finished_at === null || r.finished_at === undefined);
  if (failed.length) {
    const details = failed
      .map((r) => `- ${r.migration_name}${r.logs?.trim() ? `:\n${r.logs.trim().replace(/^/gm, '    ')}` : ''}`)
      .join('\n');
    throw new MigrationError(
      `A previous migration failed and was not rolled back, so no further migration is applied:\n${details}\n` +
        'Fix the database by hand, then mark the migration with `npx prisma migrate resolve --rolled-back NAME` ' +
        '(or --applied NAME), or delete its row from _prisma_migrations.',
      'failed',
    );
  }
  const applied = new Map(live.map((r) => [r.migration_name, r]));
  const edited = files.filter((f) => applied.has(f.name) && !checksumMatches(f, applied.get(f.name)!.checksum));
  if (edited.length) {
    throw new MigrationError(
      `Migration${edited.length > 1 ? 's' : ''} ${edited.map((f) => f.name).join(', ')} changed after being applied ` +
        '(checksum mismatch). Never edit an applied migration: restore the file and add a new migration ' +
        '(node scripts/migrations.mjs create NAME).',
      'edited',
    );
  }
  const known = new Set(files.map((f) => f.name));
  const unknown = [...applied.keys()].filter((n) => !known.has(n));
  if (unknown.length) log?.(`migrate: the database has migrations this version does not know: ${unknown.join(', ')}`);
  return files.filter((f) => !applied.has(f.name));
}

/**
 * Applies the committed migrations for the database's provider, in order, each once, and
 * records them in `_prisma_migrations` as Prisma Migrate does. Safe when several processes
 * start at once (PostgreSQL advisory lock 72707369, like Prisma; SQLite BEGIN IMMEDIATE).
 */
export async function migrate(
  db: Database,
  log: (msg: string) => void = () => {},
  options: { migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  const files = readMigrations(db.provider, options.migrationsDir);
  return db.provider === 'sqlite' ? migrateSqlite(db.url, files, log) : migratePostgres(db.url, files, log);
}

// ---------------------------------------------------------------------------------- SQLite

async function migrateSqlite(
  url: string,
  files: MigrationFile[],
  log: (msg: string) => void,
): Promise<{ applied: string[] }> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const path = sqlitePath(url);
  // Our own connection: scripts have many statements (the Prisma adapter runs one at a time),
  // and foreign keys must be off while tables are redefined. A long migration by another
  // process holds the write lock; wait for it generously.
  const conn = new BetterSqlite3(path, { timeout: 120_000 });
  const applied: string[] = [];
  try {
    conn.pragma('foreign_keys = OFF');
    const hasTable = () =>
      conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE) !== undefined;
    const readRows = (): MigrationRow[] =>
      hasTable()
        ? (conn.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY started_at ASC`).all() as MigrationRow[])
        : [];

    // Fast path: nothing pending, no write lock taken.
    if (planMigrations(files, readRows(), log).length === 0) return { applied };

    for (;;) {
      conn.exec('BEGIN IMMEDIATE');
      let committed = false;
      try {
        if (!hasTable()) {
          const others = conn
            .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
            .all() as { name: string }[];
          if (others.length) throw notEmpty(others.map((t) => t.name));
          conn.exec(CREATE_MIGRATIONS_TABLE.sqlite);
        }
        const next = planMigrations(files, readRows())[0];
        if (!next) {
          conn.exec('COMMIT');
          committed = true;
          break;
        }
        log(`migrate: applying ${next.name}`);
        const id = randomUUID();
        conn
          .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)`)
          .run(id, next.checksum, Date.now(), next.name);
        try {
          conn.exec(next.sql);
        } catch (e) {
          throw new MigrationError(
            `Migration ${next.name} failed and was rolled back: ${(e as Error).message}`,
            'apply',
          );
        }
        const violations = conn.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[];
        if (violations.length) {
          const where = [...new Set(violations.map((v) => `${v.table} → ${v.parent}`))].join(', ');
          throw new MigrationError(
            `Migration ${next.name} leaves foreign keys violated (${where}); rolled back`,
            'apply',
          );
        }
        conn
          .prepare(`UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1 WHERE id = ?`)
          .run(id);
        conn.prepare(`UPDATE "_prisma_migrations" SET finished_at = ? WHERE id = ?`).run(Date.now(), id);
        conn.exec('COMMIT');
        committed = true;
        applied.push(next.name);
      } finally {
        if (!committed && conn.inTransaction) conn.exec('ROLLBACK');
      }
    }
    return { applied };
  } finally {
    conn.close();
  }
}

// ------------------------------------------------------------------------------ PostgreSQL

async function migratePostgres(
  url: string,
  files: MigrationFile[],
  log: (msg: string) => void,
): Promise<{ applied: string[] }> {
  const { default: pg } = await import('pg');
  // A dedicated session: the advisory lock is held by a session, and scripts are sent with the
  // simple query protocol (many statements, one implicit transaction), as the engine does.
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}`, { cause: e });
  }
  const applied: string[] = [];
  let locked = false;
  try {
    const schema = pgSchemaOf(url);
    if (schema) await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    const hasTable = async () =>
      (await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`)).rows[0]
        .present as boolean;
    const readRows = async (): Promise<MigrationRow[]> =>
      (await hasTable()) ? (await client.query(`SELECT * FROM _prisma_migrations ORDER BY started_at ASC`)).rows : [];

    // Fast path without the lock. A migration another process is applying right now looks
    // "failed" (its row is not finished yet) until that process commits; only the locked
    // re-check below may conclude that a migration really failed.
    let pending: MigrationFile[] | undefined;
    try {
      pending = planMigrations(files, await readRows(), log);
    } catch (e) {
      if (!(e instanceof MigrationError && e.code === 'failed')) throw e;
    }
    if (pending?.length === 0) return { applied };

    await client.query(`SET lock_timeout = '300s'`);
    await client.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
    locked = true;
    await client.query(`RESET lock_timeout`);

    if (!(await hasTable())) {
      const others = await client.query(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()`,
      );
      if (others.rows.length) throw notEmpty(others.rows.map((r: { relname: string }) => r.relname));
      await client.query(CREATE_MIGRATIONS_TABLE.postgresql);
    }
    for (const next of planMigrations(files, await readRows())) {
      log(`migrate: applying ${next.name}`);
      const id = randomUUID();
      await client.query(
        `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, $3, $4)`,
        [id, next.checksum, new Date(), next.name],
      );
      try {
        await client.query(next.sql);
      } catch (e) {
        const err = e as Error & { code?: string };
        const logs = `Migration ${next.name} failed to apply.\nDatabase error code: ${err.code ?? 'none'}\nDatabase error:\n${err.message}`;
        await client.query(`UPDATE _prisma_migrations SET logs = $1 WHERE id = $2`, [logs, id]).catch(() => {});
        throw new MigrationError(
          `${logs}\nIt is recorded as failed in _prisma_migrations; fix the database, then run ` +
            `\`npx prisma migrate resolve --rolled-back ${next.name}\` (or delete its row) before starting again.`,
          'apply',
        );
      }
      await client.query(`UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = $1`, [
        id,
      ]);
      await client.query(`UPDATE _prisma_migrations SET finished_at = $1 WHERE id = $2`, [new Date(), id]);
      applied.push(next.name);
    }
    return { applied };
  } finally {
    if (locked) await client.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_KEY})`).catch(() => {});
    await client.end().catch(() => {});
  }
}

function notEmpty(tables: string[]): MigrationError {
  return new MigrationError(
    `The database is not empty (tables: ${tables.slice(0, 10).join(', ')}${tables.length > 10 ? ', …' : ''}) but has no ` +
      '_prisma_migrations table, so its history is unknown. Baseline it (see docs/decisions/0001-prisma-offline.md) ' +
      'or use an empty database.',
    'not_empty',
  );
}
