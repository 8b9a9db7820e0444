/**
 * Group commit for a database with a pool of connections (PostgreSQL): messages that arrive while
 * every lane is busy wait, and a lane that comes free takes its share of them into one
 * transaction, running them one after another. One BEGIN and one COMMIT (with its WAL flush) per
 * group instead of per message, and one transaction's bookkeeping in Prisma.
 *
 * Atomic per message without savepoints: when any message of a group fails, or the transaction
 * itself does (a deadlock with another instance grouping the same redelivered messages in
 * another order, a serialisation failure), nothing of the group is committed and each of its
 * messages runs again alone, in arrival order, in a transaction of its own. So a failing message
 * fails alone, with its own error, exactly as without grouping; the others commit. A message
 * settles only after the COMMIT that made its effects durable.
 */
import type { Db } from './client.js';

/** Runs `work` in a new transaction of its own. */
export type Transaction = <T>(work: (tx: Db) => Promise<T>) => Promise<T>;

interface Waiting {
  work: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class Lanes {
  private readonly queue: Waiting[] = [];
  private busy = 0;

  /**
   * @param transaction opens one transaction (on its own pool connection)
   * @param lanes how many transactions may run at once
   * @param most the largest group: bounds how long the first of a group waits for its commit
   */
  constructor(
    private readonly transaction: Transaction,
    private readonly lanes: number,
    private readonly most: number,
  ) {}

  run<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.busy < this.lanes) void this.lane();
    });
  }

  private async lane(): Promise<void> {
    this.busy++;
    try {
      // A fair share of what waits, so that the other lanes, as they come free, get work too.
      while (this.queue.length)
        await this.commit(this.queue.splice(0, Math.min(this.most, Math.ceil(this.queue.length / this.lanes))));
    } finally {
      this.busy--;
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    if (group.length > 1) {
      let values: unknown[];
      try {
        values = await this.transaction(async (tx) => {
          const out: unknown[] = [];
          for (const { work } of group) out.push(await work(tx));
          return out;
        });
      } catch {
        for (const w of group) await this.alone(w);
        return;
      }
      group.forEach((w, i) => w.resolve(values[i]));
      return;
    }
    await this.alone(group[0]);
  }

  /**
   * A message in a transaction of its own. Groups hold their locks longer than one message did, so
   * a message alone may now be the one PostgreSQL aborts to break a deadlock with a group; it is
   * run again (a few times) rather than reported as failed.
   */
  private async alone(w: Waiting): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        w.resolve(await this.transaction(w.work));
        return;
      } catch (error) {
        if (attempt < ATTEMPTS && isConflict(error)) continue;
        w.reject(error);
        return;
      }
    }
  }
}

const ATTEMPTS = 3;

/** A deadlock or serialisation failure (PostgreSQL 40P01, 40001; Prisma P2034): running again may succeed. */
export function isConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return (
    e?.code === 'P2034' ||
    e?.code === '40P01' ||
    e?.code === '40001' ||
    /deadlock|could not serialize|write conflict/i.test(e?.message ?? '')
  );
}
