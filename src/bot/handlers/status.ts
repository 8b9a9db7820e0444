/**
 * Status questions: "#12 怎么样了" or "我报的灯修好了吗" (the asker's latest tickets).
 */
import { T } from '../../common/text/index.js';
import { photoCount } from '../../services/media/attachments.js';
import { placeLabel } from '../../services/org/places.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import { toldOfBefore } from '../conversation/chases.js';
import { aboutSame } from '../conversation/tickets.js';
import { assigneeName, timeline } from './lookup.js';
import { refusalText } from './refusals.js';

export async function status(ctx: Context): Promise<Handled> {
  const id = ctx.reading.ticket;
  if (id) {
    const found = await workflow.see(ctx.act, id);
    if (!('parties' in found)) return ctx.reply(refusalText(found, ctx.now));
    if (workflow.isSensitive(found.ticket) && ctx.chat.kind === 'group') return describePrivately(ctx, found.ticket);
    return describe(ctx, found.ticket);
  }
  const own = await ctx.db.ticket.findMany({
    where: {
      OR: [{ reporterId: ctx.speaker.identityId }, { followers: { some: { identityId: ctx.speaker.identityId } } }],
    },
    orderBy: { id: 'desc' },
    take: 10,
  });
  // Neighbours asking each other "修好了吗", or telling of an earlier matter ("上个月…那次 后来也没下文了"),
  // need no answer from the bot unless they ask it.
  const asked = ctx.msg.mentionsBot || ctx.chat.kind === 'direct';
  if (toldOfBefore(ctx.reading.text) && !asked) return { outcome: 'ignored', replies: [] };
  if (!own.length) {
    return asked ? ctx.reply(T.noTicketsOfYours) : { outcome: 'ignored', replies: [] };
  }
  // The ones naming the thing asked after ("下水道那个单子") first, then by shared words.
  const named = aboutSame(own, ctx.reading.text);
  const words = [...ctx.reading.text.matchAll(/[\p{Script=Han}]{2}/gu)].map((m) => m[0]);
  const scored = (named.length ? named : own).map((t) => ({ t, hits: words.filter((w) => t.text.includes(w)).length }));
  const best = scored.reduce((a, b) => (b.hits > a.hits ? b : a), scored[0]);
  return describe(ctx, best.t);
}

/** A crime or instability lead's status, asked in a group: told by direct message only. */
async function describePrivately(ctx: Context, ticket: workflow.TicketRow): Promise<Handled> {
  const told = await describe(ctx, ticket);
  const direct = told.replies.map((r) => ctx.dmSpeaker(r.text));
  return { outcome: 'reply', ticketId: ticket.id, replies: [...direct, await ctx.say(T.toldPrivately(ticket.id))] };
}

/** The status line and the latest events of a ticket. */
export async function describe(ctx: Context, ticket: workflow.TicketRow): Promise<Handled> {
  const place = ticket.placeId ? await ctx.db.place.findUnique({ where: { id: ticket.placeId } }) : null;
  const text = T.status({
    id: ticket.id,
    status: ticket.status,
    category: ticket.category,
    place: await placeLabel(ctx.db, place),
    head: await assigneeName(ctx, ticket.assigneeId),
    timeline: (await timeline(ctx, ticket.id, 6)).join('\n'),
    photos: await photoCount(ctx.db, ticket.id),
  });
  return { ...(await ctx.reply(text)), ticketId: ticket.id };
}
