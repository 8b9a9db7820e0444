/**
 * Stage 4a: keyword rules for category and urgency. Rules decide whenever they have evidence;
 * the learned model only breaks ties or speaks when the rules abstain.
 */
import { KEYWORDS, keywordEntries } from './keywords.js';
import type { Category, MustReport } from './types.js';

const ENTRIES = keywordEntries(KEYWORDS);
// Phrase lengths per first character, longest first: most characters start no phrase at all.
const LENGTHS_BY_FIRST = new Map<string, number[]>();
for (const k of ENTRIES.keys()) {
  const list = LENGTHS_BY_FIRST.get(k[0]) ?? [];
  if (!list.includes(k.length)) list.push(k.length);
  LENGTHS_BY_FIRST.set(
    k[0],
    list.sort((a, b) => b - a),
  );
}

/** Summed keyword weight per category. */
export type Scores = Partial<Record<Category, number>>;

/**
 * Scans left to right, longest phrase first, so each character counts for one phrase only.
 * Linear in the text length times the longest phrase length.
 */
export function keywordScores(text: string): Scores {
  const scores: Scores = {};
  let i = 0;
  while (i < text.length) {
    let step = 1;
    for (const len of LENGTHS_BY_FIRST.get(text[i]) ?? []) {
      if (i + len > text.length) continue;
      const hit = ENTRIES.get(text.substr(i, len));
      if (hit) {
        if (hit[1] > 0) scores[hit[0]] = (scores[hit[0]] ?? 0) + hit[1];
        step = len;
        break;
      }
    }
    i += step;
  }
  applyContext(text, scores);
  return scores;
}

// Combinations single words cannot express: water coming from the neighbour upstairs is a
// dispute, a fight in progress is public order even when it began as a quarrel.
const CONTEXT: [RegExp, Category, number][] = [
  [/(楼上|邻居|隔壁|对门).{0,8}(漏|渗|滴)/, 'dispute', 3],
  [/从.{1,6}(回来|返回|过来)/, 'epidemic', 2],
  [/(从|去过).{0,4}(高风险|中风险|风险地区)/, 'epidemic', 3],
  [/(车|快递|手机|钱包|包|东西|电瓶|自行车).{0,4}(丢|没了|不见)/, 'public_order', 3],
  [/(老人|大爷|大妈|奶奶|爷爷|孩子|小孩).{0,6}(走丢|走失|不见了|找不到)/, 'public_order', 2],
  [/(怎么|如何|在哪|哪里|能不能|可以|需要)(?!办(?!理)).{0,6}(申请|办理|办|开|交|补|领)/, 'consultation', 2],
  [/(楼下|楼上|邻居|隔壁).{0,6}(说|怪|赖|找).{0,6}漏/, 'dispute', 3],
  [/(万一|怕|容易|会|一旦).{0,4}(着火|起火|火灾|失火|烧起来)/, 'safety', 3],
];

function applyContext(text: string, scores: Scores): void {
  for (const [re, category, weight] of CONTEXT) if (re.test(text)) scores[category] = (scores[category] ?? 0) + weight;
}

/** Best category by rule weight, or null when no rule fired or the top two tie. */
export function ruleCategory(scores: Scores): { category: Category | null; top: number; tiedWith: Category[] } {
  let best: Category | null = null;
  let top = 0;
  let tied: Category[] = [];
  for (const [c, s] of Object.entries(scores) as [Category, number][]) {
    if (s > top) {
      best = c;
      top = s;
      tied = [c];
    } else if (s === top && s > 0) tied.push(c);
  }
  return tied.length > 1 ? { category: null, top, tiedWith: tied } : { category: best, top, tiedWith: tied };
}

