/**
 * A report in a group: quiet when unsure (or ask once when @-mentioned), never a head's announcement;
 * find the place or ask for it; the reporter's repeat is an addition, a problem back a relapse, a
 * neighbour's repeat following; each problem of the message its own ticket, answered in one reply.
 */
import { T } from '../../common/text/index.js';
import { emergencyCue, type Reading, similarity, thingsNamed } from '../../intents/index.js';
import { linkEarlier } from '../../services/media/attachments.js';
import type { PlaceRow } from '../../services/org/places.js';
import type { OutboxItem } from '../../services/outbox.js';
import * as workflow from '../../services/workflow/index.js';
import { pressedHere } from '../conversation/chases.js';
import { actOf, advises, announces, HEAD_REPORT_SURE, type HeadVerb } from '../conversation/acts.js';
import { announcedOutage } from '../conversation/outages.js';
import { take, takeNamed } from '../conversation/steps.js';
import { askedOthersAbout, forget, pending, remember } from '../conversation/prompts.js';
import { quotedTicket } from '../conversation/quotes.js';
import { answersColleague, answersResident } from '../conversation/addressed.js';
import { aboutSame, emergencyHere, handledAt, headTickets, speaksOf } from '../conversation/tickets.js';
import type { Context, Handled } from '../context.js';
import { fileTicket, type Problem } from './file-ticket.js';
import { backFrom, namesNothingElse, pressing, retold, sameProblem } from './same-problem.js';

const NEEDS_BUILDING = ['facility', 'sanitation', 'safety', 'dispute'];

/** How sure of a report naming no building before it is filed for the grid or asked about ("几栋几单元？"): in
 * grid chats most such words are talk (measured on the streams). */
const PLACELESS_CONFIDENCE = 0.75;

export async function report(ctx: Context): Promise<Handled> {
  const base = ctx.chat.place;
  const r = ctx.reading;
  if (!base) return ctx.reply(T.reportInGroup);
  // Anyone in the org (a head, or staff listed without a role, "物业这边说一下：…") announces at 0.6.
  if (!r.urgent && (await announces(ctx))) return { outcome: 'ignored', replies: [] };
  // "@黄太太 物业这边也有有偿上门维修的…": a head or staff answering a resident, not reporting.
  // (…nor "郝楼长 4栋有没有独居的或者卧床的 停电一上午怕出事": a head asking a colleague by title.)
  if (!r.urgent && (await ctx.isHead()) && (answersColleague(r) || (await answersResident(ctx))))
    return { outcome: 'ignored', replies: [] };
  // "白菜别堆楼道里 上回堆得都过不去人 放自家阳台": a head's advice to residents, not a report.
  if (!r.urgent && advises(r) && (await ctx.isHead())) return { outcome: 'ignored', replies: [] };
  // "这个是5幢的孔老伯呀…" after "…老爷爷…有没有人认识": who the one in danger is, not a new report.
  const asked = await askedWho(ctx);
  if (asked) return answerWho(ctx, asked);
  // "张奶奶闺女来消息了 说是股骨颈骨折…" after her fall was paged here: news of that one, not a new report.
  const news = r.urgent || thingsNamed(r.text).length ? null : await personNews(ctx);
  if (news) return answerWho(ctx, news);
  // "家人们停水了" after the groups were told of the cut: nothing to file.
  if (!r.urgent && !r.saysWaiting && (await announcedOutage(ctx))) return { outcome: 'ignored', replies: [] };
  // Heads mostly announce and update in groups; a report in their words must be clearer to file.
  const bar = (await ctx.isHead())
    ? Math.max(ctx.config.reportConfidence, HEAD_REPORT_SURE)
    : ctx.config.reportConfidence;
  // Unsure, unless the words say a problem handled here is back ("又嚟 左边部电梯又开开合合").
  if (!r.urgent && (r.confidence.intent < bar || faint(r) || r.confidence.report < MODEL_DOUBTS))
    return (await relapseReport(ctx)) ?? (await emergencyUpdate(ctx)) ?? unsureReport(ctx);
  return fileReading(ctx, base, r, { vague: !r.urgent && !r.parts.length && vague(r) });
}

/**
 * A faint reading: barely a report, of no clear kind, naming no place and no thing ("年纪大了睡不着四点就醒了
 * 听外头刮风呼呼的"). On the 82 streams 85 such lines were chatter and 1 a report (decision 0017).
 */
