/**
 * Who someone is to a ticket: its reporter, a follower, a handler (a role at its place or above, or
 * at a unit of the building it is about),
 * and whether they may see it at all.
 */
import type { Db } from '../../store/client.js';
import { scopeOf, type PlaceRow, within, worksOn } from '../org/places.js';
import type { Party } from './states.js';
import type { TicketRow } from './tickets.js';

/** The person acting: the platform identity that wrote, and the org person behind it if known. */
export interface Actor {
  identityId: number;
  personId: number | null;
  /** The person's name, else the platform's display name. */
  name: string;
}

/** The sweeper acting on its own (escalation after a deadline). */
export const SYSTEM = 'system' as const;

export interface Access {
  parties: Set<Party>;
  /** May read its status and timeline: its reporter, its followers and heads over its place. */
  visible: boolean;
}

/** An emergency nobody has signed for yet: any head below its place may take it ("我马上过来拉闸"). */
export const untakenEmergency = (t: TicketRow) => t.urgent && (t.status === 'new' || t.status === 'assigned');

/**
 * The parties `actor` belongs to for `ticket`. `chatPlace` is the place of the chat asking: people
 * writing there about a ticket of its area are its neighbours (they may say the problem is back,
 * not read its timeline).
 */
export async function accessTo(
  db: Db,
  actor: Actor,
  ticket: TicketRow & { place?: PlaceRow | null },
  chatPlace?: PlaceRow | null,
): Promise<Access> {
  const place = ticket.place ?? (ticket.placeId ? await db.place.findUnique({ where: { id: ticket.placeId } }) : null);
  const parties = new Set<Party>();
  if (await worksOn(db, actor.personId, place, untakenEmergency(ticket))) parties.add('handler');
  if (ticket.reporterId === actor.identityId) parties.add('reporter');
  else if ((await db.ticketFollower.count({ where: { ticketId: ticket.id, identityId: actor.identityId } })) > 0) {
    parties.add('follower');
  }
  const inArea = !!place && !!chatPlace && within(place, await scopeOf(db, chatPlace));
  if (inArea) parties.add('neighbour');
  return { parties, visible: parties.has('handler') || parties.has('reporter') || parties.has('follower') };
}
