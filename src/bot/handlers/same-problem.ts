/**
 * What earlier tickets make of a new problem: another report of an emergency already paged joins
 * it; the reporter's own open problem told again is an addition or a chase; a problem handled here
 * that is back is reopened, or filed anew linked to it; a neighbour's repeat follows the open one.
 */
import { STATUS_NAMES, T } from '../../common/text/index.js';
import { emergencyCue, hazardOf, type Reading, sharedWords, similarity, thingsNamed } from '../../intents/index.js';
import type { PlaceRow } from '../../services/org/places.js';
import * as workflow from '../../services/workflow/index.js';
import { type Around, ticketsAround } from '../../store/intake-sql.js';
import { actOf } from '../conversation/acts.js';
import { asksIfActed, chaseTicket, pressedHere } from '../conversation/chases.js';
import { reopenFor } from '../conversation/relapses.js';
import { agreedWith, commentedOn } from '../conversation/agrees.js';
import { aboutSame, closestByWords, closestOf, handledAt, storyScores } from '../conversation/tickets.js';
import type { Context, Handled } from '../context.js';
import { type Problem, pageReopened } from './file-ticket.js';

/** The model's urgency from which a report pages even beside an open ticket about the same thing. */
const SURE_DANGER = 0.3;
/** Still as it was: "还横在", "仍然堵着", "仲喺度". */
const STILL_SO = /还(在|是|横|堵|挡|躺|倒|卡|没)|仍(然|旧)?(在|是|横|堵|没)|依(然|旧)|仲(喺|系|係|未)/;
/** The topic model's confidence from which a message is plainly of another kind than a ticket. */
const TOPIC_SURE = 0.8;
const STILL_GOING = /还在|仍在|仍然|一直在|仲喺度|仲系度|仲在/;

/** "还有个事…", "另外一件事…": a new matter, never an addition to the speaker's open one. */
const ANOTHER_MATTER = /^(还有|另外|另)(个|一个|件|一件)?(事|问题|情况)/;

/** How sure the model may be that words report a problem and still be only talk around an emergency. */
const AROUND_EMERGENCY = 0.5;
/**
 * "佢个仔喺霞山返工 我有佢电话 而家打紧": words the model fears for but does not read as a report, with
 * no danger cue and no thing of their own — talk around an emergency, not a new one.
 */
const fearOnly = (ctx: Context, p: Problem) =>
  !emergencyCue(p.text) &&
  !thingsNamed(p.text).length &&
  // (…or an onlooker's words that name no place of their own either: "我喺楼上睇到 好大声 仲有人喺度劝" beside the fight.)
  (ctx.reading.confidence.report < AROUND_EMERGENCY ||
    (ONLOOKER.test(p.text) && !Object.values(ctx.reading.location).some(Boolean)));
const ONLOOKER = /^[^。，,]{0,12}(睇到|睇住|看到|看见|瞧见|听到|听见)/;

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
    place,
    text: p.text,
    reporterId: ctx.speaker.identityId,
    now: ctx.now,
    chatId: ctx.chat.id,
    fearOnly: fearOnly(ctx, p),
    grid: chain.find((x) => x.level === 'grid'),
  });
  if (!joined) return null;
  const { ticket, reporters } = joined;
  const replies = [await ctx.say(T.emergencyAlso(ticket.id, reporters), [], ticket.id)];
  if (ticket.assigneeId && workflow.tellsHead(joined))
    replies.push(...(await ctx.dm(ticket.assigneeId, T.emergencyCount(ticket.id, reporters))));
  return { outcome: 'merged', ticketId: ticket.id, replies };
}

/** The reporter's further words added to their own ticket ("已补充到 #12"), or null when it cannot take them. */
async function addTo(ctx: Context, id: number, text: string): Promise<Handled | null> {
  const r = await workflow.addNote(ctx.act, id, text);
  return r.ok ? { ...(await ctx.reply(T.noted(r.ticket.id), [], 'merged')), ticketId: r.ticket.id } : null;
}

