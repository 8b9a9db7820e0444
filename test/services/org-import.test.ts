// The org file: the demo org imports on SQLite and PostgreSQL, a second import changes
// nothing, and a file with mistakes names each one and leaves the database as it was.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG } from '../../src/app.js';
import { OrgFileError, parseOrgFile } from '../../src/services/org/file.js';
import { importOrg, syncOrg } from '../../src/services/org/import.js';
import type { Database } from '../../src/store/client.js';
import { describePg, freshPostgres, freshSqlite } from '../support/db.js';

const demo = readFileSync(DEMO_ORG, 'utf8');
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function counts(db: Database) {
  const p = db.prisma;
  return {
    places: await p.place.count(),
    people: await p.person.count(),
    roles: await p.role.count(),
    chats: await p.chat.count(),
    board: await p.boardEntry.count(),
    identities: await p.identity.count(),
    households: await p.specialHousehold.count(),
  };
}

async function importsIdempotently(db: Database) {
  const first = await importOrg(db, demo);
  expect(first).toMatchObject({ places: 11, people: 12 });
  expect(first.changes).toBeGreaterThan(0);
  const before = await counts(db);
  expect(before).toEqual({ places: 11, people: 12, roles: 12, chats: 10, board: 5, identities: 12, households: 3 });
  expect((await importOrg(db, demo)).changes).toBe(0);
  expect(await counts(db)).toEqual(before);
  const unit = await db.prisma.place.findUnique({ where: { key: 'xingfu/g1/b3/u2' }, include: { parent: true } });
  expect(unit).toMatchObject({ level: 'unit', number: '2', depth: 3 });
  expect(unit!.path).toBe(`${unit!.parent!.path}${unit!.id}/`);
}

describe('org import', () => {
  it('imports the demo org on SQLite and changes nothing the second time', async () => {
    const fresh = await freshSqlite();
    cleanup = fresh.cleanup;
    await importsIdempotently(fresh.db);
  });

  it('applies a changed file: a new head replaces the old one, a phone number changes', async () => {
    const fresh = await freshSqlite();
    cleanup = fresh.cleanup;
    await importOrg(fresh.db, demo);
    const changed = demo
      .replace('roles: { head: he-b3u2 }', 'roles: { head: feng-b3u1 }')
      .replace('"13800000013"', '"13900000013"');
    // Three changes, and the replaced head, still listed without a role, becomes staff.
    expect((await importOrg(fresh.db, changed)).changes).toBe(4);
    const unit = await fresh.db.prisma.place.findUnique({
      where: { key: 'xingfu/g1/b3/u2' },
      include: { roles: { include: { person: true } } },
    });
    expect(unit!.roles.map((r) => r.person.name)).toEqual(['冯单元长']);
    expect((await fresh.db.prisma.person.findUnique({ where: { key: 'chen-b3' } }))!.phone).toBe('13900000013');
    const he = await fresh.db.prisma.person.findUnique({ where: { key: 'he-b3u2' }, include: { roles: true } });
    expect(he!.roles.map((r) => r.role)).toEqual(['staff']);
  });

  it('names each mistake (entry, field, problem) and writes nothing', async () => {
    const fresh = await freshSqlite();
    cleanup = fresh.cleanup;
    await importOrg(fresh.db, demo);
    const before = await counts(fresh.db);
    const broken = demo
      .replace('roles: { head: zhang-b1 }', 'roles: { head: nobody }')
      .replace('number: "2"\n            roles: { head: liu-b2 }', 'number: "二"\n            roles: { head: liu-b2 }')
      .replace('kind: veteran', 'kind: hero');
    const error = await importOrg(fresh.db, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgFileError);
    const problems = (error as OrgFileError).problems.join('\n');
    expect(problems).toMatch(
      /places\[0\] \(幸福社区\)\.children\[0\] \(第一网格\)\.children\[1\] \(2栋\)\.number: must be digits or a letter/,
    );
    expect(problems).toMatch(/households\[1\].*kind/);
    expect(await counts(fresh.db)).toEqual(before);
    const unknown = await importOrg(
      fresh.db,
      demo.replace('roles: { head: zhang-b1 }', 'roles: { head: nobody }'),
    ).catch((e: unknown) => e);
    expect((unknown as OrgFileError).problems).toEqual([
      'places[0].children[0].children[0] (1栋).roles.head: unknown person "nobody" (not in people)',
    ]);
    expect(await counts(fresh.db)).toEqual(before);
  });

  it('at start, skips a file imported before unless the file or a bound chat changed since', async () => {
    const fresh = await freshSqlite();
    cleanup = fresh.cleanup;
    const p = fresh.db.prisma;
    const first = await syncOrg(fresh.db, demo);
    expect(first).toMatchObject({ places: 11, people: 12 });
    expect(first.changes).toBeGreaterThan(0);
    expect(await syncOrg(fresh.db, demo)).toEqual({ places: 11, people: 12, changes: 0, unchanged: true });
    // The first bot account to hear a chat takes it over (intake): nothing the file says changed.
    await p.chat.updateMany({ where: { account: 'default' }, data: { account: 'console' } });
    expect((await syncOrg(fresh.db, demo)).unchanged).toBe(true);
    // A chat moved to another place (as a binding code does): the file puts it back.
    const chat = (await p.chat.findFirst({ where: { placeId: { not: null } }, orderBy: { id: 'asc' } }))!;
    const other = (await p.place.findFirst({ where: { id: { not: chat.placeId! } } }))!;
    await p.chat.update({ where: { id: chat.id }, data: { placeId: other.id } });
    expect(await syncOrg(fresh.db, demo)).toMatchObject({ changes: 1 });
    expect((await p.chat.findUnique({ where: { id: chat.id } }))!.placeId).toBe(chat.placeId);
    expect((await syncOrg(fresh.db, demo)).unchanged).toBe(true);
    // An identity the file links to a person, re-linked to another one: linked back.
    const identity = (await p.identity.findFirst({ where: { personId: { not: null } }, orderBy: { id: 'asc' } }))!;
    const someoneElse = (await p.person.findFirst({ where: { id: { not: identity.personId! } } }))!;
    await p.identity.update({ where: { id: identity.id }, data: { personId: someoneElse.id } });
    expect(await syncOrg(fresh.db, demo)).toMatchObject({ changes: 1 });
    // A changed file is imported; the same text imported by `gridbot org import` counts too.
    const changed = demo.replace('"13800000013"', '"13900000013"');
    expect(await syncOrg(fresh.db, changed)).toMatchObject({ changes: 1 });
    await importOrg(fresh.db, demo);
    expect((await syncOrg(fresh.db, demo)).unchanged).toBe(true);
  });

  it('rejects text that is not YAML and files without places', () => {
    expect(() => parseOrgFile('places: [')).toThrow(OrgFileError);
    expect(() => parseOrgFile('people: []')).toThrow(/places: /);
  });
});

describePg('org import on PostgreSQL', () => {
  it('imports the demo org and changes nothing the second time', async () => {
    const fresh = await freshPostgres();
    cleanup = fresh.cleanup;
    await importsIdempotently(fresh.db);
  });
});
