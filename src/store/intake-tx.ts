/**
 * How intake's statements reach the database: inside a transaction (Prisma's interactive one on
 * PostgreSQL, one taken on Prisma's adapter itself on SQLite, `sqlite-tx.ts`), on the
 * transaction's own connection directly where the driver allows (statements prepared once,
 * without Prisma's per-statement cost), with group commit (SQLite here, PostgreSQL in
 * `lanes.ts`). The statements themselves are in `intake-sql.ts`, `intake-writes.ts` and
 * `intake-chat.ts`. See docs/decisions/0010-performance.md.
 */
import { createHash } from 'node:crypto';
import type { Database, Db, PgClaim, Prisma, SqliteConnection } from './client.js';
import { Lanes, type Transaction } from './lanes.js';
import type { OwnTransaction } from './sqlite-tx.js';
import { storable } from './storable.js';

export type Raw = Pick<Prisma, '$executeRaw' | '$queryRaw'>;

/**
 * Transactions opened by {@link intakeTransaction} on SQLite, with the connection they run on.
 * Statements of this module given such a transaction run on the connection directly: the same
 * SQLite transaction (the adapter has one connection and holds it for the transaction), prepared
 * once, without Prisma's per-statement cost (≈ 130 µs against ≈ 10 µs).
 */
const direct = new WeakMap<object, SqliteConnection>();

/** The connection a transaction runs on, when statements may go to it directly. */
export const sqliteOf = (tx: object): SqliteConnection | undefined => direct.get(tx);

/**
 * PostgreSQL transactions opened by {@link intakeTransaction}, with the pool client they run on
 * (found when Prisma's adapter takes it from the pool, see `Database.pgClaims`).
 */
const directPg = new WeakMap<object, { client: PgClient; types: PgClaim['types'] }>();

/** A pool client of `pg`, as far as this module uses it. */
interface PgClient {
  query(q: {
    name: string;
    text: string;
    values: unknown[];
    types?: PgClaim['types'];
  }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`, and a statement name for the text (prepared once per connection). */
const pgStatements = new Map<string, { name: string; text: string }>();
function pgStatement(sql: string, returningId: boolean): { name: string; text: string } {
  const key = returningId ? `${sql}\u0000id` : sql;
  let st = pgStatements.get(key);
  if (!st) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`) + (returningId ? ' RETURNING "id"' : '');
    st = { name: `i${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`, text };
    if (pgStatements.size < 1000) pgStatements.set(key, st);
  }
  return st;
}

/**
 * Runs a write on the transaction's driver connection when it has one: SQLite synchronously,
 * PostgreSQL as a named statement on the pool client. Returns undefined when the caller must use
 * Prisma, else the new row's id (when asked) or null.
 */
export async function writeDirect(
  tx: object,
  sql: string,
  args: unknown[],
  returningId = false,
): Promise<number | null | undefined> {
  const sqlite = sqliteOf(tx);
  if (sqlite) {
    // Strings pass through storable() as they do in the adapter (docs/decisions/0009-nothing-lost.md).
    const values = args.map((a) =>
      a instanceof Date
        ? sqliteDate(a)
        : typeof a === 'boolean'
          ? sqliteBool(a)
          : typeof a === 'string'
            ? storable(a)
            : a,
    );
    const result = sqlite.prepare(sql).bind(values).run();
    return returningId ? Number(result.lastInsertRowid) : null;
  }
  const pg = directPg.get(tx);
  if (!pg) return undefined;
  const values = args.map((a) => (a instanceof Date ? pgDate(a) : typeof a === 'string' ? storable(a) : a));
  const { rows } = await pg.client.query({ ...pgStatement(sql, returningId), values });
  return returningId ? Number(rows[0].id) : null;
}

/** True when statements of this transaction may go to its PostgreSQL pool client directly. */
export const onPg = (tx: object): boolean => directPg.has(tx);

/**
 * A statement on the transaction's PostgreSQL pool client when it has one (`?` placeholders),
 * returning its rows (dates read as Prisma reads them), else undefined.
 */
export async function queryDirectPg(
  tx: object,
  sql: string,
  args: unknown[],
): Promise<Record<string, unknown>[] | undefined> {
  const pg = directPg.get(tx);
  if (!pg) return undefined;
  const values = args.map((a) => (a instanceof Date ? pgDate(a) : typeof a === 'string' ? storable(a) : a));
  const { rows } = await pg.client.query({ ...pgStatement(sql, false), values, types: pg.types });
  return rows;
}

/**
 * A read on the transaction's driver connection (`?` placeholders), rows keyed by `columns` (the
 * names the statement selects, in order); undefined when the caller must use Prisma. Integers
 * may come back as bigint (SQLite), dates as text (SQLite) or Date (PostgreSQL).
 */
export async function readDirect(
  tx: object,
  sql: string,
  args: unknown[],
  columns: readonly string[],
): Promise<Record<string, unknown>[] | undefined> {
  const sqlite = sqliteOf(tx);
  if (!sqlite) return queryDirectPg(tx, sql, args);
  const values = args.map((a) => (a instanceof Date ? sqliteDate(a) : typeof a === 'string' ? storable(a) : a));
  const rows = sqlite.prepare(sql).bind(values).raw().all() as unknown[][];
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}

