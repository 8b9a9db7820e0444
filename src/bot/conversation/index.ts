/**
 * Reading a message the way a grid worker sitting in the group would: who is speaking and what
 * was just said change what it means. A head's "收到" right after the bot pinged them claims that
 * ticket; a quote-reply applies to the quoted ticket; the reporter's "还是没人管吗" is a chase.
 * Null when the conversation gives the message no meaning of its own (the reading then decides).
 */
import { T } from '../../common/text/index.js';
import { isStatusQuestion, sharedWords, splitProblems } from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import {
  ACT_MIN,
  ADDRESSED,
  acksSuperior,
  actOf,
  advises,
  foundOf,
  foundOther,
  type HeadVerb,
  headVerb,
  settledOnly,
  shoutsOwnPart,
} from './acts.js';
import {
  ASKS,
  ASKS_HEAD,
  ASKS_SOMEONE,
  chaseOwn,
  asksOwn,
  chaseTicket,
  namesOtherThing,
  pressedHere,
  pressesNothing,
  pressOwn,
  goesOnOwn,
  smallTalk,
  sureDanger,
  THANKING,
} from './chases.js';
import { remember } from './prompts.js';
import { answerQuote, BARE_NUMBER, QUIET } from './replies.js';
import {
  aboutPerson,
  addressedReporter,
  answersAsker,
  addressesHandler,
  careNewsElsewhere,
  justPinged,
  justReported,
  onlyFit,
  speaksElsewhere,
  speaksToAnother,
  updatedTickets,
} from './addressed.js';
import { hasTwin, heldPage, newsOfHeldPage, pagedAlike, pageStep, pingedUntaken, untakenPage } from './pages.js';
import { asideStep, CALLED_HELP, notBusy, ownPartStep, withoutAside } from './pieces.js';
import { noteOnHandled, take, takeEach, updateAbout } from './steps.js';
import {
  aboutSame,
  aboutTopic,
  CLOSEST_MIN,
  closestByWords,
  closestOf,
  filedTogether,
  fixedBy,
  focusOf,
  emergencyHere,
  handledByHead,
  headTickets,
  joinsEmergency,
  lastPingHere,
  lastTicketHere,
  namedBelow,
  ownTickets,
  placeAgrees,
  pressedOn,
  sharesStory,
  speaksOf,
  speaksOfHandled,
  stepJustTaken,
  storyScores,
  onlyOfTopic,
  summary,
} from './tickets.js';

/**
 * A head's plain reply: acts when exactly one of their tickets here fits (by the step's state, then by
 * what the message names), on each when it names several one by one, and asks which when it cannot
 * tell. `verb` null: an update in their own words about the one ticket it names.
 */
