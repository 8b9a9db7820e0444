/**
 * Stage 3: where. Reads building / unit / room from the forms residents write
 * ("3号楼2单元501", "三栋二单元501室", "3幢2单元5楼501", "3-2-501", "3栋2-501", "A座",
 * "16#2单元") and place references in commands ("全网格", "3栋2单元", "本楼").
 * Never guesses: a floor ("5楼") is not a room, a count ("两栋楼") is not a building.
 */
import { NUM, toDigits } from './numerals.js';
import type { Location, PlaceRef } from './types.js';

// Characters that turn "一栋" into a quantity or a pronoun rather than a name: 同一栋, 每栋, 几栋.
const NOT_AFTER = '(?<![同每这那哪几某整各隔多好两\\d])';
const BLD_SUFFIX = '(?:号楼|号栋|号幢|栋|幢|座)';

/** "3-2-501" · "3栋2-501" · "16#2-301" · "3号楼2单元501": the full three-part forms. */
const DASH3 = /(?<![\d-])(\d{1,3})\s*(?:号楼|栋|幢|座)?\s*-\s*(\d{1,2})\s*-\s*(\d{3,4})(?![\d-])/;
const HASH_DASH = /(?<![\d#])(\d{1,3})#\s*(\d{1,2})\s*-\s*(\d{3,4})(?![\d-])/;
const BLD_DASH = new RegExp(
  `${NOT_AFTER}(${NUM}|[A-Za-z])\\s*${BLD_SUFFIX}\\s*(\\d{1,2})\\s*-\\s*(\\d{3,4})(?![\\d-])`,
);
/** "四零二", "十二零一": a flat said digit by digit, a floor then 0 then the door (not "三十"). */
const FLAT_SPOKEN =
  '(?:[一二三四五六七八九]|十[一二三四五六七八九]?|[一二]十[一二三四五六七八九]?)[零〇][一二三四五六七八九](?![零〇一二三四五六七八九十百千楼层号栋幢单])';
/** "5-2一楼", "5-2 3楼": building and unit, then a floor (so "3-12楼", floors 3 to 12, is not one). */
const DASH_FLOOR =
  /(?<![\d\-:/.])(\d{1,3})\s*-\s*([1-9])(?!\d)(?=\s*[一二三四五六七八九十]{1,2}\s*[楼层]|\s+\d{1,2}\s*[楼层])/;
/** "3-501": building and room; the room must have 3–4 digits so "11-30" (a date) is not read. */
const DASH2 = /(?<![\d\-:/.])(\d{1,2})\s*-\s*(\d{3,4})(?![\d\-:/.])/;

// (…nor "一栋楼都跑不了", "一栋楼的人": the whole building, counted.)
const BUILDING = new RegExp(`${NOT_AFTER}(${NUM})\\s*${BLD_SUFFIX}(?![楼樓](都|全|的人|人都|上下|老小))`);
const LETTER_BUILDING = /(?<![A-Za-z])([A-Za-z])\s*(?:座|栋|幢|号楼|区?楼(?!上|下|道|梯|顶|里))/;
/**
 * "16#2单元", "16#有家", "…管不管🤬 16#" (a tag said last): a number followed by # is a building,
 * "#12" (no digits before) is a ticket.
 */
const HASH_BUILDING = /(?<![\d#])(\d{1,3})#(?=\s*(?:\d|\p{Script=Han})|\s*$)/u;
/** "3楼2单元": 楼 is a building only when a unit follows; alone it is a floor. */
const LOU_BEFORE_UNIT = new RegExp(`${NOT_AFTER}(${NUM})\\s*楼\\s*(?=${NUM}\\s*单元)`);
const UNIT = new RegExp(`${NOT_AFTER}(${NUM}|[A-Za-z])\\s*单元`);
/** "3座2梯402": in Guangdong a stairwell (梯) is the unit; digits only, so "一梯两户" is not one. */
const UNIT_TI = /(?<![\d电楼扶])(\d{1,2})\s*梯(?![子级间]|\s*[一二两三四\d]\s*户)\s*(\d{3,4}(?!\d))?/;
/** "8号楼3门201": in Tianjin a stairwell (门) is the unit, said right after the building. */
const UNIT_MEN = new RegExp(`${BLD_SUFFIX}\\s*(${NUM})\\s*门(?![口卫岗禁锁面市诊外前])\\s*(\\d{3,4}(?!\\d))?`);
/** "三门楼道", "2门电梯", "3门一楼": said alone, the Tianjin stairwell needs the stairs, lift or a floor after it. */
const UNIT_MEN_ALONE =
  /(?<![\d一二三四五六七八九十号区北南东西后前大小侧边正])([1-9]|[一二三四五六七八九])\s*门(?=\s*(?:楼道|楼梯|电梯|[一二三四五六七八九十\d]{1,2}\s*楼(?![下上])|\d{3,4}))/;
/** After "单元", an optional floor, then a 3–4 digit room: "2单元5楼501", "2单元803". */
const ROOM_AFTER_UNIT = new RegExp(
  `单元\\s*(?:${NUM}\\s*[楼层]\\s*)?(\\d{3,4}|[零〇一二三四五六七八九]{3,4})(?![\\d])\\s*(?:室|号|房|户)?`,
);
/** "3栋501": a building name directly followed by a room number. */
const ROOM_AFTER_BUILDING = new RegExp(
  `${BLD_SUFFIX}\\s*(?:${NUM}\\s*[楼层]\\s*)?(\\d{3,4}(?![\\d号楼栋幢单])|${FLAT_SPOKEN})`,
);
/**
 * "楼上1603", "1802的", "对门502家", "402敲门没人", "…灯还亮着 201" (said last, after a space): a
 * number shaped like a flat (floor, then 01–12) said of a home is a room, even without 室.
 */
const ROOM_OF_NEIGHBOUR =
  /(?:(?:楼上|楼下|对门|隔壁|住在?|是)\s*([1-9]\d?(?:0[1-9]|1[0-2]))(?!\d))|(?<![\d.\-:/#])([1-9]\d?(?:0[1-9]|1[0-2]))\s*(?=的|家|那家|户|业主|住户|房东|室友|敲门|门口)|(?<=\s)(?!11[02]$)([1-9]\d?(?:0[1-9]|1[0-2]))$/;
/** "18号402": in Shanghai lanes and estates a house number, then the flat. */
const HAO_ROOM = /(?<![\d#月.\-:/])(\d{1,3})号\s*(\d{3,4})(?![\d号楼栋幢座])/;
/** "501室" or "五零一室" anywhere. */
const ROOM_SUFFIXED = /(?<!\d)(\d{3,4}|[零〇一二三四五六七八九]{3,4})\s*(?:室|房间|号房)/;

function emptyLocation(): Location {
  return { building: null, unit: null, room: null };
}

/** "四零二" → "402", "十二零一" → "1201": the floor as a number, then the rest digit by digit. */
function flatDigits(s: string): string | null {
  const m = /^(.*?)([零〇].)$/.exec(s);
  if (!m || !/[十]/.test(m[1])) return toDigits(s);
  const floor = toDigits(m[1]);
  const door = toDigits(m[2]);
  return floor && door !== null ? `${floor}${door.padStart(2, '0')}` : null;
}

function upper(s: string): string {
  return /^[A-Za-z]$/.test(s) ? s.toUpperCase() : (toDigits(s) ?? s);
}

/**
 * Building, unit and room that the text itself names, as digit strings (or a block letter).
 * @example parseLocation('三栋二单元501室') // { building: '3', unit: '2', room: '501' }
 */
export function parseLocation(text: string): Location {
  const loc = emptyLocation();
  let m = DASH3.exec(text);
  if (m) return { building: m[1], unit: String(Number(m[2])), room: m[3] };
  m = BLD_DASH.exec(text) ?? HASH_DASH.exec(text);
  if (m) return { building: upper(m[1]), unit: String(Number(m[2])), room: m[3] };

  m = HAO_ROOM.exec(text);
  if (m) return { building: m[1], unit: null, room: m[2] };
  m = DASH_FLOOR.exec(text);
  if (m) return { building: m[1], unit: String(Number(m[2])), room: null };
  m = BUILDING.exec(text);
  if (m && m[1] !== '两') loc.building = upper(m[1]);
  if (!loc.building && (m = LETTER_BUILDING.exec(text))) loc.building = m[1].toUpperCase();
  if (!loc.building && (m = HASH_BUILDING.exec(text))) loc.building = m[1];
  if (!loc.building && (m = LOU_BEFORE_UNIT.exec(text))) loc.building = upper(m[1]);

  m = UNIT.exec(text);
  if (m) loc.unit = upper(m[1]);
  else if (loc.building && (m = UNIT_TI.exec(text) ?? UNIT_MEN.exec(text))) {
    loc.unit = upper(m[1]);
    if (m[2]) loc.room = m[2];
  } else if (!loc.building && (m = UNIT_MEN_ALONE.exec(text))) loc.unit = upper(m[1]);

  if (loc.unit && (m = ROOM_AFTER_UNIT.exec(text))) loc.room = toDigits(m[1]);
  if (!loc.room && loc.building && !loc.unit && (m = ROOM_AFTER_BUILDING.exec(text))) loc.room = flatDigits(m[1]);
  if (!loc.room && (m = ROOM_SUFFIXED.exec(text))) loc.room = toDigits(m[1]);
  if (!loc.room && (m = ROOM_OF_NEIGHBOUR.exec(text))) loc.room = m[1] ?? m[2] ?? m[3];
  if (!loc.building && !loc.unit && !loc.room && (m = DASH2.exec(text))) {
    return { building: m[1], unit: null, room: m[2] };
  }
  return loc;
}

const PLACE_GRID = /^(?:全|本|整个|所有|全部)网格|^网格(?:内|全体)/;
const PLACE_COMMUNITY = /^(?:全|本|整个)社区|^社区全体|^全小区|^整个小区/;
const PLACE_HERE = /^(?:本楼栋?|本栋|本单元|全体|本群|全楼|大家|所有人|全体居民)/;
const PLACE_BUILDING = new RegExp(
  `^(?:${NUM}|[A-Za-z])\\s*(?:号楼|号栋|栋|幢|座|#)(?:\\s*(?:${NUM}|[A-Za-z])\\s*单元)?`,
);

/**
 * A place reference at the start of `text` (the words after a command verb), or null.
 * @example parsePlace('3栋2单元 明天停水') // { level:'unit', building:'3', unit:'2', raw:'3栋2单元' }
 */
export function parsePlace(text: string): PlaceRef | null {
  const t = text.trimStart();
  let m = PLACE_GRID.exec(t);
  if (m) return { level: 'grid', building: null, unit: null, raw: m[0] };
  m = PLACE_COMMUNITY.exec(t);
  if (m) return { level: 'community', building: null, unit: null, raw: m[0] };
  m = PLACE_HERE.exec(t);
  if (m) return { level: 'here', building: null, unit: null, raw: m[0] };
  m = PLACE_BUILDING.exec(t);
  if (m) {
    const loc = parseLocation(m[0].endsWith('#') ? `${m[0]}楼` : m[0]);
    if (loc.building) {
      return loc.unit
        ? { level: 'unit', building: loc.building, unit: loc.unit, raw: m[0] }
        : { level: 'building', building: loc.building, unit: null, raw: m[0] };
    }
  }
  return null;
}
