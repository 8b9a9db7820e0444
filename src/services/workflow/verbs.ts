/**
 * The verbs of the closed loop that a handler or a reporter uses on one ticket: claim (签收),
 * progress (办理), resolve (办结), follow-up (回访), reopen (重开), cancel (撤销) and chase (催办).
 * Each checks the transition table, writes the ticket, its event, deadlines and points in the
 * caller's transaction, and returns a typed result.
 */
import { award } from '../points.js';
import { type Act, actorId, begin, personOf, stale } from './begin.js';
import type { Result } from './result.js';
import { TRANSITIONS } from './states.js';
import { apply, deadlines, FOLLOWUP_CAUSE } from './tickets.js';

/** 签收: a handler takes the ticket on; on time earns points. */
export async function claim(act: Act, ticketId: number): Promise<Result<{ onTime: boolean }>> {
  const b = await begin(act, 'claim', ticketId);
  if (!('ticket' in b) || !('parties' in b)) return b;
  const { ticket, place } = b;
  const onTime = !ticket.ackDueAt || act.now <= ticket.ackDueAt;
  const t = await apply(act.db, ticket, TRANSITIONS.claim.from, 'acknowledged', {
    kind: 'acknowledged',
    actorId: actorId(act),
    now: act.now,
    set: { acknowledgedAt: act.now, assigneeId: personOf(act) },
  });
  if (!t) return stale(act, 'claim', ticketId);
  const person = personOf(act);
  if (onTime && person) await award(act.db, person, t.id, place, 'claim_on_time', act.now);
  return { ok: true, ticket: t, place, onTime };
}

/** 办理: a progress note; the first note also counts as the claim. */
export async function progress(act: Act, ticketId: number, note: string): Promise<Result> {
  const b = await begin(act, 'progress', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  const t = await apply(act.db, ticket, TRANSITIONS.progress.from, 'in_progress', {
    kind: 'progress',
    actorId: actorId(act),
    note,
    now: act.now,
    set: ticket.acknowledgedAt ? {} : { acknowledgedAt: act.now, assigneeId: personOf(act) },
  });
  return t ? { ok: true, ticket: t, place } : stale(act, 'progress', ticketId);
}

/** 办结: handled, with a note; the follow-up is due after the configured hours. */
export async function resolve(act: Act, ticketId: number, note: string | null): Promise<Result<{ onTime: boolean }>> {
  const b = await begin(act, 'resolve', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  const onTime = !ticket.resolveDueAt || act.now <= ticket.resolveDueAt;
  const t = await apply(act.db, ticket, TRANSITIONS.resolve.from, 'resolved', {
    kind: 'resolved',
    actorId: actorId(act),
    note,
    now: act.now,
    set: {
      resolvedAt: act.now,
      followupDueAt: new Date(act.now.getTime() + act.config.followupReminderHours * 3_600_000),
      assigneeId: ticket.assigneeId ?? personOf(act),
    },
  });
  if (!t) return stale(act, 'resolve', ticketId);
  if (onTime && t.assigneeId) await award(act.db, t.assigneeId, t.id, place, 'resolve_on_time', act.now);
  return { ok: true, ticket: t, place, onTime };
}

/** 回访: satisfied closes the ticket (销号); not satisfied reopens it. */
export async function followup(act: Act, ticketId: number, satisfied: boolean): Promise<Result<{ closed: boolean }>> {
  const b = await begin(act, 'followup', ticketId);
  if (!('parties' in b)) return b;
  const { ticket, place } = b;
  // 谁调处、谁回访: the handler visits, but the answer is the resident's; nobody rates their own work.
  if (personOf(act) && personOf(act) === ticket.assigneeId && !b.parties.has('reporter')) {
    return { ok: false, reason: 'forbidden', verb: 'followup', ticket, who: ['reporter', 'follower'] };
  }
  if (!satisfied) {
    const reopened = await reopenTicket(act, b, null, { satisfied: false }, 'followup');
    return reopened.ok ? { ...reopened, closed: false } : reopened;
  }
  const t = await apply(act.db, ticket, TRANSITIONS.followup.from, 'closed', {
    kind: 'closed',
    actorId: actorId(act),
    data: { satisfied: true },
    now: act.now,
    set: { closedAt: act.now, satisfied: true },
  });
  if (!t) return stale(act, 'followup', ticketId);
  if (t.assigneeId) await award(act.db, t.assigneeId, t.id, place, 'satisfied', act.now);
  return { ok: true, ticket: t, place, closed: true };
}

/** 重开: a resolved or closed ticket goes back to its handler, with a new deadline. */
export async function reopen(act: Act, ticketId: number, note: string | null): Promise<Result> {
  const b = await begin(act, 'reopen', ticketId);
  if (!('parties' in b)) return b;
  return reopenTicket(act, b, note, {}, 'reopen');
}

async function reopenTicket(
  act: Act,
  b: Exclude<Awaited<ReturnType<typeof begin>>, { ok: false }>,
  note: string | null,
  extra: Record<string, unknown>,
  verb: 'reopen' | 'followup',
): Promise<Result> {
  const { ticket, place } = b;
  const due = deadlines(act.config, ticket.category, ticket.urgent, act.now);
  const t = await apply(act.db, ticket, TRANSITIONS[verb].from, 'assigned', {
    kind: 'reopened',
    actorId: actorId(act),
    note,
    ...(verb === 'followup' ? { data: FOLLOWUP_CAUSE } : {}),
    now: act.now,
    set: {
      ...extra,
      resolvedAt: null,
      closedAt: null,
      followupDueAt: null,
      followupRemindedAt: null,
      ackDueAt: due.ackDueAt,
      resolveDueAt: due.resolveDueAt,
    },
  });
  return t ? { ok: true, ticket: t, place } : stale(act, verb, ticket.id);
}

/** 撤销: the reporter (or a handler) withdraws an open ticket. */
export async function cancel(act: Act, ticketId: number, note: string | null): Promise<Result> {
  const b = await begin(act, 'cancel', ticketId);
  if (!('parties' in b)) return b;
  const t = await apply(act.db, b.ticket, TRANSITIONS.cancel.from, 'cancelled', {
    kind: 'cancelled',
    actorId: actorId(act),
    note,
    now: act.now,
  });
  return t ? { ok: true, ticket: t, place: b.place } : stale(act, 'cancel', ticketId);
}
