/**
 * A report in a group: quiet when unsure (or ask once when @-mentioned), never a head's announcement;
 * find the place or ask for it; the reporter's repeat is an addition, a problem back a relapse, a
 * neighbour's repeat following; each problem of the message its own ticket, answered in one reply.
 */
import { STATUS_NAMES, T } from '../../common/text/index.js';
import { emergencyCue, type Reading, sharedWords, similarity, thingsNamed } from '../../intents/index.js';
import { linkEarlier } from '../../services/media/attachments.js';
import type { PlaceRow } from '../../services/org/places.js';
import type { OutboxItem } from '../../services/outbox.js';
import * as workflow from '../../services/workflow/index.js';
import { chaseTicket, pressedHere } from '../conversation/chases.js';
import { actOf, type HeadVerb } from '../conversation/acts.js';
import { reopenFor, takeNamed } from '../conversation/index.js';
import { forget, pending, remember } from '../conversation/prompts.js';
import { type Around, ticketsAround } from '../../store/intake-sql.js';
import { aboutSame, agreedWith, handledAt, quotedTicket } from '../conversation/tickets.js';
import type { Context, Handled } from '../context.js';
import { fileTicket, type Problem } from './file-ticket.js';

const NEEDS_BUILDING = ['facility', 'sanitation', 'safety', 'dispute'];

/**
 * How sure the reader must be of a report that names no building before it is filed for the whole
 * grid or asked about ("几栋几单元？"): in grid chats most such words are talk (measured on the streams).
 */
const PLACELESS_CONFIDENCE = 0.75;

/** How sure the reader must be that a head's own words are a new report (measured on the streams). */
const HEAD_REPORT_CONFIDENCE = 0.85;

/** "还有个事…", "另外一件事…": a new matter, never an addition to the speaker's open one. */
const ANOTHER_MATTER = /^(还有|另外|另)(个|一个|件|一件)?(事|问题|情况)/;

/** The model's urgency from which a report pages even beside an open ticket about the same thing. */
const SURE_DANGER = 0.3;

export async function report(ctx: Context): Promise<Handled> {
  const base = ctx.chat.place;
  const r = ctx.reading;
  if (!base) return ctx.reply(T.reportInGroup);
  if (!r.urgent && actOf(r, (await ctx.isHead()) ? 0.6 : 0.85) === 'announce')
    return { outcome: 'ignored', replies: [] };
  // Heads mostly announce and update in groups; a report in their words must be clearer to file.
  const bar = (await ctx.isHead())
    ? Math.max(ctx.config.reportConfidence, HEAD_REPORT_CONFIDENCE)
    : ctx.config.reportConfidence;
  // Unsure, unless the words say a problem handled here is back ("又嚟 左边部电梯又开开合合").
  if (!r.urgent && r.confidence.intent < bar) return (await relapseReport(ctx)) ?? unsureReport(ctx);
  return fileReading(ctx, base, r);
}

/**
 * Someone saying a problem here is back ("三楼那个灯又黑了 中午才换的") although the reader took it for
 * chatter: when it names a ticket handled here lately (or its reporter says a fault is back), it is
 * filed as a report, which reopens that ticket or opens a new one linked to it.
 */
export async function relapseReport(ctx: Context): Promise<Handled | null> {
  const place = ctx.chat.place;
  const r = ctx.reading;
  if (!place || !(r.saysAgain || actOf(r, 0.5) === 'relapse') || r.intent === 'status') return null;
  const recent = await handledAt(ctx, place, ctx.config.relapseDays);
  let handled = aboutSame(recent, r.text);
  // Its reporter need not name the thing again ("不照啊 又开始滴了"): their one ticket handled here.
  if (!handled.length && r.saysFaultBack)
    handled = recent.filter((t) => t.reporterId === ctx.speaker.identityId && namesNothingElse(r.text, t.text));
  if (handled.length !== 1) return null;
  const category = r.category ?? (handled[0].category as Reading['category']);
  return fileReading(ctx, place, { ...r, intent: 'report', category });
}

/** A report the reader is not sure of: asked about once when the bot was @-mentioned, else left alone. */
async function unsureReport(ctx: Context): Promise<Handled> {
  if (!ctx.msg.mentionsBot) return { outcome: 'ignored', replies: [] };
  await remember(ctx, 'register', { text: ctx.msg.text });
  return { ...(await ctx.reply(T.registerAsk, [], 'asked')), promptsChanged: true };
}

