/**
 * Triage commands on one ticket: claim, progress, resolve, follow-up, reopen, reassign, merge,
 * escalate, cancel, corrections and history. Each checks who may act, then changes the ticket
 * through an audited transition and tells the people concerned.
 */
import type { CommandName } from '../../intents/index.js';
import { escalateTicket } from '../../services/escalation.js';
import { headOf, ancestors, placeLabel, resolveLocation } from '../../services/org/places.js';
import { learnCategory } from '../../services/learning.js';
import { ticketChat } from '../../services/notify.js';
import { award } from '../../services/points.js';
import { deadlines, HANDLING_STATUSES, OPEN_STATUSES, transition, type TicketRow } from '../../services/tickets.js';
import type { Context } from '../context.js';
import { CATEGORY_NAMES, T, when } from '../../common/text.js';
import { findTicket, timeline, type Found } from './lookup.js';

type Handler = (ctx: Context) => Promise<void>;

/** Tells the ticket's origin chat too, when the command was given elsewhere. */
async function alsoOrigin(ctx: Context, ticket: TicketRow, text: string, mention: number[] = []): Promise<void> {
  const origin = await ticketChat(ctx.tx, ticket.chatId);
  if (origin && !ctx.isHere(origin) && !ticket.mustReport) await ctx.send(origin, text, mention);
}

async function handlerOnly(ctx: Context, verb: string, what: string): Promise<Found | null> {
  const found = await findTicket(ctx, verb);
  if (found && !found.handler) {
    await ctx.reply(T.noPermission(what, T.whoHeads));
    return null;
  }
  return found;
}

async function inState(ctx: Context, t: TicketRow, states: string[]): Promise<boolean> {
  if (states.includes(t.status)) return true;
  await ctx.reply(T.wrongState(t.id, t.status));
  return false;
}

const actor = (ctx: Context) => ctx.speaker.identityId;
const who = (ctx: Context) => ctx.speaker.personName ?? ctx.speaker.displayName;

const claim: Handler = async (ctx) => {
  const f = await handlerOnly(ctx, '接单', '接单');
  if (!f || !(await inState(ctx, f.ticket, ['new', 'assigned']))) return;
  const onTime = !f.ticket.ackDueAt || ctx.now <= f.ticket.ackDueAt;
  const t = await transition(ctx.tx, f.ticket, ['new', 'assigned'], 'acknowledged', {
    kind: 'acknowledged',
    actorId: actor(ctx),
    now: ctx.now,
    set: { acknowledgedAt: ctx.now, assigneeId: ctx.speaker.personId },
  });
  if (onTime) await award(ctx.tx, ctx.speaker.personId!, t.id, f.place, 'claim_on_time', ctx.now);
  const text = T.claimed(t.id, who(ctx), when(t.resolveDueAt ?? ctx.now, ctx.config.timeZone));
  await ctx.reply(text);
  await alsoOrigin(ctx, t, text);
};

const progress: Handler = async (ctx) => {
  const f = await handlerOnly(ctx, '进展', '更新进展');
  if (!f || !(await inState(ctx, f.ticket, HANDLING_STATUSES))) return;
  const note = ctx.reading.args.note ?? '';
  const t = await transition(ctx.tx, f.ticket, HANDLING_STATUSES, 'in_progress', {
    kind: 'progress',
    actorId: actor(ctx),
    note,
    now: ctx.now,
    set: f.ticket.acknowledgedAt ? {} : { acknowledgedAt: ctx.now, assigneeId: ctx.speaker.personId },
  });
  const text = T.progress(t.id, who(ctx), note || '处理中');
  await ctx.reply(text);
  await alsoOrigin(ctx, t, text);
};

