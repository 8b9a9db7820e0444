/**
 * Triage commands on one ticket: claim, progress, resolve, follow-up, reopen, reassign, merge,
 * escalate, cancel, corrections and history. Each calls one workflow verb and turns its result
 * into words for the people concerned.
 */
import { CATEGORY_NAMES, T } from '../../common/text/index.js';
import type { CommandName } from '../../intents/index.js';
import { escalationMessages, levelLabel } from '../../services/escalation.js';
import { ticketChat } from '../../services/notify.js';
import type { OutboxItem } from '../../services/outbox.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import type { Handler } from '../router.js';
import { ownTickets } from '../conversation/tickets.js';
import { timeline } from './lookup.js';
import { refusalText } from './refusals.js';
import { claimed, progressed, reopened, resolved } from './ticket-replies.js';

/** The ticket number the message names, or a reply asking for it. */
async function ticketOf(ctx: Context, command: keyof typeof T.commandWords): Promise<number | Handled> {
  if (ctx.reading.ticket) return ctx.reading.ticket;
  // "刚才那个报错了 撤了吧": the reporter withdraws the one problem they just reported here.
  const withdrawn = command === 'cancel' ? await justFiledBySpeaker(ctx) : null;
  if (withdrawn) return withdrawn;
  // Words that only sound like withdrawing, from someone with nothing just filed here: talk.
  if (ctx.reading.args.withdraw) return { outcome: 'ignored', replies: [] };
  return ctx.reply(T.needTicket(T.commandWords[command]));
}

/** A report is "just filed" for this long. */
const JUST_FILED_MS = 2 * 3_600_000;

/** The one open ticket the speaker reported in this chat within {@link JUST_FILED_MS}, if exactly one. */
async function justFiledBySpeaker(ctx: Context): Promise<number | null> {
  const mine = (await ownTickets(ctx, 0)).filter(
    (t) =>
      workflow.isOpen(t.status) &&
      t.reporterId === ctx.speaker.identityId &&
      t.chatId === ctx.chat.id &&
      ctx.now.getTime() - t.createdAt.getTime() < JUST_FILED_MS,
  );
  return mine.length === 1 ? mine[0].id : null;
}

/** A refusal in words, or null when the verb succeeded. */
function refused(ctx: Context, r: workflow.Result, raw?: string): Promise<Handled> | null {
  return r.ok ? null : ctx.reply(refusalText(r, ctx.now, raw));
}

const done = (t: workflow.TicketRow, replies: OutboxItem[]): Handled => ({ outcome: 'reply', ticketId: t.id, replies });

const claim: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'claim');
  if (typeof id !== 'number') return id;
  const r = await workflow.claim(ctx.act, id);
  return r.ok ? claimed(ctx, r.ticket, 'named') : refused(ctx, r)!;
};

const progress: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'progress');
  if (typeof id !== 'number') return id;
  const note = ctx.reading.args.note ?? '';
  const r = await workflow.progress(ctx.act, id, note);
  return r.ok ? progressed(ctx, r.ticket, note, 'named') : refused(ctx, r)!;
};

const resolve: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'resolve');
  if (typeof id !== 'number') return id;
  const note = ctx.reading.args.note ?? null;
  const r = await workflow.resolve(ctx.act, id, note);
  return r.ok ? resolved(ctx, r.ticket, note, 'named') : refused(ctx, r)!;
};

const followup: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'followup');
  if (typeof id !== 'number') return id;
  const satisfied = ctx.reading.args.satisfied;
  if (satisfied === undefined) {
    // Say first why the ticket cannot take a follow-up at all, then how to answer one.
    const checked = await workflow.check(ctx.act, 'followup', id);
    return ctx.reply('parties' in checked ? T.noAnswer(id) : refusalText(checked, ctx.now));
  }
  const r = await workflow.followup(ctx.act, id, satisfied);
  if (!r.ok) return refused(ctx, r)!;
  if (r.closed) return done(r.ticket, [await ctx.say(T.followupThanks(r.ticket.id))]);
  const head = r.ticket.assigneeId ? await ctx.db.person.findUnique({ where: { id: r.ticket.assigneeId } }) : null;
  const mention = r.ticket.assigneeId ? [r.ticket.assigneeId] : [];
  return done(r.ticket, [await ctx.say(T.followupReopened(r.ticket.id, head?.name ?? T.responsible), mention)]);
};

