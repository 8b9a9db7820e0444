import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, providerOf, sqlitePath, type Database } from '../../src/store/client.js';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { createPgDatabase, describePg, freshPostgres } from '../support/db.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const initial = readMigrations('sqlite').map((m) => m.name);

async function placeRoundTrip(db: Database) {
  const parent = await db.prisma.place.create({
    data: { key: 'xingfu', level: 'community', depth: 0, path: '/', name: '幸福社区' },
  });
  const child = await db.prisma.place.create({
    data: { key: 'xingfu/g1', level: 'grid', depth: 1, path: `/${parent.id}/`, name: '一网格', parentId: parent.id },
  });
  const read = await db.prisma.place.findUnique({ where: { key: 'xingfu/g1' }, include: { parent: true } });
  expect(read?.id).toBe(child.id);
  expect(read?.parent?.name).toBe('幸福社区');
  expect(read?.createdAt).toBeInstanceOf(Date);
  await expect(
    db.prisma.place.create({ data: { key: 'xingfu', level: 'community', depth: 0, path: '/', name: 'dup' } }),
  ).rejects.toThrow(/Unique constraint/i);
}

describe('providerOf', () => {
  it('tells the providers apart and rejects others', () => {
    expect(providerOf('file:./data/gridbot.db')).toBe('sqlite');
    expect(providerOf('postgresql://u@h:5432/db')).toBe('postgresql');
    expect(providerOf('postgres://u@h/db')).toBe('postgresql');
    expect(() => providerOf('mysql://u@h/db')).toThrow(/Unsupported database URL/);
    expect(() => providerOf('postgresql://u:secret@h/db?x')).not.toThrow();
    expect(() => providerOf('redis://u:secret@h')).toThrow(/redis:\/\/u:\*\*\*@h/);
  });

  it('resolves SQLite paths against the current directory', () => {
    expect(sqlitePath('file:./data/gridbot.db')).toBe(join(process.cwd(), 'data/gridbot.db'));
    expect(sqlitePath('file:/abs/x.db?mode=rwc')).toBe('/abs/x.db');
    expect(sqlitePath('file:///abs/x.db')).toBe('/abs/x.db');
    expect(() => sqlitePath('file::memory:')).toThrow(/must name a file/);
  });
});

describe('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridbot-client-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a real file in a new folder with WAL, busy_timeout, synchronous=NORMAL, foreign keys', async () => {
    const url = `file:${join(dir, 'nested', 'data', 'gridbot.db')}`;
    const db = await openDatabase(url);
    try {
      expect(db.provider).toBe('sqlite');
      expect(existsSync(join(dir, 'nested', 'data', 'gridbot.db'))).toBe(true);
      const pragma = async (name: string) =>
        Object.values(((await db.prisma.$queryRawUnsafe(`PRAGMA ${name}`)) as Record<string, unknown>[])[0]!)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(Number(await pragma('busy_timeout'))).toBeGreaterThanOrEqual(1000);
      expect(Number(await pragma('synchronous'))).toBe(1);
      expect(Number(await pragma('foreign_keys'))).toBe(1);
      expect(await migrate(db)).toEqual({ applied: initial });
      await placeRoundTrip(db);
    } finally {
      await db.close();
    }
    // Reopening finds the data and nothing to migrate.
    const again = await openDatabase(url);
    try {
      expect(await migrate(again)).toEqual({ applied: [] });
      expect(await again.prisma.place.count()).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('enforces foreign keys', async () => {
    const db = await openDatabase(`file:${join(dir, 'fk.db')}`);
    try {
      await migrate(db);
      await expect(db.prisma.role.create({ data: { personId: 999, placeId: 999, role: 'head' } })).rejects.toThrow(
        /Foreign key/i,
      );
    } finally {
      await db.close();
    }
  });

  it('migrates once when several processes start on one file at the same time', async () => {
    const file = join(dir, 'race.db');
    const script = join(dir, 'race.mts');
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(root, 'src/store/client.ts'))};
import { migrate } from ${JSON.stringify(join(root, 'src/store/migrate.ts'))};
const db = await openDatabase(${JSON.stringify(`file:${file}`)});
const r = await migrate(db);
await db.close();
console.log(JSON.stringify(r));
`,
    );
    const run = () =>
      new Promise<{ applied: string[] }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(err)),
        );
      });
    const results = await Promise.all([run(), run(), run(), run()]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(initial);
    const db = await openDatabase(`file:${file}`);
    try {
      const rows = await db.prisma.$queryRawUnsafe<unknown[]>('SELECT * FROM _prisma_migrations');
      expect(rows).toHaveLength(initial.length);
    } finally {
      await db.close();
    }
  });
});

describePg('PostgreSQL', () => {
  it('opens, creates and reads a Place', async () => {
    const { db, cleanup } = await freshPostgres();
    try {
      expect(db.provider).toBe('postgresql');
      await placeRoundTrip(db);
    } finally {
      await cleanup();
    }
  });

  it('fails clearly when the server does not answer', async () => {
    await expect(openDatabase('postgresql://nobody:pw@127.0.0.1:1/none')).rejects.toThrow(
      /Cannot connect to PostgreSQL at postgresql:\/\/nobody:\*\*\*@/,
    );
  });

  it('migrates once when several connections start at the same time (advisory lock)', async () => {
    const created = await createPgDatabase();
    const dbs = await Promise.all([1, 2, 3, 4].map(() => openDatabase(created.url, { poolSize: 2 })));
    try {
      const results = await Promise.all(dbs.map((db) => migrate(db)));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(readMigrations('postgresql').map((m) => m.name));
      const rows = await dbs[0]!.prisma.$queryRawUnsafe<unknown[]>('SELECT * FROM _prisma_migrations');
      expect(rows).toHaveLength(readMigrations('postgresql').length);
      await placeRoundTrip(dbs[1]!);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await created.drop();
    }
  });
});
