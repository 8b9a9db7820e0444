/**
 * Commands about people and chats rather than one ticket: binding a chat to a place or an
 * identity to a person, help, the to-do list and the points ranking.
 */
import { randomInt } from 'node:crypto';
import type { CommandName } from '../../intents/index.js';
import {
  canHandle,
  placeLabel,
  placesHandledBy,
  resolveLocation,
  scopeOf,
  type PlaceRow,
} from '../../services/org/places.js';
import { ranking } from '../../services/points.js';
import { OPEN_STATUSES } from '../../services/tickets.js';
import type { Context } from '../context.js';
import { CATEGORY_NAMES, STATUS_NAMES, T, when } from '../../common/text.js';

type Handler = (ctx: Context) => Promise<void>;

const help: Handler = (ctx) => ctx.reply(T.help);

const bind: Handler = async (ctx) => {
  const { code, place: ref } = ctx.reading.args;
  if (code) return bindByCode(ctx, code);
  if (!ref) return ctx.reply(T.commandMalformed('例如“绑定 3栋2单元”或“绑定 绑定码”。'));
  if (ctx.chat.kind !== 'group') return ctx.reply(T.commandMalformed('请在要绑定的群里发送“绑定 3栋2单元”。'));
  const personId = ctx.speaker.personId;
  const handled = personId ? await placesHandledBy(ctx.tx, personId) : [];
  if (!handled.length) return ctx.reply(T.noPermission('绑定群', T.whoHeads));
  let target: PlaceRow | null = null;
  for (const base of handled) {
    const candidate =
      ref.level === 'grid' || ref.level === 'community' || ref.level === 'here'
        ? base.level === ref.level || ref.level === 'here'
          ? base
          : null
        : await resolveLocation(ctx.tx, base, { building: ref.building, unit: ref.unit });
    if (candidate && (await canHandle(ctx.tx, personId, candidate))) {
      target = candidate;
      break;
    }
  }
  if (!target) return ctx.reply(T.bindUnknownPlace(ref.raw));
  const recovery = await freeChatCode(ctx);
  await ctx.tx.chat.update({
    where: { id: ctx.chat.id },
    data: { placeId: target.id, title: ctx.msg.chat.title ?? undefined, bindingCode: recovery },
  });
  ctx.rebound = true;
  await ctx.reply(`${T.bound(await placeLabel(ctx.tx, target))}\n${T.recoveryCode(recovery)}`);
};

/** An eight-digit code that re-binds this place to a chat whose platform id changed. */
async function freeChatCode(ctx: Context): Promise<string> {
  for (;;) {
    const code = String(randomInt(10_000_000, 100_000_000));
    if (!(await ctx.tx.chat.findUnique({ where: { bindingCode: code } }))) return code;
  }
}

/** "绑定 <recovery code>" in a chat with a new id moves the old chat's binding here (handlers only). */
async function recoverChat(ctx: Context, code: string): Promise<boolean> {
  const old = await ctx.tx.chat.findUnique({ where: { bindingCode: code }, include: { place: true } });
  if (!old?.place) return false;
  if (!(await canHandle(ctx.tx, ctx.speaker.personId, old.place))) {
    await ctx.reply(T.noPermission('恢复群绑定', T.whoHeads));
    return true;
  }
  await ctx.tx.chat.update({
    where: { id: old.id },
    data: { bindingCode: null, placeId: old.id === ctx.chat.id ? old.placeId : null },
  });
  await ctx.tx.chat.update({
    where: { id: ctx.chat.id },
    data: { placeId: old.placeId, bindingCode: code, title: ctx.msg.chat.title ?? undefined },
  });
  ctx.rebound = true;
  await ctx.reply(T.bound(await placeLabel(ctx.tx, old.place)));
  return true;
}

async function bindByCode(ctx: Context, code: string): Promise<void> {
  const row = await ctx.tx.bindingCode.findUnique({ where: { code } });
  if (!row && ctx.chat.kind === 'group' && (await recoverChat(ctx, code))) return;
  if (!row || row.usedAt || row.expiresAt < ctx.now) return ctx.reply(T.bindCodeBad);
  if (row.personId) {
    await ctx.tx.identity.update({ where: { id: ctx.speaker.identityId }, data: { personId: row.personId } });
    ctx.rebound = true;
    await ctx.tx.bindingCode.update({ where: { id: row.id }, data: { usedAt: ctx.now } });
    const person = await ctx.tx.person.findUnique({ where: { id: row.personId } });
    return ctx.reply(T.personBound(person?.name ?? ''));
  }
  if (row.placeId && ctx.chat.kind === 'group') {
    await ctx.tx.chat.updateMany({ where: { bindingCode: code }, data: { bindingCode: null } });
    await ctx.tx.chat.update({ where: { id: ctx.chat.id }, data: { placeId: row.placeId, bindingCode: code } });
    ctx.rebound = true;
    const place = await ctx.tx.place.findUnique({ where: { id: row.placeId } });
    return ctx.reply(T.bound(await placeLabel(ctx.tx, place)));
  }
  await ctx.reply(T.bindCodeBad);
}

const todo: Handler = async (ctx) => {
  if (!ctx.speaker.personId) return ctx.reply(T.noPermission('查看待办', T.whoHeads));
  const tickets = await ctx.tx.ticket.findMany({
    where: { assigneeId: ctx.speaker.personId, status: { in: [...OPEN_STATUSES, 'resolved'] } },
    orderBy: [{ urgent: 'desc' }, { id: 'asc' }],
    take: 20,
    include: { place: true },
  });
  if (!tickets.length) return ctx.reply(T.todoEmpty);
  const lines: string[] = [];
  for (const t of tickets) {
    const due = t.status === 'assigned' ? t.ackDueAt : t.status === 'resolved' ? t.followupDueAt : t.resolveDueAt;
    const late = due && due < ctx.now ? ' ⚠已超时' : '';
    const dueText = due ? `，期限 ${when(due, ctx.config.timeZone)}` : '';
    lines.push(
      `#${t.id}【${CATEGORY_NAMES[t.category] ?? t.category}】${await placeLabel(ctx.tx, t.place)} ${t.text.slice(0, 20)}（${STATUS_NAMES[t.status]}${dueText}）${late}`,
    );
  }
  await ctx.reply(T.todo(lines));
};

const points: Handler = async (ctx) => {
  const base =
    ctx.chat.place ?? (ctx.speaker.personId ? (await placesHandledBy(ctx.tx, ctx.speaker.personId))[0] : null);
  if (!base) return ctx.reply(T.pointsBoard([]));
  const grid = await scopeOf(ctx.tx, base);
  const rows = await ranking(ctx.tx, grid.id);
  await ctx.reply(T.pointsBoard(rows.map((r, i) => `${i + 1}. ${r.name} ${r.points}分`)));
};

export const adminCommands: Partial<Record<CommandName, Handler>> = { help, bind, todo, points };
