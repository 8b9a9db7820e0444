/**
 * Ticket rows: creation with deadlines, and the one primitive that changes a ticket, a
 * compare-and-set update with its audit event, in the caller's transaction.
 */
import type { Config } from '../../common/config.js';
import type { Db } from '../../store/client.js';
import { insertEvents, insertTicket, type TicketInsert } from '../../store/intake-writes.js';
import type { TicketStatus } from './states.js';

/** The data of a reopening caused by an unsatisfied follow-up, and its stored form (the digest counts these). */
export const FOLLOWUP_CAUSE = { cause: 'followup' } as const;
export const FOLLOWUP_REOPEN = JSON.stringify(FOLLOWUP_CAUSE);

export type TicketRow = NonNullable<Awaited<ReturnType<Db['ticket']['findUnique']>>>;

/** Acknowledge and resolve deadlines from configuration, per category and urgency. */
export function deadlines(
  config: Config,
  category: string,
  urgent: boolean,
  from: Date,
): { ackDueAt: Date; resolveDueAt: Date } {
  const rule = urgent ? config.deadlines.urgent : (config.deadlines.byCategory[category] ?? config.deadlines.normal);
  return {
    ackDueAt: new Date(from.getTime() + rule.ackMinutes * 60_000),
    resolveDueAt: new Date(from.getTime() + rule.resolveMinutes * 60_000),
  };
}

/** What a new ticket needs; status, deadlines and times follow from it. */
export interface NewTicket extends Omit<TicketInsert, 'status' | 'ackDueAt' | 'resolveDueAt' | 'createdAt'> {
  now: Date;
  config: Config;
}

/** Creates a ticket, assigned when there is an assignee, with its created/assigned events. */
export async function createTicket(tx: Db, t: NewTicket): Promise<TicketRow> {
  const due = deadlines(t.config, t.category, t.urgent, t.now);
  const status = t.assigneeId ? 'assigned' : 'new';
  const fields = {
    status,
    category: t.category,
    urgent: t.urgent,
    mustReport: t.mustReport,
    text: t.text.slice(0, 2000),
    building: t.building,
    unit: t.unit,
    room: t.room,
    placeId: t.placeId,
    chatId: t.chatId,
    reporterId: t.reporterId,
    assigneeId: t.assigneeId,
    relatedToId: t.relatedToId ?? null,
    ackDueAt: due.ackDueAt,
    resolveDueAt: due.resolveDueAt,
    createdAt: t.now,
  };
  const id = await insertTicket(tx, fields, [
    { kind: 'created', actorId: t.reporterId, fromStatus: null, toStatus: 'new', note: null, data: null, at: t.now },
    ...(t.assigneeId
      ? [
          {
            kind: 'assigned',
            actorId: null,
            fromStatus: 'new',
            toStatus: 'assigned',
            note: null,
            data: JSON.stringify({ assigneeId: t.assigneeId }),
            at: t.now,
          },
        ]
      : []),
  ]);
  return {
    ...fields,
    id,
    escalationLevel: 0,
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    followupDueAt: null,
    followupRemindedAt: null,
    satisfied: null,
    mergedIntoId: null,
    version: 0,
    chaseCount: 0,
    lastNudgeAt: null,
    relapseCount: 0,
    relatedToId: t.relatedToId ?? null,
    updatedAt: t.now,
  };
}

export interface Change {
  /** The event kind written to the audit trail (acknowledged, progress, reopened …). */
  kind: string;
  actorId?: number | null;
  note?: string | null;
  data?: Record<string, unknown>;
  /** Extra ticket fields to set with the change. */
  set?: Record<string, unknown>;
  now: Date;
}

/**
 * Moves a ticket from one of `from` to `to` (or keeps its status when `to` is null) only if
 * nobody changed it since it was read (same `version`), and records the event.
 * Returns the changed ticket, or null when someone else changed it first.
 */
export async function apply(
  db: Db,
  ticket: TicketRow,
  from: readonly TicketStatus[],
  to: TicketStatus | null,
  change: Change,
): Promise<TicketRow | null> {
  const { count } = await db.ticket.updateMany({
    where: { id: ticket.id, status: { in: [...from] }, version: ticket.version },
    data: { ...(to ? { status: to } : {}), ...(change.set ?? {}), updatedAt: change.now, version: { increment: 1 } },
  });
  if (!count) return null;
  await insertEvents(db, [
    {
      ticketId: ticket.id,
      kind: change.kind,
      actorId: change.actorId ?? null,
      fromStatus: ticket.status,
      toStatus: to ?? ticket.status,
      note: change.note ?? null,
      data: change.data ? JSON.stringify(change.data) : null,
      at: change.now,
    },
  ]);
  return db.ticket.findUnique({ where: { id: ticket.id } });
}
