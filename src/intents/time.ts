/**
 * Stage 5 (commands only): time phrases → a concrete instant or a cron string.
 * Hand-written because chrono-node's zh.hans parser puts "周五下午" on today, ends
 * "下午2点到5点" at 05:00 the next day, reads "下午5点12号楼" as 17:12 and knows no recurrences.
 */
import { NUM, toInt } from './numerals.js';
import type { TimeSpec } from './types.js';
import { addDays, instantOf, wallAt, type Wall } from './zone.js';

/** Zone used when the caller gives none. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const PARTS = '凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|早|晚';
const CLOCK = (n: string) =>
  `(?:(?<h${n}>${NUM})[点时](?:(?<half${n}>半)|(?<qa${n}>一刻)|(?<qc${n}>三刻)|(?<mi${n}>${NUM})分?(?![号栋楼幢单\\d]))?|(?<hh${n}>\\d{1,2}):(?<mm${n}>\\d{2}))`;
const RECUR =
  '(?<daily>每天|每日|天天)|(?<workday>每个?工作日|工作日|周一至周五|周一到周五)|(?<weekend>每个?周末)' +
  '|每个?(?:周|星期|礼拜)(?<wds>[一二三四五六日天、,和及]+)' +
  `|每个?月(?<md>${NUM})[号日]?`;
const DATE =
  '(?<rel>大后天|后天|今天|今日|明天|明日|今晚|明晚|今早|明早|今夜)' +
  '|(?<wkp>本|这|下下|下)?个?(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7])' +
  `|(?:(?<y>\\d{4})年)?(?<mo>${NUM})月(?<d>${NUM})[日号]?` +
  `|(?<dom>${NUM})[日号](?=\\s*(?:${PARTS}|${NUM}[点时]|\\d{1,2}:))` +
  '|(?<inn>\\d+|[一二两三四五六七八九十半]+)个?(?<inu>小时|钟头|分钟|天)(?:之?后|以后)';

const PHRASE = new RegExp(
  `(?:${RECUR})?\\s*(?:${DATE})?\\s*(?<part>${PARTS})?\\s*${CLOCK('')}?` +
    `(?:\\s*(?:到|至|-|~|—)\\s*(?<part2>${PARTS})?\\s*${CLOCK('2')})?`,
  'g',
);

const WEEKDAY: Record<string, number> = {
  日: 0,
  天: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 0,
};
const PART_DEFAULT_HOUR: Record<string, number> = {
  凌晨: 5,
  清晨: 7,
  早上: 8,
  早晨: 8,
  早: 8,
  上午: 9,
  中午: 12,
  下午: 15,
  傍晚: 18,
  晚上: 20,
  晚: 20,
  夜里: 21,
  夜间: 21,
};
const EVENING_REL: Record<string, string> = { 今晚: '晚上', 明晚: '晚上', 今夜: '夜里', 今早: '早上', 明早: '早上' };

type Groups = Record<string, string | undefined>;

/** Hour and minute on a 24-hour clock from a clock match and its part of day, or null when absent. */
function clockOf(g: Groups, n: string, part: string | undefined): { hour: number; minute: number } | null {
  let hour: number | null = null;
  let minute = 0;
  if (g[`hh${n}`] !== undefined) {
    hour = Number(g[`hh${n}`]);
    minute = Number(g[`mm${n}`]);
  } else if (g[`h${n}`] !== undefined) {
    hour = toInt(g[`h${n}`]!);
    if (g[`half${n}`]) minute = 30;
    else if (g[`qa${n}`]) minute = 15;
    else if (g[`qc${n}`]) minute = 45;
    else if (g[`mi${n}`]) minute = toInt(g[`mi${n}`]!) ?? 0;
  }
  if (hour === null) return part ? { hour: PART_DEFAULT_HOUR[part], minute: 0 } : null;
  if (hour > 24 || minute > 59) return null;
  if (part && /下午|傍晚|晚|夜/.test(part) && (hour < 12 || (hour === 12 && /晚|夜/.test(part)))) hour += 12;
  else if (part === '中午' && hour < 6) hour += 12;
  return { hour, minute };
}

function weekdaysOf(s: string): number[] {
  const days = new Set<number>();
  for (const ch of s) if (ch in WEEKDAY) days.add(WEEKDAY[ch]);
  return [...days].sort((a, b) => a - b);
}

function recurring(g: Groups, part: string | undefined, text: string): TimeSpec | null {
  const clock = clockOf(g, '', part) ?? { hour: 9, minute: 0 };
  const hm = `${clock.minute} ${clock.hour % 24}`;
  if (g.daily) return { kind: 'recurring', cron: `${hm} * * *`, text };
  if (g.workday) return { kind: 'recurring', cron: `${hm} * * 1-5`, text };
  if (g.weekend) return { kind: 'recurring', cron: `${hm} * * 0,6`, text };
  if (g.wds) {
    const days = weekdaysOf(g.wds);
    return days.length ? { kind: 'recurring', cron: `${hm} * * ${days.join(',')}`, text } : null;
  }
  const dom = toInt(g.md!);
  return dom && dom <= 31 ? { kind: 'recurring', cron: `${hm} ${dom} * *`, text } : null;
}