/** What an earlier ticket makes of this problem: handled here, or an earlier one to link to. */
export async function sameProblem(
  ctx: Context,
  place: PlaceRow,
  p: Problem,
): Promise<Handled | { relatedToId: number } | null> {
  const { own, ...near } = await around(ctx, place);
  // Their own open problem, unless the words name something it does not ("排水沟堵了" beside the lift
  // they reported) or say they bring another matter ("还有个事…").
  // "对了于姐 四楼孙奶奶家…米缸见底了": "by the way" before words naming none of their open problems.
  const byTheWay = /^对了/.test(p.text) && !aboutSame(own, p.text).length;
  const another = ANOTHER_MATTER.test(p.text) || byTheWay;
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
  // "八楼的灯又暗了 早上才换的": a light handled here is back, not their open matter in another chat.
  const saysBack = !byTheWay && (ctx.reading.saysAgain || actOf(ctx.reading, 0.5) === 'relapse');
  // …nor their open matter here that the words do not name ("六楼又没水了" from the reporter of the rubbish).
  const elsewhere = (t: workflow.TicketRow) => t.chatId !== ctx.chat.id || !aboutSame([t], p.text).length;
  if (saysBack && aboutSame(near.handled, p.text).length && ownOpen.every(elsewhere)) ownOpen.length = 0;
  // "周单元长 又莫得水了" from the one who reported a fall: the water handled here is back, not the fall.
  const backHere = saysBack && ownOpen.length && !aboutSame(ownOpen, p.text).length;
  if (backHere && aboutSame(await handledAt(ctx, place, ctx.config.relapseDays), p.text).length) ownOpen.length = 0;
  // "门禁又刷不开了 中午才换的读卡器" from the one who reported the door and asked for its handles to be
  // disinfected: their handled door is back, when the words share more with it than with the open one.
  const ownBack = saysBack
    ? own.filter((t) => !workflow.isOpen(t.status) && t.placeId === place.id && aboutSame([t], p.text).length)
    : [];
  const shared = (ts: workflow.TicketRow[]) => Math.max(0, ...ts.map((t) => sharedWords(p.text, t.text)));
  if (ownBack.length && ownOpen.length && shared(ownBack) > shared(ownOpen)) ownOpen.length = 0;
  // The reporter on their own open problem adds to it; only a new danger in plain words pages again.
  // (The model's fear alone is no new danger in words pressing on it: "电信嚟咗未啊 条线仲吊喺度…" of the low wire.)
  // (…and a danger of another kind in plain words is new even beside their own page: "…拍门拍了好久无人应
  // 电视声都无" is no addition to the flood they reported, though both name a television.)
  const cue = emergencyCue(p.text);
  // "保安呢 咋还没来 …" from the reporter of the one emergency open here: pressing on it, whatever the model fears.
  const ownHere = own.filter((t) => workflow.isOpen(t.status) && t.chatId === ctx.chat.id);
  const pressedPage = p.urgent && !cue && ownHere.length === 1 && ownHere[0].urgent && pressing(ctx.reading);
  if (!ownOpen.length && pressedPage) ownOpen.push(ownHere[0]);
  const newDanger =
    p.urgent &&
    (ownOpen[0]?.urgent
      ? !!cue && hazardOf(ownOpen[0].text) !== cue
      : cue || (ctx.reading.confidence.urgent >= SURE_DANGER && !pressing(ctx.reading)));
  if (ownOpen.length === 1 && !newDanger) {
    // Pressing: on the problem here their words plainly speak of, else on their own.
    // ("监控看到没 刚才又掉了一个下来": asking whether a step was taken on it presses on it too.)
    if (pressing(ctx.reading) || asksIfActed(p.text))
      return (await pressedHere(ctx, p.text)) ?? chaseTicket(ctx, ownOpen[0]);
    const noted = await addTo(ctx, ownOpen[0].id, p.text);
    if (noted) return noted;
  }
  // (A problem still open here that the words name, not said to be back, is that one: "樟树枝还横在路当中…".)
  const stillOpen = !saysBack && !!workflow.pickDuplicate(near.open, p.category, p.text);
  let handled = stillOpen ? [] : aboutSame(near.handled, p.text);
  // "车库又开始入水啦" from the one who reported the flood here: their problem is back, in other words.
  // (…not a thing named now, "又停水", after one that named none: the child locked in this morning.)
  const ownHandled = own.filter(
    (t) =>
      !workflow.isOpen(t.status) &&
      t.placeId === place.id &&
      namesNothingElse(p.text, t.text) &&
      (!thingsNamed(p.text).length || backFrom(t.text, p.text)),
  );
  if (saysBack && ownHandled.length === 1 && !handled.includes(ownHandled[0])) handled = [...ownHandled, ...handled];
  // "又莫得水了 来电以后水就上不来了" in the building's chat: the outage handled in one of its units.
  if (!handled.length && saysBack) handled = await backAt(ctx, place, p.text);
  if (handled.length >= 1) {
    // Of several naming one thing, the one whose story the words share ("刚换上没几个钟头"), else the speaker's own.
    // ("楼梯灯又唔着喇 …系唔系头先电表箱嗰单搞到": the light said to be back, not the meter box it may be blamed on.)
    const t =
      (handled.length > 1 ? onlyOne(aboutSame(handled, backClause(p.text))) : null) ??
      (handled.length > 1 ? closestOf(await storyScores(ctx, handled, p.text)) : null) ??
      handled.find((h) => own.some((o) => o.id === h.id)) ??
      handled[0];
    const mine = own.some((o) => o.id === t.id);
    // The reporter's or a follower's "又坏了", or anyone's "又…" while it awaits its follow-up, reopens it
    // — paged when it is a danger now; a neighbour's fresh report after it was closed is a new ticket
    // that names the old one (and a danger in words not saying it is back, "暖气管子呲水了…", too).
    // (Their own matter of another kind, told without saying it is back, is new: a battery stolen after the
    // one that smoked in the same shed was paged.)
    const sameKind = saysBack || !p.category || p.category === t.category || p.urgent === t.urgent;
    if ((mine && sameKind) || (t.status === 'resolved' && saysBack)) {
      if (!p.urgent || saysBack) {
        const reopened = await reopenFor(ctx, t.id, p.urgent ? p.text : undefined);
        if (reopened) return reopened;
      }
    }
    return { relatedToId: t.id };
  }
  // A danger the model alone senses in words about a problem open here ("电梯门一直开一直关") is that
  // problem — unless the model is sure of it and that ticket never paged: then it pages now.
  const known = workflow.pickDuplicate(near.open, p.category, p.text);
  // (…nor when the words only say it is still so: "樟树枝还横在路当中 …三轮车卡在那里".)
  const stillSo = !!known && !cue && STILL_SO.test(p.text);
  const sure = ctx.reading.confidence.urgent >= SURE_DANGER && !known?.urgent && !stillSo;
  // "古叔 电信嚟咗未啊 条线仲吊喺度": a neighbour pressing, in other words, on a problem open in this chat.
  if (!known && !cue && (pressing(ctx.reading) || asksIfActed(p.text))) {
    const pressed = await pressedHere(ctx, p.text);
    if (pressed) return pressed;
  }
  // "南边掉瓷砖那里线都冇拉啊 …还有几个伢子在花坛边上玩": the model's faint fear, in words plainly retelling a
  // problem open in this chat, is that problem.
  const retelling =
    known || cue || !p.urgent || sure
      ? null
      : closestOf(
          await storyScores(
            ctx,
            near.open.filter((t) => t.chatId === ctx.chat.id),
            p.text,
          ),
        );
  // "阿拉屋里也来敲过": the model's fear alone, in words agreeing with the report just made, is that report.
  const agreed = known || cue ? null : (retelling ?? (await agreedWith(ctx, p.text)));
  if (p.urgent && (cue || (!known && !agreed) || (sure && !agreed))) {
    const joined = await sameEmergency(ctx, place, p);
    if (joined || !cue) return joined;
    // "南边掉瓷砖那里线都冇拉啊 …还有几个伢子在花坛边上玩": a danger now, in plain words, in the thing of
    // a problem open in this chat that never paged: that problem is raised to 紧急 and paged.
    const worse = await worsened(ctx, near.open, known, p.text, cue);
    return worse ? raiseFor(ctx, worse, p.text) : null;
  }
  const duplicate = known ?? agreed ?? (p.urgent ? null : aroundEmergency(ctx, near.open, p.text));
  // A neighbour's comment on the report just made here: they follow it, and the bot stays quiet.
  const comment = duplicate ? null : await commentedOn(ctx, near.open, p.text, p.category);
  if (comment) {
    await workflow.follow(ctx.db, comment.id, ctx.speaker.identityId, ctx.now);
    return { outcome: 'merged', ticketId: comment.id, replies: [] };
  }
  if (!duplicate) return null;
  // Never "已有人反映" to its own reporter: their words about another matter ("米无了…帮我买点米" after the window
  // draft they reported) are a new one.
  if (duplicate.reporterId === ctx.speaker.identityId) {
    const other = !aboutSame([duplicate], p.text).length && p.category !== duplicate.category;
    if (other && !duplicate.urgent && !p.urgent) return null;
    // …and more words on it ("就是单元门口那个 …他手撑了好几趟撑不起来") are added to it.
    const noted = await addTo(ctx, duplicate.id, p.text);
    if (noted) return noted;
  }
  if (duplicate.reporterId !== ctx.speaker.identityId)
    await workflow.follow(ctx.db, duplicate.id, ctx.speaker.identityId, ctx.now);
  // "电梯到底修不修了 都两个钟头了": waiting on the known problem is pressing on it, not reporting it;
  // "31号那扇窗到底有人来无" asks for its status.
  if (pressing(ctx.reading) || asksIfActed(p.text)) return chaseTicket(ctx, duplicate);
  const text = T.duplicate(duplicate.id, STATUS_NAMES[duplicate.status] ?? duplicate.status);
  return { ...(await ctx.reply(text, [], 'merged')), ticketId: duplicate.id };
}

