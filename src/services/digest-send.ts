/**
 * Delivers digests: to each grid's head by direct message, or, when the head cannot be reached
 * directly, to the grid's own bound chat (without the visit coverage line). One outbox row per
 * grid and fire, keyed `digest:<gridId>:<fire ISO>` (`weekly:` for the weekly one), so a
 * re-run of the same fire never queues a second copy.
 */
import type { Logger } from '../common/log.js';
import { isUniqueViolation, type Db } from '../store/client.js';
import { computeDigest, periodFor, renderDigest, type DigestKind } from './digest.js';
import { toPerson } from './notify.js';
import { headOf, placeLabel, type PlaceRow } from './org/places.js';
import { enqueue, type OutboxItem } from './outbox.js';

export interface DigestDb {
  prisma: Db;
}

/** One place's digest as text; `withVisits` is false for anything that may reach a group. */
export async function digestText(
  tx: Db,
  place: PlaceRow,
  kind: DigestKind,
  at: Date,
  now: Date,
  timeZone: string,
  withVisits: boolean,
): Promise<string> {
  const data = await computeDigest(tx, place, periodFor(kind, at, timeZone), now, timeZone);
  return renderDigest(data, await placeLabel(tx, place), timeZone, withVisits);
}

/** The message for one place's digest: by direct message to `personId` when possible, else to the place's chat. */
export async function digestMessage(
  tx: Db,
  place: PlaceRow,
  kind: DigestKind,
  at: Date,
  now: Date,
  timeZone: string,
  personId: number | null,
): Promise<OutboxItem | null> {
  if (personId) {
    const [dm] = await toPerson(tx, personId, await digestText(tx, place, kind, at, now, timeZone, true));
    if (dm) return dm;
  }
  const chat = await tx.chat.findFirst({ where: { placeId: place.id, kind: 'group' }, orderBy: { id: 'asc' } });
  if (!chat) return null;
  return {
    platform: chat.platform,
    account: chat.account,
    chatExternalId: chat.externalId,
    text: await digestText(tx, place, kind, at, now, timeZone, false),
  };
}

/** Queues the daily or weekly digest of every grid for one fire. Returns how many were queued. */
export async function sendDigests(
  db: DigestDb,
  kind: 'daily' | 'weekly',
  fireAt: Date,
  now: Date,
  timeZone: string,
  log: Logger,
): Promise<number> {
  const grids = await db.prisma.place.findMany({ where: { level: 'grid' }, orderBy: { id: 'asc' } });
  let queued = 0;
  for (const grid of grids) {
    const dedupeKey = `${kind === 'daily' ? 'digest' : 'weekly'}:${grid.id}:${fireAt.toISOString()}`;
    try {
      if (await db.prisma.outbox.count({ where: { dedupeKey } })) continue;
      const head = await headOf(db.prisma, [grid]);
      const item = await digestMessage(db.prisma, grid, kind, fireAt, now, timeZone, head?.personId ?? null);
      if (!item) {
        log.warn({ grid: grid.id, kind }, 'digest not sent: grid has no reachable head and no bound chat');
        continue;
      }
      await enqueue(db.prisma, [{ ...item, dedupeKey, notBefore: now }]);
      queued++;
    } catch (error) {
      if (!isUniqueViolation(error)) log.error({ err: error, grid: grid.id, kind }, 'digest failed');
    }
  }
  log.info({ kind, fireAt, grids: grids.length, queued }, 'digests queued');
  return queued;
}
