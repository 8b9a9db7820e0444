/**
 * Status questions: "#12 怎么样了" or "我报的灯修好了吗" (the asker's latest tickets).
 */
import { placeLabel } from '../../services/org/places.js';
import type { TicketRow } from '../../services/tickets.js';
import type { Context } from '../context.js';
import { T } from '../../common/text.js';
import { assigneeName, findTicket, timeline } from './lookup.js';

export async function status(ctx: Context): Promise<void> {
  ctx.outcome = 'reply';
  if (ctx.reading.ticket) {
    const found = await findTicket(ctx, '查询');
    if (found) await describe(ctx, found.ticket);
    return;
  }
  const own = await ctx.tx.ticket.findMany({
    where: {
      OR: [{ reporterId: ctx.speaker.identityId }, { followers: { some: { identityId: ctx.speaker.identityId } } }],
    },
    orderBy: { id: 'desc' },
    take: 10,
  });
  if (!own.length) return ctx.reply(T.noTicketsOfYours);
  const words = [...ctx.reading.text.matchAll(/[\p{Script=Han}]{2}/gu)].map((m) => m[0]);
  const scored = own.map((t) => ({ t, hits: words.filter((w) => t.text.includes(w)).length }));
  const best = scored.reduce((a, b) => (b.hits > a.hits ? b : a), scored[0]);
  await describe(ctx, best.t);
}

async function describe(ctx: Context, ticket: TicketRow): Promise<void> {
  const place = ticket.placeId ? await ctx.tx.place.findUnique({ where: { id: ticket.placeId } }) : null;
  await ctx.reply(
    T.status({
      id: ticket.id,
      status: ticket.status,
      category: ticket.category,
      place: await placeLabel(ctx.tx, place),
      head: await assigneeName(ctx, ticket.assigneeId),
      timeline: (await timeline(ctx, ticket.id, 6)).join('\n'),
    }),
  );
}
