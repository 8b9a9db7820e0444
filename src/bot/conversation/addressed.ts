/**
 * Whom a head speaks to: a head answering in a group often names the resident who reported the
 * problem ("收到彭叔 我巡查顺路过去看"), which tells one of their tickets from another.
 */
import { splitProblems, thingsNamed } from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context } from '../context.js';
import {
  aboutSame,
  closestByWords,
  closestOf,
  emergencyHere,
  handledByHead,
  lastPingHere,
  newestOf,
  ownTickets,
  storyScores,
} from './tickets.js';

type Ticket = workflow.TicketRow;

const ALONGSIDE = /(我|我哋|我们|俺|咱)(同|和|跟|与)\p{Script=Han}{1,3}?(?=一齐|一起|一块|先|去|用|拿|搬|抬)/gu;

/** "彭幺爸" or "老彭" is called "彭叔": the surname (after 老/小/阿) and a word for an elder or neighbour. */
// (A room number before the name, "302贾姨", is no part of it: "贾姨".)
function surnameCalled(name: string, text: string): boolean {
  const surname = /^(?:老|小|阿)?(\p{Script=Han})/u.exec(
    name.replace(/^\S*?单元|^\S*?楼/, '').replace(/^[\dA-Za-z-]+/, ''),
  )?.[1];
  return !!surname && new RegExp(`${surname}${KIN}`).test(text);
}

const KIN = '(叔|伯|姨|婶|婆|爷|大爷|大妈|奶奶|孃孃|嬢嬢|幺爸|哥|姐|老师|师傅|阿姨|老汉|生|太)';

const elder = (name: string) => /^阿\p{Script=Han}(伯|叔|姆|婶|姨|嫂|公|婆|嬷)$/u.exec(name)?.[1]?.replace(/^/, '阿');

/**
 * The one ticket whose reporter the words address by their name in the group ("收到彭叔 …",
 * "张婆婆你做得对 …"); null when none or several are.
 */
export async function addressedReporter(
  ctx: Context,
  tickets: Ticket[],
  byGivenName = false,
  said = ctx.reading.text,
): Promise<Ticket | null> {
  if (tickets.length < 2) return null;
  const people = await ctx.db.identity.findMany({
    where: { id: { in: [...new Set(tickets.map((t) => t.reporterId))] } },
    select: { id: true, displayName: true },
  });
  // "我同陈生先用竹竿…围住": someone named as a helper at the head's side is not spoken to or of.
  const text = said.replace(ALONGSIDE, '$1');
  // By name, or by surname and how one speaks to an elder or a neighbour ("彭幺爸" is "彭叔").
  // …or by the end of a longer name, said to or of them ("小吴说得对" of 早点铺小吴, "老唐" to 1单元老唐).
  // ("阿伯" to 阿耀伯: the given name dropped between 阿 and the word for an elder.)
  const tail = (name: string) =>
    name.length > 2 ? (/[小老阿]\p{Script=Han}$/u.exec(name)?.[0] ?? elder(name)) : undefined;
  // ("志强你即刻打110" to 刘志强: a full name's given name, said to them.)
  const given = (name: string) =>
    /^\p{Script=Han}{3}$/u.test(name) && new RegExp(`(^|[\\s，,])${name.slice(1)}([你您]|[\\s，,])`).test(text);
  const addressed = (name: string) =>
    (name.length >= 2 && spokenTo(text, name)) ||
    surnameCalled(name, text) ||
    text.includes(tail(name) ?? '\0') ||
    (byGivenName && given(name));
  const named = new Set(people.filter((p) => addressed(p.displayName)).map((p) => p.id));
  const hits = tickets.filter((t) => named.has(t.reporterId));
  return named.size === 1 && hits.length === 1 ? hits[0] : null;
}

/**
 * "这件我来 …阿杰你外公那张收据收好莫丢": the head speaks by name to someone who has just spoken here and
 * is neither the reporter nor a follower of `t`: the step is about what that person said (which
 * the bot may not hold), not about `t`.
 */