const FAINT = { intent: 0.65, category: 0.5 };
const faint = (r: Reading) =>
  r.confidence.intent < FAINT.intent &&
  r.confidence.category < FAINT.category &&
  !Object.values(r.location).some(Boolean) &&
  !thingsNamed(r.text).length;

/** The model all but sure it is no report, whatever the rules read ("收到 蚊子太多了 早该打了"; decision 0018). */
const MODEL_DOUBTS = 0.05;

/** Below this the reader is unsure what kind of problem it is (docs/decisions/0011). */
const VAGUE_CATEGORY = 0.45;
/** Unless it is this sure that the message is a report. */
const VAGUE_INTENT = 0.85;

/**
 * Words the reader takes for a report without being sure of it nor of what kind of problem they tell
 * ("楼下快递柜满了…要取的去门卫", "刚从车棚回来 风把雨都吹横的了"): chatter far more often than not.
 */
const vague = (r: Reading) =>
  r.confidence.intent < VAGUE_INTENT && r.confidence.category < VAGUE_CATEGORY && !r.saysAgain;

/**
 * "3单元门口拿板凳跟绳子拦上了 大家从2单元那头绕 我跟老孟上楼顶压沙袋": a head's words, unsure as a
 * report, while the emergency they were paged about here lasts and speaking of its story: an update on it.
 */
async function emergencyUpdate(ctx: Context): Promise<Handled | null> {
  if (!(await ctx.isHead())) return null;
  const all = await headTickets(ctx);
  const e = all.length ? await emergencyHere(ctx, all) : null;
  if (!e || !(await speaksOf(ctx, e)) || aboutSame(all, ctx.reading.text).some((t) => t.id !== e.id)) return null;
  return take(ctx, 'progress', e.id, 'inferred');
}

/** An urgent report asking the group who someone is ("有没有人认识", "谁家的孩子"). */
const ASKS_WHO = /有没有人(认识|知道|见过)|有人认识|谁(认识|知道)|谁家的|是谁家/;
const A_PERSON = /老伯|爷爷|奶奶|阿婆|婆婆|阿公|阿嬷|老人|老头|老太|孩子|小孩|伯|叔|姨|他|她|女儿|儿子|家属/;
/** How long after such a report the group's answers about that person belong to it. */
const WHO_MS = 30 * 60_000;

/** The open urgent ticket of this chat, under half an hour old, whose report asked who someone is. */
async function askedWho(ctx: Context): Promise<workflow.TicketRow | null> {
  const text = ctx.reading.text;
  if (!A_PERSON.test(text) || emergencyCue(text) || ctx.reading.saysAgain) return null;
  const t = await ctx.db.ticket.findFirst({
    where: {
      chatId: ctx.chat.id,
      urgent: true,
      status: { in: workflow.OPEN_STATUSES },
      createdAt: { gte: new Date(ctx.now.getTime() - WHO_MS) },
    },
    orderBy: { id: 'desc' },
  });
  return t && ASKS_WHO.test(t.text) ? t : null;
}

/** Someone by surname and how neighbours call them ("张奶奶", "李大爷"). */
const PERSON_CALLED = /\p{Script=Han}(奶奶|大爷|爷爷|阿姨|婆婆|老太太?|大妈|阿婆|阿公|阿嬷|伯伯|叔叔)/gu;

/** The emergency paged in this chat in the last day whose report named the person these words name. */
async function personNews(ctx: Context): Promise<workflow.TicketRow | null> {
  const named = new Set(ctx.reading.text.match(PERSON_CALLED) ?? []);
  if (!named.size) return null;
  const since = new Date(ctx.now.getTime() - 86_400_000);
  const pages = await ctx.db.ticket.findMany({
    where: { chatId: ctx.chat.id, urgent: true, createdAt: { gte: since } },
    orderBy: { id: 'desc' },
    take: 5,
  });
  return pages.find((t) => (t.text.match(PERSON_CALLED) ?? []).some((p) => named.has(p))) ?? null;
}

/** A head's answer is their update on it; a neighbour's is noted on it without a word in the group. */
async function answerWho(ctx: Context, t: workflow.TicketRow): Promise<Handled> {
  if (await ctx.isHead()) {
    const taken = await takeNamed(ctx, 'progress', t.id);
    if (taken.ticketId) return taken;
  }
  await workflow.addNote(ctx.act, t.id, ctx.reading.text);
  return { outcome: 'merged', ticketId: t.id, replies: [] };
}