export async function headReply(ctx: Context, said: HeadVerb | null): Promise<Handled | null> {
  // "收到书记 5号楼的我挨家打": acknowledging a superior's notice, not a step on a ticket.
  if (acksSuperior(ctx.reading)) return null;
  if (advises(ctx.reading)) return newsOfHeldPage(ctx);
  // "我手上这个电梯弄好就过去": the lift they are busy with first is not what the words step on.
  const all = notBusy(await headTickets(ctx), ctx);
  // "房东电话找着了", "水站已经找着了": someone found in a matter nobody was missing in is a step, not its end.
  const foundOnly = said === 'resolve' && settledOnly(ctx.reading) && all.every((t) => foundOther(ctx, t.text));
  const verb = foundOnly && all.length ? 'progress' : said;
  const joining = verb === 'claim' || verb === 'progress' ? await joinsEmergency(ctx, all, verb === 'progress') : null;
  // …unless an update speaks of another one's story or to its reporter ("张家姆妈 弄堂阴沟…").
  if (joining && !(verb === 'progress' && (await speaksElsewhere(ctx, all, joining))))
    return take(ctx, 'progress', joining.id, 'inferred');
  const fit = verb ? all.filter((t) => workflow.allows(verb, t.status)) : all;
  // A step on a ticket of another chat under this one, named plainly ("7号楼前那坡炉灰撒上一半了").
  // What the words name among all their tickets here, read once (it is `named` below when every one fits).
  const namedAll = verb ? await namedByHead(ctx, all, verb) : [];
  // An end told without a done word ("孔大爷找着了") is never taken for a ticket of a chat below.
  const settled = verb === 'resolve' && settledOnly(ctx.reading);
  // Right after the bot paged them here about an emergency ("我同小邓而家过去！…"), never a chat below.
  // ("派出所来了 带走了三个…" after a fight is the fight, not this morning's theft, unless the words name it.)
  const onlyTopic = (id: number | null) =>
    namedAll.some((t) => t.id === id) && !aboutSame(all, ctx.reading.text).some((t) => t.id !== id);
  const lastPing = (verb || ctx.reading.urgent) && !settled ? await lastTicketHere(ctx) : null;
  const paged =
    (!namedAll.length || !aboutSame(all, withoutAside(ctx.reading.text)).length || onlyTopic(lastPing)) &&
    all.some((t) => t.id === lastPing && t.urgent && t.chatId === ctx.chat.id);
  const below = verb && !namedAll.length && !settled && !paged ? await namedBelow(ctx, all) : null;
  if (below)
    return workflow.allows(verb!, below.status) ? take(ctx, verb!, below.id, 'inferred') : updateAbout(ctx, [below]);
  // Right after the bot pressed them on one for a chasing resident ("居民在催 #3"), a reply that names
  // no other ticket in so many words ("找到车主了…", "我又打了…讲十点前到") answers that one — a
  // promise to go there on one already taken on is news of it.
  const ping = verb ? await pressedOn(ctx) : null;
  const pressedOne = all.find((t) => t.id === ping);
  // (…unless they speak to another ticket's reporter, "402…到家就上去查 贾姨先拿个盆接着", or the words name another
  // of theirs, unless they tell the pressed one's story at least as much as any other's, notes counted: "自来水公司的人
  // 来了 …放水冲管子" after "…开阀放水冲管子", not the roof leak; "找到了 阿公在…" names the search, not the bins.)
  const rivalNamed = pressedOne && [...aboutSame(all, ctx.reading.text), ...namedAll].some((t) => t.id !== ping);
  const rivals = rivalNamed ? await storyScores(ctx, all, ctx.reading.text) : [];
  const pressedScore = rivals.find((x) => x.t.id === ping)?.score ?? 0;
  const pressedStory = pressedScore > 0 && rivals.every((x) => x.t.id === ping || x.score <= pressedScore);
  if (pressedOne && (!rivalNamed || pressedStory) && !(await speaksElsewhere(ctx, all, pressedOne))) {
    const step = workflow.allows(verb!, pressedOne.status) ? verb! : verb === 'claim' ? 'progress' : null;
    if (step && workflow.allows(step, pressedOne.status)) return take(ctx, step, pressedOne.id, 'inferred');
  }
  if (!fit.length || (await careNewsElsewhere(ctx, all)))
    return verb === 'claim' ? updateTaken(ctx, all) : laterStep(ctx, verb);
  const named = verb && fit.length === all.length ? namedAll : await namedByHead(ctx, fit, verb);
  // No step named: an update on the ticket(s) the words speak of.
  const page = !verb && paged ? pagedAlike(ctx, fit, lastPing) : null;
  if (page) return take(ctx, 'claim', page.id, 'inferred');
  if (!verb) {
    const held = paged ? heldPage(ctx, fit, lastPing) : null;
    const update = await updateAbout(ctx, await updatedTickets(ctx, named, fit));
    return update ?? (held && take(ctx, 'progress', held.id, 'inferred'));
  }
  // "找到了！就是老柯说的那个…": found ends the one search among them, whoever else the words name.
  const sought = verb === 'resolve' ? foundOf(ctx, fit) : [];
  // (…a person, paged, before a manhole cover gone: "找到了 …人好好的 冇下水".)
  const person = sought.length > 1 ? sought.filter((t) => t.urgent) : sought;
  if (person.length === 1) return take(ctx, verb, person[0].id, 'inferred');
  const fixed = verb === 'resolve' && !named.length ? fixedBy(fit, ctx.reading.text) : [];
  if (fixed.length === 1) return take(ctx, verb, fixed[0].id, 'inferred');
  // "报咗110 我而家落去士多度" right after the bot paged them here: that emergency, whatever their words
  // share with one handled here earlier in the day.
  // (A step along the way, "维保师傅到了", may be news of another: only the one that fits, or the emergency they just took on.)
  const tookIt = verb === 'progress' && paged && lastPing === (await focusOf(ctx, true));
  // (…or when nobody has taken the page yet: "已经报警了 大家都别下楼…我在单元门口盯着" signs for it, whatever
  // house numbers it shares with an older matter's notes.)
  const untaken = paged && untakenPage(ctx, fit, lastPing);
  const onPage =
    paged &&
    (!named.length || onlyTopic(lastPing) || (untaken && !aboutSame(named, ctx.reading.text).length)) &&
    (verb !== 'progress' || fit.length === 1 || tookIt || untaken || CALLED_HELP.test(ctx.reading.text))
      ? fit.find((t) => t.id === lastPing)
      : undefined;
  // (…unless they speak to the one who reported another, "杨姐别慌 我这就下去…", or another is its twin.)
  const spokenTo = onPage && fit.length > 1 ? await addressedReporter(ctx, fit) : null;
  if (onPage && !hasTwin(fit, onPage) && (!spokenTo || spokenTo.id === onPage.id))
    return take(ctx, pageStep(verb, untaken, onPage), onPage.id, 'inferred');
  if (named.length === 1)
    return take(ctx, asideStep(ctx, ownPartStep(ctx, verb, named[0]), named[0]), named[0].id, 'inferred');
  if (named.length > 1 && (splitProblems(ctx.reading.text).length >= named.length || filedTogether(named))) {
    return takeEach(ctx, verb, named);
  }
  // "收到 我晚上下班去跟一楼那几家唠唠" to a message that filed two problems: the head takes on both.
  if (verb === 'claim' && !named.length && fit.length > 1 && filedTogether(fit)) return takeEach(ctx, verb, fit);
  const mine = fit.filter((t) => t.assigneeId === ctx.speaker.personId);
  // A terse update ("水退了。") leans on what the head just did; a longer one names its own subject.
  const terse = ctx.reading.text.replace(/[\s\p{P}\p{S}]/gu, '').length <= 6;
  const focus = named.length || !terse ? null : await focusOf(ctx);
  // Words that clearly speak of one ticket's story (its report, additions, the head's own notes).
  const scored = fit.length > 1 ? await storyScores(ctx, named.length > 1 ? named : fit, ctx.reading.text) : [];
  const near = closestOf(scored);
  // Their one untaken ticket here the bot just pinged them about ("我叫…捉蛇师傅来" after the snake): that one.
  const pinged = !named.length && verb !== 'resolve' ? pingedUntaken(fit, lastPing) : null;
  const toIt = pinged && !(await speaksToAnother(ctx, pinged));
  if (toIt) return take(ctx, pageStep(verb!, true, pinged), pinged.id, 'inferred');
  // Nothing here named, but one they handled is ("…没有复燃 纸箱子全清走了"): a later step on that one.
  if (!named.length && !near && (await speaksOfHandled(ctx, fit))) return laterStep(ctx, verb);
  // A guess from context (their own ticket, their last step) never beats words naming another. A bare
  // "收到" with two tickets waiting is asked about, even right after a ping (the rule).
  const scoreOf = (t: workflow.TicketRow) => scored.find((x) => x.t.id === t.id)?.score ?? 0;
  const unrivalled = (t: workflow.TicketRow | undefined) =>
    t && !scored.some((x) => x.t.id !== t.id && x.score > scoreOf(t)) ? t : null;
  const pressed = named.find((t) => t.id === ping);
  const one =
    fit.length === 1
      ? await onlyFit(ctx, fit[0], all)
      : (pressed ??
        near ??
        // "热力师傅来了 …片子现在烫手" naming the heating and the fake heating men: the one of its topic.
        onlyOfTopic(named, ctx.reading) ??
        // "收到彭叔 我巡查顺路过去看", "杨姐别慌 我这就下去…": the head speaks to the one who reported it.
        (await addressedReporter(ctx, named.length > 1 ? named : fit)) ??
        // Words of their own right after the bot @-mentioned them about one (not a bare "收到").
        (named.length || terse ? null : await justPinged(ctx, fit)) ??
        unrivalled(mine.length === 1 && !named.length ? mine[0] : fit.find((t) => t.id === focus && !named.length)) ??
        (named.length ? null : aboutPerson(ctx, fit)) ??
        // "我这就过去 先在底下拉根绳" right after a report: about that one, unless it is a bare "收到".
        (named.length || terse ? null : await justReported(ctx, fit)));
  // The words speak of another ticket of theirs: a later step on one handled here, else other talk.
  if (fit.length === 1 && !one) return laterStep(ctx, verb);
  if (one && (await placeAgrees(ctx, one))) {
    if (settled && !(await speaksOf(ctx, one))) return null;
    return take(ctx, asideStep(ctx, verb, one), one.id, 'inferred');
  }
  return askWhich(ctx, verb, fit);
}