/** Of the problems open in this chat and never paged, the one whose story `text` retells, naming no other thing. */
async function worsened(
  ctx: Context,
  open: workflow.TicketRow[],
  known: workflow.TicketRow | null,
  text: string,
  cue: string,
): Promise<workflow.TicketRow | null> {
  // (…a hazard of the same kind in its own words, "迟早要掉" of the loose tiles: not a fall in a lift lobby.)
  const here = open.filter(
    (t) => t.chatId === ctx.chat.id && !t.urgent && hazardOf(t.text) === cue && namesNothingElse(text, t.text),
  );
  if (known && here.includes(known)) return known;
  return closestOf(await storyScores(ctx, here, text));
}

/** 升为紧急: the open problem is a danger now; paged as a new one would be, and the speaker follows it. */
async function raiseFor(ctx: Context, t: workflow.TicketRow, text: string): Promise<Handled | null> {
  const r = await workflow.raise(ctx.act, t.id, text);
  if (!r.ok) return null;
  if (r.ticket.reporterId !== ctx.speaker.identityId)
    await workflow.follow(ctx.db, t.id, ctx.speaker.identityId, ctx.now);
  return { outcome: 'merged', ticketId: t.id, replies: await pageReopened(ctx, r.ticket, text) };
}

/**
 * "电梯里有个黄色的对讲按钮 让孩子按一下" right after a child trapped in that lift was paged in this chat:
 * words about the emergency's own thing while it lasts, not a new problem.
 */
