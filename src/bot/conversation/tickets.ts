/**
 * What the bot knows of a conversation, read from the database so that a restart or a second
 * instance loses nothing: the tickets a head was pinged about here, the tickets a resident
 * reported or follows. (The ticket a quote-reply points at: `quotes.ts`.)
 */
import { T } from '../../common/text/index.js';
import { type Reading, sharedWords, similarity, thingsNamed } from '../../intents/index.js';
import { canHandle, type PlaceRow, within, worksOn } from '../../services/org/places.js';
import * as workflow from '../../services/workflow/index.js';
import { handledTicketsUnder, ownTicketsOf } from '../../store/intake-sql.js';
import type { Context } from '../context.js';

type Ticket = workflow.TicketRow;

const DAY = 86_400_000;
/** How far back the bot's own messages count when finding what a head was pinged about. */
const RECENT_PINGS = 200;
/** The tickets the bot @-mentioned the speaker about in this chat, newest first. */
const pingedHere = async (ctx: Context): Promise<number[]> => (await botSaidHere(ctx)).pinged;

/** The tickets the bot wrote about in this chat lately, and those of them it @-mentioned the speaker about. */
async function botSaidHere(ctx: Context): Promise<{ pinged: number[]; named: number[] }> {
  const rows = await ctx.db.outbox.findMany({
    where: { platform: ctx.chat.platform, chatExternalId: ctx.chat.externalId, ticketId: { not: null } },
    orderBy: { id: 'desc' },
    take: RECENT_PINGS,
    select: { ticketId: true, mentions: true },
  });
  const me = JSON.stringify(ctx.msg.from.id);
  const pinged = rows.filter((r) => r.mentions?.includes(`"id":${me}`)).map((r) => r.ticketId!);
  return { pinged, named: [...new Set(rows.map((r) => r.ticketId!))] };
}

/** The ticket filed last (by time, then number: one message's tickets share their time). */
export const newestOf = <T extends { createdAt: Date; id: number }>(tickets: T[]): T =>
  tickets.reduce((a, b) => (b.createdAt > a.createdAt || (+b.createdAt === +a.createdAt && b.id > a.id) ? b : a));

/** How long after a page a head's words are taken to be about the emergency first. */
const EMERGENCY_MS = 2 * 3_600_000;

/**
 * The newest of `tickets` when it is urgent, reported within two hours and the bot @-mentioned the
 * speaker about it here: while it lasts, a head's update is about it ("…抽水泵车二十分钟到 挪车走东面
 * 楼梯 弗要坐电梯"), and the other things it names are advice to residents, not steps on other tickets.
 */
export async function emergencyHere<T extends workflow.TicketRow>(ctx: Context, tickets: T[]): Promise<T | null> {
  const t = newestOf(tickets);
  if (!t.urgent || ctx.now.getTime() - t.createdAt.getTime() >= EMERGENCY_MS) return null;
  return (await pingedHere(ctx)).includes(t.id) ? t : null;
}

/** The ticket of the bot's latest message in this chat, when that message @-mentioned the speaker. */
export async function lastPingHere(ctx: Context): Promise<number | null> {
  const row = await ctx.db.outbox.findFirst({
    where: { platform: ctx.chat.platform, chatExternalId: ctx.chat.externalId, ticketId: { not: null } },
    orderBy: { id: 'desc' },
    select: { ticketId: true, mentions: true },
  });
  return row?.mentions?.includes(`"id":${JSON.stringify(ctx.msg.from.id)}`) ? row.ticketId : null;
}

/** The ticket the bot's latest message here was about, whoever it named (a page names no one). */
export async function lastTicketHere(ctx: Context): Promise<number | null> {
  const row = await ctx.db.outbox.findFirst({
    where: { platform: ctx.chat.platform, chatExternalId: ctx.chat.externalId, ticketId: { not: null } },
    orderBy: { id: 'desc' },
    select: { ticketId: true },
  });
  return row?.ticketId ?? null;
}

/** The ticket the bot's latest message here pressed the speaker on for a chasing resident ("居民在催 #7"). */
export async function pressedOn(ctx: Context): Promise<number | null> {
  const id = await lastPingHere(ctx);
  if (!id) return null;
  const last = await ctx.db.ticketEvent.findFirst({
    where: { ticketId: id },
    orderBy: { id: 'desc' },
    select: { kind: true },
  });
  return last?.kind === 'chased' ? id : null;
}

