/**
 * The words of one message that speak of each of several tickets: "途观联系上了 …这会儿下去挪走了
 * 灯是线路跳闸 电工说四点前弄好" finishes the parking ticket and only updates the light's.
 */
import type { Context } from '../context.js';
import { type HeadVerb, stepOf } from './acts.js';
import { aboutSame } from './tickets.js';

interface Named {
  id: number;
  text: string;
}

/** A clause: up to a comma, full stop or space. */
const CLAUSES = /[^，,。；;！!？?\s]+[，,。；;！!？?\s]*/g;
/** An opening short enough to be said of all of them ("收到", "都弄好了"). */
const SHORT_OPENING = 6;

/**
 * Each ticket's part of `text`: the clauses naming it and those after them up to the next that
 * names another. Clauses before any is named go to all when they are short ("都弄好了 灯…门禁…"),
 * else to the first named. A ticket no clause names gets the whole text.
 */
export function piecesFor(tickets: Named[], text: string): Map<number, string> {
  const clauses = text.match(CLAUSES) ?? [text];
  const own = new Map<number, string[]>(tickets.map((t) => [t.id, []]));
  const opening: string[] = [];
  let current: number[] = [];
  let first: number | undefined;
  for (const clause of clauses) {
    const hits = aboutSame(tickets, clause).map((t) => t.id);
    if (hits.length) current = hits;
    first ??= hits[0];
    if (!current.length) opening.push(clause);
    else for (const id of current) own.get(id)!.push(clause);
  }
  const shared = opening.join('').replace(/[\s\p{P}\p{S}]/gu, '').length <= SHORT_OPENING;
  const pieces = new Map<number, string>();
  for (const t of tickets) {
    const mine = own.get(t.id)!;
    if (!mine.length) pieces.set(t.id, text);
    else pieces.set(t.id, (shared || t.id === first ? opening.join('') : '') + mine.join(''));
  }
  return pieces;
}

/**
 * "郭伯是脚踝骨裂 打石膏了 人没事。楼梯灯的事我来弄 中午买灯泡换": an end told of something else, then the one
 * ticket the words name taken on. The clauses from where the ticket is first named decide its step when
 * they only take it on or tell of progress; the whole message's "done" is another matter's.
 */
export function ownPartStep(ctx: Context, verb: HeadVerb, t: Named): HeadVerb {
  if (verb !== 'resolve') return verb;
  const clauses = ctx.reading.text.match(CLAUSES) ?? [];
  const at = clauses.findIndex((c) => aboutSame([t], c).length > 0);
  if (at <= 0) return verb;
  const own = stepOf(ctx, clauses.slice(at).join(''));
  return own === 'claim' ? own : verb;
}

/** "…另外，…", "…还有个事…": what follows is another matter. */
const ANOTHER_MATTER = /[，,。；;\s]+(另外|还有个事|还有一件事|顺便说一下|顺带说一下|再一个)[，,：:\s]*/;

/**
 * "…新的要从仓库调，大概一个小时。另外，崔奶奶发烧已送市二院…": the end told after 另外 is another matter's;
 * the ticket's own part, before it, decides its step (an update when it tells no end of its own).
 */
export function asideStep(ctx: Context, verb: HeadVerb, t: Named): HeadVerb {
  if (verb !== 'resolve') return verb;
  const m = ANOTHER_MATTER.exec(ctx.reading.text);
  if (!m || m.index < 4) return verb;
  const [main, aside] = [ctx.reading.text.slice(0, m.index), ctx.reading.text.slice(m.index + m[0].length)];
  if (aboutSame([t], aside).length || !aside.trim()) return verb;
  const own = stepOf(ctx, main);
  return own === 'resolve' || own === 'claim' ? own : 'progress';
}

/** "药买到了 送上去了 顺便帮婆婆把垃圾带下来了": what was done on the way names no ticket of its own, nor
 * what others are told not to do ("我马上上去 119打了 大家别坐电梯"). */
const ASIDE =
  /(?:^|[\s，,。；;!！]+)(?:顺便|顺手|顺带|捎带|顺路|(?:大家|各位|你们|大伙)?都?(?:别|不要|莫|千万别))[^\s，,。；;!！]*/g;
export const withoutAside = (text: string) => text.replace(ASIDE, ' ').trim() || text;
/** "110打了", "已经报了119": help called in the emergency just paged, news of that one whatever else is open. */
export const CALLED_HELP =
  /(110|119|120)[^，。,\s]{0,3}(打|报|叫)(了|咗)|(打|报|叫)(了|咗)?(110|119|120)(了|咗)?(?![吗没冇])/;

/** "等我把电表箱这边弄利索就看", "我手上这个电梯弄好就过去": what the speaker is busy with first, no step on it. */
const BUSY_FIRST = /(等(我)?(把)?|手上|手头)([^，。,！!？?]{1,10}?)(弄|忙|搞|处理|整)(完|好|利索|妥)/;
export function notBusy<T extends { text: string }>(tickets: T[], ctx: Context): T[] {
  const busy = tickets.length ? BUSY_FIRST.exec(ctx.reading.text)?.[4] : undefined;
  return busy ? tickets.filter((t) => !aboutSame([t], busy).length) : tickets;
}