const reopen: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'reopen');
  if (typeof id !== 'number') return id;
  const r = await workflow.reopen(ctx.act, id, ctx.reading.args.note ?? null);
  return r.ok ? reopened(ctx, r.ticket, false) : refused(ctx, r)!;
};

const reassign: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'reassign');
  if (typeof id !== 'number') return id;
  const name = (ctx.reading.args.targetName ?? ctx.msg.mentions[0]?.name ?? '').replace(/^@/, '').trim();
  const checked = await workflow.check(ctx.act, 'reassign', id);
  if (!('parties' in checked)) return ctx.reply(refusalText(checked, ctx.now));
  if (!name) return ctx.reply(T.noTarget(id));
  const target = await workflow.findTarget(ctx.db, name, checked.place);
  if (!target) return ctx.reply(T.unknownTarget(name));
  const r = await workflow.reassign(ctx.act, id, target);
  if (!r.ok) return refused(ctx, r)!;
  if ('personId' in target)
    return done(r.ticket, [await ctx.say(T.reassigned(r.ticket.id, target.name), [target.personId])]);
  const to = `${T.reassigned(r.ticket.id, target.board.label)}（${target.board.phone}）`;
  return done(r.ticket, [await ctx.say(to)]);
};

const merge: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'merge');
  if (typeof id !== 'number') return id;
  const intoId = ctx.reading.args.secondTicket;
  if (!intoId) return ctx.reply(T.invalid.same_ticket(id));
  const r = await workflow.merge(ctx.act, id, intoId);
  if (!r.ok) return refused(ctx, r)!;
  return done(r.ticket, [await ctx.say(T.merged(id, intoId))]);
};

const escalate: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'escalate');
  if (typeof id !== 'number') return id;
  const r = await workflow.escalate(ctx.act, id, 'manual');
  if (!r.ok) return refused(ctx, r)!;
  const replies = await escalationMessages(ctx.db, r.ticket, r.head, 'manual');
  if (!ctx.isHere(await ticketChat(ctx.db, r.ticket.chatId))) {
    const reason = T.escalateReasons.manual;
    replies.push(await ctx.say(T.escalated({ id, head: r.head.name, level: levelLabel(r.head.place), reason })));
  }
  return done(r.ticket, replies);
};

const cancel: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'cancel');
  if (typeof id !== 'number') return id;
  const r = await workflow.cancel(ctx.act, id, ctx.reading.args.note ?? null);
  if (!r.ok) return refused(ctx, r)!;
  return done(r.ticket, [await ctx.say(T.cancelled(id))]);
};

const correct: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'correct');
  if (typeof id !== 'number') return id;
  const { category, place: ref } = ctx.reading.args;
  if (category) {
    const r = await workflow.correct(ctx.act, id, { category });
    if (!r.ok) return refused(ctx, r)!;
    const learned = { text: r.ticket.text, category };
    const text = T.corrected(id, T.correctedCategory(CATEGORY_NAMES[category] ?? category));
    return { ...done(r.ticket, [await ctx.say(text)]), learned };
  }
  if (ref) {
    const r = await workflow.correct(ctx.act, id, { place: { building: ref.building, unit: ref.unit } });
    if (!r.ok) return refused(ctx, r, ref.raw)!;
    const label = await ctx.label(r.newPlace);
    const mention = r.head ? [r.head.personId] : [];
    return done(r.ticket, [await ctx.say(T.corrected(id, T.correctedPlace(label, r.head?.name ?? null)), mention)]);
  }
  const checked = await workflow.check(ctx.act, 'correct', id);
  return ctx.reply('parties' in checked ? T.nothingToCorrect(id) : refusalText(checked, ctx.now));
};

const history: Handler = async (ctx) => {
  const id = await ticketOf(ctx, 'history');
  if (typeof id !== 'number') return id;
  const seen = await workflow.see(ctx.act, id);
  const allowed = 'parties' in seen && seen.parties.has('handler');
  if (!allowed && !('parties' in seen) && seen.reason === 'hidden') return ctx.reply(refusalText(seen, ctx.now));
  if (!allowed) return ctx.reply(T.noPermission(T.historyWhat, T.whoHeads));
  return ctx.reply(T.history(id, await timeline(ctx, id)));
};

export const ticketCommands: Partial<Record<CommandName, Handler>> = {
  claim,
  progress,
  resolve,
  followup,
  reopen,
  reassign,
  merge,
  escalate,
  cancel,
  correct,
  history,
};