/**
 * "120我打了 我跟小宋五分钟到" from a second head paged about an emergency another head has taken on:
 * their update on it, unless the words name another of their tickets. An update in so many words
 * ("我往和阳门那边走着了 也给派出所打了电话") joins the emergency reported here of late whether or not
 * the bot paged this head: a grid worker out searching is not reporting on the bins she signed for.
 */
export async function joinsEmergency(ctx: Context, all: Ticket[], update = false): Promise<Ticket | null> {
  const here = all.filter((t) => t.chatId === ctx.chat.id);
  const e = all.length
    ? ((await emergencyHere(ctx, all)) ?? (update && here.length ? urgentNow(ctx, here) : null))
    : null;
  if (!e || (!update && workflow.allows('claim', e.status)) || e.assigneeId === ctx.speaker.personId) return null;
  // The bot has since pinged them here about another of theirs ("#10 问题反复，已重新打开"): that is what they answer.
  const last = await lastPingHere(ctx);
  const other = last !== e.id && all.some((t) => t.id === last);
  return other || aboutSame(all, ctx.reading.text).some((t) => t.id !== e.id) ? null : e;
}

/** The newest of `tickets` when it is urgent and was reported within two hours. */
function urgentNow(ctx: Context, tickets: workflow.TicketRow[]): workflow.TicketRow | null {
  const t = newestOf(tickets);
  return t.urgent && ctx.now.getTime() - t.createdAt.getTime() < EMERGENCY_MS ? t : null;
}

const worksBelow = (db: Context['db'], personId: number, place: PlaceRow | null) => worksOn(db, personId, place, true);
/**
 * Open tickets a head may mean with a plain reply here: ones reported in this chat at a place they
 * handle, and ones the bot @-mentioned them about here (a page, an escalation); theirs first.
 */
export async function headTickets(ctx: Context): Promise<Ticket[]> {
  const personId = ctx.speaker.personId;
  if (!personId) return [];
  // …and, from other chats, ones the bot told of here that the speaker has signed for ("#9 已由 卢楼长
  // 签收" in the tower's group, for a page filed in the grid's).
  const { pinged, named } = await botSaidHere(ctx);
  const rows = await ctx.db.ticket.findMany({
    where: {
      status: { in: workflow.OPEN_STATUSES },
      OR: [{ chatId: ctx.chat.id }, { id: { in: pinged } }, { id: { in: named }, assigneeId: personId }],
    },
    orderBy: { id: 'desc' },
    take: 30,
    include: { place: true },
  });
  const mine: Ticket[] = [];
  const others: Ticket[] = [];
  for (const { place, ...t } of rows) {
    if (t.assigneeId === personId) mine.push(t);
    // (An emergency nobody has taken yet is any head's below its place to take: "我马上过来拉闸".)
    else if (
      pinged.includes(t.id) ||
      (await (workflow.untakenEmergency(t) ? worksBelow : canHandle)(ctx.db, personId, place))
    )
      others.push(t);
  }
  return [...mine, ...others];
}

/** The speaker's tickets of this chat they handled in the last day, newest first: a later step may still come. */
export async function handledByHead(ctx: Context): Promise<Ticket[]> {
  const personId = ctx.speaker.personId;
  if (!personId) return [];
  return ctx.db.ticket.findMany({
    where: {
      chatId: ctx.chat.id,
      status: 'resolved',
      assigneeId: personId,
      resolvedAt: { gte: new Date(ctx.now.getTime() - DAY) },
    },
    orderBy: { id: 'desc' },
    take: 10,
  });
}

/**
 * In a chat of a grid or a building, a head's words about a ticket reported in another chat under
 * it ("7号楼前那坡炉灰撒上一半了" in the grid's chat): the one open ticket there, among those they may
 * handle and not in `here`, that the words clearly name. Never a guess: null unless one stands out.
 */