/** The calendar day a one-shot phrase names, or null for "today, or tomorrow if that time has passed". */
function dayOf(g: Groups, now: Wall): { year: number; month: number; day: number; fixed: boolean } | null {
  const today = { year: now.year, month: now.month, day: now.day };
  if (g.rel) {
    const shift = /大后天/.test(g.rel) ? 3 : /后天/.test(g.rel) ? 2 : /明/.test(g.rel) ? 1 : 0;
    return { ...addDays(today.year, today.month, today.day, shift), fixed: true };
  }
  if (g.wd) {
    const target = WEEKDAY[g.wd];
    const mondayOffset = (now.weekday + 6) % 7; // days since this week's Monday
    const targetOffset = (target + 6) % 7;
    if (!g.wkp) {
      // A bare "周五" means the next Friday to come (today counts if the hour is still ahead).
      const ahead = (targetOffset - mondayOffset + 7) % 7;
      return { ...addDays(today.year, today.month, today.day, ahead), fixed: ahead > 0 };
    }
    const weeks = g.wkp === '下下' ? 2 : g.wkp === '下' ? 1 : 0;
    return { ...addDays(today.year, today.month, today.day, targetOffset - mondayOffset + 7 * weeks), fixed: true };
  }
  if (g.mo) {
    const month = toInt(g.mo)!;
    const day = toInt(g.d!)!;
    let year = g.y ? Number(g.y) : now.year;
    if (!g.y && (month < now.month || (month === now.month && day < now.day))) year += 1;
    return { year, month, day, fixed: true };
  }
  if (g.dom) {
    const day = toInt(g.dom)!;
    const month = day < now.day ? now.month + 1 : now.month;
    return { ...addDays(now.year, month, day, 0), fixed: true };
  }
  return null;
}

function relativeMs(g: Groups): number {
  const n = g.inn === '半' ? 0.5 : (toInt(g.inn!) ?? 0);
  const unit = g.inu === '分钟' ? 60_000 : g.inu === '天' ? 86_400_000 : 3_600_000;
  return n * unit;
}

function once(g: Groups, part: string | undefined, ref: Date, timeZone: string, text: string): TimeSpec | null {
  if (g.inn) return { kind: 'once', at: new Date(ref.getTime() + relativeMs(g)), text };
  const now = wallAt(ref, timeZone);
  const day = dayOf(g, now);
  const clock = clockOf(g, '', part) ?? (day ? { hour: 9, minute: 0 } : null);
  if (!clock) return null;
  const base = day ?? { ...now, fixed: false };
  let at = instantOf(base.year, base.month, base.day, clock.hour, clock.minute, timeZone);
  if (!base.fixed && at.getTime() <= ref.getTime()) {
    const days = g.wd ? 7 : 1;
    const next = addDays(base.year, base.month, base.day, days);
    at = instantOf(next.year, next.month, next.day, clock.hour, clock.minute, timeZone);
  }
  const spec: TimeSpec = { kind: 'once', at, text };
  const endClock = g.h2 !== undefined || g.hh2 !== undefined ? clockOf(g, '2', g.part2 ?? part) : null;
  if (endClock) {
    // "8点到12点" keeps the day of the start; only a range past midnight moves to the next day.
    const startWall = wallAt(at, timeZone);
    let end = instantOf(startWall.year, startWall.month, startWall.day, endClock.hour, endClock.minute, timeZone);
    if (end.getTime() <= at.getTime()) end = new Date(end.getTime() + 86_400_000);
    spec.end = end;
  }
  return spec;
}

/** True when the match is a real time phrase rather than a stray "一点" ("快一点") or nothing. */
function meaningful(g: Groups): boolean {
  const recurOrDate = g.daily || g.workday || g.weekend || g.wds || g.md || g.rel || g.wd || g.mo || g.dom || g.inn;
  if (recurOrDate || g.part) return true;
  if (g.hh) return true;
  return g.h !== undefined && /^\d+$/.test(g.h);
}

/** The first time phrase in `text`, with where it starts and ends. */
export function findWhen(
  text: string,
  ref: Date,
  timeZone = DEFAULT_TIME_ZONE,
): { spec: TimeSpec | null; index: number; length: number } | null {
  PHRASE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHRASE.exec(text))) {
    if (m[0].length === 0) {
      PHRASE.lastIndex++;
      continue;
    }
    const g = m.groups as Groups;
    if (!meaningful(g)) continue;
    const raw = m[0].trim();
    const part = g.part ?? (g.rel ? EVENING_REL[g.rel] : undefined);
    const isRecurring = g.daily || g.workday || g.weekend || g.wds || g.md;
    const spec = isRecurring ? recurring(g, part, raw) : once(g, part, ref, timeZone, raw);
    return { spec, index: m.index + (m[0].length - m[0].trimStart().length), length: raw.length };
  }
  return null;
}

/**
 * Reads the first time phrase in `text` relative to `ref`, on the wall clock of `timeZone`
 * (Asia/Shanghai by default). One-shot phrases give a UTC instant, recurrences a 5-field cron.
 * @example parseWhen('每周一三五早上8点', ref) // { kind:'recurring', cron:'0 8 * * 1,3,5', ... }
 */
export function parseWhen(text: string, ref: Date, timeZone = DEFAULT_TIME_ZONE): TimeSpec | null {
  return findWhen(text, ref, timeZone)?.spec ?? null;
}
