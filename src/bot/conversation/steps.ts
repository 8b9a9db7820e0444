/**
 * Taking a step on a ticket for a head and wording the result: the one place the conversation
 * signs for, updates and finishes tickets.
 */
import { T } from '../../common/text/index.js';
import { splitProblems, thingsNamed } from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import { refusalText } from '../handlers/refusals.js';
import { claimed, progressed, resolved, type Taken } from '../handlers/ticket-replies.js';
import { ACT_MIN, actOf, type HeadVerb, newsOfOne, stepOf, TO_EVERYONE } from './acts.js';
import { piecesFor } from './pieces.js';
import { aboutSame } from './tickets.js';

/** What the asked-about office said, with its verdict; and words that say the answer is still to come. */
const ANSWERED =
  /(说了|讲了|话(咗|了)|答复(了|说)|回复(了|说)|问(了|咗|过|清楚|明白|到了)|查(了|咗|过|清楚|到了))[^。？?]{0,30}(可以|能|不能|需要|得|要|不用|唔使|唔得|冇问题|没问题|符合|不符合|有用|管用|就行|就得)/;
const NOT_YET = /[?？吗]$|还没|还未|仲未|等(通知|消息|回复|答复)|回头|再问|再查|明天(再)?(答复|回复|告诉)/;
/** The answer itself: what to bring, where to go, what there is ("带你爸身份证…到社区", "材料：…", "每月有高龄津贴"). */
const GUIDANCE =
  /(带(上|着|齐)?|准备(好)?|拿(上|着)?)[^。？?]{0,24}(证|本|卡|照片|相片|复印件|合同|证明|材料)|材料(是|有|要)?[:：]|(到|去|来)[^。，,？?]{0,14}(社区|窗口|服务中心|服务站|街道|大厅|办事处|居委会|派出所)[^。？?]{0,12}(办|登记|申请|领|交|提交)|每(个)?(月|年)(有|发|补|能领|可以领)|标准(是|为)|(可以|能)(直接)?(申请|领取?|办理?)(?![吗么没])/;

const HELPS_MORE =
  /我(来|帮|给|替|陪)(你|您|佢|伊)?[^，。,\s]{0,4}(办|弄|跑|填|交|申请|搞)|上门|上(你|您|佢)(屋企|家|屋里)/;

/**
 * Does `verb` to ticket `id` for the speaker and words the result. An update on a ticket nobody
 * has signed for yet signs for it first: a head telling what they are doing has taken it on.
 */
export async function take(
  ctx: Context,
  given: HeadVerb,
  id: number,
  taken: Taken,
  note = ctx.reading.args.note ?? ctx.reading.text,
): Promise<Handled> {
  let verb = given;
  if (verb === 'progress') {
    const t = await ctx.db.ticket.findUnique({ where: { id }, select: { status: true, category: true } });
    // "孟大爷 街道那边说了 老楼加装电梯得…同意", "材料：身份证、租房合同…到社区服务中心一楼窗口先登记":
    // the answer to a question asked is its end (not with more help promised: "…我下昼拎申请表上你屋企").
    const answered = (ANSWERED.test(note) || GUIDANCE.test(note)) && !HELPS_MORE.test(note);
    if (t?.category === 'consultation' && answered && !NOT_YET.test(note)) verb = 'resolve';
    if (t && workflow.allows('claim', t.status as workflow.TicketStatus)) {
      const c = await workflow.claim(ctx.act, id);
      if (!c.ok) return ctx.reply(refusalText(c, ctx.now));
      if (verb === 'progress') {
        const p = await workflow.progress(ctx.act, id, note);
        return claimed(ctx, p.ok ? p.ticket : c.ticket, taken);
      }
    }
  }
  const r =
    verb === 'claim'
      ? await workflow.claim(ctx.act, id)
      : verb === 'progress'
        ? await workflow.progress(ctx.act, id, note)
        : await workflow.resolve(ctx.act, id, note);
  if (!r.ok) return ctx.reply(refusalText(r, ctx.now));
  if (verb === 'claim') return claimed(ctx, r.ticket, taken);
  return verb === 'progress' ? progressed(ctx, r.ticket, note, taken) : resolved(ctx, r.ticket, note, taken);
}

/** Words that ask rather than tell. */
const ASKS = /[?？吗呢么嘛伐]\s*$|怎么样|咋样|怎样|如何|进展|了没|没有[?？]?$|啥时候|什么时候|几时|到底|有没有|是不是/;