export async function namedBelow(ctx: Context, here: Ticket[]): Promise<Ticket | null> {
  const place = ctx.chat.place;
  const personId = ctx.speaker.personId;
  if (!place || !personId || place.level === 'unit') return null;
  const rows = await ctx.db.ticket.findMany({
    where: {
      status: { in: workflow.OPEN_STATUSES },
      id: { notIn: here.map((t) => t.id) },
      place: { path: { startsWith: place.path } },
    },
    orderBy: { id: 'desc' },
    take: 30,
    include: { place: true },
  });
  // (…never one whose things the words pass over for others: "地库入口的水又抽干了" is not the lift below.)
  const said = thingsNamed(ctx.reading.text);
  const passedOver = (t: Ticket, its = thingsNamed(t.text)) =>
    said.length > 0 && its.length > 0 && its.every((x) => !said.includes(x));
  const mine: Ticket[] = [];
  for (const { place: at, ...t } of rows)
    if (!passedOver(t) && (t.assigneeId === personId || (await worksOn(ctx.db, personId, at)))) mine.push(t);
  const scored = await storyScores(ctx, mine, ctx.reading.text);
  const one = closestOf(scored);
  // Words shared with what residents told of it, not only with notes, and nothing here spoken of;
  // plainer still when the head has a ticket here the words could be about.
  if (!one || scored[0].told < (here.length ? 2 : 1) * CLOSEST_MIN) return null;
  const hereScored = await storyScores(ctx, here, ctx.reading.text);
  return hereScored.some((x) => x.score >= CLOSEST_MIN) ? null : one;
}

/** False when the words name a building or unit the ticket is neither in nor around ("收到 6号楼1单元我…" and 5号楼). */
export async function placeAgrees(ctx: Context, t: Ticket): Promise<boolean> {
  const { building, unit } = ctx.reading.location;
  if ((!building && !unit) || !ctx.chat.place || !t.placeId) return true;
  const [named, at] = await Promise.all([
    ctx.locate(ctx.chat.place, { building, unit }),
    ctx.db.place.findUnique({ where: { id: t.placeId } }),
  ]);
  return !named || !at || within(at, named) || within(named, at);
}

/** How long a head's last step keeps their next terse words about the same ticket ("水退了。"). */
const FOCUS_MS = 2 * 3_600_000;

/** The ticket the speaker last stepped on here within two hours (`claimOnly`: when that step signed for it). */
export async function focusOf(ctx: Context, claimOnly = false): Promise<number | null> {
  const last = await ctx.db.ticketEvent.findFirst({
    where: {
      actorId: ctx.speaker.identityId,
      at: { gte: new Date(ctx.now.getTime() - FOCUS_MS) },
      kind: { in: ['acknowledged', 'progress'] },
      ticket: { chatId: ctx.chat.id },
    },
    orderBy: { id: 'desc' },
    select: { ticketId: true, kind: true },
  });
  return claimOnly && last?.kind !== 'acknowledged' ? null : (last?.ticketId ?? null);
}

/** How long after a head's step a bare number of theirs still corrects it ("弄好了" → #6, then "7"). */
const CORRECT_MS = 10 * 60_000;

/**
 * The step the speaker took moments ago in this chat on a ticket other than `id`: what their bare
 * "7" right after it moves to #7. Null when they took none.
 */
export async function stepJustTaken(ctx: Context, id: number): Promise<'claim' | 'progress' | 'resolve' | null> {
  const last = await ctx.db.ticketEvent.findFirst({
    where: {
      actorId: ctx.speaker.identityId,
      at: { gte: new Date(ctx.now.getTime() - CORRECT_MS) },
      kind: { in: ['acknowledged', 'progress', 'resolved'] },
      ticket: { chatId: ctx.chat.id },
    },
    orderBy: { id: 'desc' },
    select: { ticketId: true, kind: true },
  });
  if (!last || last.ticketId === id) return null;
  return last.kind === 'resolved' ? 'resolve' : last.kind === 'progress' ? 'progress' : 'claim';
}

/** Tickets the speaker reported or follows: open ones, and ones handled within `days`. */
export async function ownTickets(ctx: Context, days: number): Promise<Ticket[]> {
  const since = new Date(ctx.now.getTime() - days * DAY);
  return ownTicketsOf(ctx.db, ctx.speaker.identityId, workflow.OPEN_STATUSES, since, 20);
}

