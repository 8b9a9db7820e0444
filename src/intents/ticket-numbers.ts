/**
 * Ticket numbers as people write them: "#12", "工单12", "12号单", "No.66", "#七十", "第九号",
 * "二十七号", and what "N号" means when it is not a ticket (a building, a lift, a day, the people
 * of no. 7). Used by the command rules and by status questions the learned reader finds.
 */
import { NUMBER_TOKEN, readRecordId } from '../common/ids.js';
import { toInt } from './numerals.js';

// Numbers are read whole ("#1.5", "#1e9", "#999999999999999999999"): one that cannot be a ticket's
// id reads as NOT_AN_ID, which no ticket has, never as a truncated or rounded neighbour.
const HASH_TICKET = new RegExp(String.raw`(?<![\dA-Za-z])#\s*(${NUMBER_TOKEN})`, 'g');
const WORK_ORDER_TICKET = new RegExp(
  String.raw`(?:工单|单号|编号)\s*#?\s*(${NUMBER_TOKEN})|(?<![\d月年.])(${NUMBER_TOKEN})\s*号\s*(?:工单|单子|单(?!元)|报事|事项)`,
);
/** What "N号" numbers when it is not a ticket: a building, a lift, a gate, a parking space, a day. */
const HAO_THING = '楼栋幢座院线床门房室单元点时梯电机车位口井库岗柜箱桩亭棚铺区场馆站道路街巷桥厅窗台';
/** What follows "N号" when it is a day of the month: "23号那天", "5号晚上". */
const HAO_DAY = '那天|那日|晚上|早上|上午|下午|中午|夜里|当天';
/** "12号" is a ticket only next to a command or status word; never "3号楼", "2号梯" or "11月12号". */
/** "7号的几位老人家": the people of no. 7, not ticket 7 ("12号的进度" still is one). */
const HAO_OF = '的(?!单|工单|进度|事|情况|问题|报事|处理)';
/** "先到31号看", "住在7号": a house number after a word of place or going. */
const HAO_ADDRESS = '(?<!(?:(?<!收)到|去|在|住|往|对面|隔壁|喺|嚟|返)\\s*)';
/** "9号到15号", "3号、5号": a run or list of house numbers, not a ticket. */
const HAO_JOIN = '(?:到|至|-|~|～|、|和|同|与|跟)';
const HAO_RANGE = `\\s*${HAO_JOIN}\\s*\\d{1,4}\\s*号`;
const HAO_TICKET = new RegExp(
  String.raw`(?<![\d月年第])(?<!\d\s*号\s*${HAO_JOIN}\s*)${HAO_ADDRESS}(\d{1,7})\s*号(?![${HAO_THING}\d]|${HAO_DAY}|${HAO_OF}|${HAO_RANGE})`,
);
/** "1号梯", "3号楼": a thing numbered in the message. */
const HAO_NAMES_THING = new RegExp(String.raw`\d\s*号\s*[${HAO_THING}]`);
/** "No.66", "NO 12": a ticket number the English way. */
const NO_TICKET = /(?<![A-Za-z])[Nn][Oo][.．]?\s*(\d{1,7})(?!\d)/;
/** "#七十", "#廿三": the hash sign before a number in Chinese numerals. */
const HASH_SPELT = /(?<![\dA-Za-z])#\s*([零〇一二两三四五六七八九十百廿卅]{1,5})/;
/** "十二号单子", "第十二號單", "第九号", "廿三号单": a ticket plainly named in Chinese numerals. */
const SPELT_TICKET = new RegExp(
  String.raw`([零〇一二两三四五六七八九十百廿卅]{1,5})\s*[号號]\s*(?:工单|单子|单(?!元)|單|报事|事项)|第\s*([零〇一二两三四五六七八九十百廿卅\d]{1,5})\s*[号號](?![${HAO_THING}])`,
);
/** "工单号好像是一百零二", "单号系廿三": a work-order number spelt in Chinese numerals, a few words after its name. */
const WORK_ORDER_SPELT =
  /(?:工单|单号|编号)[^，。,\d#]{0,5}?(?:是|系|係|为)\s*([零〇一二两三四五六七八九十百廿卅]{1,6})(?![号號楼栋幢座单])/;
/** "廿三" → 23, "卅" → 30, "十二" → 12, "12" → 12. */
function zhNumber(s: string): number | null {
  return toInt(
    s
      .replace(/^廿/, '二十')
      .replace(/^卅/, '三十')
      .replace(/^(\d+)$/, '$1'),
  );
}
/** "接单三十七号": a ticket in Chinese numerals, read only where a digit one would be. */
const HAO_TICKET_ZH = new RegExp(
  String.raw`(?<![月年第零〇一二两三四五六七八九十百])([零〇一二两三四五六七八九十百]{1,5})\s*号(?![${HAO_THING}]|${HAO_OF})`,
);

/** The ticket a status question names, however it is written ("No.66", "#七十", "二十七号"); null when none. */
export function ticketNamed(text: string): number | null {
  return allTickets(text)[0] ?? null;
}

/** Every ticket a message names, by the first form that names any. */
export function allTickets(text: string): number[] {
  const out: number[] = [];
  HASH_TICKET.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = HASH_TICKET.exec(text)); ) out.push(readRecordId(m[1]));
  if (out.length) return out;
  const w = WORK_ORDER_TICKET.exec(text);
  if (w) return [readRecordId(w[1] ?? w[2])];
  const no = NO_TICKET.exec(text);
  if (no) return [Number(no[1])];
  const hs = HASH_SPELT.exec(text);
  const hk = hs ? zhNumber(hs[1]) : null;
  if (hk) return [hk];
  const ws = WORK_ORDER_SPELT.exec(text);
  const wk = ws ? zhNumber(ws[1]) : null;
  if (wk) return [wk];
  const spelt = SPELT_TICKET.exec(text);
  const k = spelt ? zhNumber(spelt[1] ?? spelt[2]) : null;
  if (k) return [k];
  // "1号梯门又开始弹了 …2号又停着": beside a numbered thing, a bare "2号" is another of it.
  const h = HAO_NAMES_THING.test(text) ? null : HAO_TICKET.exec(text);
  if (h) return [Number(h[1])];
  const zh = HAO_TICKET_ZH.exec(text);
  const n = zh ? toInt(zh[1]) : null;
  return n ? [n] : [];
}