/** "登记" answering "需要登记为报事吗？": the earlier message is filed. */
export async function answerRegister(ctx: Context): Promise<Handled | null> {
  const open = await pending<{ text: string }>(ctx, 'register');
  if (!open || !/^(登记|登记一下|是|是的|好|好的|要|需要|对)[。!！]?$/.test(ctx.reading.text)) return null;
  await forget(ctx, open.id);
  const reading = ctx.deps.pipeline.read(open.payload.text, ctx.now, { botNames: ctx.config.botNames });
  const handled = await fileReading(ctx, ctx.chat.place!, {
    ...reading,
    intent: 'report',
    category: reading.category ?? 'other',
  });
  return { ...handled, promptsChanged: true };
}

/**
 * A head quoting a neighbour's message that filed nothing and answering it ("收到 我而家打"): the
 * head's answer says it is a problem for them, so the quoted words are filed and the head's step
 * taken on the new ticket; the neighbour follows it. Null when the quote is of no such message.
 */
export async function fileQuoted(ctx: Context, verb: HeadVerb): Promise<Handled | null> {
  const quoted = ctx.msg.quoted;
  const place = ctx.chat.place;
  if (!quoted || quoted.fromBot || !place || (await quotedTicket(ctx))) return null;
  const r = ctx.deps.pipeline.read(await quotedWhole(ctx, quoted.text), ctx.now, { botNames: ctx.config.botNames });
  if (r.intent !== 'report' && r.topic.confidence < 0.6) return null;
  const filed = await fileReading(ctx, place, { ...r, intent: 'report', category: r.category ?? r.topic.category });
  if (!filed.ticketId || (filed.outcome !== 'ticket' && filed.outcome !== 'merged')) return filed;
  const writer = quoted.from?.name
    ? await ctx.db.identity.findFirst({ where: { platform: ctx.chat.platform, displayName: quoted.from.name } })
    : null;
  if (writer && writer.id !== ctx.speaker.identityId) await workflow.follow(ctx.db, filed.ticketId, writer.id, ctx.now);
  const step = await takeNamed(ctx, verb, filed.ticketId);
  return { ...filed, replies: [...filed.replies, ...step.replies] };
}

/** The whole message a quote cut short ("> 王婆婆：我屋头厨房顶上在滴水…"), when it was said here lately. */
async function quotedWhole(ctx: Context, text: string): Promise<string> {
  const clean = (t: string) => t.replace(/\s+/g, '');
  const part = clean(text);
  if (part.length < 4) return text;
  const said = await ctx.db.inboundMessage.findMany({
    where: { chatId: ctx.chat.id },
    orderBy: { id: 'desc' },
    take: 50,
    select: { text: true },
  });
  return said.find((m) => m.text && clean(m.text).includes(part))?.text ?? text;
}

/**
 * Files what a reading says. `extra.media` are earlier messages whose photos belong to it;
 * `extra.near` is the building a location pin pointed at, used when the words name none.
 */
export async function fileReading(
  ctx: Context,
  base: PlaceRow,
  r: Reading,
  extra: { media?: string[]; near?: PlaceRow | null } = {},
): Promise<Handled> {
  const problems = r.parts.length
    ? r.parts
    : [{ text: r.text, category: r.category ?? 'other', urgent: r.urgent, location: r.location }];
  const named = r.location.building || r.location.unit;
  const place = !named && extra.near ? extra.near : await ctx.locate(base, r.location);
  const handled: Handled[] = [];
  const unplaced: Problem[] = [];
  for (const part of problems) {
    // A part that names no place of its own is where the message said ("1单元门禁坏了…还有单元门口的垃圾桶").
    const own = part.location.building || part.location.unit;
    const at = (r.parts.length && own ? await ctx.locate(base, part.location) : null) ?? place;
    const p: Problem = {
      text: part.text,
      category: part.category,
      urgent: part.urgent,
      mustReport: r.parts.length ? null : r.mustReport,
      room: part.location.room ?? r.location.room,
      ...(extra.media?.length ? { media: extra.media } : {}),
    };
    // Unsure words for the whole grid ("南门停了辆消防车 又出啥事了？？") are left alone.
    const unsureHere = !p.urgent && aboveBuildings(at ?? base) && r.confidence.intent < PLACELESS_CONFIDENCE;
    if (unsureHere && (p.mustReport || (at && !needsBuilding(at, part.category, r.sharedArea)))) continue;
    if (p.urgent || p.mustReport) handled.push(await oneProblem(ctx, at ?? base, p));
    else if (!at || needsBuilding(at, part.category, r.sharedArea)) unplaced.push(p);
    else handled.push(await oneProblem(ctx, at, p));
  }
  // Unsure words naming no building ("七楼冇𨋢都要孭部车上楼🤣") are not worth a question either.
  const unsure = r.confidence.intent < PLACELESS_CONFIDENCE && !pressing(r);
  if (!handled.length && (!unplaced.length || unsure)) return unsureReport(ctx);
  if (unplaced.length === 1 && pressing(r)) {
    const pressed = await pressedHere(ctx, unplaced[0].text);
    if (pressed) return pressed;
  }
  if (unplaced.length) handled.push(await askLocation(ctx, unplaced));
  return handled.length === 1 ? handled[0] : combine(ctx, handled);
}