/** Handled tickets of a place and the places below it within `days`, newest first: what "又坏了" may be about. */
export async function handledAt(ctx: Context, place: PlaceRow, days: number): Promise<Ticket[]> {
  const since = new Date(ctx.now.getTime() - days * DAY);
  return handledTicketsUnder(ctx.db, place.path, since, 20);
}

/** Similarity from which a message is taken to be about a ticket. */
const ABOUT = 0.3;

/** The one ticket whose text is about the same thing as `text`, or null when none or several are. */
export function pickByText(tickets: Ticket[], text: string): Ticket | null {
  const hits = tickets.filter((t) => similarity(text, t.text) >= ABOUT);
  return hits.length === 1 ? hits[0] : null;
}

/** Done words that say what was fixed ("通了" of a blocked drain, "亮了" of a light), and that fault. */
const FIXES: [RegExp, RegExp][] = [
  [/^[^，。,\s]{0,3}(疏?通了|通好了|掏通了|不堵了)/, /堵|不通|冒水|往外冒|返水|下水|地漏|马桶|化粪/],
  [/^[^，。,\s]{0,3}(亮了|不闪了)/, /灯/],
  [/^[^，。,\s]{0,3}(敲|打|捅|铲)(下来|掉)了/, /冰溜|冰柱|冰凌|冰挂|冰锥/],
  [/^[^，。,\s]{0,3}(关(得|的)?(上|牢|严|紧)了|关(得|的)(牢牢|严严实实|紧紧)|锁(得)?上了)/, /门|闭门器|门禁/],
];

/** The tickets a bare done word fits by what it says was fixed: "通了" with a blocked drain and a leak open. */
export function fixedBy<T extends { text: string }>(tickets: T[], text: string): T[] {
  const clauses = text.split(/[\s，。,！!]+/);
  const fault = FIXES.find(([done]) => clauses.some((c) => done.test(c)))?.[1];
  return fault ? tickets.filter((t) => fault.test(t.text)) : [];
}

/** Tickets whose text is about the same thing as `text`. */
export function aboutSame<T extends { text: string }>(tickets: T[], text: string): T[] {
  return tickets.filter((t) => similarity(text, t.text) >= ABOUT);
}

/** How sure the reader must be of an update's topic before its category alone names a ticket. */
const TOPIC_SURE = 0.6;

/** The tickets a head's update is about: naming the same thing, else, when the topic is fairly sure, of its category. */
export function aboutTopic(tickets: Ticket[], r: Reading): Ticket[] {
  const named = aboutSame(tickets, r.text);
  if (named.length || r.topic.confidence < TOPIC_SURE) return named;
  return tickets.filter((t) => t.category === r.topic.category);
}

/** Of several named, the one of the words' topic ("…片子现在烫手": the heating, not the fake heating men). */
export function onlyOfTopic(named: Ticket[], r: Reading): Ticket | null {
  const same =
    named.length > 1 && r.topic.confidence >= TOPIC_SURE ? named.filter((t) => t.category === r.topic.category) : [];
  return same.length === 1 ? same[0] : null;
}

/**
 * Tickets filed together from one message ("…插线板… 还有…闭门器坏了"): a reply naming each speaks of each.
 * One message's tickets are written in one transaction, to the millisecond; two messages are two matters.
 */
export function filedTogether(tickets: Ticket[]): boolean {
  const [first] = tickets;
  return tickets.every(
    (t) =>
      t.reporterId === first.reporterId &&
      t.chatId === first.chatId &&
      t.createdAt.getTime() === first.createdAt.getTime(),
  );
}

/** A ticket and how many words an update shares with its story, and with what residents told of it. */
type Scored = { t: Ticket; score: number; told: number };

/** Shared words an update needs with one ticket's story, and how far ahead of the next it must be. */
export const CLOSEST_MIN = 2;
const CLOSEST_LEAD = 2;

