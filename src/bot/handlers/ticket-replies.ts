/**
 * The words for what the workflow did to a ticket, shared by explicit commands ("接单 #12") and
 * plain replies read in context ("收到 马上去"). When the bot inferred which ticket was meant,
 * the reply says which it took and how to undo it.
 */
import { T, when } from '../../common/text/index.js';
import { followupQuestion } from '../../services/followup-ask.js';
import { ticketChat } from '../../services/notify.js';
import type { OutboxItem } from '../../services/outbox.js';
import type * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';

/** How the bot knew the ticket: the message named it, or it was inferred from the conversation. */
export type Taken = 'named' | 'inferred';

const done = (t: workflow.TicketRow, replies: OutboxItem[]): Handled => ({ outcome: 'reply', ticketId: t.id, replies });

/** The reply here, and the same words in the ticket's own chat when the command was given elsewhere. */
export async function withOrigin(
  ctx: Context,
  t: workflow.TicketRow,
  text: string,
  mention: number[] = [],
): Promise<OutboxItem[]> {
  const replies = [await ctx.say(text, mention, t.id)];
  const origin = await ticketChat(ctx.db, t.chatId);
  if (origin && !ctx.isHere(origin) && !t.mustReport) replies.push(await ctx.sayTo(origin, text, mention, t.id));
  return replies;
}

export async function claimed(ctx: Context, t: workflow.TicketRow, taken: Taken): Promise<Handled> {
  const text = T.claimed(t.id, ctx.actor.name, when(t.resolveDueAt ?? ctx.now, ctx.config.timeZone));
  return done(t, await withOrigin(ctx, t, taken === 'inferred' ? `${text}${T.undoClaim(t.id)}` : text));
}

export async function progressed(ctx: Context, t: workflow.TicketRow, note: string, taken: Taken): Promise<Handled> {
  const text = T.progress(t.id, ctx.actor.name, note || T.inProgress);
  return done(t, await withOrigin(ctx, t, taken === 'inferred' ? `${text}${T.undoProgress(t.id)}` : text));
}

export async function resolved(
  ctx: Context,
  t: workflow.TicketRow,
  note: string | null,
  taken: Taken,
): Promise<Handled> {
  const text = T.resolved(t.id, ctx.actor.name, note ?? '');
  const replies = [await ctx.say(taken === 'inferred' ? `${text}${T.undoResolve(t.id)}` : text, [], t.id)];
  replies.push(...(await askFollowup(ctx, t)));
  return done(t, replies);
}

export async function reopened(ctx: Context, t: workflow.TicketRow, relapse: boolean): Promise<Handled> {
  const head = t.assigneeId ? await ctx.db.person.findUnique({ where: { id: t.assigneeId } }) : null;
  const name = head?.name ?? T.responsible;
  const text = relapse ? T.relapsed(t.id, name) : T.reopened(t.id, name);
  return done(t, [await ctx.say(text, t.assigneeId ? [t.assigneeId] : [], t.id)]);
}

/** Asks the reporter (and followers) for the follow-up, in the chat the report came from. */
export function askFollowup(ctx: Context, t: workflow.TicketRow): Promise<OutboxItem[]> {
  return followupQuestion(ctx.db, t);
}
