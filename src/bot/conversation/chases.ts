/**
 * Chases (催办): a reporter or a neighbour pressing on a problem reported here, in their own words
 * ("怎么还没人来", "孙叔 缓台玻璃啥时候能换上啊"), hears its status; the assignee is nudged at most
 * hourly, and enough chases escalate it.
 */
import { T } from '../../common/text/index.js';
import {
  emergencyCue,
  laughs,
  OPENS_LONG_BEFORE,
  parseLocation,
  similarity,
  thingsNamed,
} from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import { describe } from '../handlers/status.js';
import {
  aboutSame,
  closestByWords,
  closestOf,
  filedTogether,
  handledAt,
  ownTickets,
  pickByText,
  storyScores,
  summary,
} from './tickets.js';

/**
 * "赖叔 六楼又没水了 早上不是修好了吗" from the reporter of another open problem: the water handled
 * here is back (a relapse for the report path), not a chase of their own.
 */
export async function backNotOwn(ctx: Context, open: workflow.TicketRow[]): Promise<boolean> {
  if (!ctx.reading.saysAgain || !ctx.chat.place || aboutSame(open, ctx.reading.text).length) return false;
  return aboutSame(await handledAt(ctx, ctx.chat.place, ctx.config.relapseDays), ctx.reading.text).length > 0;
}

/** A chase by the reporter or a follower: the status, a nudge to the assignee (at most hourly), maybe escalation. */
export async function chaseTicket(ctx: Context, ticket: workflow.TicketRow): Promise<Handled> {
  const r = workflow.isOpen(ticket.status)
    ? await workflow.chase(ctx.act, ticket.id, ctx.reading.text, {
        escalateAfter: ctx.config.chaseEscalateAfter,
        nudgeMinutes: ctx.config.chaseNudgeMinutes,
      })
    : null;
  const t = r?.ok ? r.ticket : ticket;
  const status = await describe(ctx, t);
  if (!r?.ok) return status;
  if (r.escalatedTo) {
    status.replies.push(await ctx.say(T.chaseEscalated(t.id, r.escalatedTo.name), [r.escalatedTo.personId], t.id));
  } else if (r.nudge && t.assigneeId) {
    status.replies.push(await ctx.say(T.nudge(t.id), [t.assigneeId], t.id));
  }
  return status;
}

/** A message that opens by naming a head by title ("樊网格长 …", "物业 …"). */
export const ASKS_HEAD = /^\S{0,4}(楼长|网格长|网格员|单元长|书记|主任|物业)/;
/** …or by what neighbours call a person ("孙叔 …", "小魏啊 …"): anyone, so the words must name the problem. */
export const ASKS_SOMEONE =
  /^\p{Script=Han}{1,2}(叔|姐|哥|姨|婶|师傅|老师|伯|大爷|生|太)(啊|呀)?[\s,，]|^小\p{Script=Han}(啊|呀)?[\s,，]/u;
/** …and asks something. */
export const ASKS =
  /[吗呢没冇?？]|(?<![好行对])吧[\s?？!！。~]*$|[咗了]未|[来去修管好弄]无(?![事人聊])|(?<![那这怎什多])么|咋样|怎么样|么样|怎样|如何|咋说|怎么说|进展|消息|啥时候|什么时候|几时|多会儿|咋个?整|咋个?办|怎么办|(咋|怎么|为啥|为什么|点解)(还|又)/;

/** "上个月2单元电梯关人那次 …后来也没下文了": a memory of an earlier matter, not pressing on today's. */
export const toldOfBefore = (text: string) => OPENS_LONG_BEFORE.test(text) && !/还|仍|至今|到现在|一直|仲/.test(text);

/** Both (or all) of one's problems: "那俩事", "这两件事", "两个事都…". */
const BOTH = /[俩两]\s*(个|件)?\s*(事|问题)|这两|两样/;