// Danger now (SPEC "urgent"): fire, gas, someone down or trapped, burst pipes, fights, missing people.
const URGENT =
  /着火|起火|失火|火灾|火势|冒烟|火花|有烟|浓烟|黑烟|烧起来|烧着了|火苗|山火|烧荒|(煤气|燃气|天然气)(味|泄漏|泄露|漏了)|(闻到|有股|一股).{0,4}(煤气|燃气|天然气|液化气)|漏气|摔倒|摔了一跤|跌倒|晕倒|昏倒|昏迷|不省人事|没有?意识|叫不醒|倒在地上|受伤|流血|出血|骨折|心脏病|喘不上气|被困|困在|困人|关在里面|出不来|关在电梯|爆管|爆裂|(管|水管|管子|管道)(爆|裂)了?|水管爆|哗哗|水漫|淹了|进水了|倒灌|打起来|打架|动手|斗殴|打人|持刀|拿刀|(拿|举|带|挥)着刀|砍人|走失|走丢|丢了孩子|孩子(丢|不见)|(老人|孩子|小孩).{0,10}(不见了|找不到了?)|失踪|触电|坠楼|跳楼|轻生|溺水|掉进|(全是|都是|满是|好大的?|很大的?)烟|烟很大|哪家着了|着了火|起不来|叫.{0,3}没(什么)?反应|(水管|管子|管道)崩|崩了|往下淌|淌水|漫出来|(煤气|燃气|天然气|液化气)[^，。,.!！]{0,6}(嘶嘶|漏|味|响)|嘶嘶|被.{0,6}咬(了|伤)|咬伤|流了?(好多|很多|不少)?血|头破|烫伤|割伤|撞伤|动不了|一动不动|躺在地上|倒地|没了?呼吸|没气了|抽搐|吐血|中毒|(老人|老爷子|老太太|老太|奶奶|爷爷|孩子|小孩|男孩|女孩|儿子|女儿|老伴|岁)[^。]{0,20}(没回来|没回家|没到家|找不到|联系不上|不见了)|(没回来|没回家|找不到|联系不上)[^。]{0,12}(老人|老爷子|孩子|小孩|男孩|女孩)/;
// Already over or explained: "上个月有人被困", "警察已经来处理了", "是演习，不是着火".
const OVER =
  /上个月|上周|上次|去年|之前|以前|曾经|前几天|前两天|已经(处理|扑灭|灭了|送医|送到医院|没事|好了|找到)|警察已经|没事了|不是着火|没有着火|没着火|别打119|演习|演练|是正常的|虚惊|大家放心|别慌|已找到|找到了/;
// Hypotheticals and precautions are not emergencies: "万一着火", "注意防火", "怕起火".
const NOT_NOW = /万一|如果|要是|假如|真要|怕|担心|容易|可能会|会不会|会唔会|防止|预防|注意|小心|避免|以防|演练|隐患/;
// "着火了都上不去": a conditional clause, not a fire.
const NOT_NOW_AFTER = /^了?(都|也|时|的话|怎么|咋|就)/;
const NOT_FIRE = /(打|点)?不着火|火车|火锅/g;
const HELP_NOW = /快来|赶紧来|速来|快点来|急|救命/;

/** What the urgency rules see in a text; the learned reader takes these as features. */
export interface UrgencySignals {
  /** An alarm word or phrase (fire, gas, someone down, trapped, flooding, a fight, missing). */
  alarm: boolean;
  /** A call for help now ("快来", "救命"). */
  helpNow: boolean;
  /** The event is over or explained ("上个月", "已经没事了", "演练"). */
  over: boolean;
  /** The alarm word is hypothetical or precautionary ("万一着火", "怕起火"). */
  hypothetical: boolean;
}

export function urgencySignals(text: string): UrgencySignals {
  const m = URGENT.exec(text.replace(NOT_FIRE, ''));
  const helpNow = HELP_NOW.test(text);
  if (!m) return { alarm: false, helpNow, over: OVER.test(text), hypothetical: false };
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
  return {
    alarm: true,
    helpNow,
    over: OVER.test(text),
    hypothetical: NOT_NOW_AFTER.test(after) || NOT_NOW.test(text.slice(0, m.index)),
  };
}

/** True when the rules say the report describes danger to life or property right now. */
export function isUrgent(text: string): boolean {
  const s = urgencySignals(text);
  if (!s.alarm) return false;
  if (s.helpNow) return true;
  return !s.over && !s.hypothetical;
}

const CRIME = /涉黑|黑恶|黑社会|赌博|赌场|聚赌|吸毒|贩毒|毒品|传销|保护费|高利贷|团伙|持刀|砍人|卖淫|邪教|非法集资|枪/;
const COLLECTIVE = /联名|集体|上访|多人|几十户|好多户|全楼的人|整栋楼的人|业主们|一起去|请愿|围堵|拉横幅|维权/;
const INSTABILITY = /闹事|扬言|报复|极端|轻生|自杀|跳楼|过激|情绪激动|要去(市里|政府|北京)|讨薪|欠薪|聚集/;
const HAZARD = /隐患|着火|起火|失火|火灾|冒烟|煤气|燃气|天然气|漏电|电线|消防|坠|倒塌|塌|危险|爆/;

/** 四必报 kind for a report, most serious first, or null. */
export function mustReportOf(text: string, category: Category | null): MustReport | null {
  if (CRIME.test(text)) return 'crime';
  if (COLLECTIVE.test(text)) return 'collective';
  if (INSTABILITY.test(text)) return 'instability';
  if (category === 'safety' || HAZARD.test(text)) return 'safety';
  return null;
}
