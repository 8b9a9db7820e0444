/**
 * The verbs that move a ticket between people and places: reassign (转派), escalate (上报/升级),
 * merge (合并), correct (更正 category or place) and chase (催办).
 */
import { insertFollower } from '../../store/intake-writes.js';
import type { Category } from '../../intents/index.js';
import type { Db } from '../../store/client.js';
import { ancestors, canHandle, headOf, type HeadRow, type PlaceRow, resolveLocation } from '../org/places.js';
import { SYSTEM } from './access.js';
import { type Act, actorId, begin, stale } from './begin.js';
import type { Result } from './result.js';
import { TRANSITIONS } from './states.js';
import { apply, deadlines, type TicketRow } from './tickets.js';

/** Whom a ticket is handed to: a person of the org, or a service on the notice board (物业). */
export type Target = { personId: number; name: string } | { board: { label: string; phone: string } };

/** 转派: to a person (who must then sign for it) or to a service on the notice board. */
export async function reassign(act: Act, ticketId: number, target: Target): Promise<Result<{ target: Target }>> {
  const b = await begin(act, 'reassign', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  if ('personId' in target && !(await canHandle(act.db, target.personId, place))) {
    return { ok: false, reason: 'invalid', verb: 'reassign', ticket, detail: 'target_no_role' };
  }
  if ('personId' in target) {
    const due = deadlines(act.config, ticket.category, ticket.urgent, act.now);
    const t = await apply(act.db, ticket, TRANSITIONS.reassign.from, 'assigned', {
      kind: 'reassigned',
      actorId: actorId(act),
      now: act.now,
      data: { from: ticket.assigneeId, to: target.personId, toName: target.name },
      set: { assigneeId: target.personId, acknowledgedAt: null, ackDueAt: due.ackDueAt },
    });
    return t ? { ok: true, ticket: t, place, target } : stale(act, 'reassign', ticketId);
  }
  const t = await apply(act.db, ticket, TRANSITIONS.reassign.from, 'in_progress', {
    kind: 'reassigned',
    actorId: actorId(act),
    now: act.now,
    data: { toBoard: target.board.label, phone: target.board.phone },
  });
  return t ? { ok: true, ticket: t, place, target } : stale(act, 'reassign', ticketId);
}

/** The person or notice-board service a name means, seen from a ticket's place; null when none. */
export async function findTarget(db: Db, name: string, place: PlaceRow | null): Promise<Target | null> {
  const person = await db.person.findFirst({
    where: { OR: [{ name }, { identities: { some: { displayName: name } } }] },
  });
  if (person) return { personId: person.id, name: person.name };
  if (!place) return null;
  const chain = await ancestors(db, place);
  const board = await db.boardEntry.findFirst({
    where: { label: { contains: name }, placeId: { in: chain.map((p) => p.id) } },
  });
  return board ? { board: { label: board.label, phone: board.phone } } : null;
}

export type EscalationReason = 'ack' | 'resolve' | 'manual' | 'chase';

/** 升级: to the head one level above the current assignee, with fresh deadlines. */
export async function escalate(
  act: Act,
  ticketId: number,
  reason: EscalationReason,
  /** The sweeper passes the `version` it saw, so a ticket someone acted on meanwhile is left alone. */
  version?: number,
): Promise<Result<{ head: HeadRow }>> {
  const b = await begin(act, 'escalate', ticketId, { version });
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  const next = place ? await nextHead(act.db, place, ticket.assigneeId) : null;
  if (!next) return { ok: false, reason: 'top', verb: 'escalate', ticket };
  const due = deadlines(act.config, ticket.category, ticket.urgent, act.now);
  const t = await apply(act.db, ticket, TRANSITIONS.escalate.from, null, {
    kind: 'escalated',
    actorId: actorId(act),
    now: act.now,
    data: { from: ticket.assigneeId, to: next.personId, level: next.place.level, reason },
    set: {
      assigneeId: next.personId,
      escalationLevel: ticket.escalationLevel + 1,
      ackDueAt: due.ackDueAt,
      resolveDueAt: due.resolveDueAt,
    },
  });
  return t ? { ok: true, ticket: t, place, head: next } : stale(act, 'escalate', ticketId);
}

/** The head of the first place above the one where the assignee holds a role. */
async function nextHead(db: Db, place: PlaceRow, assigneeId: number | null): Promise<HeadRow | null> {
  const chain = await ancestors(db, place);
  return headOf(db, chain.slice((await assigneeLevel(db, chain, assigneeId)) + 1));
}

/** Index in `chain` of the place where the assignee holds a role (-1 when unassigned). */
async function assigneeLevel(db: Db, chain: PlaceRow[], assigneeId: number | null): Promise<number> {
  if (!assigneeId) return -1;
  const roles = await db.role.findMany({ where: { personId: assigneeId }, include: { place: true } });
  const index = chain.findIndex((p) => roles.some((r) => r.placeId === p.id));
  if (index >= 0 || !roles.length) return index;
  // Assigned outside the ticket's own chain (reassigned to a neighbour): escalate above their level.
  const depth = Math.min(...roles.map((r) => r.place.depth));
  return chain.findIndex((p) => p.depth <= depth);
}

/** 合并: `fromId` joins `intoId`; its reporter and followers follow `intoId` from now on. */
export async function merge(act: Act, fromId: number, intoId: number): Promise<Result<{ into: TicketRow }>> {
  const b = await begin(act, 'merge', fromId, { state: false });
  if (!('parties' in b)) return b;
  if (fromId === intoId)
    return { ok: false, reason: 'invalid', verb: 'merge', ticket: b.ticket, detail: 'same_ticket' };
  const into = await begin(act, 'merge', intoId, { state: false });
  if (!('parties' in into)) return into;
  for (const t of [b.ticket, into.ticket]) {
    if (!TRANSITIONS.merge.from.includes(t.status as never)) {
      return { ok: false, reason: 'wrong_state', verb: 'merge', ticket: t, last: null };
    }
  }
  const t = await apply(act.db, b.ticket, TRANSITIONS.merge.from, 'merged', {
    kind: 'merged',
    actorId: actorId(act),
    now: act.now,
    data: { into: intoId },
    set: { mergedIntoId: intoId },
  });
  if (!t) return stale(act, 'merge', fromId);
  const followers = await act.db.ticketFollower.findMany({ where: { ticketId: fromId } });
  for (const identityId of [b.ticket.reporterId, ...followers.map((f) => f.identityId)]) {
    if (identityId !== into.ticket.reporterId) await follow(act.db, intoId, identityId, act.now);
  }
  return { ok: true, ticket: t, place: b.place, into: into.ticket };
}

/** Adds a follower (idempotent). */
export async function follow(db: Db, ticketId: number, identityId: number, at: Date): Promise<void> {
  await insertFollower(db, ticketId, identityId, at);
}

export type Correction = { category: Category } | { place: { building: string | null; unit: string | null } };

/** 更正: a head sets the right category (kept for learning) or place (and its head). */
export async function correct(
  act: Act,
  ticketId: number,
  correction: Correction,
): Promise<Result<{ head: HeadRow | null; newPlace: PlaceRow | null }>> {
  const b = await begin(act, 'correct', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  const by = actorId(act);
  if ('category' in correction) {
    const t = await apply(act.db, ticket, [ticket.status as never], null, {
      kind: 'corrected',
      actorId: by,
      now: act.now,
      data: { field: 'category', from: ticket.category, to: correction.category },
      set: { category: correction.category },
    });
    if (!t) return stale(act, 'correct', ticketId);
    await act.db.correction.create({
      data: {
        ticketId,
        text: ticket.text,
        field: 'category',
        fromValue: ticket.category,
        toValue: correction.category,
        byIdentityId: by,
        at: act.now,
      },
    });
    return { ok: true, ticket: t, place, head: null, newPlace: null };
  }
  const target = place ? await resolveLocation(act.db, place, correction.place) : null;
  if (!target) return { ok: false, reason: 'invalid', verb: 'correct', ticket, detail: 'unknown_place' };
  // A head moves a ticket only within their own area.
  if (act.actor !== SYSTEM && !(await canHandle(act.db, act.actor.personId, target))) {
    return { ok: false, reason: 'invalid', verb: 'correct', ticket, detail: 'place_not_yours' };
  }
  const head = await headOf(act.db, await ancestors(act.db, target));
  const open = TRANSITIONS.reassign.from.includes(ticket.status as never);
  const t = await apply(act.db, ticket, [ticket.status as never], null, {
    kind: 'corrected',
    actorId: by,
    now: act.now,
    data: { field: 'place', from: ticket.placeId, to: target.id },
    set: {
      placeId: target.id,
      building: correction.place.building,
      unit: correction.place.unit,
      ...(head && open ? { assigneeId: head.personId } : {}),
    },
  });
  if (!t) return stale(act, 'correct', ticketId);
  await act.db.correction.create({
    data: {
      ticketId,
      text: ticket.text,
      field: 'place',
      fromValue: String(ticket.placeId),
      toValue: String(target.id),
      byIdentityId: by,
      at: act.now,
    },
  });
  return { ok: true, ticket: t, place: target, head, newPlace: target };
}