/** The words name a thing (灯, 电梯 …) the ticket does not, and say little else it does. */
export function namesOtherThing(text: string, ticketText: string): boolean {
  const told = thingsNamed(ticketText);
  return thingsNamed(text).some((t) => !told.includes(t)) && similarity(text, ticketText) < 0.3;
}

/** The words name no thing (灯, 电梯 …) that `ticket` does not. */
const namesNothingNew = (text: string, ticket: workflow.TicketRow) =>
  thingsNamed(text).every((x) => thingsNamed(ticket.text).includes(x));

/** A fault back, told by the reporter of a ticket handled here lately. */
async function ownBack(ctx: Context): Promise<boolean> {
  const place = ctx.chat.place;
  if (!place || !ctx.reading.saysFaultBack) return false;
  const handled = await handledAt(ctx, place, ctx.config.relapseDays);
  return handled.some((t) => t.reporterId === ctx.speaker.identityId);
}

/** A parcel, a delivery or a group order asked after ("彭哥 我快递到了没", "小鹏 米到了没"). */
const ERRAND = /(快递|包裹|外卖|米|菜|水果|肉|鸡蛋|团购|拼单)(到|送到|送来|来)了?(没|吗|么|冇|未)|尾号\d{3,4}/;
/** A question put to the group for their opinion ("你们说今年过年放几天 单位还没通知"). */
const OPINION = /^(你们|大家|各位)(说|觉得|猜|看)/;

/**
 * Words that press on, or step on, no problem of the bot's, whatever they wait for or tell done: errands
 * ("到了 尾号3321 一个大箱子 我给你搬上来了") and the group's opinion.
 */
export function pressesNothing(r: Context['reading']): boolean {
  return (ERRAND.test(r.text) || OPINION.test(r.text)) && r.intent !== 'report' && !r.urgent;
}

/** "阿伯你房间水退了没": a head asking a resident is no chase of theirs; "楼长你忙到现在有呷饭没" neither. */
export function smallTalk(r: Context['reading']): boolean {
  return /吃饭|呷饭|食饭|吃了没|吃过饭|忙不忙/.test(r.text) && r.intent !== 'report' && !r.saysWaiting && !r.urgent;
}

/** "我家孩子到现在还没到家…": a danger the reader is sure of, which presses on no problem that is not one. */
export function sureDanger(r: Context['reading']): boolean {
  return r.urgent && (r.confidence.urgent >= 0.9 || !!emergencyCue(r.text));
}

/** The speaker's own open tickets when they ask or press without a number. */
export async function chaseOwn(ctx: Context): Promise<Handled | null> {
  if (toldOfBefore(ctx.reading.text)) return null;
  const danger = sureDanger(ctx.reading);
  const open = (await ownTickets(ctx, 0)).filter((t) => workflow.isOpen(t.status) && (!danger || t.urgent));
  if (danger && !open.length) return null;
  // "1号梯门又开始弹了 早上不是刚修好吗": their own problem back after it was handled is a relapse.
  if (!open.length && (await ownBack(ctx))) return null;
  // Not theirs: a neighbour asking after, or pressing on, the problem reported here that they name.
  if (!open.length) return pressedHere(ctx, ctx.reading.text);
  if (await backNotOwn(ctx, open)) return null;
  // Their one problem, unless the words are plainly about another one here ("右边那台还是停在9楼").
  // Words that name nothing their own ticket does not ("还在打 楼长不是说去说了吗") stay with it,
  // however alike they sound to what others said of another problem here.
  if (open.length === 1 && !aboutSame(open, ctx.reading.text).length && !namesNothingNew(ctx.reading.text, open[0])) {
    // (Only a problem the words name by its thing: "都十二点半了…还是一层冰" shares a time of day, not
    // a matter, with a neighbour's heating.)
    const pressed = await pressedHere(ctx, ctx.reading.text, true);
    if (pressed) return pressed;
    // "上礼拜报的路灯那事修了没有" from the reporter of an icy slope: a matter the bot does not hold.
    if (namesOtherThing(ctx.reading.text, open[0].text)) return null;
  }
  const one =
    open.length === 1
      ? open[0]
      : (pickByText(open, ctx.reading.text) ?? (await closestByWords(ctx, open, ctx.reading.text)));
  // "地库那俩事下午看了吗": both problems of the message that filed them.
  const together = one && BOTH.test(ctx.reading.text) ? open.filter((t) => filedTogether([one, t])) : [];
  if (together.length > 1) {
    const each: Handled[] = [];
    for (const t of together.sort((a, b) => a.id - b.id)) each.push(await chaseTicket(ctx, t));
    return { ...each[0], replies: each.flatMap((h) => h.replies) };
  }
  if (one) return chaseTicket(ctx, one);
  const lines = [];
  for (const t of open.slice(0, 5)) lines.push(T.yourTicketLine(t.id, await summary(ctx, t), T.statusName(t.status)));
  return ctx.reply(T.yourTickets(lines));
}