/** Someone at it again ("又把线吊下来了", "外面又坐满了"), the matter still open. */
const AT_IT_AGAIN = /又(把|在|坐满|吵|搞|弄|放|堆|吊|拉|充|占)|又[^。，,\s]{0,4}(开始|来了)/;

/** "您有 2 件待办：#12 …；#15 …，回复编号即可", remembered for the bare number that answers it. */
async function askWhich(ctx: Context, verb: HeadVerb, tickets: workflow.TicketRow[]): Promise<Handled> {
  await remember(ctx, 'which', {
    verb,
    note: ctx.reading.args.note ?? ctx.reading.text,
    ids: tickets.map((t) => t.id),
  });
  const lines = [];
  for (const t of tickets.slice(0, 5)) lines.push(T.whichLine(t.id, await summary(ctx, t)));
  return { ...(await ctx.reply(T.whichTicket(lines), [], 'asked')), promptsChanged: true };
}

/**
 * The tickets a head's words name: by what they say, else by their topic's category — unless the
 * words clearly share another ticket's story ("602房东来了" after "联系上了 房东在漳州").
 */
async function namedByHead(
  ctx: Context,
  fit: workflow.TicketRow[],
  verb: HeadVerb | null,
): Promise<workflow.TicketRow[]> {
  const byWords = aboutSame(fit, withoutAside(ctx.reading.text));
  // "小吴 楼道…破窗…封上了": said first to a reporter whose story tells more (the window was in 小吴's roof report).
  const opening = byWords.length === 1 ? ADDRESSED.exec(ctx.reading.text)?.[0] : undefined;
  const spoken = opening ? await addressedReporter(ctx, fit, false, opening) : null;
  const rival = spoken && spoken.id !== byWords[0].id ? [byWords[0], spoken] : [];
  const told = rival.length ? closestOf(await storyScores(ctx, rival, ctx.reading.text), true) : null;
  if (byWords.length) return told ? [told] : byWords;
  const byTopic = aboutTopic(fit, ctx.reading);
  // A topic alone never beats the story of one they handled here ("燃气那个 抢修师傅把软管换了" once the
  // gas leak is closed is news of it, not of a neighbour's question about fire escapes).
  if (byTopic.length === 1 && verb !== 'claim' && (await handledTellsMore(ctx, fit))) return [];
  if (byTopic.length !== 1 || fit.length < 2) return byTopic;
  // …nor takes them off the emergency they just signed for here ("搞掂 冇着火 插座烧黑咗…" after the blanket).
  // (…the bot's last word here, nothing said of another since, and the words share its story or, "他闺女在兖州 …我叫了开锁的", its topic.)
  const focus = await focusOf(ctx, true);
  const emergency = fit.find((t) => t.id === focus && t.urgent);
  const onIt = emergency && (await lastTicketHere(ctx)) === focus;
  if (onIt && byTopic[0].id !== focus && sharedWords(ctx.reading.text, emergency.text) >= CLOSEST_MIN) return [];
  if (onIt && byTopic[0].id === focus) return byTopic;
  // A topic alone ("维修的师傅在过来") never takes a ticket someone else works on over the one he does.
  const works = (t: workflow.TicketRow, mine: boolean) =>
    (t.status === 'acknowledged' || t.status === 'in_progress') && (t.assigneeId === ctx.speaker.personId) === mine;
  if (works(byTopic[0], false) && fit.some((t) => works(t, true))) return [];
  // …or speak to the one who reported another ("费家阿婆 尊老金搿个事体我来办 …上门帮侬弄材料").
  const story = closestOf(await storyScores(ctx, fit, ctx.reading.text)) ?? (await addressedReporter(ctx, fit));
  return story ? [story] : byTopic;
}

