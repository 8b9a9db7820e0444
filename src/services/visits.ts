/**
 * Monthly visits to special households (八必访). This is sensitive personal data: lists go
 * only by direct message to the responsible person, and nothing here logs a name, an address
 * or a note (log lines carry ids and counts only).
 */
import { T } from '../common/text/index.js';
import type { Logger } from '../common/log.js';
import { isUniqueViolation, type Db } from '../store/client.js';
import { startOfLocalMonth, localParts } from './local-time.js';
import { toPerson } from './notify.js';
import { ancestors, canHandle, headOf } from './org/places.js';
import { enqueue } from './outbox.js';

type HouseholdRow = {
  id: number;
  name: string;
  kind: string;
  address: string | null;
  placeId: number;
  responsibleId: number | null;
};

/** Households the person is named responsible for in the org file. */
async function householdsFor(tx: Db, personId: number): Promise<HouseholdRow[]> {
  return tx.specialHousehold.findMany({ where: { responsibleId: personId }, orderBy: { id: 'asc' } });
}

/** The text of one person's visit list for the month of `at`, or null when they have none. */
export async function visitListFor(tx: Db, personId: number, at: Date, timeZone: string): Promise<string | null> {
  const rows = await householdsFor(tx, personId);
  return rows.length ? render(tx, rows, at, timeZone) : null;
}

async function render(tx: Db, rows: HouseholdRow[], at: Date, timeZone: string): Promise<string> {
  const since = startOfLocalMonth(at, timeZone);
  const visited = await tx.visit.groupBy({
    by: ['householdId'],
    where: { householdId: { in: rows.map((r) => r.id) }, at: { gte: since, lte: at } },
  });
  const done = new Set(visited.map((v) => v.householdId));
  const lines = rows.map((r, i) =>
    T.visitsLine({
      n: i + 1,
      name: r.name,
      kind: T.householdKinds[r.kind] ?? r.kind,
      address: r.address ?? '',
      done: done.has(r.id),
    }),
  );
  return T.visitsList(localParts(at, timeZone).month, lines);
}

export interface VisitsDb {
  prisma: Db;
}

/**
 * The monthly job: each responsible person (or, for households without one, the head above
 * the household) gets their list by direct message. People the bot cannot message directly
 * are logged by id and count; the list never falls back to a group.
 */
export async function sendVisitLists(
  db: VisitsDb,
  fireAt: Date,
  now: Date,
  timeZone: string,
  log: Logger,
): Promise<number> {
  const all: HouseholdRow[] = await db.prisma.specialHousehold.findMany({ orderBy: { id: 'asc' } });
  const byPerson = new Map<number, HouseholdRow[]>();
  for (const h of all) {
    let personId = h.responsibleId;
    if (!personId) {
      const place = await db.prisma.place.findUnique({ where: { id: h.placeId } });
      personId = place ? ((await headOf(db.prisma, await ancestors(db.prisma, place)))?.personId ?? null) : null;
    }
    if (!personId) {
      log.warn({ household: h.id }, 'special household has nobody responsible');
      continue;
    }
    byPerson.set(personId, [...(byPerson.get(personId) ?? []), h]);
  }
  let sent = 0;
  for (const [personId, rows] of byPerson) {
    const dedupeKey = `visits:${personId}:${fireAt.toISOString()}`;
    try {
      if (await db.prisma.outbox.count({ where: { dedupeKey } })) continue;
      const [dm] = await toPerson(db.prisma, personId, await render(db.prisma, rows, now, timeZone));
      if (!dm) {
        log.warn({ person: personId, households: rows.length }, 'visit list not sent: no direct message possible');
        continue;
      }
      await enqueue(db.prisma, [{ ...dm, dedupeKey, notBefore: now }]);
      sent++;
    } catch (error) {
      if (!isUniqueViolation(error)) log.error({ err: error, person: personId }, 'visit list failed');
    }
  }
  log.info({ people: sent, households: all.length }, 'visit lists queued');
  return sent;
}

export type VisitOutcome =
  | { ok: true; name: string; done: number; total: number }
  | { ok: false; reason: 'unknown' | 'forbidden' };

/**
 * Logs a visit by name. Only the responsible person, or someone with a handling role at the
 * household's place or above, may log it; names are matched among the households that person
 * may see, so a name elsewhere is "unknown" (its existence is not confirmed to anyone).
 */
export async function logVisit(
  tx: Db,
  personId: number | null,
  name: string,
  note: string | null,
  at: Date,
  timeZone: string,
): Promise<VisitOutcome> {
  if (!personId) return { ok: false, reason: 'forbidden' };
  const candidates = await tx.specialHousehold.findMany({
    where: { name },
    include: { place: true },
    orderBy: { id: 'asc' },
  });
  let found: (typeof candidates)[number] | null = null;
  for (const h of candidates) {
    if (h.responsibleId === personId || (await canHandle(tx, personId, h.place))) {
      found = h;
      break;
    }
  }
  if (!found) {
    // Whether the name exists elsewhere is itself private: people with a role hear "unknown".
    const hasRole =
      (await tx.role.count({ where: { personId } })) > 0 ||
      (await tx.specialHousehold.count({ where: { responsibleId: personId } })) > 0;
    return { ok: false, reason: hasRole ? 'unknown' : 'forbidden' };
  }
  await tx.visit.create({ data: { householdId: found.id, personId, note: note?.slice(0, 500) || null, at } });
  const mine = await householdsFor(tx, personId);
  const since = startOfLocalMonth(at, timeZone);
  const visited = mine.length
    ? await tx.visit.groupBy({
        by: ['householdId'],
        where: { householdId: { in: mine.map((m) => m.id) }, at: { gte: since, lte: at } },
      })
    : [];
  return { ok: true, name: found.name, done: visited.length, total: mine.length };
}