function aroundEmergency(ctx: Context, open: workflow.TicketRow[], text: string): workflow.TicketRow | null {
  const recent = (t: workflow.TicketRow) => ctx.now.getTime() - t.createdAt.getTime() < workflow.SAME_EMERGENCY_MS;
  const mine = thingsNamed(text);
  // (…words naming a flat, a unit or a building of their own tell of their own problem.)
  const { building, unit, room } = ctx.reading.location;
  if (building || unit || room) return null;
  // (…an onlooker's words naming no thing of their own, "我在9楼电梯口 听到里面有伢在哭", are about it too.)
  const onlooker = !mine.length && ONLOOKER.test(text);
  return (
    open.find(
      (t) =>
        t.urgent &&
        t.chatId === ctx.chat.id &&
        recent(t) &&
        (onlooker || thingsNamed(t.text).some((x) => mine.includes(x))),
    ) ?? null
  );
}

/**
 * The tickets handled at `place` lately that words saying a problem is back speak of: the one naming
 * their thing, or, when they name none ("左边那台又卡在12楼了"), the one whose story they retell.
 */
async function backAt(ctx: Context, place: PlaceRow, text: string): Promise<workflow.TicketRow[]> {
  const recent = await handledAt(ctx, place, ctx.config.relapseDays);
  const named = aboutSame(recent, text);
  if (named.length) return named;
  const near = await retold(ctx, recent, text);
  return near ? [near] : [];
}

