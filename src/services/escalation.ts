/**
 * The sweeps that find what is due, and the messages an escalation sends: unacknowledged or
 * overdue tickets move one level up (unit → building → grid → community) through the workflow's
 * `escalate`; resolved tickets without a follow-up remind their handler once. Deadlines live in
 * the database, so a restart loses nothing.
 */
import type { Config } from '../common/config.js';
import type { Logger } from '../common/log.js';
import { duration, ROLE_LABELS, T } from '../common/text/index.js';
import type { Database, Db } from '../store/client.js';
import { insertEvents } from '../store/intake-writes.js';
import { ticketChat, toChat, toPerson } from './notify.js';
import { enqueue, type OutboxItem } from './outbox.js';
import * as workflow from './workflow/index.js';

/** The messages about an escalation: the ticket's chat (reporter and new head @-mentioned), or the head directly. */
export async function escalationMessages(
  db: Db,
  ticket: workflow.TicketRow,
  head: { personId: number; name: string; place: { name: string; level: string } },
  reason: workflow.EscalationReason,
): Promise<OutboxItem[]> {
  const level = levelLabel(head.place);
  const text = T.escalated({ id: ticket.id, head: head.name, level, reason: T.escalateReasons[reason] });
  const chat = await ticketChat(db, ticket.chatId);
  if (!chat || ticket.mustReport) return toPerson(db, head.personId, text);
  const item = await toChat(db, chat, `${text}\n${T.escalatedToReporter(ticket.id, level)}`, [head.personId]);
  const reporter = await db.identity.findUnique({ where: { id: ticket.reporterId } });
  if (reporter && reporter.platform === chat.platform) {
    item.mentions = [
      ...(item.mentions ?? []),
      { id: reporter.externalId, name: reporter.displayName, username: reporter.username ?? undefined },
    ];
    item.text = `@${reporter.displayName} ${item.text}`;
  }
  return [item];
}

export function levelLabel(place: { name: string; level: string }): string {
  return `${place.name}（${ROLE_LABELS[place.level] ?? T.responsible}）`;
}

/** Escalates every ticket whose acknowledge or resolve deadline has passed. Returns how many. */
export async function sweepDeadlines(db: Database, now: Date, config: Config, log: Logger): Promise<number> {
  const due = await db.prisma.ticket.findMany({
    where: {
      OR: [
        { status: 'assigned', ackDueAt: { lt: now } },
        { status: { in: [...workflow.HANDLING_STATUSES] }, resolveDueAt: { lt: now } },
      ],
    },
    orderBy: { id: 'asc' },
    take: 500,
  });
  let count = 0;
  for (const ticket of due) {
    const reason: workflow.EscalationReason =
      ticket.status === 'assigned' && ticket.ackDueAt! < now ? 'ack' : 'resolve';
    try {
      const done = await db.prisma.$transaction(async (tx) => {
        const result = await workflow.escalate(
          { db: tx, actor: workflow.SYSTEM, now, config },
          ticket.id,
          reason,
          ticket.version,
        );
        if (result.ok) {
          const items = await escalationMessages(tx, result.ticket, result.head, reason);
          const key = `esc:${ticket.id}:${ticket.escalationLevel + 1}`;
          await enqueue(
            tx,
            items.map((item, i) => ({ ...item, dedupeKey: `${key}:${i}` })),
          );
          return true;
        }
        // Already at the top: stop sweeping it until someone acts.
        if (result.reason === 'top') {
          await tx.ticket.updateMany({
            where: { id: ticket.id, version: ticket.version },
            data: { ackDueAt: null, resolveDueAt: null, version: { increment: 1 } },
          });
        }
        return false;
      });
      if (done) count++;
    } catch (error) {
      log.error({ err: error, ticket: ticket.id }, 'escalation failed');
    }
  }
  return count;
}

/** Reminds handlers of resolved tickets whose follow-up (回访) is overdue; once per ticket. */
export async function sweepFollowups(db: Database, now: Date, hours: number, log: Logger): Promise<number> {
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
        const text = T.followupReminder(ticket.id, head?.name ?? T.responsible, duration(hours));
        const chat = await ticketChat(tx, ticket.chatId);
        const items = await toPerson(tx, ticket.assigneeId, text);
        if (!items.length && chat) items.push(await toChat(tx, chat, text, [ticket.assigneeId]));
        await enqueue(
          tx,
          items.map((item, i) => ({ ...item, dedupeKey: `fu:${ticket.id}:${i}` })),
        );
        const reminded = { kind: 'reminded', actorId: null, fromStatus: 'resolved', toStatus: 'resolved' };
        await insertEvents(tx, [
          { ticketId: ticket.id, ...reminded, note: null, data: JSON.stringify({ about: 'followup' }), at: now },
        ]);
        count++;
      });
    } catch (error) {
      log.error({ err: error, ticket: ticket.id }, 'follow-up reminder failed');
    }
  }
  return count;
}