/** One they handled here tells the words' story more clearly than any of `open` (see {@link closestOf}). */
async function handledTellsMore(ctx: Context, open: workflow.TicketRow[]): Promise<boolean> {
  const handled = await handledByHead(ctx);
  // (Not right after the bot spoke here of one of them: "线路着雨淋了 …明天喊电工来" answers the reopened light.)
  if (!handled.length) return false;
  const last = await lastTicketHere(ctx);
  if (open.some((t) => t.id === last)) return false;
  const top = closestOf(await storyScores(ctx, [...handled, ...open], ctx.reading.text));
  return !!top && handled.some((t) => t.id === top.id);
}

/**
 * A head's step on a ticket of theirs already handled here ("电梯修好了 可以坐了" after the rescue
 * closed it): a note on that ticket when the words name it, which stays resolved.
 */
async function laterStep(ctx: Context, verb: HeadVerb | null): Promise<Handled | null> {
  // An end told without a done word ("骨头没事") may be news of someone else: not enough here.
  if ((verb !== 'progress' && verb !== 'resolve') || settledOnly(ctx.reading)) return null;
  const handled = await handledByHead(ctx);
  if (!handled.length) return null;
  const named = aboutSame(handled, ctx.reading.text);
  const one =
    named.length === 1 ? named[0] : named.length ? null : closestOf(await storyScores(ctx, handled, ctx.reading.text));
  return one ? noteOnHandled(ctx, one.id) : null;
}

