/**
 * A head's actions from the ticket page: the same workflow verbs as the chat commands, with the
 * person's web identity as the actor (so the audit trail reads alike), and the same words queued
 * into the ticket's chat through the outbox, in one transaction.
 */
import { refusalText, T, when } from '../common/text/index.js';
import { isRecordId } from '../common/ids.js';
import { escalationMessages } from '../services/escalation.js';
import { followupQuestion } from '../services/followup-ask.js';
import { ticketChat, toChat } from '../services/notify.js';
import { enqueue, type OutboxItem } from '../services/outbox.js';
import type { Scope } from '../services/console/scope.js';
import { webIdentity, type Session } from '../services/web-access.js';
import * as workflow from '../services/workflow/index.js';
import type { Db } from '../store/client.js';
import type { WebDeps } from './types.js';

export const WEB_VERBS = ['claim', 'progress', 'resolve', 'reassign', 'escalate'] as const;
export type WebVerb = (typeof WEB_VERBS)[number];

export type ActionOutcome = { ok: true } | { ok: false; message: string };

/** Runs one verb for the signed-in person; what the chat should hear is queued with it. */
export async function runAction(
  deps: WebDeps,
  session: Session,
  scope: Scope,
  verb: WebVerb,
  ticketId: number,
  form: Record<string, unknown>,
): Promise<ActionOutcome> {
  const now = deps.clock.now();
  const note = typeof form.note === 'string' ? form.note.trim().slice(0, 500) : '';
  const outcome = await deps.db.$transaction(async (tx): Promise<ActionOutcome & { queued?: number }> => {
    const identity = await webIdentity(tx, session.personId);
    const name = identity.name;
    const act: workflow.Act = {
      db: tx,
      actor: { identityId: identity.id, personId: session.personId, name },
      now,
      config: deps.config,
    };
    let r: workflow.Result;
    let items: OutboxItem[] = [];
    if (verb === 'claim') {
      r = await workflow.claim(act, ticketId);
      if (r.ok) {
        const due = when(r.ticket.resolveDueAt ?? now, deps.config.timeZone);
        items = await toOrigin(tx, r.ticket, T.claimed(r.ticket.id, name, due));
      }
    } else if (verb === 'progress') {
      r = await workflow.progress(act, ticketId, note);
      if (r.ok) items = await toOrigin(tx, r.ticket, T.progress(r.ticket.id, name, note || T.inProgress));
    } else if (verb === 'resolve') {
      r = await workflow.resolve(act, ticketId, note || null);
      if (r.ok) {
        items = await toOrigin(tx, r.ticket, T.resolved(r.ticket.id, name, note));
        items.push(...(await followupQuestion(tx, r.ticket)));
      }
    } else if (verb === 'reassign') {
      const to = Number(form.to);
      const person = isRecordId(to) ? await tx.person.findUnique({ where: { id: to } }) : null;
      const inScope =
        person && (await tx.role.count({ where: { personId: person.id, placeId: { in: [...scope.places.keys()] } } }));
      if (!person || !inScope) return { ok: false, message: T.noTarget(ticketId) };
      r = await workflow.reassign(act, ticketId, { personId: person.id, name: person.name });
      if (r.ok) items = await toOrigin(tx, r.ticket, T.reassigned(r.ticket.id, person.name), [person.id]);
    } else {
      const e = await workflow.escalate(act, ticketId, 'manual');
      r = e;
      if (e.ok) items = await escalationMessages(tx, e.ticket, e.head, 'manual');
    }
    if (!r.ok) return { ok: false, message: refusal(r, now) };
    await enqueue(
      tx,
      items.map((m) => ({ ...m, ticketId: m.ticketId ?? r.ticket?.id ?? ticketId })),
    );
    return { ok: true, queued: items.length };
  });
  if (outcome.ok) {
    deps.logger.info({ ticket: ticketId, verb, person: session.personId, queued: outcome.queued }, 'web action');
    if (outcome.queued) deps.wake?.();
    return { ok: true };
  }
  return outcome;
}

/** The words in the ticket's own chat; must-report items stay out of groups. */
async function toOrigin(tx: Db, t: workflow.TicketRow, text: string, mention: number[] = []): Promise<OutboxItem[]> {
  const origin = await ticketChat(tx, t.chatId);
  if (!origin || t.mustReport) return [];
  return [await toChat(tx, origin, text, mention)];
}

/** A refusal in words, as the chat says it; a ticket out of sight is simply forbidden here. */
function refusal(r: workflow.Refusal, now: Date): string {
  return r.reason === 'hidden' ? T.web.forbidden : refusalText(r, now);
}
