// Prisma's schema engine, compiled to WebAssembly (@prisma/schema-engine-wasm, a devDependency
// pinned to the engine hash of the installed prisma), driven through Prisma's own driver
// adapters. Works offline: no engine binary is downloaded or run.
//
// Used by scripts/migrations.mjs (generate and check migrations) and by the store tests
// (prove that the migrated database is exactly what schema.prisma describes). The bot itself
// does not load it at run time: src/store/migrate.ts applies migrations on its own.
// Plain JavaScript so that `node scripts/migrations.mjs` runs without a TypeScript loader.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

let bgPromise;
/** Instantiates the .wasm by hand, as Prisma 6.19's CLI does (the package's entry expects a bundler). */
export function loadSchemaEngine() {
  bgPromise ??= (async () => {
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = await import(bgPath);
    const module = new WebAssembly.Module(readFileSync(bgPath.replace(/\.js$/, '.wasm')));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start?.();
    return bg;
  })();
  return bgPromise;
}

export const noFilters = { externalTables: [], externalEnums: [] };

/** pg config object (not a connection string: PrismaPg's shadow database overrides `database`). */
export function pgConfig(url) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
  };
}

/**
 * @prisma/adapter-pg 7.10 rejects columns of PostgreSQL's one-byte type "char" (OID 18), which
 * the engine's schema describer reads from pg_catalog (relkind, contype, ...): "Column type
 * 'char' could not be deserialized". pg returns those values as strings anyway, so this pg
 * Client reports them as text (OID 25, arrays 1009) and the describer works.
 */
function charTolerantClient(pg) {
  const fixFields = (res) => {
    for (const r of Array.isArray(res) ? res : [res]) {
      for (const f of r?.fields ?? []) {
        if (f.dataTypeID === 18) f.dataTypeID = 25;
        else if (f.dataTypeID === 1002) f.dataTypeID = 1009;
      }
    }
    return res;
  };
  return class CharTolerantClient extends pg.Client {
    query(config, values, callback) {
      if (typeof values === 'function') {
        callback = values;
        values = undefined;
      }
      if (config && typeof config.submit === 'function') return super.query(config, values, callback);
      if (typeof callback === 'function')
        return super.query(config, values, (err, res) => callback(err, err ? res : fixFields(res)));
      return super.query(config, values).then(fixFields);
    }
  };
}

/**
 * A migration-aware driver adapter factory that remembers what it opened so that everything is
 * closed afterwards. For PostgreSQL the shadow database is a uniquely named temporary database
 * on the same server, dropped (WITH (FORCE)) after use: PrismaPg's own connectToShadowDb drops
 * it before closing its pool (which fails) and leaks the pool of the main connection.
 */
async function adapterFactory(provider, url, opened) {
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  const track = async (p) => {
    const adapter = await p;
    opened.push(adapter);
    if (process.env.GRIDBOT_SCHEMA_ENGINE_DEBUG) {
      for (const k of ['executeScript', 'queryRaw', 'executeRaw']) {
        const original = adapter[k].bind(adapter);
        adapter[k] = async (...args) => {
          try {
            return await original(...args);
          } catch (e) {
            console.error(`[schema-engine] ${k} failed:`, JSON.stringify(args).slice(0, 300), e);
            throw e;
          }
        };
      }
    }
    return adapter;
  };
  // The wasm engine replays migrations on the shadow database with executeRaw, which
  // better-sqlite3 limits to one statement; run multi-statement scripts with executeScript.
  const multiStatementTolerant = async (p) => {
    const adapter = await p;
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (e) {
        const text = String(e?.message ?? '') + String(e?.cause?.message ?? '') + String(e?.originalMessage ?? '');
        if (query.args.length || !/more than one statement/.test(text)) throw e;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  };
  if (provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const inner = new PrismaBetterSqlite3({ url });
    return bindMigrationAwareSqlAdapterFactory({
      provider: 'sqlite',
      adapterName: inner.adapterName,
      connect: () => track(multiStatementTolerant(inner.connect())),
      connectToShadowDb: () => track(multiStatementTolerant(inner.connectToShadowDb())),
    });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { default: pg } = await import('pg');
  const config = pgConfig(url);
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const Client = charTolerantClient(pg);
  const inner = new PrismaPg({ ...config, Client }, schema ? { schema } : undefined);
  const admin = async (sql) => {
    const c = new pg.Client(config);
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: async () => {
      const name = `gridbot_shadow_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      await admin(`CREATE DATABASE "${name}"`);
      const adapter = await new PrismaPg({ ...config, database: name, Client }).connect();
      const dispose = adapter.dispose.bind(adapter);
      let disposed = false;
      adapter.dispose = async () => {
        if (disposed) return;
        disposed = true;
        await dispose();
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      opened.push(adapter);
      return adapter;
    },
  });
}

/**
 * Runs fn(engine) with a schema engine connected to `url` (sqlite "file:/abs/path.db" or a
 * postgresql URL) and knowing the given datamodel text.
 * @template T
 * @param {'sqlite'|'postgresql'} provider
 * @param {string} url
 * @param {string} datamodel
 * @param {(engine: any) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withSchemaEngine(provider, url, datamodel, fn) {
  const bg = await loadSchemaEngine();
  const opened = [];
  const factory = await adapterFactory(provider, url, opened);
  const logs = [];
  const engine = await bg.SchemaEngine.new(
    { datamodels: [['schema.prisma', datamodel]] },
    (m) => logs.push(m),
    factory,
  );
  try {
    return await fn(engine);
  } catch (e) {
    const detail = e && typeof e === 'object' && 'message' in e ? e.message : JSON.stringify(e);
    throw new Error(`schema engine: ${detail}`, { cause: e });
  } finally {
    try {
      engine.free();
    } catch {
      /* already freed */
    }
    for (const adapter of opened) await adapter.dispose().catch(() => {});
  }
}

/** The migrations folder in the shape the engine expects (MigrationList). */
export function migrationsList(dir) {
  const lockPath = join(dir, 'migration_lock.toml');
  const dirs = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'migration.sql')))
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: readFileSync(join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

function datamodelTarget(datamodel) {
  return { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: datamodel }] };
}

/**
 * SQL that takes the schema produced by the migrations in `dir` to `datamodel` ('' when none).
 * `lockfile` stands in for a missing migration_lock.toml (the engine needs one to know the
 * provider even when there is no migration yet).
 */
export async function diffMigrationsToDatamodel(provider, url, datamodel, dir, lockfile) {
  return withSchemaEngine(provider, url, datamodel, async (engine) => {
    const list = migrationsList(dir);
    if (list.lockfile.content === null && lockfile) list.lockfile.content = lockfile;
    const r = await engine.diff({
      from: { tag: 'migrations', ...list },
      to: datamodelTarget(datamodel),
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return emptyIfNoChange(r.stdout);
  });
}

/** SQL that takes the live database at `url` to `datamodel` ('' when none). */
export async function diffDatabaseToDatamodel(provider, url, datamodel) {
  return withSchemaEngine(provider, url, datamodel, async (engine) => {
    const r = await engine.diff({
      from: {
        tag: 'schemaDatasource',
        files: [{ path: 'schema.prisma', content: datamodel }],
        configDir: process.cwd(),
      },
      to: datamodelTarget(datamodel),
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return emptyIfNoChange(r.stdout);
  });
}

function emptyIfNoChange(stdout) {
  const s = (stdout ?? '').trim();
  return s === '' || /^-- This is an empty migration\.?$/.test(s) ? '' : `${s}\n`;
}