/** "我刚又打了市政热线 车在路上" when every ticket of theirs here is taken: an update on the one it can be about. */
async function updateTaken(ctx: Context, all: workflow.TicketRow[]): Promise<Handled | null> {
  const open = all.filter((t) => workflow.allows('progress', t.status));
  const named = aboutTopic(open, ctx.reading);
  // "马上去" right after the bot pinged them about a ticket ("#10 问题反复…请 黄网格长 继续处理") answers that ping.
  const ping = await lastPingHere(ctx);
  const pinged = named.length ? undefined : open.find((t) => t.id === ping);
  const near = named.length === 1 ? null : await closestByWords(ctx, named.length > 1 ? named : open, ctx.reading.text);
  const one = named.length === 1 ? named[0] : (near ?? pinged ?? (open.length === 1 && !named.length ? open[0] : null));
  const said = ctx.reading.text.replace(/[\s\p{P}\p{S}]/gu, '');
  if (!one || actOf(ctx.reading, 0.5) === 'thanks' || !(await placeAgrees(ctx, one))) return null;
  if (said.length < 8 && one.id !== ping) return null;
  // Their one ticket by default only when the words share something of its story: "下周我上门给你办"
  // to a neighbour's policy question is not news of the groceries they took on this morning.
  if (one === open[0] && !named.length && !near && one.id !== ping && !(await sharesStory(ctx, one, ctx.reading.text)))
    return null;
  return take(ctx, 'progress', one.id, 'inferred');
}

/** Asking how the work goes ("联系上没", "师傅来了吗"), not after the head's own life ("你家大黄…"). */
const AFTER_WORK =
  /^(?!.*(你家|你们家|你屋|你屋企))(?=.*(联系|修|来|到|弄|处理|进展|消息|怎么样|咋样|回话|答复|好了|搞))/;

