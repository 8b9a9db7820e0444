/**
 * An outage announced in the groups ("【停水通知】…今天上午9:00至下午3:00，9号楼…暂停供水") is not a
 * problem to file when residents then say it happened ("家人们停水了 我头洗了一半"): the bot stays
 * quiet, as a grid worker would. A wait past the announced end is still pressing, and a danger still
 * pages (both decided before this is asked).
 */
import { thingsNamed } from '../../intents/index.js';
import type { Context } from '../context.js';

/** Which supply a message says is off. */
const OFF: [string, RegExp][] = [
  ['water', /停水|没水|冇水|莫得水|没有水|断水|不来水/],
  ['power', /停电|没电|冇电|莫得电|没有电|断电/],
  ['gas', /停气|没气|冇气|没有燃气|停燃气/],
];

/** An announcement of that supply being cut: a heading, a time span or a request to prepare. */
const ANNOUNCED: Record<string, RegExp> = {
  water:
    /(停水|暂停供水|停止供水)[^。]{0,40}(通知|至|到|期间|提前|储水|接水|恢复)|(通知|公告|预计)[^。]{0,30}(停水|暂停供水)/,
  power: /(停电|暂停供电|停止供电)[^。]{0,40}(通知|至|到|期间|提前|恢复)|(通知|公告|预计)[^。]{0,30}(停电|暂停供电)/,
  gas: /(停气|暂停供气|停止供气)[^。]{0,40}(通知|至|到|期间|提前|恢复)|(通知|公告|预计)[^。]{0,30}(停气|暂停供气)/,
};

/** "门禁从昨晚停电后就一直刷不了卡": a thing broken since the cut, a problem of its own. */
const AFTER_CUT = /(停|断|没|冇)(水|电|气)(了|咗)?[^。，,]{0,2}(之?后|以后|过后|导致|搞到|搞得|弄得)/;
const brokenBy = (text: string) => AFTER_CUT.test(text) && thingsNamed(text).length > 0;

/** How far back an announcement covers what residents say. */
const WITHIN_MS = 12 * 3_600_000;

/** True when the message tells of a supply being off that was announced in this grid's chats today. */
export async function announcedOutage(ctx: Context): Promise<boolean> {
  const off = OFF.find(([, re]) => re.test(ctx.reading.text))?.[0];
  const place = ctx.chat.place;
  if (!off || !place || brokenBy(ctx.reading.text)) return false;
  const chain = await ctx.chain(place);
  const scope = chain.find((p) => p.level === 'grid') ?? chain[chain.length - 1] ?? place;
  const said = await ctx.db.inboundMessage.findMany({
    where: {
      receivedAt: { gte: new Date(ctx.now.getTime() - WITHIN_MS), lte: ctx.now },
      chat: { place: { path: { startsWith: scope.path } } },
      text: { contains: off === 'water' ? '水' : off === 'power' ? '电' : '气' },
    },
    select: { text: true },
    orderBy: { id: 'desc' },
    take: 50,
  });
  // An announcement that names buildings covers those only.
  const building = ctx.reading.location.building ?? chain.find((p) => p.level === 'building')?.number ?? null;
  const covers = (text: string) => {
    const named = [...text.matchAll(/(\d{1,3})\s*(号楼|号|栋|幢|座)/g)].map((m) => m[1]);
    return !named.length || (building !== null && named.includes(building));
  };
  return said.some((m) => ANNOUNCED[off].test(m.text) && covers(m.text));
}