function aboveBuildings(place: PlaceRow): boolean {
  return place.level !== 'building' && place.level !== 'unit';
}

function needsBuilding(place: PlaceRow, category: string, sharedArea: boolean): boolean {
  if (place.level === 'building' || place.level === 'unit') return false;
  return NEEDS_BUILDING.includes(category) && !sharedArea;
}

/** Several problems answered in one reply here (direct messages stay apart). */
function combine(ctx: Context, all: Handled[]): Handled {
  const here: OutboxItem[] = [];
  const elsewhere: OutboxItem[] = [];
  for (const h of all)
    for (const item of h.replies) (item.chatExternalId === ctx.chat.externalId ? here : elsewhere).push(item);
  const merged: OutboxItem[] = here.length
    ? [
        {
          ...here[0],
          text: here.map((i) => i.text).join('\n'),
          mentions: [...new Map(here.flatMap((i) => i.mentions ?? []).map((m) => [m.id, m])).values()],
        },
      ]
    : [];
  const ticketId = all.find((h) => h.ticketId)?.ticketId ?? null;
  return {
    outcome: all.some((h) => h.outcome === 'ticket') ? 'ticket' : all[0].outcome,
    ticketId,
    replies: [...merged, ...elsewhere],
    promptsChanged: all.some((h) => h.promptsChanged),
  };
}

/** One question for every problem of the message that still needs its building. */
async function askLocation(ctx: Context, problems: Problem[]): Promise<Handled> {
  await remember(ctx, 'location', { problems });
  return { ...(await ctx.reply(T.askLocation, [], 'asked')), promptsChanged: true };
}

/**
 * Completes a report the bot asked about, when this message answers the question. Returns what
 * was done when the message was consumed, 'dropped' when a stale question was removed and the
 * message goes on to be read as usual, and null when nothing was pending.
 */
export async function completePendingReport(ctx: Context): Promise<Handled | 'dropped' | null> {
  const open = await pending<{ problems: Problem[] }>(ctx, 'location');
  if (!open) return null;
  const r = ctx.reading;
  const named = r.location.building || r.location.unit;
  if (!named) {
    // Not an answer: a new report replaces the question; anything else leaves it open.
    if (r.intent !== 'report') return null;
    await forget(ctx, open.id);
    return 'dropped';
  }
  if (r.intent === 'command' || r.intent === 'status') return 'dropped';
  // "听讲话8座有人困𨋢？" names a building but is about something else: not the answer.
  const restated = r.intent === 'report' && open.payload.problems.some((p) => similarity(p.text, r.text) >= 0.3);
  if (!saysOnlyWhere(r.text) && !restated) return null;
  await forget(ctx, open.id);
  const place = ctx.chat.place ? await ctx.locate(ctx.chat.place, r.location) : null;
  if (!place || place.level === 'grid' || place.level === 'community') {
    return { ...(await ctx.reply(T.locationStillMissing)), promptsChanged: true };
  }
  const handled: Handled[] = [];
  for (const p of open.payload.problems) {
    handled.push(
      await oneProblem(ctx, place, { ...p, room: r.location.room ?? p.room, text: `${p.text}（${r.text}）` }),
    );
  }
  return { ...(handled.length === 1 ? handled[0] : combine(ctx, handled)), promptsChanged: true };
}