/** What the conversation makes of the message, or null to read it on its own. */
export async function converse(ctx: Context): Promise<Handled | null> {
  const r = ctx.reading;
  const quoted = await answerQuote(ctx);
  if (quoted) return quoted;
  if (pressesNothing(r)) return QUIET;
  if (await ctx.isHead()) {
    // A bare number with no question open ("2" after "收到 等阵上去睇"): that one of their tickets here,
    // taking the step they just took on another ("弄好了" done on #6, then "7": #7 is what is done).
    const bare = BARE_NUMBER.exec(r.text);
    const t = bare && (await headTickets(ctx)).find((x) => x.id === Number(bare[1]));
    if (t) {
      const again = await stepJustTaken(ctx, t.id);
      return take(ctx, again && workflow.allows(again, t.status) ? again : 'claim', t.id, 'named');
    }
    // A head speaks: a step on one of their tickets, or an update about the one it names.
    const verb = headVerb(r);
    // "大家快落楼！我拎灭火器上四楼" in the emergency the bot just paged them about: their part in it.
    const mine = !verb && shoutsOwnPart(r) ? await headTickets(ctx) : [];
    const own = mine.length ? await emergencyHere(ctx, mine) : null;
    if (own) return take(ctx, workflow.allows('claim', own.status) ? 'claim' : 'progress', own.id, 'inferred');
    const handled = await headReply(ctx, verb);
    if (handled) return handled;
    // Nothing else taken: an answer, by name, to the one who asked a policy question here.
    const asker = await answersAsker(ctx, await headTickets(ctx));
    if (asker && workflow.allows(verb ?? 'progress', asker.status))
      return take(ctx, verb ?? 'progress', asker.id, 'inferred');
  }
  if (smallTalk(r)) return QUIET;
  const asksResident = /你|您|侬|恁/.test(r.text) && (await ctx.isHead());
  if (!asksResident && (actOf(r, ACT_MIN.chase) === 'chase' || (r.intent === 'status' && !r.ticket)))
    return chaseOwn(ctx);
  // "上午反映的人行道结冰和井盖的事，现在有安排了吗？": asking after one's own report, however much it retells.
  if (r.intent === 'report' && !r.urgent && isStatusQuestion(r.text)) {
    const asked = await chaseOwn(ctx);
    if (asked) return asked;
  }
  // "庞楼长 监控调出来没": a resident asking a head by title is asking about their own open problem.
  const surelyReport = r.intent === 'report' && r.confidence.intent >= 0.8;
  // …nor is "楼长你今天忙到现在有呷饭没" asking after a problem.
  const thanking = THANKING.test(r.text);
  if (ASKS_HEAD.test(r.text) && ASKS.test(r.text) && r.intent !== 'command' && !surelyReport && !thanking) {
    const asked = await chaseOwn(ctx);
    if (asked) return asked;
  }
  // "贺楼长 二楼那家回来了 又把线吊下来了", "聂姐 …楼上又哗啦哗啦开始了": telling a head (or the neighbour
  // who took it on) that their open problem is at it again.
  // (A fault back, "又开始滴了", is a relapse of what was handled: not this.)
  const atItAgain = AT_IT_AGAIN.test(r.text) && !r.saysAgain && !r.saysDone && !r.saysSettled && !surelyReport;
  const toSomeone = ASKS_HEAD.test(r.text) || ASKS_SOMEONE.test(r.text);
  if (toSomeone && atItAgain && (await ownTickets(ctx, 0)).some((t) => workflow.isOpen(t.status))) {
    const asked = await chaseOwn(ctx);
    if (asked) return asked;
  }
  // "孙叔 缓台玻璃啥时候能换上啊": asking someone by name about a problem open here that the words name.
  if (ASKS_SOMEONE.test(r.text) && ASKS.test(r.text) && r.intent !== 'command' && !surelyReport) {
    const asked = await pressedHere(ctx, r.text);
    if (asked) return asked;
    // "李哥 楼上那家联系上没": the reporter asking the head who holds their one open problem here.
    const open = (await ownTickets(ctx, 0)).filter((t) => workflow.isOpen(t.status));
    if (open.length === 1 && AFTER_WORK.test(r.text) && !namesOtherThing(r.text, open[0].text))
      if (await addressesHandler(ctx, open[0])) return chaseTicket(ctx, open[0]);
  }
  const asked = surelyReport || r.urgent ? null : await asksOwn(ctx);
  if (asked) return asked;
  const unsureReport = r.intent === 'report' && !r.urgent && r.confidence.intent < ctx.config.reportConfidence;
  const pressing = r.intent === 'chitchat' && r.act === 'chase';
  // Another clear act decides, except a handler's act in a resident's words ("楼上联系上了吗 还在滴"):
  // only heads sign for, update or finish tickets.
  const act = actOf(r, 0.5);
  const handlerAct = act === 'ack' || act === 'progress' || act === 'done';
  const free = !act || (handlerAct && !(await ctx.isHead()));
  // A danger in plain words is never taken for pressing on another matter ("到现在还冇回来 …有冇得人看到
  // 她"): it pages, or joins the emergency it is.
  const waits = r.saysWaiting && (r.intent !== 'command' || !!r.args.plain);
  if ((pressing || unsureReport || waits) && free && !sureDanger(r)) return pressOwn(ctx);
  return !surelyReport && !r.urgent && r.intent !== 'command' && free ? goesOnOwn(ctx) : null;
}
