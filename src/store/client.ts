// Opens the database: SQLite (embedded default) or PostgreSQL (at scale), both through Prisma 7
// with a driver adapter, so no Prisma engine binary is needed. This module and the generated
// clients are the only place that knows Prisma is underneath (see DESIGN.md, "Storage").
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { type OwnTransaction, ownTransactions, type SqliteAdapter } from './sqlite-tx.js';
import { storableAdapter } from './storable.js';

export type Provider = 'sqlite' | 'postgresql';
/** The one client type the code uses; the PostgreSQL client has the same model API. */
export type Prisma = import('./generated/sqlite/client.js').PrismaClient;

/**
 * The handle every query takes: the client, or a transaction of it. Services receive one and
 * never open connections themselves.
 */
export type Db = Omit<Prisma, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  prisma: Prisma;
  provider: Provider;
  url: string;
  /**
   * The SQLite connection under Prisma's adapter, for the intake fast path in ./intake-sql.ts
   * only (statements there run inside a Prisma transaction on this same connection).
   */
  sqlite?: SqliteConnection;
  /**
   * SQLite: begins a transaction on Prisma's adapter itself (its lock, then BEGIN on the one
   * connection), for intake's group commit in ./intake-tx.ts only: Prisma's own interactive
   * transaction costs more than the statements of a message together.
   */
  sqliteBegin?: () => Promise<OwnTransaction>;
  /**
   * PostgreSQL: code run inside `pgClaims.run(claim, …)` learns in `claim.client` the first pool
   * client taken in it — the one Prisma's adapter takes for a transaction begun there. For the
   * intake fast path in ./intake-sql.ts only.
   */
  pgClaims?: AsyncLocalStorage<PgClaim>;
  close(): Promise<void>;
}

/**
 * A pool client taken inside `Database.pgClaims`, and type parsers that read `timestamp(3)`
 * (Prisma's DateTime, stored in UTC without a zone) as UTC, as Prisma does.
 */
export interface PgClaim {
  client?: unknown;
  types?: { getTypeParser: (oid: number, format?: string) => unknown };
}

/** The better-sqlite3 connection that Prisma's adapter uses (one per client). */
export type SqliteConnection = import('better-sqlite3').Database;

/** Statements kept prepared per connection; more distinct statements than this evict the oldest. */
const STATEMENT_CACHE = 500;

/**
 * Makes a better-sqlite3 connection prepare each distinct statement once. Prisma's adapter calls
 * `prepare(sql).bind(args)` for every query, and a bound statement cannot be bound again, so it
 * gets a light handle that passes the arguments at each run instead (`prepare` was ≈ 10 % of an
 * intake profile, docs/decisions/0004-intake-throughput.md).
 */
function cacheStatements(connection: SqliteConnection): void {
  type Statement = import('better-sqlite3').Statement<unknown[]>;
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const handle = (stmt: Statement, args: unknown[]) => ({
    reader: stmt.reader,
    bind: (bound: unknown[]) => handle(stmt, bound),
    run: () => stmt.run(...args),
    columns: () => stmt.columns(),
    raw: () => ({ all: () => stmt.raw(true).all(...args) }),
  });
  (connection as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return handle(stmt, []);
  };
}

export const DEFAULT_DATABASE_URL = 'file:./data/gridbot.db';

/** PostgreSQL connections opened at start and kept when idle (the pool opens more up to its size on demand). */
const WARM_CONNECTIONS = 4;

/** SQLite busy timeout: how long a writer waits for another connection's write lock. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function providerOf(url: string): Provider {
  if (/^file:/i.test(url)) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  throw new Error(
    `Unsupported database URL "${redactUrl(url)}": use file:./path/to/db.sqlite (SQLite) or postgresql://user@host:5432/db (PostgreSQL)`,
  );
}

/**
 * Absolute path of the SQLite file named by a "file:" URL. Relative paths are relative to the
 * current directory (as with Prisma's own SQLite URLs at run time); query strings are ignored.
 */