/** "张表发咗未", "社区点讲": asking whether a step was taken, or what was said of it. */
const DONE_YET =
  /(?<!听)(发|送|批|办|审|交|报|回|讲|问|联系|处理|修|整|换|睇|看)(咗|了|过)(未|没有?|冇)(?![^。，,\s]{0,2}(人|事))|(点|怎么|咋)(讲|说)(?![^。，,\s]{0,2}(人|事))/;
/** How long an emergency here stays what a bare "有消息冇" asks after. */
const SEARCH_MS = 6 * 3_600_000;
const NEWS = /(有|有冇|有没有)(啲)?(消息|信|下落|音讯)/;
/** Asking whether someone has acted: "有人去说了吗", "修了没", "物业怎么说". */
const AFTER_HANDLING =
  /(监控|录像)[^。，,\s]{0,2}(看|查|调|睇)(了|咗|到|过|好)?(没有?|冇|未|吗|么)|有(没有)?人(来|去|管|理|修)(过|了)?(无|没|吗|么|冇|未|咩)|(去|来)(说|讲|看|修|处理|管|弄)(了|过)?(吗|没|么|冇|未)|(说|讲|修|处理|管|联系|弄|反映)(了|过)(吗|没|么|冇|未)|(怎么|咋|点)(说|讲|回|样)|[么幺咋怎]样了|(修|弄|搞|整|换)好(了)?(吗|没|么|幺|冇|未)|进展|消息|回复|答复|回话|(敲|铲|清|拉|搬|挪|扫|补|锯|剪|抽)(掉|走)?(了|过)(没有|没|吗|么|冇|未)/;
/** …not a neighbour asked for a hand or a loan ("请问楼里有人有梯子吗 借我用十分钟"). */
const NEIGHBOURLY = /借|谁有|有人有|谁家有|哪里(能|可以|有)|帮我|帮忙/;

/** Asks whether anyone has acted ("有人来无", "修好了吗"), not for a neighbour's hand or loan. */
export const asksIfActed = (text: string) =>
  ASKS.test(text) && (AFTER_HANDLING.test(text) || DONE_YET.test(text)) && !NEIGHBOURLY.test(text);

/**
 * "想问下1502那边有人去说了吗 今晚要是再拖椅子…": a question whose words name one of the speaker's own
 * open problems is asking after it, however the reader took the sentence alone.
 */
export async function asksOwn(ctx: Context): Promise<Handled | null> {
  const r = ctx.reading;
  if (!asksIfActed(r.text)) return null;
  if (r.intent === 'command' || r.saysDone || r.saysSettled) return null;
  const open = (await ownTickets(ctx, 0)).filter((t) => workflow.isOpen(t.status));
  const named = aboutSame(open, r.text);
  if (named.length) return named.length === 1 ? chaseTicket(ctx, named[0]) : null;
  // "温妹 张表发咗未呀": their one open problem, asked after in words naming no thing; else the one whose
  // story the words plainly retell ("天面嗰单社区点讲啊 …落雨").
  // (Only words asking whether it was done or what was said of it, not "等你消息" or "老于太太咋样了".)
  if (!DONE_YET.test(r.text)) return null;
  const one =
    open.length === 1 && !thingsNamed(r.text).length ? open[0] : closestOf(await storyScores(ctx, open, r.text));
  return one ? chaseTicket(ctx, one) : null;
}