const resolve: Handler = async (ctx) => {
  const f = await handlerOnly(ctx, '办结', '办结');
  if (!f || !(await inState(ctx, f.ticket, HANDLING_STATUSES))) return;
  const onTime = !f.ticket.resolveDueAt || ctx.now <= f.ticket.resolveDueAt;
  const t = await transition(ctx.tx, f.ticket, HANDLING_STATUSES, 'resolved', {
    kind: 'resolved',
    actorId: actor(ctx),
    note: ctx.reading.args.note ?? null,
    now: ctx.now,
    set: {
      resolvedAt: ctx.now,
      followupDueAt: new Date(ctx.now.getTime() + ctx.config.followupReminderHours * 3_600_000),
      assigneeId: f.ticket.assigneeId ?? ctx.speaker.personId,
    },
  });
  if (onTime && t.assigneeId) await award(ctx.tx, t.assigneeId, t.id, f.place, 'resolve_on_time', ctx.now);
  await ctx.reply(T.resolved(t.id, who(ctx), ctx.reading.args.note ?? ''));
  await askFollowup(ctx, t);
};

/** Asks the reporter (and followers) for the follow-up, in the chat the report came from. */
async function askFollowup(ctx: Context, t: TicketRow): Promise<void> {
  const origin = await ticketChat(ctx.tx, t.chatId);
  const people = await ctx.tx.identity.findMany({
    where: { OR: [{ id: t.reporterId }, { following: { some: { ticketId: t.id } } }] },
  });
  const text = T.followupAsk(t.id);
  if (!origin || t.mustReport) {
    for (const p of people)
      ctx.out.push({ platform: p.platform, account: 'default', userExternalId: p.externalId, text });
    return;
  }
  const mentions = people
    .filter((p) => p.platform === origin.platform)
    .map((p) => ({ id: p.externalId, name: p.displayName, username: p.username ?? undefined }));
  ctx.out.push({
    platform: origin.platform,
    account: origin.account,
    chatExternalId: origin.externalId,
    text: `${mentions.map((m) => `@${m.name}`).join(' ')} ${text}`.trim(),
    mentions,
  });
}

const followup: Handler = async (ctx) => {
  const f = await findTicket(ctx, '回访');
  if (!f) return;
  if (!f.reporter && !f.handler) return ctx.reply(T.noPermission('回访', T.whoReporter));
  if (!(await inState(ctx, f.ticket, ['resolved']))) return;
  const satisfied = ctx.reading.args.satisfied;
  if (satisfied === undefined)
    return ctx.reply(T.commandMalformed(`请回复“回访 #${f.ticket.id} 满意”或“回访 #${f.ticket.id} 不满意”。`));
  if (satisfied) {
    const t = await transition(ctx.tx, f.ticket, ['resolved'], 'closed', {
      kind: 'closed',
      actorId: actor(ctx),
      note: '满意',
      now: ctx.now,
      set: { closedAt: ctx.now, satisfied: true },
    });
    if (t.assigneeId) await award(ctx.tx, t.assigneeId, t.id, f.place, 'satisfied', ctx.now);
    return ctx.reply(T.followupThanks(t.id));
  }
  const due = deadlines(ctx.config, f.ticket.category, f.ticket.urgent, ctx.now);
  const t = await transition(ctx.tx, f.ticket, ['resolved'], 'in_progress', {
    kind: 'reopened',
    actorId: actor(ctx),
    note: '回访不满意',
    now: ctx.now,
    set: {
      satisfied: false,
      resolvedAt: null,
      followupDueAt: null,
      followupRemindedAt: null,
      resolveDueAt: due.resolveDueAt,
    },
  });
  const head = t.assigneeId ? await ctx.tx.person.findUnique({ where: { id: t.assigneeId } }) : null;
  await ctx.reply(T.followupReopened(t.id, head?.name ?? '负责人'), t.assigneeId ? [t.assigneeId] : []);
};