/**
 * Someone saying a problem here is back ("三楼那个灯又黑了 中午才换的") although the reader took it for
 * chatter: when it names a ticket handled here lately (or its reporter says a fault is back), it is
 * filed as a report, which reopens that ticket or opens a new one linked to it.
 */
export async function relapseReport(ctx: Context): Promise<Handled | null> {
  const place = ctx.chat.place;
  const r = ctx.reading;
  const asked = r.intent === 'status' && (!!r.ticket || !r.saysFaultBack);
  if (!place || !(r.saysAgain || actOf(r, 0.5) === 'relapse') || asked) return null;
  const recent = await handledAt(ctx, place, ctx.config.relapseDays);
  let handled = aboutSame(recent, r.text);
  // Its reporter need not name the thing again ("不照啊 又开始滴了"): their one ticket handled here.
  if (!handled.length && r.saysFaultBack)
    handled = recent.filter((t) => t.reporterId === ctx.speaker.identityId && namesNothingElse(r.text, t.text));
  // …nor need a neighbour, when the words retell its story ("左边那台又卡在12楼了" after "左边那台电梯停在12楼").
  const near = !handled.length && r.saysAgain ? await retold(ctx, recent, r.text) : null;
  if (near) handled = [near];
  handled = handled.filter((t) => !thingsNamed(r.text).length || backFrom(t.text, r.text)); // not "又停水" of a lock-in
  // Of two lifts handled here, the one its own reporter says is back ("1号梯门又开始弹了").
  const own = handled.filter((t) => t.reporterId === ctx.speaker.identityId);
  if (handled.length > 1 && own.length === 1) handled = own;
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
 * `extra.near` is the building a location pin pointed at, used when the words name none;
 * `extra.vague` words only add to what is open here, they file nothing new.
 */
export async function fileReading(
  ctx: Context,
  base: PlaceRow,
  r: Reading,
  extra: { media?: string[]; near?: PlaceRow | null; vague?: boolean } = {},
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
    if (p.urgent || p.mustReport) handled.push(await oneProblem(ctx, at ?? base, p, extra.vague));
    else if (!at || needsBuilding(at, part.category, r.sharedArea)) {
      // "垃圾一焗就臭" beside the rubbish-room ticket open for the whole grid: that one, not a question.
      const known = await sameProblem(ctx, at ?? base, p);
      if (known && 'outcome' in known) handled.push(known);
      else unplaced.push(p);
    } else handled.push(await oneProblem(ctx, at, p, extra.vague));
  }
  // Unsure words naming no building ("七楼冇𨋢都要孭部车上楼🤣") are not worth a question either.
  const unsure = (r.confidence.intent < PLACELESS_CONFIDENCE || !!extra.vague) && !pressing(r);
  if (!handled.length && (!unplaced.length || unsure)) return unsureReport(ctx);
  if (unplaced.length === 1 && pressing(r)) {
    const pressed = await pressedHere(ctx, unplaced[0].text);
    if (pressed) return pressed;
  }
  // "回南天垃圾一焗就臭" while the bot waits for the first teller's building: the same matter, one question.
  if (unplaced.length && !handled.length && (await askedOthersAbout(ctx, r.text))) return unsureReport(ctx);
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
async function oneProblem(ctx: Context, place: PlaceRow, p: Problem, vague = false): Promise<Handled> {
  const known = await sameProblem(ctx, place, p);
  if (known && 'outcome' in known) {
    if (known.ticketId && p.media?.length)
      await linkEarlier(ctx.db, p.media, { ticketId: known.ticketId, role: 'report' });
    return known;
  }
  if (vague && !known?.relatedToId) return unsureReport(ctx);
  const filed = await fileTicket(ctx, place, { ...p, relatedToId: known?.relatedToId ?? null });
  if (p.media?.length) await linkEarlier(ctx.db, p.media, { ticketId: filed.ticket.id, role: 'report' });
  return { outcome: 'ticket', ticketId: filed.ticket.id, replies: filed.replies };
}

/** Files problems that waited for their place (a location pin answered "几栋几单元？"). */
export async function fileAt(ctx: Context, place: PlaceRow, problems: Problem[]): Promise<Handled> {
  const handled: Handled[] = [];
  for (const p of problems) handled.push(await oneProblem(ctx, place, p));
  return handled.length === 1 ? handled[0] : combine(ctx, handled);
}