/**
 * The reporter talking about their open problem in other words ("巷仔啲垃圾仲係咁"): pressing on it,
 * whatever the reader made of the sentence alone. Only when the words name that one ticket.
 */
export async function pressOwn(ctx: Context): Promise<Handled | null> {
  // "又压了一遍以后没再滴了 谢谢你们": news that it is over, not pressing.
  const r = ctx.reading;
  if ((r.saysSettled || r.saysDone) && !r.saysWaiting) return null;
  if (toldOfBefore(r.text)) return null;
  const open = (await ownTickets(ctx, 0)).filter((t) => workflow.isOpen(t.status));
  // "一个多钟头了 宝马还在那 物业到底有没有办法": still waiting on their one problem in this chat, not on
  // one of another chat that shares a word with it (物业).
  const here = open.filter((t) => t.chatId === ctx.chat.id);
  // ("岳小姐 又開始了 比剛才更大聲": their one problem here, still open, going on again is pressing on it too.)
  // (Not a consequence told again: "那今天又不能洗衣服了".)
  const goesOn = r.saysAgain && /又(开始|来|响|吵|唱|放|闹|敲|砸|钻|冒|滴|漏|在)/.test(r.text);
  if (here.length === 1 && (r.saysWaiting || goesOn) && namesNothingNew(r.text, here[0]))
    return chaseTicket(ctx, here[0]);
  const named = aboutSame(open, ctx.reading.text);
  if (named.length === 1) return chaseTicket(ctx, named[0]);
  // "都中午了 师傅咋还没来": still waiting — for the problem here whose story the words speak of
  // ("热力公司的人咋还没来", "右边那台还是停在9楼"), else, with one problem of theirs open, for that one.
  if (!ctx.reading.saysWaiting) return null;
  // Their one open problem when the words name nothing it does not ("没见人来啊 现在 还在滴").
  if (open.length === 1 && namesNothingNew(ctx.reading.text, open[0])) return chaseTicket(ctx, open[0]);
  const pressed = await pressedHere(ctx, ctx.reading.text);
  if (pressed) return pressed;
  // Their one open problem, unless the words name another thing ("电瓶让人给卸走了 …监控到底…" from
  // the reporter of a loose roof sheet is a new matter).
  const one =
    open.length === 1
      ? namesOtherThing(ctx.reading.text, open[0].text)
        ? null
        : open[0]
      : await closestByWords(ctx, open, ctx.reading.text);
  return one ? chaseTicket(ctx, one) : null;
}

/**
 * "电梯到底修不修了 都两个钟头了", "网格员 点解过咗成个钟都仲未有人嚟收啲垃圾": someone still waiting
 * on the one open problem reported in this chat that the words name. They follow it and hear its status.
 */
export async function pressedHere(ctx: Context, text: string, mustName = false): Promise<Handled | null> {
  const open = await ctx.db.ticket.findMany({
    where: { chatId: ctx.chat.id, status: { in: workflow.OPEN_STATUSES } },
    orderBy: { id: 'desc' },
    take: 20,
  });
  if (await backNotOwn(ctx, open)) return null;
  // "我是7栋1单元301张阿婆的女儿 …电话打到现在都没人接": words naming another unit or flat are not
  // pressing on the fall reported at 3单元, however much of its story they share.
  const named = aboutSame(open, text);
  // ("有消息冇啊 我从单位赶回来哒" while the one emergency here lasts: news of that one.)
  const emergencies = open.filter((t) => t.urgent && ctx.now.getTime() - t.createdAt.getTime() < SEARCH_MS);
  const one =
    closestOf(await storyScores(ctx, open, text)) ??
    (named.length === 1 ? named[0] : null) ??
    (emergencies.length === 1 && !thingsNamed(text).length && NEWS.test(text) ? emergencies[0] : null);
  if (!one || placesClash(ctx.reading.location, parseLocation(one.text))) return null;
  if (mustName && !named.includes(one)) return null;
  if (one.reporterId !== ctx.speaker.identityId) await workflow.follow(ctx.db, one.id, ctx.speaker.identityId, ctx.now);
  return chaseTicket(ctx, one);
}