const reopen: Handler = async (ctx) => {
  const f = await findTicket(ctx, '重开');
  if (!f) return;
  if (!f.reporter && !f.handler) return ctx.reply(T.noPermission('重开工单', T.whoReporter));
  if (!(await inState(ctx, f.ticket, ['resolved', 'closed']))) return;
  const due = deadlines(ctx.config, f.ticket.category, f.ticket.urgent, ctx.now);
  const t = await transition(ctx.tx, f.ticket, ['resolved', 'closed'], 'in_progress', {
    kind: 'reopened',
    actorId: actor(ctx),
    note: ctx.reading.args.note ?? null,
    now: ctx.now,
    set: {
      resolvedAt: null,
      closedAt: null,
      followupDueAt: null,
      followupRemindedAt: null,
      resolveDueAt: due.resolveDueAt,
    },
  });
  const head = t.assigneeId ? await ctx.tx.person.findUnique({ where: { id: t.assigneeId } }) : null;
  await ctx.reply(T.reopened(t.id, head?.name ?? '负责人'), t.assigneeId ? [t.assigneeId] : []);
};

const reassign: Handler = async (ctx) => {
  const f = await handlerOnly(ctx, '转派', '转派');
  if (!f || !(await inState(ctx, f.ticket, OPEN_STATUSES))) return;
  const name = (ctx.reading.args.targetName ?? ctx.msg.mentions[0]?.name ?? '').replace(/^@/, '').trim();
  if (!name) return ctx.reply(T.commandMalformed(`例如“转派 #${f.ticket.id} @李四”。`));
  const person = await ctx.tx.person.findFirst({
    where: { OR: [{ name }, { identities: { some: { displayName: name } } }] },
  });
  if (person) {
    const due = deadlines(ctx.config, f.ticket.category, f.ticket.urgent, ctx.now);
    const t = await transition(ctx.tx, f.ticket, OPEN_STATUSES, 'assigned', {
      kind: 'reassigned',
      actorId: actor(ctx),
      note: `转派给${person.name}`,
      now: ctx.now,
      data: { from: f.ticket.assigneeId, to: person.id },
      set: { assigneeId: person.id, acknowledgedAt: null, ackDueAt: due.ackDueAt },
    });
    return ctx.reply(T.reassigned(t.id, person.name), [person.id]);
  }
  const board = await ctx.tx.boardEntry.findFirst({
    where: {
      label: { contains: name },
      placeId: { in: f.place ? (await ancestors(ctx.tx, f.place)).map((p) => p.id) : [] },
    },
  });
  if (!board) return ctx.reply(T.commandMalformed(`没有找到“${name}”，请 @ 对方或写全名。`));
  const t = await transition(ctx.tx, f.ticket, OPEN_STATUSES, 'in_progress', {
    kind: 'reassigned',
    actorId: actor(ctx),
    note: `转交${board.label}（${board.phone}）`,
    now: ctx.now,
  });
  await ctx.reply(`${T.reassigned(t.id, board.label)}（${board.phone}）`);
};

const merge: Handler = async (ctx) => {
  const f = await handlerOnly(ctx, '合并', '合并工单');
  if (!f) return;
  const intoId = ctx.reading.args.secondTicket;
  if (!intoId || intoId === f.ticket.id) return ctx.reply(T.commandMalformed('例如“合并 #13 到 #12”。'));
  const into = await findTicket(ctx, '合并', intoId);
  if (!into || !(await inState(ctx, f.ticket, OPEN_STATUSES)) || !(await inState(ctx, into.ticket, OPEN_STATUSES)))
    return;
  await transition(ctx.tx, f.ticket, OPEN_STATUSES, 'merged', {
    kind: 'merged',
    actorId: actor(ctx),
    note: `合并到 #${intoId}`,
    now: ctx.now,
    set: { mergedIntoId: intoId },
  });
  for (const identityId of [
    f.ticket.reporterId,
    ...(await ctx.tx.ticketFollower.findMany({ where: { ticketId: f.ticket.id } })).map((x) => x.identityId),
  ]) {
    if (identityId === into.ticket.reporterId) continue;
    await ctx.tx.ticketFollower.upsert({
      where: { ticketId_identityId: { ticketId: intoId, identityId } },
      create: { ticketId: intoId, identityId, createdAt: ctx.now },
      update: {},
    });
  }
  await ctx.reply(T.merged(f.ticket.id, intoId));
};

