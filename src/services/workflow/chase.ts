/**
 * 催办 and the other words people add to a ticket they care about: a chase (counted; nudges the
 * assignee at most once an hour; escalates after repeated chases), an addition (more detail from
 * the reporter), and a relapse (反复: the problem is back after it was handled).
 */
import { SYSTEM } from './access.js';
import { type Act, actorId, begin, stale } from './begin.js';
import type { Result } from './result.js';
import { escalate } from './routing.js';
import { TRANSITIONS } from './states.js';
import { apply, deadlines } from './tickets.js';

export interface ChaseOptions {
  /** After this many chases the ticket goes one level up. */
  escalateAfter: number;
  /** The assignee is nudged at most once in this many minutes. */
  nudgeMinutes: number;
}

/** 催办: counted; says whether to nudge the assignee now and whom the ticket went up to. */
export async function chase(
  act: Act,
  ticketId: number,
  note: string | null,
  o: ChaseOptions,
): Promise<Result<{ nudge: boolean; escalatedTo: { personId: number; name: string } | null }>> {
  const b = await begin(act, 'chase', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  const nudge = !ticket.lastNudgeAt || act.now.getTime() - ticket.lastNudgeAt.getTime() >= o.nudgeMinutes * 60_000;
  const t = await apply(act.db, ticket, TRANSITIONS.chase.from, null, {
    kind: 'chased',
    actorId: actorId(act),
    note,
    now: act.now,
    data: { count: ticket.chaseCount + 1 },
    set: { chaseCount: { increment: 1 }, ...(nudge ? { lastNudgeAt: act.now } : {}) },
  });
  if (!t) return stale(act, 'chase', ticketId);
  if (t.chaseCount % o.escalateAfter !== 0 || t.status === 'new') {
    return { ok: true, ticket: t, place, nudge, escalatedTo: null };
  }
  // Repeated chases escalate on the residents' behalf, as the sweeper would.
  const up = await escalate({ ...act, actor: SYSTEM }, ticketId, 'chase', t.version);
  if (!up.ok) return { ok: true, ticket: t, place, nudge, escalatedTo: null };
  return { ok: true, ticket: up.ticket, place, nudge, escalatedTo: { personId: up.head.personId, name: up.head.name } };
}

/** A note on a ticket under `verb`'s rule of who and when; the status stays. */
async function noted(act: Act, verb: 'chase' | 'annotate', ticketId: number, note: string): Promise<Result> {
  const b = await begin(act, verb, ticketId);
  if (!('parties' in b)) return b;
  const t = await apply(act.db, b.ticket, TRANSITIONS[verb].from, null, {
    kind: 'noted',
    actorId: actorId(act),
    note,
    now: act.now,
  });
  return t ? { ok: true, ticket: t, place: b.place } : stale(act, verb, ticketId);
}

/** 补充: the reporter or a follower adds detail to an open ticket; the status stays. */
export function addNote(act: Act, ticketId: number, note: string): Promise<Result> {
  return noted(act, 'chase', ticketId, note);
}

/** 补记: the handler adds to a ticket they have handled; it stays resolved, awaiting its follow-up. */
export function annotate(act: Act, ticketId: number, note: string): Promise<Result> {
  return noted(act, 'annotate', ticketId, note);
}

/** 反复: a resolved or closed ticket reopens because the problem came back; counted. */
export async function relapse(act: Act, ticketId: number, note: string, urgent = false): Promise<Result> {
  const b = await begin(act, 'relapse', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  const due = deadlines(act.config, ticket.category, ticket.urgent || urgent, act.now);
  const t = await apply(act.db, ticket, TRANSITIONS.relapse.from, 'assigned', {
    kind: 'reopened',
    actorId: actorId(act),
    note,
    now: act.now,
    data: { relapse: true },
    set: {
      relapseCount: { increment: 1 },
      ...(urgent ? { urgent: true } : {}),
      resolvedAt: null,
      closedAt: null,
      followupDueAt: null,
      followupRemindedAt: null,
      ackDueAt: due.ackDueAt,
      resolveDueAt: due.resolveDueAt,
    },
  });
  return t ? { ok: true, ticket: t, place } : stale(act, 'relapse', ticketId);
}

/**
 * 升为紧急: an open problem not paged has become a danger now (children playing under the loose
 * tiles still not cordoned off): urgent from now on, its deadlines no later than an urgent one's.
 */
export async function raise(act: Act, ticketId: number, note: string): Promise<Result> {
  const b = await begin(act, 'raise', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  const due = deadlines(act.config, ticket.category, true, act.now);
  const sooner = (a: Date | null, b: Date) => (a && a < b ? a : b);
  const t = await apply(act.db, ticket, TRANSITIONS.raise.from, null, {
    kind: 'raised',
    actorId: actorId(act),
    note,
    now: act.now,
    set: {
      urgent: true,
      ackDueAt: ticket.ackDueAt ? sooner(ticket.ackDueAt, due.ackDueAt) : null,
      resolveDueAt: sooner(ticket.resolveDueAt, due.resolveDueAt),
    },
  });
  return t ? { ok: true, ticket: t, place } : stale(act, 'raise', ticketId);
}
