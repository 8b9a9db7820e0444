/**
 * Escalation and the sweeps that find what is due: unacknowledged or overdue tickets move one
 * level up (unit → building → grid → community), resolved tickets without a follow-up remind
 * their handler. Deadlines live in the database, so a restart loses nothing.
 */
import { ROLE_LABELS, T } from '../common/text.js';
import type { Config } from '../common/config.js';
import type { Logger } from '../common/log.js';
import type { Tx } from './db.js';
import { ancestors, headOf, type PlaceRow } from './org/places.js';
import { ticketChat, toChat, toPerson } from './notify.js';
import { enqueue, type OutboxItem } from './outbox.js';
import { HANDLING_STATUSES, StaleTicketError, deadlines, transition, type TicketRow } from './tickets.js';

export type EscalationReason = 'ack' | 'resolve' | 'manual';

export interface Escalated {
  ticket: TicketRow;
  headName: string;
  levelName: string;
  items: OutboxItem[];
}

/** Moves a ticket to the head one level above its current assignee. Null when already at the top. */
export async function escalateTicket(
  tx: Tx,
  ticket: TicketRow,
  reason: EscalationReason,
  now: Date,
  config: Config,
  actorId: number | null = null,
): Promise<Escalated | null> {
  if (!ticket.placeId) return null;
  const place = await tx.place.findUnique({ where: { id: ticket.placeId } });
  if (!place) return null;
  const chain = await ancestors(tx, place);
  const at = await assigneeLevel(tx, chain, ticket.assigneeId);
  const next = await headOf(tx, chain.slice(at + 1));
  if (!next) return null;
  const due = deadlines(config, ticket.category, ticket.urgent, now);
  const updated = await transition(tx, ticket, HANDLING_STATUSES, null, {
    kind: 'escalated',
    actorId,
    note: reasonText(reason),
    data: { from: ticket.assigneeId, to: next.personId, level: next.place.level },
    set: {
      assigneeId: next.personId,
      escalationLevel: ticket.escalationLevel + 1,
      ackDueAt: due.ackDueAt,
      resolveDueAt: due.resolveDueAt,
    },
    now,
  });
  const levelName = levelLabel(next.place);
  const items: OutboxItem[] = [];
  const chat = await ticketChat(tx, ticket.chatId);
  const text = T.escalated({ id: ticket.id, head: next.name, level: levelName, reason: reasonText(reason) });
  if (chat && !ticket.mustReport) {
    const item = await toChat(tx, chat, `${text}\n${T.escalatedToReporter(ticket.id, levelName)}`, [next.personId]);
    const reporter = await tx.identity.findUnique({ where: { id: ticket.reporterId } });
    if (reporter && reporter.platform === chat.platform) {
      item.mentions = [
        ...(item.mentions ?? []),
        { id: reporter.externalId, name: reporter.displayName, username: reporter.username ?? undefined },
      ];
      item.text = `@${reporter.displayName} ${item.text}`;
    }
    items.push(item);
  } else {
    items.push(...(await toPerson(tx, next.personId, text)));
  }
  return { ticket: updated, headName: next.name, levelName, items };
}

function reasonText(reason: EscalationReason): string {
  return reason === 'ack'
    ? T.escalateReasonAck
    : reason === 'resolve'
      ? T.escalateReasonResolve
      : T.escalateReasonManual;
}

function levelLabel(place: PlaceRow): string {
  return `${place.name}（${ROLE_LABELS[place.level] ?? '负责人'}）`;
}

/** Index in `chain` of the place where the assignee holds a role (-1 when unassigned). */
async function assigneeLevel(tx: Tx, chain: PlaceRow[], assigneeId: number | null): Promise<number> {
  if (!assigneeId) return -1;
  const roles = await tx.role.findMany({ where: { personId: assigneeId }, include: { place: true } });
  const index = chain.findIndex((p) => roles.some((r) => r.placeId === p.id));
  if (index >= 0 || !roles.length) return index;
  // Assigned outside the ticket's own chain (reassigned to a neighbour): escalate above their level.
  const depth = Math.min(...roles.map((r) => r.place.depth));
  return chain.findIndex((p) => p.depth <= depth);
}

export interface SweepDb {
  prisma: Tx & { $transaction: <R>(fn: (tx: Tx) => Promise<R>) => Promise<R> };
}

/** Escalates every ticket whose acknowledge or resolve deadline has passed. Returns how many. */
export async function sweepDeadlines(db: SweepDb, now: Date, config: Config, log: Logger): Promise<number> {
  const due = await db.prisma.ticket.findMany({
    where: {
      OR: [
        { status: 'assigned', ackDueAt: { lt: now } },
        { status: { in: HANDLING_STATUSES }, resolveDueAt: { lt: now } },
      ],
    },
    orderBy: { id: 'asc' },
    take: 500,
  });
  let count = 0;
  for (const ticket of due) {
    const reason: EscalationReason = ticket.status === 'assigned' && ticket.ackDueAt! < now ? 'ack' : 'resolve';
    try {
      const done = await db.prisma.$transaction(async (tx) => {
        const result = await escalateTicket(tx, ticket, reason, now, config);
        if (result) {
          await enqueue(
            tx,
            result.items.map((item, i) => ({
              ...item,
              dedupeKey: `esc:${ticket.id}:${ticket.escalationLevel + 1}:${i}`,
            })),
          );
          return true;
        }
        // Already at the top: stop sweeping it until someone acts.
        await tx.ticket.updateMany({
          where: { id: ticket.id, updatedAt: ticket.updatedAt },
          data: { ackDueAt: null, resolveDueAt: null },
        });
        return false;
      });
      if (done) count++;
    } catch (error) {
      if (!(error instanceof StaleTicketError)) log.error({ err: error, ticket: ticket.id }, 'escalation failed');
    }
  }
  return count;
}

/** Reminds handlers of resolved tickets whose follow-up (回访) is overdue; once per ticket. */
export async function sweepFollowups(db: SweepDb, now: Date, log: Logger): Promise<number> {
  const due = await db.prisma.ticket.findMany({
    where: { status: 'resolved', followupDueAt: { lt: now }, followupRemindedAt: null },
    take: 500,
  });
  let count = 0;
  for (const ticket of due) {
    try {
      await db.prisma.$transaction(async (tx) => {
        const { count: won } = await tx.ticket.updateMany({
          where: { id: ticket.id, followupRemindedAt: null },
          data: { followupRemindedAt: now },
        });
        if (!won || !ticket.assigneeId) return;
        const head = await tx.person.findUnique({ where: { id: ticket.assigneeId } });
        const text = T.followupReminder(ticket.id, head?.name ?? '负责人');
        const chat = await ticketChat(tx, ticket.chatId);
        const items = await toPerson(tx, ticket.assigneeId, text);
        if (!items.length && chat) items.push(await toChat(tx, chat, text, [ticket.assigneeId]));
        await enqueue(
          tx,
          items.map((item, i) => ({ ...item, dedupeKey: `fu:${ticket.id}:${i}` })),
        );
        await tx.ticketEvent.create({ data: { ticketId: ticket.id, kind: 'reminded', note: '回访提醒', at: now } });
        count++;
      });
    } catch (error) {
      log.error({ err: error, ticket: ticket.id }, 'follow-up reminder failed');
    }
  }
  return count;
}