type Where = { building: string | null; unit: string | null; room: string | null };
/** Two locations that cannot be the same place: another building, or another unit or flat of it. */
function placesClash(a: Where, b: Where): boolean {
  if (a.building && b.building && a.building !== b.building) return true;
  const sameBuilding = !a.building || !b.building || a.building === b.building;
  return sameBuilding && ((!!a.unit && !!b.unit && a.unit !== b.unit) || (!!a.room && !!b.room && a.room !== b.room));
}

/** Words that open with thanks ("谢谢费楼长 …", "辛苦 …"). */
export const THANKING = /^(谢谢|感谢|多谢|辛苦)/;

/**
 * Words that the matter goes on, that what was promised has not come, or that ask what came of it:
 * "梯坎还是黑的哦 …跟你们说了的", "讲就话两点放药 …一粒药都冇见", "垃圾那个环卫站咋个说的嘛".
 */
const GOES_ON =
  /还是(没|不|冇|唔|黑|一样|老样子|那样|满|堵|漏|滴|坏|臭|响|吵|停)|还在(滴|漏|渗|响|吵|打|钻|敲|冒|叫|吠|充|吊|挂|堆|摆|占|堵|臭|喷|流)|仲(系|係|喺)?(度)?(滴|漏|渗|响|嘈|冒|吊|挂|堆|摆|塞|臭)|仲(未|冇)|到(现在|而家|宜家)|一直(没|冇)|(跟|同)(你们|你哋|你)(说|讲)(了|过|咗)|讲咗又讲|说了又说|讲就话|说好的|不是说|(咋个|怎么|点|咋|啥子?)(样)?(说|讲)(的|嘅|了|咗)|有(消息|回音)(没|冇|伐|吗|未)|(修|换|整|弄|搞|清|拉|收|焊|通|装)(了|过|咗)(伐|没|冇|未|吗|没有)|都(冇|没)(见|看到)(人|有人|车|师傅)|(人影|影子)都(冇|没)/;

/**
 * The reporter (or a follower) saying in any words that their open problem here goes on, or asking
 * what came of it: a chase of the one whose story the words tell — however the reader took them
 * (small talk, often: "小税 梯坎还是黑的哦 我刚从江边走上来 打着手电的").
 */
export async function goesOnOwn(ctx: Context): Promise<Handled | null> {
  // (Not thanks, "谢谢费楼长 派出所说有消息打我电话", nor a joke, "狗仲未开工 [偷笑]".)
  const text = ctx.reading.text;
  if (!GOES_ON.test(text) || toldOfBefore(text) || THANKING.test(text) || laughs(ctx.msg.text)) return null;
  const open = (await ownTickets(ctx, 0)).filter((t) => workflow.isOpen(t.status) && t.chatId === ctx.chat.id);
  if (!open.length) return null;
  const named = aboutSame(open, ctx.reading.text);
  const scored = await storyScores(ctx, open, ctx.reading.text);
  const one =
    (named.length === 1 ? named[0] : null) ??
    closestOf(scored) ??
    // Their one problem here, when the words share a word of its story and name no other thing.
    (open.length === 1 && scored[0].score >= 1 && !namesOtherThing(ctx.reading.text, open[0].text) ? open[0] : null);
  return one ? chaseTicket(ctx, one) : null;
}
