// The org tree in memory answers what the database answers (chain, head, the place a message
// names, label, places handled, mentions), and sees a change another process makes to the org.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG } from '../../src/app.js';
import { importOrg } from '../../src/services/org/import.js';
import {
  ancestors,
  headOf,
  placeLabel,
  placesHandledBy,
  resolveLocation,
  type PlaceRow,
} from '../../src/services/org/places.js';
import {
  ancestorsIn,
  handledIn,
  headIn,
  labelIn,
  loadSnapshot,
  locateIn,
  mentionIn,
  OrgView,
} from '../../src/services/org/snapshot.js';
import { mentionFor } from '../../src/services/notify.js';
import type { Database } from '../../src/store/client.js';
import { freshSqlite } from '../support/db.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function demo(): Promise<Database> {
  const fresh = await freshSqlite();
  cleanup = fresh.cleanup;
  await importOrg(fresh.db, readFileSync(DEMO_ORG, 'utf8'));
  return fresh.db;
}

const row = ({ id, key, parentId, level, depth, path, name, number }: PlaceRow): PlaceRow => ({
  id,
  key,
  parentId,
  level,
  depth,
  path,
  name,
  number,
});

describe('org snapshot', () => {
  it('answers every question as the database does, for every place of the demo org', async () => {
    const db = await demo();
    const org = await loadSnapshot(db.prisma);
    const places = (await db.prisma.place.findMany()).map(row);
    const asked = [
      { building: null, unit: null },
      { building: '3', unit: null },
      { building: '3', unit: '2' },
      { building: null, unit: '1' },
      { building: '9', unit: null },
      { building: '3', unit: '7' },
    ];
    for (const place of places) {
      const chain = (await ancestors(db.prisma, place)).map(row);
      expect(ancestorsIn(org, place)).toEqual(chain);
      expect(headIn(org, chain)).toEqual(await headOf(db.prisma, chain));
      expect(labelIn(org, place)).toBe(await placeLabel(db.prisma, place));
      for (const loc of asked) {
        const found = await resolveLocation(db.prisma, place, loc, true);
        expect(locateIn(org, place, loc)).toEqual(found ? row(found) : null);
      }
    }
    for (const person of await db.prisma.person.findMany({ where: { roles: { some: {} } } })) {
      const handled = (await placesHandledBy(db.prisma, person.id)).map(row);
      expect(
        handledIn(org, person.id)
          .map((p) => p.id)
          .sort(),
      ).toEqual(handled.map((p) => p.id).sort());
      for (const platform of ['console', 'telegram'])
        expect(mentionIn(org, person.id, platform)).toEqual(await mentionFor(db.prisma, person.id, platform));
    }
  });

  it('sees a head changed by another process at its next check, and at once after invalidate()', async () => {
    const db = await demo();
    const view = new OrgView(db.prisma, 0);
    const unit = (await db.prisma.place.findUniqueOrThrow({ where: { key: 'xingfu/g1/b3/u2' } })) as PlaceRow;
    const before = await view.current();
    const head = headIn(before, ancestorsIn(before, row(unit)));
    expect(head?.place.id).toBe(unit.id);
    // Another process removes the unit's head: the chain's next head is above the unit.
    await db.prisma.role.deleteMany({ where: { placeId: unit.id, role: 'head' } });
    expect(headIn(await view.current(), ancestorsIn(before, row(unit)))?.place.id).toBe(unit.id);
    await expect
      .poll(async () => headIn(await view.current(), ancestorsIn(before, row(unit)))?.place.id, { timeout: 5_000 })
      .not.toBe(unit.id);
    // A change made here is seen at once.
    await db.prisma.role.create({ data: { placeId: unit.id, personId: head!.personId, role: 'head' } });
    view.invalidate();
    const after = await view.current();
    expect(headIn(after, ancestorsIn(after, row(unit)))?.place.id).toBe(unit.id);
  });
});
