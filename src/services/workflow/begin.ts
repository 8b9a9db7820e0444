/**
 * The checks every verb starts with, in one place: the ticket exists, the actor may see it,
 * belongs to a party the transition table allows, and the status allows the verb.
 */
import type { Config } from '../../common/config.js';
import { isRecordId } from '../../common/ids.js';
import type { Db } from '../../store/client.js';
import type { PlaceRow } from '../org/places.js';
import { accessTo, type Actor, SYSTEM } from './access.js';
import type { LastChange, Refusal } from './result.js';
import { allows, type Party, TRANSITIONS, type Verb } from './states.js';
import type { TicketRow } from './tickets.js';

/** Who acts, when, and where from: the first argument of every verb. */
export interface Act {
  db: Db;
  actor: Actor | typeof SYSTEM;
  now: Date;
  config: Config;
  /** The place of the chat the request came from (tickets in its area are visible there). */
  chatPlace?: PlaceRow | null;
}

export interface Begun {
  ticket: TicketRow;
  place: PlaceRow | null;
  parties: Set<Party>;
}

/** Loads the ticket and checks visibility, party and state for `verb`. */
export async function begin(
  act: Act,
  verb: Verb,
  ticketId: number,
  options: { state?: boolean; version?: number } = {},
): Promise<Begun | Refusal> {
  const found = isRecordId(ticketId)
    ? await act.db.ticket.findUnique({ where: { id: ticketId }, include: { place: true } })
    : null;
  if (!found) return { ok: false, reason: 'not_found', ticketId };
  const { place, ...ticket } = found;
  if (options.version !== undefined && ticket.version !== options.version) {
    return { ok: false, reason: 'stale', verb, ticket, last: await lastChange(act.db, ticket.id) };
  }
  let parties: Set<Party>;
  if (act.actor === SYSTEM) parties = new Set<Party>(['system']);
  else {
    const access = await accessTo(act.db, act.actor, found, act.chatPlace);
    const asNeighbour = access.parties.has('neighbour') && TRANSITIONS[verb].who.includes('neighbour');
    if (!access.visible && !asNeighbour) return refuseAct(access.parties, verb, ticket);
    parties = access.parties;
  }
  const rule = TRANSITIONS[verb];
  if (!rule.who.some((p) => parties.has(p))) return { ok: false, reason: 'forbidden', verb, ticket, who: rule.who };
  if (options.state !== false && !allows(verb, ticket.status)) {
    return { ok: false, reason: 'wrong_state', verb, ticket, last: await lastChange(act.db, ticket.id) };
  }
  return { ticket, place, parties };
}

/** The refusal when a compare-and-set lost to someone else: with the fresh ticket and who changed it. */
export async function stale(act: Act, verb: Verb, ticketId: number): Promise<Refusal> {
  const ticket = await act.db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return { ok: false, reason: 'not_found', ticketId };
  return { ok: false, reason: 'stale', verb, ticket, last: await lastChange(act.db, ticketId) };
}

/** The newest event of a ticket, with the name of the head who made it (never a resident's). */
export async function lastChange(db: Db, ticketId: number): Promise<LastChange | null> {
  const event = await db.ticketEvent.findFirst({
    where: { ticketId },
    orderBy: { id: 'desc' },
    include: { actor: { include: { person: true } } },
  });
  if (!event) return null;
  return { kind: event.kind, by: event.actor?.person?.name ?? null, byIdentityId: event.actorId, at: event.at };
}

export const actorId = (act: Act): number | null => (act.actor === SYSTEM ? null : act.actor.identityId);
export const personOf = (act: Act): number | null => (act.actor === SYSTEM ? null : act.actor.personId);

/** Reads a ticket for someone who asks about it (status, history): found and visible, or why not. */
export async function see(act: Act, ticketId: number): Promise<Begun | Refusal> {
  const found = isRecordId(ticketId)
    ? await act.db.ticket.findUnique({ where: { id: ticketId }, include: { place: true } })
    : null;
  if (!found) return { ok: false, reason: 'not_found', ticketId };
  const { place, ...ticket } = found;
  if (act.actor === SYSTEM) return { ticket, place, parties: new Set<Party>(['system']) };
  const access = await accessTo(act.db, act.actor, found, act.chatPlace);
  if (!access.visible) return refuseSight(access.parties, ticketId);
  if (isSensitive(ticket) && !access.parties.has('reporter') && !access.parties.has('handler')) {
    return { ok: false, reason: 'private', ticketId };
  }
  return { ticket, place, parties: access.parties };
}

/** Crime and instability leads (四必报): told only to their reporter and the heads over them. */
export function isSensitive(ticket: { mustReport: string | null }): boolean {
  return ticket.mustReport === 'crime' || ticket.mustReport === 'instability';
}

/** Out of sight: a neighbour in the ticket's area is told it is private, anyone else that it is elsewhere. */
function refuseSight(parties: Set<Party>, ticketId: number): Refusal {
  return { ok: false, reason: parties.has('neighbour') ? 'private' : 'hidden', ticketId };
}

/** A neighbour asking to act is told who may (that reveals nothing); a stranger that it is elsewhere. */
function refuseAct(parties: Set<Party>, verb: Verb, ticket: TicketRow): Refusal {
  if (parties.has('neighbour')) return { ok: false, reason: 'forbidden', verb, ticket, who: TRANSITIONS[verb].who };
  return { ok: false, reason: 'hidden', ticketId: ticket.id };
}