/**
 * "#16 奶奶找到了 …人好好的", "#9 李伯 问清楚了 …证明有用": news told on the ticket its handler names,
 * not a question about it: an update, or its end when the words tell one. Null for anyone else.
 */
export async function namedNews(ctx: Context, id: number): Promise<Handled | null> {
  if (ASKS.test(ctx.reading.text)) return null;
  const seen = await workflow.see(ctx.act, id);
  if (!('parties' in seen) || !seen.parties.has('handler') || !workflow.isOpen(seen.ticket.status)) return null;
  const done = ctx.reading.saysDone || ctx.reading.saysSettled;
  const note = ctx.reading.text.replace(/^\s*#\s*\d+\s*/, '');
  return take(ctx, done ? 'resolve' : 'progress', id, 'named', note);
}

/** Does a head's `verb` to the ticket `id` they named (by quoting it, for instance). */
export function takeNamed(ctx: Context, verb: HeadVerb, id: number): Promise<Handled> {
  return take(ctx, verb, id, 'named');
}

/**
 * A step on each of several tickets the message names one by one ("门禁我去修，沙发我去问"): each
 * the step its own words take ("车挪走了 灯电工说四点前弄好" finishes one, updates the other).
 */
export async function takeEach(ctx: Context, verb: HeadVerb, tickets: workflow.TicketRow[]): Promise<Handled> {
  const all: Handled[] = [];
  const pieces = piecesFor(tickets, ctx.reading.text);
  for (const t of tickets) {
    const part = pieces.get(t.id)!;
    // Its own part decides; a part that tells no step takes none stronger than an update.
    const own = part === ctx.reading.text ? verb : (stepOf(ctx, part) ?? (verb === 'resolve' ? 'progress' : verb));
    all.push(await take(ctx, workflow.allows(own, t.status) ? own : verb, t.id, 'inferred'));
  }
  return { outcome: 'reply', ticketId: tickets[0].id, replies: all.flatMap((h) => h.replies) };
}

/** A head's later word on ticket `id`, already handled: noted on it ("#12 已办结，补记…"); null when refused. */
export async function noteOnHandled(ctx: Context, id: number): Promise<Handled | null> {
  const note = ctx.reading.args.note ?? ctx.reading.text;
  if (!(await workflow.annotate(ctx.act, id, note)).ok) return null;
  return { outcome: 'reply', ticketId: id, replies: [await ctx.say(T.annotated(id, ctx.actor.name, note), [], id)] };
}

/**
 * A head's words about their ticket(s) without a step named: done when they say it is done, else
 * else a progress note (which signs for it first when nobody has: see `take`).
 */
export async function updateAbout(ctx: Context, named: workflow.TicketRow[]): Promise<Handled | null> {
  const r = ctx.reading;
  // (A notice that tells an end, "各位业主，南门坡道积雪已清理完毕…", is the end of the ticket it names,
  // and one that tells a step on it, "各位邻居，…我已报给辖区派出所", news of it.)
  const news = newsOfOne(r.text, named.length);
  const notice = actOf(r, 0.5) === 'announce' && !r.saysSettled && !news;
  if (!named.length || r.intent === 'status' || notice || actOf(r, 0.5) === 'thanks') return null;
  // "各位居民：…", "借这个事提醒大家…": words to everyone are a notice, not a step, unless they tell one.
  if (TO_EVERYONE.test(r.text) && !r.saysDone && !r.saysSettled && !news) return null;
  // Several at once only when the words name each one's own thing ("灯和门锁额都记下咧").
  const eachNamed = named.every((t) => aboutSame([t], r.text).length) && thingsNamed(r.text).length >= named.length;
  if (named.length > 1 && splitProblems(r.text).length < named.length && !eachNamed) return null;
  const steps: Handled[] = [];
  const pieces = named.length > 1 ? piecesFor(named, r.text) : null;
  for (const t of named) {
    // Its own part of the message decides for it; the whole only when no part names it.
    const part = pieces?.get(t.id);
    const own = part && part !== r.text ? stepOf(ctx, part) : undefined;
    const verb: HeadVerb =
      own === 'resolve' || (own === undefined && (r.saysDone || r.saysSettled || actOf(r, ACT_MIN.head) === 'done'))
        ? 'resolve'
        : 'progress';
    steps.push(await take(ctx, verb, t.id, 'inferred'));
  }
  return steps.length === 1
    ? steps[0]
    : { outcome: 'reply', ticketId: named[0].id, replies: steps.flatMap((h) => h.replies) };
}
