/**
 * Are two reports the same problem? Used to merge a neighbour's report into the open ticket of
 * the same place and category instead of opening a second one.
 */
import type { Db } from '../../store/client.js';
import { openTicketsAt } from '../../store/intake-sql.js';
import { similarity } from '../../intents/index.js';
import { OPEN_STATUSES } from './states.js';

export const DUPLICATE_THRESHOLD = 0.25;

/** An open ticket of the same place and category whose text is similar enough, within the window. */
export async function findDuplicate(
  tx: Db,
  placeId: number,
  category: string,
  text: string,
  since: Date,
): Promise<{ id: number; status: string; reporterId: number } | null> {
  const open = await openTicketsAt(tx, placeId, category, [...OPEN_STATUSES], since, 20);
  let best: { t: (typeof open)[number]; s: number } | null = null;
  for (const t of open) {
    const s = similarity(text, t.text);
    if (s >= DUPLICATE_THRESHOLD && (!best || s > best.s)) best = { t, s };
  }
  return best?.t ?? null;
}

/** The people following a ticket besides its reporter. */
export async function followerIds(tx: Db, ticketId: number): Promise<number[]> {
  return (await tx.ticketFollower.findMany({ where: { ticketId } })).map((f) => f.identityId);
}
