/**
 * Which ticket a quote-reply speaks of: the number in a quoted bot message (unless its words tell
 * plainly of another), the quoted message itself, or a recent message of this chat with its words.
 */
import { NUMBER_TOKEN, readRecordId } from '../../common/ids.js';
import { sharedWords } from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context } from '../context.js';
import { aboutSame, CLOSEST_MIN, closestOf, handledByHead, headTickets, pickByText, storyScores } from './tickets.js';

type Ticket = workflow.TicketRow;

const HASH = new RegExp(String.raw`#\s*(${NUMBER_TOKEN})`);
const HASH_ALL = new RegExp(HASH.source, 'g');
/** Without spaces, and without the ellipsis a platform puts at the end of a long quote. */
const clean = (s: string) => s.replace(/\s+/g, '').replace(/(…|\.{3})+$/, '');

/**
 * The ticket a quote-reply points at: a number in the quoted text (the bot's own messages name
 * it), the quoted message itself when the platform gives its id, or a recent message of this chat
 * with the quoted text (a resident's report, a bot reply).
 */
export async function quotedTicket(ctx: Context): Promise<number | null> {
  const quoted = ctx.msg.quoted;
  if (!quoted) return null;
  const listed = [...quoted.text.matchAll(HASH_ALL)].filter(
    (m, i, all) => all.findIndex((x) => readRecordId(x[1]) === readRecordId(m[1])) === i,
  );
  // The bot's "您有 2 件待办：#6 …；#19 …" quoted back: the one the reply names, by number or words, else
  // none (the head's words are read as if unquoted, and asked about when they fit several).
  if (listed.length > 1) return oneListed(ctx, listed, quoted.text);
  const named = HASH.exec(quoted.text);
  if (named) return numberOrWords(ctx, readRecordId(named[1]), quoted.text);
  if (quoted.messageId) {
    const sent = await ctx.db.outbox.findFirst({
      where: { platform: ctx.chat.platform, sentId: quoted.messageId, ticketId: { not: null } },
    });
    if (sent?.ticketId) return sent.ticketId;
    const key = `${ctx.msg.platform}:${ctx.msg.account}:${quoted.messageId}`;
    const inbound = await ctx.db.inboundMessage.findUnique({ where: { dedupeKey: key } });
    if (inbound?.ticketId) return inbound.ticketId;
  }
  const text = clean(quoted.text);
  if (text.length < 2) return null;
  const said = await ctx.db.inboundMessage.findMany({
    where: { chatId: ctx.chat.id, ticketId: { not: null } },
    orderBy: { id: 'desc' },
    take: 100,
    select: { text: true, ticketId: true },
  });
  const same = said.find((m) => {
    const t = clean(m.text);
    return t === text || (text.length >= 4 && (t.includes(text) || text.includes(t)));
  });
  if (same?.ticketId) return partQuoted(ctx, same.ticketId, same.text);
  return (await quotedPersonTicket(ctx, quoted.from?.name, quoted.text)) ?? (await quotedByHead(ctx, quoted.text));
}

/**
 * The ticket a quoted message names by number, unless its words plainly tell of another open ticket
 * here (a quote pasted or retyped with a wrong number: "#14 治安 …冒充燃气公司…" when #14 is a broken
 * window): then that one. The bot's own messages always agree with their number.
 */