export async function speaksToAnother(ctx: Context, t: Ticket): Promise<boolean> {
  const recent = await ctx.db.inboundMessage.findMany({
    where: { chatId: ctx.chat.id, identityId: { not: null } },
    orderBy: { id: 'desc' },
    take: 6,
    select: { identityId: true },
  });
  const followers = await ctx.db.ticketFollower.findMany({ where: { ticketId: t.id }, select: { identityId: true } });
  const theirs = new Set([t.reporterId, ctx.speaker.identityId, ...followers.map((f) => f.identityId)]);
  const others = [...new Set(recent.map((m) => m.identityId!))].filter((id) => !theirs.has(id));
  if (!others.length) return false;
  const people = await ctx.db.identity.findMany({
    where: { id: { in: [...others, t.reporterId] } },
    select: { id: true, displayName: true },
  });
  const text = ctx.reading.text;
  // "白婶 我下午跟春燕一块去…": the reporter is the one spoken to; the other name is company.
  const reporter = people.find((p) => p.id === t.reporterId)?.displayName ?? '';
  if ((reporter.length >= 2 && spokenTo(text, reporter)) || surnameCalled(reporter, text)) return false;
  return people.some((p) => p.id !== t.reporterId && p.displayName.length >= 2 && calledOut(text, p.displayName));
}

/** The name said to its bearer as one calls out to someone: at a clause's start, then a pause or "你". */
function calledOut(text: string, name: string): boolean {
  const at = (i: number) => i === 0 || /[\s，,。!！:：]/.test(text[i - 1]);
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
    if (at(i) && /^([\s，,。!！~]|你|您|啊|呀|$)/.test(text.slice(i + name.length))) return true;
  return false;
}

/**
 * "我知道是谁家的 …我这就下去敲他门": the report just made here (see {@link justReported}) that the bot
 * @-mentioned the head about in its latest message — unless they are already at work on another
 * ("上去看了 已经弄好了" may be either).
 */
export async function justPinged(ctx: Context, fit: Ticket[]): Promise<Ticket | null> {
  const id = await lastPingHere(ctx);
  const busy = fit.some(
    (t) =>
      t.id !== id &&
      t.assigneeId === ctx.speaker.personId &&
      (t.status === 'acknowledged' || t.status === 'in_progress'),
  );
  const t = busy ? null : fit.find((x) => x.id === id);
  return t && (await justReported(ctx, fit))?.id === t.id ? t : null;
}

/** The words speak to the reporter of another of `all` than `t`. */
export async function speaksElsewhere(ctx: Context, all: Ticket[], t: Ticket): Promise<boolean> {
  const to = await addressedReporter(ctx, all);
  return !!to && to.id !== t.id;
}

/** The name is said to its bearer, not of them: "何大夫说骨头应该没事" only reports what they said. */
function spokenTo(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
    if (!/^(说|讲|话|讲话|告诉|的|家)/.test(text.slice(i + name.length))) return true;
  return false;
}

/**
 * "李哥 楼上那家联系上没": a resident asking the head who holds their problem, by surname and a word
 * for a neighbour (the head is "李单元长"), or by their name.
 */
export async function addressesHandler(ctx: Context, t: Ticket): Promise<boolean> {
  if (!t.assigneeId) return false;
  const head = await ctx.db.person.findUnique({ where: { id: t.assigneeId }, select: { name: true } });
  if (!head) return false;
  const opening = ctx.reading.text.slice(0, 8);
  const surname = /^\p{Script=Han}/u.exec(head.name)?.[0];
  return opening.includes(head.name) || (!!surname && new RegExp(`^${surname}${KIN}`).test(opening));
}

/** A report is "just made" for this long, and while at most this many messages follow it here. */
const JUST_MS = 15 * 60_000;
const JUST_LINES = 3;

/**
 * The ticket a neighbour reported here just now, when the head's words name none of theirs ("我这就
 * 过去 先在底下拉根绳" right after the report of a loose panel): the newest of `tickets` filed in this
 * chat within {@link JUST_MS}, with at most {@link JUST_LINES} messages said here since.
 */
