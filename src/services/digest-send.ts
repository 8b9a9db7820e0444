/**
 * Delivers digests: to each grid's head by direct message, or, when the head cannot be reached
 * directly, to the grid's own bound chat (without the visit coverage line). One outbox row per
 * grid and fire, keyed `digest:<gridId>:<fire ISO>` (`weekly:` for the weekly one), so a
 * re-run of the same fire never queues a second copy.
 */
import type { Logger } from '../common/log.js';
import { T } from '../common/text/index.js';
import { isUniqueViolation, type Db } from '../store/client.js';
import { computeDigest, periodFor, renderDigest, type DigestKind } from './digest.js';
import { digestImage } from './digest-chart.js';
import { toPerson } from './notify.js';
import { headOf, placeLabel, type PlaceRow } from './org/places.js';
import { enqueue, type OutboxItem } from './outbox.js';

export interface DigestDb {
  prisma: Db;
}

/** What a digest may carry besides its text: a link to the web console and a chart image. */
export interface DigestExtras {
  /** The console's URL, added as the last line. */
  link?: string;
  /** Where chart images are written; no image without it. */
  imageDir?: string;
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
  extras: DigestExtras = {},
): Promise<OutboxItem | null> {
  const linked = (text: string) => (extras.link ? `${text}\n${T.web.digestLink(extras.link)}` : text);
  if (personId) {
    const [dm] = await toPerson(tx, personId, linked(await digestText(tx, place, kind, at, now, timeZone, true)));
    if (dm) return dm;
  }
  const chat = await tx.chat.findFirst({ where: { placeId: place.id, kind: 'group' }, orderBy: { id: 'asc' } });
  if (!chat) return null;
  return {
    platform: chat.platform,
    account: chat.account,
    chatExternalId: chat.externalId,
    text: linked(await digestText(tx, place, kind, at, now, timeZone, false)),
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
  extras: DigestExtras = {},
): Promise<number> {
  const grids = await db.prisma.place.findMany({ where: { level: 'grid' }, orderBy: { id: 'asc' } });
  let queued = 0;
  for (const grid of grids) {
    const dedupeKey = `${kind === 'daily' ? 'digest' : 'weekly'}:${grid.id}:${fireAt.toISOString()}`;
    try {
      if (await db.prisma.outbox.count({ where: { dedupeKey } })) continue;
      const head = await headOf(db.prisma, [grid]);
      const item = await digestMessage(db.prisma, grid, kind, fireAt, now, timeZone, head?.personId ?? null, extras);
      if (!item) {
        log.warn({ grid: grid.id, kind }, 'digest not sent: grid has no reachable head and no bound chat');
        continue;
      }
      const image = extras.imageDir ? await chartFor(db.prisma, grid, fireAt, timeZone, extras.imageDir, log) : null;
      await enqueue(db.prisma, [{ ...item, ...(image ? { image } : {}), dedupeKey, notBefore: now }]);
      queued++;
    } catch (error) {
      if (!isUniqueViolation(error)) log.error({ err: error, grid: grid.id, kind }, 'digest failed');
    }
  }
  log.info({ kind, fireAt, grids: grids.length, queued }, 'digests queued');
  return queued;
}

/** The digest's chart image, or null when drawing it failed: the digest goes out without it. */
async function chartFor(
  db: Db,
  grid: PlaceRow,
  fireAt: Date,
  timeZone: string,
  dir: string,
  log: Logger,
): Promise<{ path: string; mime: string } | null> {
  try {
    return await digestImage(db, grid, await placeLabel(db, grid), fireAt, timeZone, dir);
  } catch (error) {
    log.warn({ err: error, grid: grid.id }, 'digest chart not drawn');
    return null;
  }
}
