/**
 * Reading a ticket for people: its timeline and its assignee's name.
 */
import { T, when } from '../../common/text/index.js';
import type { Context } from '../context.js';

/** The ticket's events as lines "11月22日 10:05 签收（张楼长）：note". */
export async function timeline(ctx: Context, ticketId: number, limit?: number): Promise<string[]> {
  const events = await ctx.db.ticketEvent.findMany({
    where: { ticketId },
    orderBy: { id: 'asc' },
    include: { actor: { include: { person: { include: { roles: { select: { id: true }, take: 1 } } } } } },
  });
  const shown = limit ? events.slice(-limit) : events;
  return shown.map((e) => {
    const data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null;
    const note = T.eventNote(e.kind, data, e.note);
    // Heads are named (the notice board names them anyway); residents never are.
    const person = e.actor?.person;
    const who = !e.actor ? null : person?.roles.length ? person.name : T.resident;
    return T.eventLine(when(e.at, ctx.config.timeZone), e.kind, who, note);
  });
}

/** The name of a ticket's assignee, or a placeholder. */
export async function assigneeName(ctx: Context, assigneeId: number | null): Promise<string> {
  if (!assigneeId) return T.unassigned;
  return (await ctx.db.person.findUnique({ where: { id: assigneeId } }))?.name ?? T.unassigned;
}
