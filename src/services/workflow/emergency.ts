/**
 * One emergency reported by many residents is one ticket. The first urgent report opens the
 * ticket and pages at once; reports of the same kind of emergency (fire, gas, water, …) in the
 * same building within {@link SAME_EMERGENCY_MS} join it as followers and are counted, so the
 * head hears how many people reported it instead of being paged again for each.
 */
import { type EmergencyKind, emergencyKind, hazardOf, similarity, thingsNamed } from '../../intents/index.js';
import type { Db } from '../../store/client.js';
import { followersCount, urgentUnder } from '../../store/intake-sql.js';
import type { PlaceRow } from '../org/places.js';
import { follow } from './routing.js';
import { OPEN_STATUSES } from './states.js';
import type { TicketRow } from './tickets.js';

/** Urgent reports of one kind and building within this time are one emergency. */
export const SAME_EMERGENCY_MS = 30 * 60_000;
/** Emergencies of one person: in another unit, another person's. */
const PERSON_KINDS = new Set<EmergencyKind>(['medical', 'missing']);
/** Reports of no known kind are the same emergency when worded this alike. */
const SAME_WORDS = 0.3;
/** …and a person described alike (age, clothes) is the one the grid searches for. */
const SEARCH_WORDS = 0.2;

export interface Joined {
  ticket: TicketRow;
  /** People who reported it: the reporter and every follower. */
  reporters: number;
  /** True when this report came from someone who had not reported it before. */
  newReporter: boolean;
}

/** Kinds one danger may be told as, in either order: electricity with water or fire, a fight and its wounds. */
const KINDS_TOGETHER = new Set(
  ['water+electric', 'fire+electric', 'violence+medical'].flatMap((k) => [k, k.split('+').reverse().join('+')]),
);

/**
 * True when two urgent reports describe the same emergency: the same kind, or worded alike.
 * `kindEnough` false (the new report names no building, the ticket is in one) asks for alike
 * words too: smoke from a courtyard told in the grid's group is not the smoking cigarette end a
 * building's group reported, and merging it would leave a fire unpaged.
 */
export function sameEmergency(a: string, b: string, kindEnough = true): boolean {
  const [ka, kb] = [emergencyKind(a), emergencyKind(b)];
  const alike = () => similarity(a, b) >= SAME_WORDS;
  // Water on an electric box and sparks in it, smoke from a fuse box and its sparks: one danger told twice,
  // when the words are alike ("电表箱里头滋滋的响还闪了一下火星子" and "电表箱门上全是水").
  if (ka && kb && ka !== kb && KINDS_TOGETHER.has(`${ka}+${kb}`)) return alike();
  if (ka && kb) return ka === kb && (kindEnough || alike());
  // One of a known kind and one not, from the grid's group ("冒黑烟" and "敲门没人应"): two, both paged.
  // (A person taken ill is never the cracked window paged here, though both name the steps and the head:
  // "宋君速来：石姐…心口闷痛…坐在台阶上起不来" and "宋君：三楼楼梯间那扇窗…台阶上湿了一片".)
  if (ka || kb) return kindEnough && !personBesideThing(ka ?? kb, ka ? b : a) && alike();
  return alike();
}

/** Dangers to things, not to a person. */
const THING_HAZARDS = new Set(['falling', 'open-pit', 'electric-water', 'water', 'flood', 'gas', 'fire']);
const personBesideThing = (kind: EmergencyKind | null, other: string) => {
  const hazard = kind && PERSON_KINDS.has(kind) ? hazardOf(other) : null;
  return !!hazard && THING_HAZARDS.has(hazard);
};

/**
 * The open urgent ticket this report of an emergency joins, followed by the reporter, with the
 * number of people who reported it; null when it is the first report (file and page it).
 * `area` is the building of the report's place (or the place itself when higher).
 */
