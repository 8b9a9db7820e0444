/**
 * Finding the ticket a command or question names, within what the asker may see.
 */
import { canHandle, scopeOf, within, type PlaceRow } from '../../services/org/places.js';
import type { TicketRow } from '../../services/tickets.js';
import type { Context } from '../context.js';
import { EVENT_NAMES, T, when } from '../../common/text.js';

export interface Found {
  ticket: TicketRow;
  place: PlaceRow | null;
  /** The speaker holds a handling role at the ticket's place or above. */
  handler: boolean;
  /** The speaker reported it. */
  reporter: boolean;
}

/**
 * The ticket named by the message, or null after replying why not (no number, unknown,
 * outside this chat's area and not the speaker's own).
 */
export async function findTicket(ctx: Context, verb: string, id = ctx.reading.ticket): Promise<Found | null> {
  if (!id) {
    await ctx.reply(T.needTicket(verb));
    return null;
  }
  const ticket =
    id <= 2_147_483_647 ? await ctx.tx.ticket.findUnique({ where: { id }, include: { place: true } }) : null;
  if (!ticket) {
    await ctx.reply(T.unknownTicket(id));
    return null;
  }
  const handler = await canHandle(ctx.tx, ctx.speaker.personId, ticket.place);
  const reporter = ticket.reporterId === ctx.speaker.identityId;
  const visible = handler || reporter || (await inChatScope(ctx, ticket.place)) || (await isFollower(ctx, ticket.id));
  if (!visible) {
    await ctx.reply(T.ticketElsewhere(id));
    return null;
  }
  return { ticket, place: ticket.place, handler, reporter };
}

async function inChatScope(ctx: Context, place: PlaceRow | null): Promise<boolean> {
  if (!place || !ctx.chat.place) return false;
  return within(place, await scopeOf(ctx.tx, ctx.chat.place));
}

async function isFollower(ctx: Context, ticketId: number): Promise<boolean> {
  return (await ctx.tx.ticketFollower.count({ where: { ticketId, identityId: ctx.speaker.identityId } })) > 0;
}

/** The ticket's events as lines "11月22日 10:05 签收（张楼长）：note". */
export async function timeline(ctx: Context, ticketId: number, limit?: number): Promise<string[]> {
  const events = await ctx.tx.ticketEvent.findMany({
    where: { ticketId },
    orderBy: { id: 'asc' },
    include: { actor: true },
  });
  const shown = limit ? events.slice(-limit) : events;
  return shown.map((e) => {
    const who = e.actor ? `（${e.actor.displayName}）` : '';
    const note = e.note ? `：${e.note}` : '';
    return `${when(e.at, ctx.config.timeZone)} ${EVENT_NAMES[e.kind] ?? e.kind}${who}${note}`;
  });
}

/** The name of a ticket's assignee, or a placeholder. */
export async function assigneeName(ctx: Context, assigneeId: number | null): Promise<string> {
  if (!assigneeId) return '待分派';
  return (await ctx.tx.person.findUnique({ where: { id: assigneeId } }))?.name ?? '待分派';
}