/** Prisma's PostgreSQL representation of a date: UTC, without a zone (columns are `timestamp(3)`). */
export const pgDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** Prisma's SQLite representation of a date (the adapter's default, ISO 8601 with an offset). */
export const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');
export const sqliteBool = (b: boolean) => (b ? 1 : 0);

/**
 * Runs one message's intake in a transaction, with this module's statements on the driver
 * directly: on SQLite a transaction taken on Prisma's adapter itself (`sqlite-tx.ts`; Prisma
 * calls inside run on the same connection), on PostgreSQL Prisma's interactive transaction and
 * its pool client.
 *
 * On SQLite, messages that arrive while a transaction is running are committed together
 * (group commit): the next transaction runs each waiting message in turn, each inside its own
 * savepoint, so a message that fails rolls back only its own effects and is reported to its
 * caller alone; the others commit with one COMMIT. The connection is one and serial anyway,
 * so nothing runs later than it would have; a COMMIT (≈ 0.3–0.8 ms, the WAL write) is paid
 * once per group instead of once per message. Messages run in arrival order, so replies to a
 * chat are queued in the order its messages came.
 *
 * On PostgreSQL, up to {@link PG_LANES} transactions run at once, each on its own pool
 * connection; messages that arrive while all are busy are grouped the same way, but without
 * savepoints (each would cost a round trip): when one message of a group fails, the group is
 * rolled back and its messages run again one by one (`lanes.ts`).
 */
export async function intakeTransaction<T>(
  db: Database,
  work: (tx: Db) => Promise<T>,
  options: { timeout: number; maxWait: number },
): Promise<T> {
  if (!db.sqlite) {
    const claims = db.pgClaims;
    if (!claims) return db.prisma.$transaction((tx) => work(tx), options);
    let lanes = pgLanes.get(db);
    if (!lanes) {
      const transaction: Transaction = (work) => {
        const claim: PgClaim = {};
        return claims.run(claim, () =>
          db.prisma.$transaction((tx) => {
            if (claim.client) directPg.set(tx, { client: claim.client as PgClient, types: claim.types });
            return work(tx);
          }, options),
        );
      };
      pgLanes.set(db, (lanes = new Lanes(transaction, PG_LANES, GROUP_MAX)));
    }
    return lanes.run(work);
  }
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new GroupCommit(db, options)));
  return group.run(work as (tx: Db) => Promise<unknown>) as Promise<T>;
}

/** Most messages in one group: bounds how long the first of them waits for its commit. */
const GROUP_MAX = 32;

/**
 * PostgreSQL: how many intake transactions run at once, each on its own pool connection (the
 * pool has 10 by default; the rest serve the senders, jobs and the web console).
 */
const PG_LANES = 4;
const pgLanes = new WeakMap<Database, Lanes>();

const groups = new WeakMap<Database, GroupCommit>();

interface Waiting {
  work: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class GroupCommit {
  private readonly queue: Waiting[] = [];
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly options: { timeout: number; maxWait: number },
  ) {}

  run(work: (tx: Db) => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) await this.commit(this.queue.splice(0, GROUP_MAX));
    } finally {
      this.running = false;
    }
  }

  /** One transaction for the group; each message settles only after the COMMIT. */
  private async commit(group: Waiting[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const connection = this.db.sqlite!;
    let lock: OwnTransaction;
    try {
      lock = await this.db.sqliteBegin!();
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    const state = { closed: false };
    const tx = transactionClient(this.db.prisma, state);
    direct.set(tx, connection);
    const body = async () => {
      if (group.length === 1) {
        // Alone: a failure rolls the whole transaction back.
        outcomes.push({ ok: true, value: await lock.run(() => group[0].work(tx)) });
        return;
      }
      for (const { work } of group) {
        connection.prepare('SAVEPOINT intake').run();
        try {
          const value = await lock.run(() => work(tx));
          connection.prepare('RELEASE intake').run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          connection.prepare('ROLLBACK TO intake').run();
          connection.prepare('RELEASE intake').run();
          outcomes.push({ ok: false, error });
        }
      }
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const running = body();
      running.catch(() => {}); // after a time-out it may still fail; its group is already answered
      await Promise.race([
        running,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Transaction timed out')), this.options.timeout);
        }),
      ]);
      connection.prepare('COMMIT').run();
    } catch (error) {
      // The transaction itself failed (or the one message alone): nothing of the group is committed.
      state.closed = true;
      direct.delete(tx);
      if (connection.inTransaction) connection.prepare('ROLLBACK').run();
      for (const w of group) w.reject(error);
      return;
    } finally {
      clearTimeout(timer);
      state.closed = true;
      direct.delete(tx);
      await lock.end();
    }
    group.forEach((w, i) => {
      const o = outcomes[i];
      if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  }
}

/** The client as a transaction's handle: the same connection, closed when the transaction ends. */
function transactionClient(prisma: Db, state: { closed: boolean }): Db {
  return new Proxy(prisma, {
    get(target, key) {
      if (state.closed) throw new Error('Transaction already closed');
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