export async function justReported(ctx: Context, tickets: Ticket[]): Promise<Ticket | null> {
  const here = tickets.filter((t) => t.chatId === ctx.chat.id);
  if (!here.length) return null;
  const newest = newestOf(here);
  if (ctx.now.getTime() - newest.createdAt.getTime() > JUST_MS) return null;
  // Two pages here within minutes are likely one emergency told twice: which one is meant is asked.
  if (
    newest.urgent &&
    here.some((t) => t !== newest && t.urgent && newest.createdAt.getTime() - t.createdAt.getTime() < JUST_MS * 2)
  )
    return null;
  const report = await ctx.db.inboundMessage.findFirst({
    where: { ticketId: newest.id, chatId: ctx.chat.id },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  if (!report) return null;
  const since = await ctx.db.inboundMessage.count({ where: { chatId: ctx.chat.id, id: { gt: report.id } } });
  return since <= JUST_LINES ? newest : null;
}

/** News of a person's care: an ambulance, a hospital, an X-ray, someone conscious again. */
const CARE_NEWS =
  /120|救护车|急救|医院|拍(了|过)?片|片子|骨头|骨折|血压|输液|挂水|送医|医生|抢救|缝了|包扎|(人|佢|伊|她|他)(是|还)?(醒|清醒)|缓过来/;

/** A ticket for a person in trouble: urgent, or a call for help. */
const forPerson = (t: Ticket) => t.urgent || t.category === 'assistance';

/**
 * "门开开了 杭老伯跌勒卫生间地上 人是醒格 120已经来了", "救护车接走了 送的重医附一院": a head's news of
 * how someone is, about the one ticket of theirs for a person in trouble (urgent, or a call for help).
 */
export function aboutPerson(ctx: Context, tickets: Ticket[]): Ticket | null {
  if (!CARE_NEWS.test(ctx.reading.text)) return null;
  const people = tickets.filter(forPerson);
  return people.length === 1 ? people[0] : null;
}

/**
 * News of a person's care ("老人120拉到区医院了…") when none of `tickets` is for a person and the
 * head closed one for a person here today: news of that one, not of the ice or the manhole.
 */
export async function careNewsElsewhere(ctx: Context, tickets: Ticket[]): Promise<boolean> {
  const text = ctx.reading.text;
  // "楼道灯那事…从医院回来顺道买了灯泡": words naming one of the tickets are about it.
  if (!CARE_NEWS.test(text) || tickets.some(forPerson) || aboutSame(tickets, text).length) return false;
  return (await handledByHead(ctx)).some(forPerson);
}

/**
 * The tickets a head's update without a step is about: the ones its words name; when none, the one
 * whose story they share, else their one ticket for a person in trouble; when two name one thing in
 * one breath ("空调外机我马上过来 老邵帮我…" beside a dripping air conditioner), the closer one, else
 * the one whose reporter they speak to. During an emergency they were just paged about, that one.
 */
export async function updatedTickets(ctx: Context, named: Ticket[], fit: Ticket[]): Promise<Ticket[]> {
  const oneThing = named.length > 1 && splitProblems(ctx.reading.text).length < 2;
  const emergency = named.length > 1 ? await emergencyHere(ctx, named) : null;
  // (…unless it speaks to another one's reporter: "王姐 1302的…进水管…换新了 你家天花板…".)
  if (emergency && !(await speaksElsewhere(ctx, named, emergency))) return [emergency];
  if (named.length && !oneThing) return named;
  const words = await closestByWords(ctx, oneThing ? named : fit, ctx.reading.text);
  // "…志强你即刻打110" while searching: the one whose reporter they speak to, over words shared with another's notes.
  const spoken = words && !oneThing ? await addressedReporter(ctx, fit, true) : null;
  const near = (spoken ?? words) || (oneThing ? await addressedReporter(ctx, named) : aboutPerson(ctx, fit));
  return near ? [near] : named;
}

/**
 * "米克拉依 可以的 带上低保证…来社区一楼": a handler answering, by their name and first thing, the
 * one who put a policy question here. Null when no single question's asker is spoken to so.
 */
export async function answersAsker(ctx: Context, tickets: Ticket[]): Promise<Ticket | null> {
  const asked = tickets.filter((t) => t.category === 'consultation' && t.chatId === ctx.chat.id);
  if (!asked.length) return null;
  const people = await ctx.db.identity.findMany({
    where: { id: { in: [...new Set(asked.map((t) => t.reporterId))] } },
    select: { id: true, displayName: true },
  });
  const text = ctx.reading.text;
  const spoken = people.filter((p) => p.displayName.length >= 2 && text.startsWith(p.displayName));
  const hits = asked.filter((t) => spoken.some((p) => p.id === t.reporterId));
  return hits.length === 1 && !/[?？吗]$/.test(text) ? hits[0] : null;
}

/**
 * The one ticket a step fits, unless the words speak of another ticket of the head's: one open here
 * that the step does not fit ("供电师傅搞好咗" is not about the one policy question waiting), one
 * they handled here today ("消防通道的瓷砖都搬走了" after closing that), or one they reported or
 * follow ("高龄补贴的事问好了", told to a neighbour, is not about the stairwell light they hold).
 */
export async function onlyFit(
  ctx: Context,
  t: workflow.TicketRow,
  all: workflow.TicketRow[],
): Promise<workflow.TicketRow | null> {
  const [handled, own] = await Promise.all([handledByHead(ctx), ownTickets(ctx, 1)]);
  const others = [...all, ...handled, ...own].filter(
    (o, i, list) => o.id !== t.id && list.findIndex((x) => x.id === o.id) === i,
  );
  // "502进水管接好了 …灯等干透再开": words that name its thing ("灯") but tell far more of the leak they
  // handled here are a later step on that one, not the light.
  if (aboutSame([t], ctx.reading.text).length) {
    const rivals = handled.filter((h) => h.id !== t.id);
    const closest = rivals.length ? closestOf(await storyScores(ctx, [t, ...rivals], ctx.reading.text)) : null;
    return closest && closest.id !== t.id ? null : t;
  }
  if (await speaksToAnother(ctx, t)) return null;
  // "小吴说得对 这事得管…": said to the one who reported it, whatever else the words share.
  const newest = await ctx.db.ticket.findFirst({ where: { chatId: ctx.chat.id }, orderBy: { id: 'desc' } });
  const rivals = newest && newest.id !== t.id ? [...others, newest] : others;
  const addressed = await addressedReporter(ctx, [t, ...rivals]);
  if (addressed?.id === t.id) return t;
  // "杨伯嗰段扶手要烧焊 …" naming the one who reported a ticket they handled here: about that one.
  // (Not "门开了 阿娘人清爽嗰…" of the grandmother this one is about, whose name a handled one's reporter shares.)
  if (addressed && handled.some((h) => h.id === addressed.id) && !aboutSame([t], ctx.reading.text).length) {
    const [top, next] = await storyScores(ctx, [t, addressed], ctx.reading.text);
    if (top.t.id === addressed.id && top.score > next.score) return null;
  }
  // "我看见这俩人了 …" right after a neighbour's report here that is not theirs: about that one, not theirs.
  const theirs = all.some((x) => x.id === newest?.id);
  if (newest && newest.id > t.id && !theirs && workflow.isOpen(newest.status) && (await justReported(ctx, [newest])))
    return null;
  // "北门的冰铲了" is not the answer to the one policy question waiting: the words name other things.
  const said = thingsNamed(ctx.reading.text);
  if (t.category === 'consultation' && said.length && said.every((x) => !thingsNamed(t.text).includes(x))) return null;
  if (!others.length) return t;
  if (aboutSame(others, ctx.reading.text).length) return null;
  // Words that clearly tell another's story are about that one — unless they tell this one's more
  // ("讲座那个我报社区了 …老王头女儿我来讲" is the sales-pitch report, not the flood closed this morning).
  const scored = await storyScores(ctx, [t, ...others], ctx.reading.text);
  if (!closestOf(scored.filter((x) => x.t !== t))) return t;
  const its = scored.find((x) => x.t === t)?.score ?? 0;
  return scored.every((x) => x.t.id === t.id || x.score <= its) ? t : null;
}

/** A head asking a colleague by title ("郝楼长 4栋有没有独居的…"), not reporting. */
const ASKS_COLLEAGUE =
  /^\p{Script=Han}{0,3}(楼长|单元长|网格长|网格员|书记|主任|经理)[\s，,][^。]*([?？吗]|有没有|有冇|是不是|几个|几户|哪家|哪户|谁)/u;

export const answersColleague = (r: { text: string }) => ASKS_COLLEAGUE.test(r.text);

/**
 * The message opens by @-mentioning someone who is neither in the org nor the bot, or by the name
 * of a resident heard on this platform ("哈力木拉提 你先把卫生间的灯关了…").
 */
export async function answersResident(ctx: Context): Promise<boolean> {
  const text = ctx.msg.text ?? '';
  const name = /^@([^\s@]+)/.exec(text)?.[1];
  if (name && !ctx.config.botNames.includes(name))
    return !(await ctx.db.person.findFirst({ where: { name }, select: { id: true } }));
  const called = /^([^\s@，,:：]{2,8})[\s，,:：]/.exec(text)?.[1];
  if (!called || called === ctx.speaker.displayName) return false;
  const resident = await ctx.db.identity.findFirst({
    where: { platform: ctx.here.platform, displayName: called, personId: null },
    select: { id: true },
  });
  return !!resident;
}