// Place words and the little words around them in an answer to "几栋几单元？" ("喺3座2梯 402").
const PLACE_WORDS =
  /[\dA-Za-z零〇一二两三四五六七八九十]{1,4}\s*(号楼|号栋|栋|幢|座|单元|梯|楼|层|室|号|户|#)|\d{1,4}(\s*-\s*\d{1,4})+|\d{3,4}/g;
const AROUND_PLACE = /[在喺系是住的嘅啊呀啦喇哦嗯就我家屋企那边呢度这里]|[\s\p{P}\p{S}]/gu;

/** True when a message says little besides a place: an answer to "请问是几栋几单元？". */
function saysOnlyWhere(text: string): boolean {
  return text.replace(PLACE_WORDS, '').replace(AROUND_PLACE, '').length <= 4;
}

/** One problem at a known place: an addition, a relapse, a neighbour's repeat, or a new ticket. */
async function oneProblem(ctx: Context, place: PlaceRow, p: Problem): Promise<Handled> {
  const known = await sameProblem(ctx, place, p);
  if (known && 'outcome' in known) {
    if (known.ticketId && p.media?.length)
      await linkEarlier(ctx.db, p.media, { ticketId: known.ticketId, role: 'report' });
    return known;
  }
  const filed = await fileTicket(ctx, place, { ...p, relatedToId: known?.relatedToId ?? null });
  if (p.media?.length) await linkEarlier(ctx.db, p.media, { ticketId: filed.ticket.id, role: 'report' });
  return { outcome: 'ticket', ticketId: filed.ticket.id, replies: filed.replies };
}

/**
 * Another report of an emergency already paged in this building: it joins that ticket (the
 * workflow decides which), the reporter hears it is being handled, and the head how many
 * people have reported it.
 */
async function sameEmergency(ctx: Context, place: PlaceRow, p: Problem): Promise<Handled | null> {
  // One building (or the place itself when higher): a smoking battery in a unit is the smoke the building group sees.
  const chain = await ctx.chain(place);
  const area = chain.find((x) => x.level === 'building') ?? place;
  const joined = await workflow.joinEmergency(ctx.db, {
    area,
    text: p.text,
    reporterId: ctx.speaker.identityId,
    now: ctx.now,
  });
  if (!joined) return null;
  const { ticket, reporters } = joined;
  const replies = [await ctx.say(T.emergencyAlso(ticket.id, reporters), [], ticket.id)];
  if (ticket.assigneeId && workflow.tellsHead(joined))
    replies.push(...(await ctx.dm(ticket.assigneeId, T.emergencyCount(ticket.id, reporters))));
  return { outcome: 'merged', ticketId: ticket.id, replies };
}

/** What an earlier ticket makes of this problem: handled here, or an earlier one to link to. */
async function sameProblem(
  ctx: Context,
  place: PlaceRow,
  p: Problem,
): Promise<Handled | { relatedToId: number } | null> {
  const { own, ...near } = await around(ctx, place);
  // Their own open problem, unless the words name something it does not ("排水沟堵了" beside the lift
  // they reported) or say they bring another matter ("还有个事…").
  const another = ANOTHER_MATTER.test(p.text);
  const ownOpen = another
    ? []
    : aboutSame(
        own.filter((t) => workflow.isOpen(t.status)),
        p.text,
      ).filter((t) => namesNothingElse(p.text, t.text));
  // "关姨 502仲未有人返嚟咩 我啲桶又满咗": other words, but the same flat and room as the one
  // problem the speaker reported in this chat.
  const handledBack =
    aboutSame(near.handled, p.text).length > 0 ||
    own.some((t) => !workflow.isOpen(t.status) && t.chatId === ctx.chat.id);
  if (!ownOpen.length && !another) ownOpen.push(...ownStoryHere(ctx, own, p.text, handledBack));
  // The reporter on their own open problem adds to it; only a new danger in plain words pages again.
  const newDanger =
    p.urgent && !ownOpen[0]?.urgent && (emergencyCue(p.text) || ctx.reading.confidence.urgent >= SURE_DANGER);
  if (ownOpen.length === 1 && !newDanger) {
    // Pressing: on the problem here their words plainly speak of, else on their own.
    if (pressing(ctx.reading)) return (await pressedHere(ctx, p.text)) ?? chaseTicket(ctx, ownOpen[0]);
    const r = await workflow.addNote(ctx.act, ownOpen[0].id, p.text);
    if (r.ok) return { ...(await ctx.reply(T.noted(r.ticket.id), [], 'merged')), ticketId: r.ticket.id };
  }
  const saysBack = ctx.reading.saysAgain || actOf(ctx.reading, 0.5) === 'relapse';
  let handled = aboutSame(near.handled, p.text);
  // "车库又开始入水啦" from the one who reported the flood here: their problem is back, in other words.
  const ownHandled = own.filter(
    (t) => !workflow.isOpen(t.status) && t.placeId === place.id && namesNothingElse(p.text, t.text),
  );
  if (!handled.length && saysBack && ownHandled.length === 1) handled = ownHandled;
  if (handled.length >= 1) {
    const t = handled[0];
    const mine = own.some((o) => o.id === t.id);
    // The reporter's or a follower's "又坏了", or anyone's "又…" while it awaits its follow-up, reopens it;
    // a neighbour's fresh report after it was closed is a new ticket that names the old one.
    if (mine || (t.status === 'resolved' && saysBack)) {
      const reopened = await reopenFor(ctx, t.id);
      if (reopened) return reopened;
    }
    return { relatedToId: t.id };
  }
  // A danger the model alone senses in words about a problem open here ("电梯门一直开一直关") is that
  // problem — unless the model is sure of it and that ticket never paged: then it pages now.
  const known = workflow.pickDuplicate(near.open, p.category, p.text);
  const sure = ctx.reading.confidence.urgent >= SURE_DANGER && !known?.urgent;
  if (p.urgent && (emergencyCue(p.text) || !known || sure)) return sameEmergency(ctx, place, p);
  const duplicate = known ?? (await agreedWith(ctx, p.text));
  if (!duplicate) return null;
  if (duplicate.reporterId !== ctx.speaker.identityId) {
    await workflow.follow(ctx.db, duplicate.id, ctx.speaker.identityId, ctx.now);
  }
  // "电梯到底修不修了 都两个钟头了": waiting on the known problem is pressing on it, not reporting it.
  if (pressing(ctx.reading)) return chaseTicket(ctx, duplicate);
  const text = T.duplicate(duplicate.id, STATUS_NAMES[duplicate.status] ?? duplicate.status);
  return { ...(await ctx.reply(text, [], 'merged')), ticketId: duplicate.id };
}

/** True when `text` names no thing (灯, 电梯, 排水 …) that `ticket` does not. */
function namesNothingElse(text: string, ticket: string): boolean {
  const theirs = thingsNamed(ticket);
  return !theirs.length || thingsNamed(text).every((x) => theirs.includes(x));
}

/** The speaker's one open ticket from this chat when `text` shares words with it and names no other thing. */
function ownStoryHere(
  ctx: Context,
  own: workflow.TicketRow[],
  text: string,
  handledBack: boolean,
): workflow.TicketRow[] {
  const here = own.filter((t) => workflow.isOpen(t.status) && t.chatId === ctx.chat.id);
  if (here.length !== 1) return [];
  const t = here[0];
  const clash = thingsNamed(text).length > 0 && thingsNamed(t.text).length > 0 && similarity(text, t.text) === 0;
  // "塑料布被风掀开一块 又开始滴了": the fault they reported, back while it is still open (unless a
  // ticket handled here is what is back: see `sameProblem`).
  const back = (ctx.reading.saysFaultBack || ctx.reading.saysAgain) && !handledBack;
  return !clash && (back || sharedWords(text, t.text) >= 2) ? [t] : [];
}

/** Still waiting ("咋还没人来", "都两个钟头了") or pressing, in the reader's judgement. */
function pressing(r: Reading): boolean {
  return r.saysWaiting || actOf(r, 0.5) === 'chase';
}

/**
 * In one statement: the speaker's tickets (open, or handled within the relapse window), the tickets
 * handled at the place within that window, and its open tickets within the duplicate window.
 */
function around(ctx: Context, place: PlaceRow): Promise<Around> {
  const { config, now } = ctx;
  const relapseSince = new Date(now.getTime() - config.relapseDays * 86_400_000);
  return ticketsAround(ctx.db, {
    identityId: ctx.speaker.identityId,
    placeId: place.id,
    open: workflow.OPEN_STATUSES,
    ownSince: relapseSince,
    handledSince: relapseSince,
    openSince: new Date(now.getTime() - config.duplicateWindowHours * 3_600_000),
    limit: workflow.DUPLICATE_CANDIDATES,
  });
}

/** Files problems that waited for their place (a location pin answered "几栋几单元？"). */
export async function fileAt(ctx: Context, place: PlaceRow, problems: Problem[]): Promise<Handled> {
  const handled: Handled[] = [];
  for (const p of problems) handled.push(await oneProblem(ctx, place, p));
  return handled.length === 1 ? handled[0] : combine(ctx, handled);
}