/** Of `tickets`, the one whose story words naming no thing retell ("左边那台又卡在12楼了"), or null. */
export async function retold(
  ctx: Context,
  tickets: workflow.TicketRow[],
  text: string,
): Promise<workflow.TicketRow | null> {
  return thingsNamed(text).length ? null : closestByWords(ctx, tickets, text);
}

/** True when `text` names no thing (灯, 电梯, 排水 …) that `ticket` does not. */
/** Words naming a thing can tell of a ticket naming none only when they share words with it ("又刷不开" of "人脸识别又刷不开"). */
export const backFrom = (ticket: string, text: string): boolean =>
  thingsNamed(ticket).length > 0 || sharedWords(text, ticket) >= 2;

export function namesNothingElse(text: string, ticket: string): boolean {
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
  const clash = (t: workflow.TicketRow) =>
    thingsNamed(text).length > 0 && thingsNamed(t.text).length > 0 && similarity(text, t.text) === 0;
  // Words plainly of another kind ("门禁坏咗…道门又关唔埋" beside the flyers they asked about).
  const topic = ctx.reading.topic;
  const kindOf = (t: workflow.TicketRow) => !!topic && topic.confidence >= TOPIC_SURE && topic.category !== t.category;
  if (here.length > 1) {
    // Of several of theirs here, the one whose words these plainly share ("大门…楼梯" of the door they
    // reported, not the drainpipe they wondered about), when no other shares as many.
    const shared = here.filter((t) => !clash(t) && !kindOf(t)).map((t) => ({ t, n: sharedWords(text, t.text) }));
    const best = Math.max(0, ...shared.map((x) => x.n));
    // (…or, tied, the one they reported themselves: "监控看到没 刚才又掉了一个下来" of their cigarette ends, not
    // the child in the car they only followed.)
    const top = shared.filter((x) => x.n === best);
    const theirs = top.length > 1 ? top.filter((x) => x.t.reporterId === ctx.speaker.identityId) : top;
    return best >= 2 && theirs.length === 1 ? [theirs[0].t] : [];
  }
  if (here.length !== 1) return [];
  const t = here[0];
  // "塑料布被风掀开一块 又开始滴了": the fault they reported, back while it is still open (unless a
  // ticket handled here is what is back: see `sameProblem`).
  // …unless the words are plainly of another kind.
  const otherKind = kindOf(t);
  const back = (ctx.reading.saysFaultBack || ctx.reading.saysAgain) && !handledBack && !otherKind;
  // "还在打 现在换成锤子敲墙了": the matter of the kind they reported, still going on.
  const still = STILL_GOING.test(text) && topic?.category === t.category;
  return !clash(t) && (back || still || (sharedWords(text, t.text) >= 2 && !otherKind)) ? [t] : [];
}

/** Still waiting ("咋还没人来", "都两个钟头了") or pressing, in the reader's judgement. */
export function pressing(r: Reading): boolean {
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

/** The clause of `text` that says a problem is back ("楼梯灯又唔着喇"), or the whole text. */
const backClause = (text: string) =>
  text.split(/[\s，,。！!？?]+/).find((c) => /又|还是|仲係|仲系|依然|照样/.test(c)) ?? text;
const onlyOne = <T>(list: T[]): T | null => (list.length === 1 ? list[0] : null);