async function numberOrWords(ctx: Context, id: number, quoted: string): Promise<number | null> {
  const [it, open] = await Promise.all([
    ctx.db.ticket.findUnique({ where: { id } }),
    ctx.db.ticket.findMany({
      where: { chatId: ctx.chat.id, status: { in: workflow.OPEN_STATUSES }, id: { not: id } },
      orderBy: { id: 'desc' },
      take: 30,
    }),
  ]);
  if (!it || !open.length) return id;
  const scored = await storyScores(ctx, [it, ...open], quoted.replace(/#\s*\d+/g, ' '));
  const best = closestOf(scored);
  if (best && best.id !== id && scored[0].told >= 2 * CLOSEST_MIN) return best.id;
  // A quote is of a message in this chat: a number the bot never posted here was retyped wrong
  // ("#32 2号楼2单元停水…" when #32 is the next building's fire). The open one here its words tell
  // of, else the reply is read as if unquoted.
  const c = ctx.chat;
  const postedHere = await ctx.db.outbox.findFirst({
    where: { platform: c.platform, chatExternalId: c.externalId, ticketId: id },
    select: { id: true },
  });
  if (postedHere) return id;
  return best && best.id !== id && scored[0].told >= CLOSEST_MIN ? best.id : null;
}

/** Of several tickets a quoted list names, the one the reply picks: its number, else the item whose words it shares. */
async function oneListed(ctx: Context, listed: RegExpMatchArray[], quoted: string): Promise<number | null> {
  const items = listed.map((m, i) => ({
    id: readRecordId(m[1]),
    words: quoted.slice((m.index ?? 0) + m[0].length, listed[i + 1]?.index ?? quoted.length),
  }));
  const said = ctx.reading.text;
  const byNumber = items.filter((x) => new RegExp(`(^|[^\\d])${x.id}(?!\\d)`).test(said));
  if (byNumber.length === 1) return byNumber[0].id;
  const open = await headTickets(ctx);
  const shared = items.map((x) => sharedWords(said, x.words));
  const top = Math.max(...shared);
  if (top >= 1 && shared.filter((n) => n === top).length === 1) {
    const item = items[shared.indexOf(top)];
    if (open.some((t) => t.id === item.id)) return item.id;
    // A list retyped with other numbers: the open ticket here its item and the reply tell of.
    return closestOf(await storyScores(ctx, open, `${item.words} ${said}`))?.id ?? null;
  }
  // The bot's list names place and kind only ("#2 3栋2单元【设施报修】"): the listed one whose story the reply tells.
  const among = open.filter((t) => items.some((x) => x.id === t.id));
  return among.length > 1 ? (closestOf(await storyScores(ctx, among, said))?.id ?? null) : null;
}

/** Tickets filed from the same message as `first` (same reporter, chat and time), `first` included. */
function filedWith(ctx: Context, first: Ticket): Promise<Ticket[]> {
  return ctx.db.ticket.findMany({
    where: { chatId: first.chatId, reporterId: first.reporterId, createdAt: first.createdAt },
    orderBy: { id: 'asc' },
  });
}

/**
 * A quoted message that filed several problems ("路灯坏了…还有垃圾桶满了"): the one of its tickets
 * the reply's words speak of ("收到 路灯我明天一早找厂后勤"), the first of several it names (the
 * others follow, see {@link namedParts}), else its first.
 */
async function partQuoted(ctx: Context, id: number, said: string): Promise<number> {
  const first = await ctx.db.ticket.findUnique({ where: { id } });
  if (!first) return id;
  const whole = clean(said);
  const parts = (await filedWith(ctx, first)).filter((t) => t.id === id || whole.includes(clean(t.text)));
  if (parts.length < 2) return id;
  const named = aboutSame(parts, ctx.reading.text);
  if (named.length) return named[0].id;
  return closestOf(await storyScores(ctx, parts, ctx.reading.text), true)?.id ?? id;
}

/** The other tickets filed with ticket `id` when the reply names it and at least one of them ("插线板的事…闭门器…"). */
export async function namedParts(ctx: Context, id: number): Promise<Ticket[]> {
  const first = await ctx.db.ticket.findUnique({ where: { id } });
  if (!first) return [];
  const named = aboutSame(await filedWith(ctx, first), ctx.reading.text);
  return named.length >= 2 && named.some((t) => t.id === id) ? named.filter((t) => t.id !== id) : [];
}

/**
 * A head quoting a neighbour's question ("左边电梯现在能坐了吗") to answer it: the one of the
 * head's open tickets here that the quoted words and the answer are about.
 */
async function quotedByHead(ctx: Context, text: string): Promise<number | null> {
  if (!ctx.speaker.personId) return null;
  const all = await headTickets(ctx);
  // …or the bot's message retold without its number ("网格助手：1栋1单元一楼电表箱进水…已转阳单元长"):
  // the one its words alone are about — among the emergencies when it says 紧急.
  // (…and those they closed here today: a quote of the page about the gas just dealt with is that one.)
  const urgent = /紧急/.test(text) ? [...all, ...(await handledByHead(ctx))] : [];
  const paged = urgent.filter((t) => t.urgent);
  if (paged.length === 1) return paged[0].id;
  const mine = paged.length ? paged : all;
  const told = pickByText(mine, text) ?? pickByText(mine, `${text} ${ctx.reading.text}`);
  return (told ?? closestOf(await storyScores(ctx, mine, text)))?.id ?? null;
}

/**
 * A quote of a message that filed nothing ("电梯整好未呀？"): the open ticket here its writer
 * reported or follows, or, among several, the one the quoted words are about.
 */
async function quotedPersonTicket(ctx: Context, name: string | undefined, text: string): Promise<number | null> {
  if (!name) return null;
  const who = await ctx.db.identity.findFirst({ where: { platform: ctx.chat.platform, displayName: name } });
  if (!who) return null;
  const theirs = await ctx.db.ticket.findMany({
    where: {
      chatId: ctx.chat.id,
      status: { in: workflow.OPEN_STATUSES },
      OR: [{ reporterId: who.id }, { followers: { some: { identityId: who.id } } }],
    },
    orderBy: { id: 'desc' },
    take: 10,
  });
  if (theirs.length === 1) return theirs[0].id;
  return pickByText(theirs, `${text} ${ctx.reading.text}`)?.id ?? null;
}