export function sqlitePath(url: string): string {
  let path = url.replace(/^file:/i, '').replace(/[?#].*$/, '');
  if (path.startsWith('//')) path = path.replace(/^\/\/[^/]*/, ''); // file:///abs/path or file://localhost/abs
  path = decodeURIComponent(path);
  if (path === '' || path === ':memory:') {
    throw new Error(`SQLite URL "${url}" must name a file (an in-memory database cannot be migrated separately)`);
  }
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/** The schema named by a PostgreSQL URL's ?schema= parameter (Prisma's convention), if any. */
export function pgSchemaOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('schema') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/**
 * Opens SQLite ("file:./data/gridbot.db", creates the folder; WAL, busy_timeout,
 * synchronous=NORMAL, foreign_keys on) or PostgreSQL ("postgresql://…", pg Pool via
 * @prisma/adapter-pg). Does not migrate: call migrate() from ./migrate.js.
 */
export async function openDatabase(url: string, options: { poolSize?: number } = {}): Promise<Database> {
  const provider = providerOf(url);
  baselineWasmOnly();
  return provider === 'sqlite' ? openSqlite(url) : openPostgres(url, options.poolSize);
}

/**
 * Keeps Prisma's query compiler (WebAssembly, compiled when the client is first used) on V8's
 * baseline compiler, Liftoff, without tiering hot functions up to TurboFan: ≈ 25 MB less
 * resident memory at idle (TurboFan's compilations run on background threads whose freed
 * memory the allocator keeps). Compiled query plans are cached by Prisma, so the compiler runs
 * for new query shapes only: 2,000 reports through the console took the same CPU time either
 * way (docs/decisions/0010-performance.md). `GRIDBOT_WASM_TIER_UP=1` leaves V8's default.
 */
function baselineWasmOnly(): void {
  if (process.env.GRIDBOT_WASM_TIER_UP !== '1') setFlagsFromString('--liftoff-only');
}

async function openSqlite(url: string): Promise<Database> {
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import('./generated/sqlite/client.js'),
    import('@prisma/adapter-better-sqlite3'),
  ]);
  // `timeout` is better-sqlite3's busy timeout. The adapter keeps one connection per client,
  // so the PRAGMAs below apply to every query this client makes.
  const factory = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  let connection: SqliteConnection | undefined;
  let begin: (() => Promise<OwnTransaction>) | undefined;
  // The adapter opens its connection at the first query; keep it (prepared statements, fast path).
  const adapter = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      connection = (adapter as unknown as SqliteAdapter).client;
      cacheStatements(connection);
      begin = ownTransactions(adapter as unknown as SqliteAdapter);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  const prisma = new PrismaClient({ adapter: storableAdapter(adapter as unknown as typeof factory) });
  try {
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    await prisma.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (e) {
    await prisma.$disconnect().catch(() => {});
    throw new Error(`Cannot open SQLite database ${path}: ${(e as Error).message}`, { cause: e });
  }
  let closed = false;
  return {
    prisma,
    provider: 'sqlite',
    url,
    get sqlite() {
      return connection;
    },
    sqliteBegin: async () => {
      if (!begin) await prisma.$queryRawUnsafe('SELECT 1');
      return begin!();
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
    },
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import('./generated/pg/client.js'),
    import('@prisma/adapter-pg'),
    import('pg'),
  ]);
  const schema = pgSchemaOf(url);
  const pgClaims = new AsyncLocalStorage<PgClaim>();
  const TIMESTAMP = 1114;
  const utc = (v: string) => new Date(`${v.replace(' ', 'T')}Z`);
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === TIMESTAMP ? utc : pg.types.getTypeParser(oid, (format ?? 'text') as 'text'),
  };
  // Connections kept open when idle: a new one costs a connect and re-plans every named statement.
  const warm = Math.min(WARM_CONNECTIONS, poolSize);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, min: warm });
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  // Records which client a transaction runs on (see Database.pgClaims); callers with a callback are left alone.
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    if (args.length) return connect(...args);
    return connect().then((client) => {
      const claim = pgClaims.getStore();
      if (claim && !claim.client) {
        claim.client = client;
        claim.types = types;
      }
      return client;
    });
  };
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Named statements: each distinct SQL text is parsed and planned once per connection, not at
  // every query (the name is a hash of the text, so one name never stands for two statements).
  const statementNameGenerator = (query: { sql: string }) =>
    `g${createHash('sha1').update(query.sql).digest('base64url').slice(0, 20)}`;
  const adapter = storableAdapter(new PrismaPg(pool, { ...(schema ? { schema } : {}), statementNameGenerator }));
  const prisma = new PrismaClient({ adapter }) as unknown as Prisma;
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
    // Opened now, not by the first burst of messages (which waited 110–200 ms for them, decision 0010).
    const clients = await Promise.all(Array.from({ length: warm }, () => pool.connect()));
    for (const client of clients) client.release();
  } catch (e) {
    await prisma.$disconnect().catch(() => {});
    await pool.end().catch(() => {});
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}`, { cause: e });
  }
  let closed = false;
  return {
    prisma,
    provider: 'postgresql',
    url,
    pgClaims,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** True when a write failed on a unique constraint (a duplicate delivery, a lost claim race). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === 'P2002' || /Unique constraint|UNIQUE constraint|duplicate key/i.test(e?.message ?? '');
}
