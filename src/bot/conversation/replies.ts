/**
 * Answers in a conversation: a bare number answering the bot's "是哪一件？", and a quote-reply to a
 * message about a ticket (the head acts on it, others chase or reopen it).
 */
import { T } from '../../common/text/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import { ACT_MIN, actOf, type HeadVerb, headVerb } from './acts.js';
import { chaseTicket } from './chases.js';
import { forget, pending } from './prompts.js';
import { namedParts, quotedTicket } from './quotes.js';
import { reopenFor } from './relapses.js';
import { noteOnHandled, take } from './steps.js';

export const BARE_NUMBER = /^#?\s*(\d{1,7})\s*[号。.!！]?$/;

/** A bare number answering "是哪一件？". Null when this message is no such answer. */
export async function answerWhich(ctx: Context): Promise<Handled | null> {
  const open = await pending<{ verb: HeadVerb; note: string; ids: number[] }>(ctx, 'which');
  if (!open) return null;
  const m = BARE_NUMBER.exec(ctx.reading.text);
  if (!m) return null;
  const id = Number(m[1]);
  if (!open.payload.ids.includes(id)) return ctx.reply(T.whichNone);
  await forget(ctx, open.id);
  const handled = await take(ctx, open.payload.verb, id, 'named');
  return { ...handled, promptsChanged: true };
}

/** What a quote-reply to a message about a ticket does; null when it quotes none (or says nothing to it). */
export async function answerQuote(ctx: Context): Promise<Handled | null> {
  const id = ctx.msg.quoted ? await quotedTicket(ctx) : null;
  if (!id) return null;
  const handled = await onQuoted(ctx, id);
  if (!handled?.replies.length || !(await ctx.isHead())) return handled;
  // A head's reply naming each problem of a quoted message that filed several speaks to each.
  const more: Handled[] = [];
  for (const t of await namedParts(ctx, id)) {
    const also = await onQuoted(ctx, t.id);
    if (also?.replies.length) more.push(also);
  }
  return more.length ? { ...handled, replies: [...handled.replies, ...more.flatMap((h) => h.replies)] } : handled;
}

export const QUIET: Handled = { outcome: 'ignored', replies: [] };
/** A quote-reply to a message about a ticket: the head acts on it, others chase or reopen it. */
async function onQuoted(ctx: Context, id: number): Promise<Handled | null> {
  const r = ctx.reading;
  const seen = await workflow.see(ctx.act, id);
  if (!('parties' in seen)) return null;
  if (seen.parties.has('handler') && workflow.isOpen(seen.ticket.status)) {
    // A head answering the quoted report speaks about it: its step when the words name one, the
    // first answer signs for it, a later one is an update (a bare "好的" to a taken ticket is none).
    const verb = headVerb(r) ?? (r.saysDone || r.saysSettled ? 'resolve' : null);
    if (verb && workflow.allows(verb, seen.ticket.status)) return take(ctx, verb, id, 'named');
    if (workflow.allows('claim', seen.ticket.status)) return take(ctx, 'claim', id, 'named');
    const thanked = ctx.msg.quoted && actOf(ctx.deps.pipeline.read(ctx.msg.quoted.text, ctx.now), 0.5) === 'thanks';
    const bare =
      verb === 'claim' ||
      thanked ||
      actOf(r, 0.5) === 'thanks' ||
      /客气/.test(r.text) ||
      r.text.replace(/[\s\p{P}\p{S}]/gu, '').length < 4;
    if (!bare && workflow.allows('progress', seen.ticket.status)) return take(ctx, 'progress', id, 'named');
    return QUIET;
  }
  // A head quoting a ticket that is done speaks of that ticket: never a step on another one; what the
  // work came to ("燃气公司换咗新胶喉 测过冇漏") is noted on it.
  if (seen.parties.has('handler') && (await ctx.isHead()))
    return ((r.saysDone || r.saysSettled) && (await noteOnHandled(ctx, id))) || QUIET;
  if (actOf(r, ACT_MIN.relapse) === 'relapse' && !workflow.isOpen(seen.ticket.status)) return reopenFor(ctx, id);
  if (actOf(r, ACT_MIN.chase) === 'chase' || r.intent === 'status') return chaseTicket(ctx, seen.ticket);
  return null;
}