export async function joinEmergency(
  db: Db,
  report: {
    area: PlaceRow;
    place?: PlaceRow;
    text: string;
    reporterId: number;
    now: Date;
    /** The chat the report was made in. */
    chatId?: number;
    /** The words name no danger and no thing of their own (the model's fear alone). */
    fearOnly?: boolean;
    /** The grid the place is in: a person missing is searched for grid-wide. */
    grid?: PlaceRow;
  },
): Promise<Joined | null> {
  const since = new Date(report.now.getTime() - SAME_EMERGENCY_MS);
  const recent = await urgentUnder(db, report.area.path, OPEN_STATUSES, since, 20);
  // "我是7栋1单元301张阿婆的女儿 …电话打到现在都没人接" is not the fall reported at 3单元 of the building:
  // someone hurt, ill or missing in another unit is another person (smoke, gas or water spread).
  // (…and a boy stuck in 1单元's lift is not the door of 2单元's lift that would not close: in another unit
  // only a danger of the same kind spreads.)
  const kind = emergencyKind(report.text);
  const person = PERSON_KINDS.has(kind ?? 'fire');
  const otherUnit = (t: TicketRow) =>
    (person || emergencyKind(t.text) !== kind) &&
    report.place?.level === 'unit' &&
    t.placeId !== report.place.id &&
    t.placeId !== report.area.id;
  // In the chat where it was just reported: "佢个仔喺霞山返工 我有佢电话 而家打紧" (words of no danger of
  // their own, the model's fear alone), "我在窗户上看着 还在推搡呢" (the same kind, told in the grid's
  // group naming no building), and "好像是5栋2单元的 我一个人扶不起来" from the one who reported the fall.
  const own = kind ? (t: TicketRow) => kind === emergencyKind(t.text) : () => !thingsNamed(report.text).length;
  const here = (t: TicketRow) => report.chatId !== undefined && t.chatId === report.chatId;
  const theirs = (t: TicketRow) => here(t) && t.reporterId === report.reporterId && own(t);
  // (…and "那盆三角梅好大一盆 要掉下来了" after "五楼阳台那个大花盆…翻出栏杆了 在晃": the same danger in plain words.)
  const hazard = hazardOf(report.text);
  const alongside = (t: TicketRow) =>
    here(t) &&
    (report.fearOnly || (!!kind && kind === emergencyKind(t.text)) || (!!hazard && hazard === hazardOf(t.text))) &&
    (report.place?.level !== 'unit' || report.place.id === t.placeId);
  const joins = (t: TicketRow) =>
    theirs(t) ||
    (!otherUnit(t) &&
      (alongside(t) || sameEmergency(report.text, t.text, t.placeId === report.area.id || buildingLevel(report.area))));
  // The emergencies of this chat first: "有个劝架的阿伯头上在流血" beside the fight just paged here, not a fall
  // paged this morning in a chat below.
  const same = recent.filter(here).find(joins) ?? recent.find(joins) ?? (await searchedForInGrid(db, report, since));
  if (!same) return null;
  const counted = await followersCount(db, same.id, same.reporterId, report.reporterId);
  const known =
    same.reporterId === report.reporterId ||
    (counted
      ? counted.follows
      : !!(await db.ticketFollower.findUnique({
          where: { ticketId_identityId: { ticketId: same.id, identityId: report.reporterId } },
        })));
  if (!known) await follow(db, same.id, report.reporterId, report.now);
  const followers = counted
    ? counted.others + (known ? 0 : 1)
    : await db.ticketFollower.count({ where: { ticketId: same.id, identityId: { not: same.reporterId } } });
  return { ticket: same, reporters: 1 + followers, newReporter: !known };
}

/**
 * "大伙帮着瞅瞅 有没有一个八岁小男孩 红羽绒服黄帽子…" in a building's chat while the grid's group
 * searches for that boy: the grid's search, not a new page.
 */
async function searchedForInGrid(
  db: Db,
  report: { grid?: PlaceRow; area: PlaceRow; text: string },
  since: Date,
): Promise<TicketRow | undefined> {
  const grid = report.grid;
  if (!grid) return undefined;
  const kind = emergencyKind(report.text);
  if (kind && kind !== 'missing') return undefined;
  // …and, told in the grid's group, the search a building's group began ("荷花巷毛爹爹的孙子走丢了").
  const atGrid = grid.id === report.area.id;
  if (atGrid && kind !== 'missing') return undefined;
  const searches = await urgentUnder(db, grid.path, OPEN_STATUSES, since, 20);
  return searches.find(
    (t) =>
      (atGrid || t.placeId === grid.id) &&
      emergencyKind(t.text) === 'missing' &&
      (kind === 'missing' || similarity(report.text, t.text) >= SEARCH_WORDS),
  );
}

/** A building or something in one: where one kind of emergency at a time is the usual case. */
const buildingLevel = (place: PlaceRow) => place.level === 'building' || place.level === 'unit';

/** Whether the head hears of the count: when a new person makes it 2, 3, 5, then every 10th. */
export function tellsHead(joined: Joined): boolean {
  const n = joined.reporters;
  return joined.newReporter && (n === 2 || n === 3 || n === 5 || n % 10 === 0);
}

export type { EmergencyKind };
