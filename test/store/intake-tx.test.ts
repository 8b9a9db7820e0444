import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/client.js';
import { intakeTransaction, writeDirect } from '../../src/store/intake-tx.js';
import { migrate } from '../../src/store/migrate.js';

// SQLite intake runs in a transaction taken on Prisma's adapter itself (src/store/sqlite-tx.ts).
describe('SQLite intake transactions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridbot-intake-tx-'));
  let db: Database;
  const options = { timeout: 30_000, maxWait: 30_000 };
  const places = () => db.prisma.place.findMany({ orderBy: { key: 'asc' }, select: { key: true } });
  const place = (key: string) => ({ key, level: 'grid', depth: 0, path: '/', name: key });

  beforeAll(async () => {
    db = await openDatabase(`file:${join(dir, 't.db')}`);
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits direct statements and Prisma calls together, nested writes included', async () => {
    await intakeTransaction(
      db,
      async (tx) => {
        await writeDirect(
          tx,
          `INSERT INTO "Place" ("key","level","depth","path","name","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?)`,
          ['a', 'grid', 0, '/', 'a', new Date(), new Date()],
        );
        // A nested create needs a transaction of its own inside Prisma: it must not wait for the lock held here.
        await tx.place.create({ data: { ...place('b'), children: { create: [place('b/1')] } } });
      },
      options,
    );
    expect((await places()).map((p) => p.key)).toEqual(['a', 'b', 'b/1']);
  });

  it('rolls back everything of a message that fails, Prisma calls included', async () => {
    await expect(
      intakeTransaction(
        db,
        async (tx) => {
          await tx.place.create({ data: { ...place('c'), children: { create: [place('c/1')] } } });
          throw new Error('boom');
        },
        options,
      ),
    ).rejects.toThrow('boom');
    expect((await places()).map((p) => p.key)).not.toContain('c');
  });

  it('in a group, rolls back only the failed message', async () => {
    const results = await Promise.allSettled(
      ['d', 'e', 'f'].map((key) =>
        intakeTransaction(
          db,
          async (tx) => {
            await tx.place.create({ data: place(key) });
            if (key === 'e') throw new Error('e fails');
            return key;
          },
          options,
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const keys = (await places()).map((p) => p.key);
    expect(keys).toContain('d');
    expect(keys).toContain('f');
    expect(keys).not.toContain('e');
  });

  it("queues with Prisma's own transactions", async () => {
    const outside = db.prisma.$transaction(async (tx) => {
      await tx.place.create({ data: place('g') });
    });
    await intakeTransaction(db, async (tx) => tx.place.create({ data: place('h') }), options);
    await outside;
    expect((await places()).map((p) => p.key)).toEqual(expect.arrayContaining(['g', 'h']));
  });

  it('answers a message that runs past the time-out, rolls it back and goes on', async () => {
    const other = await openDatabase(`file:${join(dir, 'timeout.db')}`);
    try {
      await migrate(other);
      const quick = { timeout: 100, maxWait: 100 };
      const stuck = intakeTransaction(
        other,
        async (tx) => {
          await tx.place.create({ data: place('stuck') });
          await new Promise(() => {});
        },
        quick,
      );
      await expect(stuck).rejects.toThrow(/timed out/);
      // The lock was released: the next transaction runs, and nothing of the stuck one is kept.
      await intakeTransaction(other, async (tx) => tx.place.create({ data: place('next') }), quick);
      const keys = (await other.prisma.place.findMany({ select: { key: true } })).map((p) => p.key);
      expect(keys).toEqual(['next']);
    } finally {
      await other.close();
    }
  });
});