/** How much an update's words speak of each ticket's story, best first. */
export async function storyScores(ctx: Context, tickets: Ticket[], text: string): Promise<Scored[]> {
  if (!tickets.length) return [];
  const ids = tickets.map((t) => t.id);
  const [events, said] = await Promise.all([
    ctx.db.ticketEvent.findMany({
      where: { ticketId: { in: ids }, note: { not: null } },
      select: { ticketId: true, note: true },
    }),
    ctx.db.inboundMessage.findMany({
      where: { ticketId: { in: ids } },
      select: { ticketId: true, text: true, identityId: true },
    }),
  ]);
  return tickets
    .map((t) => {
      // What others said of it; the speaker's own earlier words count with the notes.
      const theirs = said.filter((m) => m.ticketId === t.id && m.identityId !== ctx.speaker.identityId);
      const own = said.filter((m) => m.ticketId === t.id && m.identityId === ctx.speaker.identityId);
      const told = [t.text, ...theirs.map((m) => m.text)].join(' ');
      const notes = [...events.filter((e) => e.ticketId === t.id).map((e) => e.note), ...own.map((m) => m.text)];
      return { t, score: sharedWords(text, [told, ...notes].join(' ')), told: sharedWords(text, told) };
    })
    .sort((a, b) => b.score - a.score);
}

/** The words share anything with `t`'s story (its report, additions, notes). */
export const sharesStory = async (ctx: Context, t: Ticket, text: string) =>
  ((await storyScores(ctx, [t], text))[0]?.score ?? 0) > 0;

/** The one ticket whose story (report, additions, steps and notes) the words clearly speak of ("渠通返晒"), else null. */
export async function closestByWords(ctx: Context, tickets: Ticket[], text: string): Promise<Ticket | null> {
  return closestOf(await storyScores(ctx, tickets, text));
}

/** The words speak of a ticket the head handled here ("消防来看过了 没有复燃 纸箱子全清走了" after the fire). */
export async function speaksOfHandled(ctx: Context, open: Ticket[] = []): Promise<boolean> {
  const handled = await handledByHead(ctx);
  if (!handled.length) return false;
  if (aboutSame(handled, ctx.reading.text).length > 0) return true;
  const scored = await storyScores(ctx, [...handled, ...open], ctx.reading.text);
  if (!closestOf(scored.filter((x) => handled.includes(x.t)))) return false;
  // …not one still open as much ("讲座那个我报社区了 …老王头女儿我来讲": the sales-pitch report).
  const best = (ts: Ticket[]) => Math.max(0, ...scored.filter((x) => ts.includes(x.t)).map((x) => x.score));
  return !open.length || best(open) < best(handled);
}

/** The clear best of scored tickets (see {@link closestByWords}). */
export function closestOf(scored: Scored[], notesCount = false): Ticket | null {
  const [first, second] = scored;
  if (!first) return null;
  // One candidate alone must be named more plainly: nothing else to weigh it against.
  const min = second ? CLOSEST_MIN : 2 * CLOSEST_MIN;
  if (first.score < min || first.score < CLOSEST_LEAD * (second?.score ?? 0)) return null;
  // A lead won on a head's notes alone ("酸菜缸那事记下了 等找着老爷子…") does not beat words closer
  // to what residents told of another ticket ("找着了 老爷子…" about the missing father) — unless the
  // candidates are the problems of one quoted message, where the head's own notes tell them apart.
  return !notesCount && scored.some((x) => x !== first && x.told > first.told) ? null : first.t;
}

/** What a ticket is about, for lists shown in a group: its place and category, never a resident's words. */
export async function summary(ctx: Context, t: workflow.TicketRow): Promise<string> {
  const place = t.placeId ? await ctx.db.place.findUnique({ where: { id: t.placeId } }) : null;
  return T.ticketSummary(await ctx.label(place), t.category);
}

/**
 * Whether an outcome without a done word can be about `t`: its words share something with the
 * ticket's story, or the head's last step here was on it. (Not enough for news of another person
 * right after a step on this ticket — "刚问了 骨头没事…" after buying an old lady's groceries still
 * closes the groceries; telling them apart needs the question the head answers.)
 */
export async function speaksOf(ctx: Context, t: Ticket): Promise<boolean> {
  const [scored] = await storyScores(ctx, [t], ctx.reading.text);
  return (scored?.score ?? 0) >= CLOSEST_MIN || (await focusOf(ctx)) === t.id;
}