const escalate: Handler = async (ctx) => {
  const f = await handlerOnly(ctx, '上报', '上报');
  if (!f || !(await inState(ctx, f.ticket, HANDLING_STATUSES))) return;
  const result = await escalateTicket(ctx.tx, f.ticket, 'manual', ctx.now, ctx.config, actor(ctx));
  if (!result) return ctx.reply(T.alreadyTop(f.ticket.id));
  ctx.out.push(...result.items);
  const origin = await ticketChat(ctx.tx, f.ticket.chatId);
  if (!ctx.isHere(origin))
    await ctx.reply(
      T.escalated({ id: f.ticket.id, head: result.headName, level: result.levelName, reason: T.escalateReasonManual }),
    );
};

const cancel: Handler = async (ctx) => {
  const f = await findTicket(ctx, '撤销');
  if (!f) return;
  if (!f.reporter && !f.handler) return ctx.reply(T.noPermission('撤销工单', T.whoReporter));
  if (!(await inState(ctx, f.ticket, OPEN_STATUSES))) return;
  await transition(ctx.tx, f.ticket, OPEN_STATUSES, 'cancelled', {
    kind: 'cancelled',
    actorId: actor(ctx),
    note: ctx.reading.args.note ?? null,
    now: ctx.now,
  });
  await ctx.reply(T.cancelled(f.ticket.id));
};

const correct: Handler = async (ctx) => {
  const f = await handlerOnly(ctx, '更正', '更正工单');
  if (!f) return;
  const { category, place: ref } = ctx.reading.args;
  if (category) {
    await transition(ctx.tx, f.ticket, [f.ticket.status], null, {
      kind: 'corrected',
      actorId: actor(ctx),
      note: `分类改为${CATEGORY_NAMES[category]}`,
      now: ctx.now,
      data: { field: 'category', from: f.ticket.category, to: category },
      set: { category },
    });
    await ctx.tx.correction.create({
      data: {
        ticketId: f.ticket.id,
        text: f.ticket.text,
        field: 'category',
        fromValue: f.ticket.category,
        toValue: category,
        byIdentityId: actor(ctx),
        at: ctx.now,
      },
    });
    ctx.learned = await learnCategory(ctx.tx, f.ticket.text, category);
    return ctx.reply(T.corrected(f.ticket.id, `分类为【${CATEGORY_NAMES[category]}】`));
  }
  if (ref && f.place) {
    const place = await resolveLocation(ctx.tx, f.place, { building: ref.building, unit: ref.unit });
    if (!place) return ctx.reply(T.bindUnknownPlace(ref.raw));
    const head = await headOf(ctx.tx, await ancestors(ctx.tx, place));
    const label = await placeLabel(ctx.tx, place);
    await transition(ctx.tx, f.ticket, [f.ticket.status], null, {
      kind: 'corrected',
      actorId: actor(ctx),
      note: `位置改为${label}`,
      now: ctx.now,
      data: { field: 'place', from: f.ticket.placeId, to: place.id },
      set: {
        placeId: place.id,
        building: ref.building,
        unit: ref.unit,
        ...(head && OPEN_STATUSES.includes(f.ticket.status) ? { assigneeId: head.personId } : {}),
      },
    });
    await ctx.tx.correction.create({
      data: {
        ticketId: f.ticket.id,
        text: f.ticket.text,
        field: 'place',
        fromValue: String(f.ticket.placeId),
        toValue: String(place.id),
        byIdentityId: actor(ctx),
        at: ctx.now,
      },
    });
    return ctx.reply(
      T.corrected(f.ticket.id, `位置为${label}${head ? `，负责人 ${head.name}` : ''}`),
      head ? [head.personId] : [],
    );
  }
  await ctx.reply(T.commandMalformed(`例如“#${f.ticket.id} 改为 安全隐患”或“#${f.ticket.id} 位置 3栋2单元”。`));
};

const history: Handler = async (ctx) => {
  const f = await findTicket(ctx, '记录');
  if (!f) return;
  if (!f.handler) return ctx.reply(T.noPermission('查看完整记录', T.whoHeads));
  await ctx.reply(T.history(f.ticket.id, await timeline(ctx, f.ticket.id)));
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
