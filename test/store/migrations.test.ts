// The committed migrations, applied by our migrate(), give exactly what schema.prisma describes,
// with the bookkeeping Prisma's own engine keeps.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, sqlitePath, type Database, type Provider } from '../../src/store/client.js';
import { checksumOf, migrate, migrationsDir, readMigrations, MigrationError } from '../../src/store/migrate.js';
import {
  diffDatabaseToDatamodel,
  migrationsList,
  noFilters,
  withSchemaEngine,
} from '../../src/store/schema-engine.mjs';
import { createPgDatabase, describePg, freshPostgres, freshSqlite } from '../support/db.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schemaFile: Record<Provider, string> = {
  sqlite: join(root, 'prisma/schema.prisma'),
  postgresql: join(root, 'prisma/postgresql/schema.prisma'),
};
const datamodel = (p: Provider) => readFileSync(schemaFile[p], 'utf8');

function engineUrl(db: { provider: Provider; url: string }): string {
  return db.provider === 'sqlite' ? `file:${sqlitePath(db.url)}` : db.url;
}

async function migrationRows(db: Database): Promise<Record<string, unknown>[]> {
  return db.prisma.$queryRawUnsafe(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
}

/** The suite both providers run. */
function commonSuite(
  provider: Provider,
  fresh: () => Promise<{ db: Database; url: string; cleanup(): Promise<void> }>,
) {
  let ctx: Awaited<ReturnType<typeof fresh>>;
  beforeAll(async () => {
    ctx = await fresh();
  });
  afterAll(async () => {
    await ctx?.cleanup();
  });

  it('gives exactly the schema.prisma datamodel (engine diff from the live database is empty)', async () => {
    const diff = await diffDatabaseToDatamodel(provider, engineUrl(ctx.db), datamodel(provider));
    expect(diff).toBe('');
  });

  it('applies nothing the second time', async () => {
    expect(await migrate(ctx.db)).toEqual({ applied: [] });
    expect(await migrate(ctx.db)).toEqual({ applied: [] });
  });

  it('records every migration with the checksum of its file, finished, one step', async () => {
    const files = readMigrations(provider);
    expect(files.length).toBeGreaterThan(0);
    const rows = await migrationRows(ctx.db);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const file = files[i]!;
      expect(row.checksum).toBe(checksumOf(readFileSync(join(migrationsDir(provider), file.name, 'migration.sql'))));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
      expect(String(row.id)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("is up to date for Prisma's own engine (diagnoseMigrationHistory, as `prisma migrate status`)", async () => {
    const out = await withSchemaEngine(provider, engineUrl(ctx.db), datamodel(provider), (engine) =>
      engine.diagnoseMigrationHistory({
        migrationsList: migrationsList(migrationsDir(provider)),
        optInToShadowDatabase: false,
        filters: noFilters,
      }),
    );
    expect(out).toMatchObject({
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
      hasMigrationsTable: true,
    });
  });

  it('refuses a migration edited after it was applied', async () => {
    const [row] = await migrationRows(ctx.db);
    await ctx.db.prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET checksum = 'x' WHERE id = '${row!.id}'`);
    try {
      await expect(migrate(ctx.db)).rejects.toThrow(/changed after being applied/);
    } finally {
      await ctx.db.prisma.$executeRawUnsafe(
        `UPDATE "_prisma_migrations" SET checksum = '${row!.checksum}' WHERE id = '${row!.id}'`,
      );
    }
  });

  it('refuses to go on after a failed migration', async () => {
    const [row] = await migrationRows(ctx.db);
    await ctx.db.prisma.$executeRawUnsafe(
      `UPDATE "_prisma_migrations" SET finished_at = NULL, logs = 'boom' WHERE id = '${row!.id}'`,
    );
    try {
      const err = await migrate(ctx.db).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as MigrationError).code).toBe('failed');
      expect((err as Error).message).toMatch(/boom/);
    } finally {
      await ctx.db.prisma.$executeRawUnsafe(
        `UPDATE "_prisma_migrations" SET finished_at = started_at, logs = NULL WHERE id = '${row!.id}'`,
      );
    }
    expect(await migrate(ctx.db)).toEqual({ applied: [] });
  });

  it('keeps _prisma_migrations exactly as the schema engine creates it (applyMigrations on another database)', async () => {
    const other = provider === 'sqlite' ? await sqliteEmpty() : await createPgDatabase('gridbot_engine');
    try {
      const result = await withSchemaEngine<{ appliedMigrationNames: string[] }>(
        provider,
        provider === 'sqlite' ? `file:${sqlitePath(other.url)}` : other.url,
        datamodel(provider),
        (engine) =>
          engine.applyMigrations({ migrationsList: migrationsList(migrationsDir(provider)), filters: noFilters }),
      );
      expect(result.appliedMigrationNames).toEqual(readMigrations(provider).map((f) => f.name));
      const ours = await describeMigrationsTable(provider, ctx.db.url);
      const theirs = await describeMigrationsTable(provider, other.url);
      expect(ours.ddl).toEqual(theirs.ddl);
      if (provider === 'sqlite') {
        // Timestamps: we store integer milliseconds, as the native engine (quaint) does and as a
        // connected machine's `prisma migrate deploy` would; the wasm engine, through the
        // better-sqlite3 adapter, stores ISO text. Prisma reads both.
        for (const r of ours.rows) expect([r.started_at, r.finished_at]).toEqual(['integer', 'integer']);
        for (const r of theirs.rows) expect([r.started_at, r.finished_at]).toEqual(['text', 'text']);
        const norm = (rows: Record<string, unknown>[]) =>
          rows.map((r) => ({ ...r, started_at: 'timestamp', finished_at: 'timestamp' }));
        expect(norm(ours.rows)).toEqual(norm(theirs.rows));
      } else {
        expect(ours.rows).toEqual(theirs.rows);
      }
      // The engine's database is the same schema as ours.
      expect(
        await diffDatabaseToDatamodel(
          provider,
          provider === 'sqlite' ? `file:${sqlitePath(other.url)}` : other.url,
          datamodel(provider),
        ),
      ).toBe('');
      // And our migrate() accepts the engine's bookkeeping as its own.
      const db = await openDatabase(other.url);
      try {
        expect(await migrate(db)).toEqual({ applied: [] });
      } finally {
        await db.close();
      }
    } finally {
      await other.drop();
    }
  });
}

/** Table definition and the shape of each row (types, not values) of _prisma_migrations. */
async function describeMigrationsTable(provider: Provider, url: string) {
  if (provider === 'sqlite') {
    const conn = new Sqlite(sqlitePath(url), { readonly: true });
    try {
      const ddl = (
        conn.prepare(`SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'`).get() as { sql: string }
      ).sql;
      const rows = conn
        .prepare<[], Record<string, unknown>>(
          `SELECT migration_name, checksum, typeof(id) AS id, typeof(finished_at) AS finished_at, typeof(started_at) AS started_at,
                  typeof(rolled_back_at) AS rolled_back_at, typeof(logs) AS logs, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
        )
        .all();
      return { ddl, rows };
    } finally {
      conn.close();
    }
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const ddl = (
      await c.query(
        `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      )
    ).rows;
    const rows = (
      await c.query(
        `SELECT migration_name, checksum, length(id) AS id, finished_at IS NOT NULL AS finished, rolled_back_at IS NULL AS not_rolled_back,
                logs IS NULL AS no_logs, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
      )
    ).rows;
    return { ddl, rows };
  } finally {
    await c.end();
  }
}

async function sqliteEmpty(): Promise<{ url: string; drop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'gridbot-engine-'));
  const file = join(dir, 'engine.db');
  new Sqlite(file).close();
  return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe('migrations on SQLite', () => {
  commonSuite('sqlite', freshSqlite);

  it('rolls back a failing migration completely and records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridbot-migs-'));
    const { db, cleanup } = await freshSqlite();
    try {
      cpSync(migrationsDir('sqlite'), dir, { recursive: true });
      mkdirSync(join(dir, '99990101000000_bad'));
      writeFileSync(
        join(dir, '99990101000000_bad', 'migration.sql'),
        'CREATE TABLE "Ok" ("id" INTEGER);\nINSERT INTO "Nope" VALUES (1);\n',
      );
      await expect(migrate(db, undefined, { migrationsDir: dir })).rejects.toThrow(
        /99990101000000_bad failed and was rolled back/,
      );
      const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
        `SELECT name FROM sqlite_master WHERE name = 'Ok'`,
      );
      expect(tables).toEqual([]);
      expect((await migrationRows(db)).map((r) => r.migration_name)).toEqual(
        readMigrations('sqlite').map((f) => f.name),
      );
    } finally {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a non-empty database without history', async () => {
    const other = await sqliteEmpty();
    const conn = new Sqlite(sqlitePath(other.url));
    conn.exec('CREATE TABLE stray (id INTEGER)');
    conn.close();
    const db = await openDatabase(other.url);
    try {
      await expect(migrate(db)).rejects.toThrow(/not empty/);
    } finally {
      await db.close();
      await other.drop();
    }
  });
});

describePg('migrations on PostgreSQL', () => {
  commonSuite('postgresql', freshPostgres);

  it('records a failing migration as failed, like the engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridbot-migs-'));
    const { db, cleanup } = await freshPostgres();
    try {
      cpSync(migrationsDir('postgresql'), dir, { recursive: true });
      mkdirSync(join(dir, '99990101000000_bad'));
      writeFileSync(
        join(dir, '99990101000000_bad', 'migration.sql'),
        'CREATE TABLE "Ok" ("id" INTEGER);\nINSERT INTO "Nope" VALUES (1);\n',
      );
      await expect(migrate(db, undefined, { migrationsDir: dir })).rejects.toThrow(/failed to apply/);
      const rows = await migrationRows(db);
      const bad = rows.find((r) => r.migration_name === '99990101000000_bad');
      expect(bad?.finished_at).toBeNull();
      expect(String(bad?.logs)).toMatch(/Nope/);
      const tables = await db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_tables WHERE tablename = 'Ok'`);
      expect(tables).toEqual([]); // the script ran in one implicit transaction
      await expect(migrate(db, undefined, { migrationsDir: dir })).rejects.toThrow(/previous migration failed/);
    } finally {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema files and committed migrations agree', () => {
  it('prisma/postgresql/schema.prisma is in sync with prisma/schema.prisma', () => {
    const r = spawnSync(process.execPath, ['scripts/prisma-sync.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  describePg('for both providers (scripts/migrations.mjs check)', () => {
    it('finds nothing missing', () => {
      const r = spawnSync(process.execPath, ['scripts/migrations.mjs', 'check'], { cwd: root, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  });
});
