/**
 * Commands about people and chats rather than one ticket: binding a chat to a place or an
 * identity to a person, help, the to-do list and the points ranking.
 */
import { CATEGORY_NAMES, STATUS_NAMES, T, when } from '../../common/text/index.js';
import type { CommandName } from '../../intents/index.js';
import { type BindResult, bindByCode, bindChat } from '../../services/binding.js';
import { canHandle, placeLabel, placesHandledBy, scopeOf } from '../../services/org/places.js';
import { ranking } from '../../services/points.js';
import { OPEN_STATUSES } from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import type { Handler } from '../router.js';

const help: Handler = (ctx) => ctx.reply(T.help);

const bind: Handler = async (ctx) => {
  const { code, place: ref } = ctx.reading.args;
  const chat = { id: ctx.chat.id, kind: ctx.chat.kind, title: ctx.msg.chat.title, place: ctx.chat.place };
  if (code) return bound(ctx, await bindByCode(ctx.db, ctx.speaker, chat, code, ctx.now), '');
  if (!ref) return ctx.reply(T.bindHowTo);
  return bound(ctx, await bindChat(ctx.db, ctx.speaker, chat, ref), ref.raw);
};

async function bound(ctx: Context, r: BindResult, raw: string): Promise<Handled> {
  if (!r.ok) {
    const outcome = r.reason === 'bad_code' ? 'bad_code' : 'reply';
    const why = {
      not_group: T.bindInGroup,
      forbidden: T.noPermission(T.bindWhat, T.whoHeads),
      forbidden_recovery: T.noPermission(T.recoverWhat, T.whoHeads),
      forbidden_rebind: T.noPermission(T.rebindWhat, T.whoHeadsHere),
      too_many: T.bindTooMany,
      unknown_place: T.bindUnknownPlace(raw),
      bad_code: T.bindCodeBad,
    }[r.reason];
    return ctx.reply(why, [], outcome);
  }
  if (r.kind === 'person') return { ...(await ctx.reply(T.personBound(r.personName))), rebound: true };
  const label = await placeLabel(ctx.db, r.place);
  const text = r.recoveryCode ? `${T.bound(label)}\n${T.recoveryCode(r.recoveryCode)}` : T.bound(label);
  return { ...(await ctx.reply(text)), rebound: true };
}

const todo: Handler = async (ctx) => {
  if (!ctx.speaker.personId) return ctx.reply(T.noPermission(T.todoWhat, T.whoHeads));
  const tickets = await ctx.db.ticket.findMany({
    where: { assigneeId: ctx.speaker.personId, status: { in: [...OPEN_STATUSES, 'resolved'] } },
    orderBy: [{ urgent: 'desc' }, { id: 'asc' }],
    take: 20,
    include: { place: true },
  });
  if (!tickets.length) return ctx.reply(T.todoEmpty);
  const inGroup = ctx.chat.kind === 'group';
  const lines: string[] = [];
  for (const t of tickets) {
    const due = t.status === 'assigned' ? t.ackDueAt : t.status === 'resolved' ? t.followupDueAt : t.resolveDueAt;
    lines.push(
      T.todoLine({
        id: t.id,
        category: CATEGORY_NAMES[t.category] ?? t.category,
        place: await placeLabel(ctx.db, t.place),
        // Residents' words (rooms, phones, names) stay out of groups.
        text: inGroup ? '' : t.text.slice(0, 20),
        status: STATUS_NAMES[t.status] ?? t.status,
        due: due ? when(due, ctx.config.timeZone) : null,
        late: !!due && due < ctx.now,
      }),
    );
  }
  if (!inGroup) return ctx.reply(T.todo(lines));
  const details = await todoDetails(ctx, tickets);
  const direct = details ? await ctx.dm(ctx.speaker.personId, details) : [];
  return {
    outcome: 'reply',
    replies: [await ctx.say(T.todo(lines) + (direct.length ? T.todoDetailsSent : '')), ...direct],
  };
};

/** The to-do list with the residents' words, for a direct message. */
async function todoDetails(ctx: Context, tickets: { id: number; text: string }[]): Promise<string | null> {
  if (!ctx.speaker.personId) return null;
  return T.todo(tickets.map((t) => `#${t.id} ${t.text.slice(0, 40)}`));
}

const points: Handler = async (ctx) => {
  const base =
    ctx.chat.place ?? (ctx.speaker.personId ? (await placesHandledBy(ctx.db, ctx.speaker.personId))[0] : null);
  if (!base) return ctx.reply(T.pointsBoard([]));
  const grid = await scopeOf(ctx.db, base);
  const rows = await ranking(ctx.db, grid.id);
  return ctx.reply(T.pointsBoard(rows.map((r, i) => T.pointsLine(i + 1, r.name, r.points))));
};

/** "只听@" / "听全部": a head of the chat's place sets which messages the bot reads here. */
const listen: Handler = async (ctx) => {
  const mode = ctx.reading.args.mode;
  if (!mode || ctx.chat.kind !== 'group') return ctx.reply(T.unknownCommand);
  if (!ctx.chat.place || !(await canHandle(ctx.db, ctx.speaker.personId, ctx.chat.place))) {
    return ctx.reply(T.noPermission(T.listenWhat, T.whoHeadsHere));
  }
  await ctx.db.chat.update({ where: { id: ctx.chat.id }, data: { listen: mode } });
  return { ...(await ctx.reply(mode === 'all' ? T.listenAll : T.listenMentions)), rebound: true };
};

export const adminCommands: Partial<Record<CommandName, Handler>> = { help, bind, todo, points, listen };
