/**
 * SQLite transactions for intake's group commit, taken on Prisma's adapter itself rather than
 * through `$transaction`: the adapter's lock (so they queue with Prisma's own transactions), then
 * BEGIN on its one connection. Prisma's interactive transaction costs more than all statements of
 * a message together (decision 0010). Prisma calls made inside such a transaction run on the same
 * connection, so they are part of it; a Prisma call that needs a transaction of its own (a nested
 * write) gets a savepoint instead of waiting for the lock its caller holds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteConnection } from './client.js';

interface Query {
  sql: string;
  args: unknown[];
  argTypes: unknown[];
}

/** What this module needs of `@prisma/adapter-better-sqlite3`'s adapter. */
export interface SqliteAdapter {
  provider: string;
  adapterName: string;
  client: SqliteConnection;
  startTransaction(isolationLevel?: string): Promise<{ commit(): Promise<void> }>;
  queryRaw(q: Query): Promise<unknown>;
  executeRaw(q: Query): Promise<number>;
}

/** A transaction begun by {@link ownTransactions}: run work inside it, then end it (after COMMIT or ROLLBACK). */
export interface OwnTransaction {
  run<T>(work: () => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** Makes the adapter's transactions re-entrant for work run inside an own transaction; returns how to begin one. */
export function ownTransactions(adapter: SqliteAdapter): () => Promise<OwnTransaction> {
  const inside = new AsyncLocalStorage<true>();
  const start = adapter.startTransaction.bind(adapter);
  let depth = 0;
  adapter.startTransaction = async (isolationLevel?: string) =>
    inside.getStore() ? nested(adapter, `nested_${++depth}`) : start(isolationLevel);
  return async () => {
    const lock = await start();
    return { run: (work) => inside.run(true, work), end: () => lock.commit() };
  };
}

/** A transaction inside the own one: a savepoint; Prisma's COMMIT and ROLLBACK release it or roll back to it. */
function nested(adapter: SqliteAdapter, name: string) {
  adapter.client.prepare(`SAVEPOINT ${name}`).run();
  const end = (sql: string) => {
    if (/^\s*ROLLBACK\s*$/i.test(sql)) adapter.client.prepare(`ROLLBACK TO ${name}`).run();
    adapter.client.prepare(`RELEASE ${name}`).run();
  };
  let ended = false;
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: false },
    queryRaw: (q: Query) => adapter.queryRaw(q),
    async executeRaw(q: Query) {
      if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(q.sql)) {
        if (!ended) end(q.sql);
        ended = true;
        return 0;
      }
      return adapter.executeRaw(q);
    },
    async commit() {
      if (!ended) end('COMMIT');
      ended = true;
    },
    async rollback() {
      if (!ended) end('ROLLBACK');
      ended = true;
    },
    createSavepoint: (n: string) =>
      adapter.executeRaw({ sql: `SAVEPOINT ${n}`, args: [], argTypes: [] }).then(() => {}),
    rollbackToSavepoint: (n: string) =>
      adapter.executeRaw({ sql: `ROLLBACK TO ${n}`, args: [], argTypes: [] }).then(() => {}),
    releaseSavepoint: (n: string) =>
      adapter.executeRaw({ sql: `RELEASE SAVEPOINT ${n}`, args: [], argTypes: [] }).then(() => {}),
  };
}
