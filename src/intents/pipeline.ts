/**
 * The whole reading of one message: normalise → commands (rules: they are formulaic and name
 * tickets) → the learned model (intent, category, urgency, conversational act, each with a
 * confidence) → rules for what rules do best (location, 四必报, times) → several problems split.
 */
import { learnedCommand, readCommand } from './commands.js';
import { ticketNamed } from './ticket-numbers.js';
import { levelsAsked, serviceAsked } from './directory.js';
import { thingsNamed } from './similar.js';
import { type LinearModel, cloneModel } from './learned/linear.js';
import { type Act, learnFrom, type Probabilities, probabilities } from './learned/reader-model.js';
import { parseLocation } from './location.js';
import { emergencyCue, PET } from './emergency.js';
import { kindCategories } from './emergency-kind.js';
import { mayBeDanger, THRESHOLDS } from './fear.js';
import { DEFAULT_BOT_NAMES, laughs, normalise } from './normalise.js';
import { mustReportOf } from './rules.js';
import { splitProblems } from './split.js';
import { asksHowItGoes, elderSalesSeen, helpAsked, newsAsked, numberToKeep, policyAsked, theftTold } from './asks.js';
import { saysAgain, saysFaultBack } from './again.js';
import { saysDone, saysPlanned, SETTLED, WAITING } from './ended.js';
import { fearlessTalk, hazardSaid, OPENS_LONG_BEFORE, onlyTalk } from './talk.js';
import { DEFAULT_TIME_ZONE } from './time.js';
import type {
  Category,
  CommandName,
  ConversationAct,
  Intent,
  Lesson,
  Pipeline,
  Reading,
  ReadingPart,
} from './types.js';

/** Options for {@link createPipeline}. */
export interface PipelineOptions {
  /** The trained reader model (see src/services/reader.ts for where it comes from). */
  model: LinearModel;
  /** Texts a person corrected (feature key → category): their category is known for sure. */
  memory?: Record<string, Category>;
  /** Names whose @-mentions address the bot (default 网格助手, gridbot). */
  botNames?: string[];
}

export { THRESHOLDS } from './fear.js';

const SHARED_AREA =
  /小区|路灯|广场|车库|地库|停车场|车棚|垃圾站|垃圾桶|垃圾屋|垃圾房|垃圾点|垃圾池|人行道|[苑园庭湾邨村](的)?(大)?门口|大门|[东南西北正侧]门|驿站|快递柜|道闸|门卫|花园|绿化|草坪|山|院里|院子|篮球场|健身|围墙|围栏|河边|海边|江边|湖边|垃圾箱|池塘|外面|马路|街|空地|锅炉房|空场|荒地|厂区|厂门|后巷|巷口|路口|桥下|菜地|弄堂|弄里|里弄|巷子|巷里|胡同|小巷|弄口|[一二三四五六七八九十\d]+巷|村口|公厕|公共厕所|路中|路上|充电棚|菜市场|铺子|门脸|棚子|铁皮房|修车铺|档口|摊位/;
const PLAIN_REPLY: Partial<Record<Act, CommandName>> = { ack: 'claim', progress: 'progress', done: 'resolve' };

/**
 * "门禁坏了", "台阶塌了", "电线乱拉": a shared thing and what is wrong with it, nothing else. Short
 * messages give the model few features, and it reads many of these as chatter (or the 了 as "done");
 * said in a building's group they are reports. Not one's own things, not a question, not a notice
 * of a water or power cut (chatter about the cut).
 */
const FAULT =
  /坏|不亮|不热|塌|断|裂|碎|堵|漏|卡住|松动|没人收|满了|冒水|(?<![清扔拆铲刮收拿除])掉了|乱停|乱拉|乱堆|太多|不通|不动|渗|臭/;
const NOT_SHARED = /我|俺|阿拉|家里|屋里|屋企|手机|车胎|[?？吗么呢]|停水|停电/;
const TERSE = 12;
function terseFault(text: string): boolean {
  if (text.replace(/[\s\p{P}\p{S}]/gu, '').length > TERSE || !FAULT.test(text) || NOT_SHARED.test(text)) return false;
  return thingsNamed(text).some((t) => t !== 'dog' && t !== 'noise');
}
/** "【提醒】…", "反诈提醒：…", "各位业主：…", "再强调一下：…": a notice's heading; from a head, an announcement (never a report). */
const NOTICE_HEADING =
  /^[【[]\s*(提醒|通知|公告|温馨提示|告知|通告|紧急通知|重要通知)\s*[】\]]|^(各位|全体)(业主|居民|住户|邻居|街坊|老街坊|乡亲|居民朋友)(们)?\s*[:：，,]|^(顺便)?(再)?(强调|重申|说)(一下|一遍)?\s*[:：]|(再|又)(跟|和|给|同)大(家|伙儿?)(说|讲|强调|提醒|叮嘱)(一下|一遍|一句|几句)|^(物业|社区|居委会?|网格|我们)(这边|这里)?(说|通知|提醒|告诉大家)(一下|一声)\s*[:：，,]|^[^\s：:，,。【】]{0,6}(提醒|通知|公告|提示|须知|通告)\s*[:：]|^(大家|大伙儿?|各位)(请)?注意\s*[:：]/;
const FORWARDED =
  /^[【[(（]?\s*(转发|转载|转自|分享)\s*[】\])）:：]|^[【[(（]\s*转\s*[】\])）]|^转\s*[:：]|^(幼儿园|学校|学堂|班主任|老师|公司|单位|厂里|气象台|天气预报)[^。，,\s]{0,4}(刚|刚刚|刚才|今早)?(发|出|下)(了|咗)?(通知|公告|预警|消息)/;
/** A relative's or a neighbour's own phone number. */
const FAMILY_PHONE =
  /(儿子|女儿|儿媳|女婿|孙子|孙女|家属|家人|老伴|亲戚|子女|他家|她家|伊|佢|他|她)(的|嘅)?[^，。,\s]{0,2}(电话|手机|号码)/;
/** Telling a neighbour where a number is, not asking for one. */
const TELLS_NUMBER = /(有|贴着?|写着?|挂着?)[^。，,]{0,8}(电话|号码)[^。]{0,4}(你|您)(去|可以|自己)?(看|打|找|查)/;

const ASKS_NUMBER = /[?？吗么嘛]|多少|哪|谁|啥|什么|有没有|有冇|请问/;

/** A nuisance going on: "还在打电钻", "每天搞到夜里两点钟划拳喝酒", "天天半夜叫". */
const NUISANCE_NOW =
  /(还在|一直|天天|每天|每晚|夜夜|半夜|整晚|搞到|又开始了?)[^。，,\s]{0,8}(电钻|钻|敲|砸|吵|音乐|唱|跳|叫|划拳|喝酒|施工|装修|油烟)|(喝酒|划拳|打麻将|唱歌|大声)[^。]{0,12}(都快|已经|都)[^。，,\s]{0,3}(十|十一|十二|11|12|半夜|凌晨)/;

const EARLY_LATE =
  /(大清早|一大早|大早上|清早|早上[五六七]点|[五六七]点(多|半|钟)?(就|便)|深更半夜|凌晨[一二三四五]?点?)[^。]{0,8}(开|打|砸|敲|钻|电钻|装修|放音乐|唱)/;
const COMPLAINS =
  /不是说[^。]{0,12}(吗|嘛)|还让不让人|(我|明天|明早)还?要上班|栓Q|睡不(着|了|好)觉?|没法睡|整夜|嘎哈呢|搞什么|干啥呢|有没有人管|太过分|受不了|顶唔顺|吵死/;

/** Where small talk turns to a matter: "顺嘴说个事", "哎对了", "另外有个事". */
const TURN =
  /(顺嘴|顺便|顺带)(说|问|提)(个|一下|一句)?(事|个事)?|(?<![说答猜做选讲])对了(?![吗吧])|另外(还)?有(个|一个|件)?事|还有个事|说个事|有个事(想|要)?(说|麻烦|问)?/;
/** "我收到一个电话 他说是警察 要我给钱": someone posing as an official for money, a fraud to stop now. */
const SCAM_TRY =
  /(说是|说他是|自称|冒充|假装是?)[^，。,]{0,4}(警察|公安|民警|法院|检察院|医保|社保|银行|客服|快递|领导|社区)[^。]{0,24}(钱|转账|汇款|打款|验证码|银行卡|密码|保证金)/;

/** …not a warning to everyone about such calls. */
const SCAM_WARNING =
  /提醒|提示|近期|一律|挂断|注意|谨防|提防|小心|别信|不要信|千万别|千万不要|大家|转发|新闻|宣传|反诈/;

/** Heating out, or water through a ceiling or wall, at home now ("802暖气不热 摸着就是温温的", "客厅天花板在滴水"). */
const HEATING_OUT =
  /(暖气|暖器)(片)?[^。，,？?]{0,8}(不热|不太热|不怎么热|冰凉|拔凉|凉了|凉的|温温|没热|不暖)|(天花板|顶棚|吊顶|房顶|屋顶|墙角|墙面|墙上|窗台|窗框)[^。，,？?]{0,4}(在|一直|还在|又)?(滴水|漏水|渗水|漏雨|往下滴|渗)/;
/** …not a hypothetical, a memory, a hotline or a joke about it. */
const HEATING_TALK = /要是|如果|的话|的时候|先别急|笑话|热线|指南|去年|往年|以前|[?？吗呢]$/;

/** How sure the reader must be that the words after such a turn are a report. */
const TURN_SURE = 0.4;

const DROP = /[\s\d\p{P}\p{S}]+/gu;
/** The text a correction is remembered by: no digits, spaces or punctuation. */
export function featureKey(text: string): string {
  return text.toLowerCase().replace(DROP, '');
}

function best(p: Record<string, number>): [string, number] {
  let label = '';
  let top = -1;
  for (const k in p)
    if (p[k] > top) {
      top = p[k];
      label = k;
    }
  return [label, top];
}

/** Commands that act on a ticket a head names, and ones that need no ticket. */
const PLAIN_STEPS = new Set(['none', 'claim', 'progress', 'resolve']);
const NEEDS_CARE = new Set(['notify', 'schedule', 'bind']);

/**
 * A command in words the rules do not know ("看下我的待办", "#40 呢单转畀物业跟"), when the learned
 * reader is sure of it. Plain steps without a number stay with the conversation (the reply's act);
 * a notice or a schedule, which reach many people, need more certainty and must not be a head's
 * own announcement. `named`: the rules found a ticket number but no verb.
 */
function commandLearned(p: Probabilities, text: string, ref: Date, timeZone: string, named: boolean) {
  // The best named command, sure of itself or clearly ahead of the rest ("今天有啥新单子 汇总一下").
  if (!named && p.intent.command < 0.5) return null;
  const [name, sure] = best({ ...p.command, none: 0 });
  if (!named && PLAIN_STEPS.has(name)) return null;
  const share = sure / Math.max(1 - p.command.none, 1e-9);
  const bar = NEEDS_CARE.has(name) ? 0.7 : 0.6;
  const enough = sure >= bar || (!NEEDS_CARE.has(name) && sure >= 0.3 && share >= 0.6);
  if (!enough || (name === 'notify' && p.act.announce >= 0.3)) return null;
  // "灭火器怎么用" asks about a thing, not about the bot.
  if (name === 'help' && thingsNamed(text).length) return null;
  return learnedCommand(name as CommandName, text, ref, timeZone);
}

/** Builds a reader around a trained model: `createPipeline({ model }).read('3栋2单元楼道灯坏了', now)`. */
export function createPipeline(options: PipelineOptions): Pipeline {
  const { model } = options;
  const memory = options.memory ?? {};
  // Most readers have no corrections to remember; they skip the lookup key.
  const remembers = Object.keys(memory).length > 0;
  const defaultBots = options.botNames ?? [...DEFAULT_BOT_NAMES];
  const norm = (t: string) => normalise(t, defaultBots).text;

  /**
   * "…画得可带劲了 …炖了一锅海蛎子豆腐汤 唉 顺嘴说个事 咱单元大门上头那个关门的弹簧坏了…": small talk
   * that turns to a matter ("顺嘴说个事", "哎对了") is that matter when the words after the turn are
   * surely a report on their own.
   */
  function read(raw: string, ref: Date, opts: { botNames?: string[]; timeZone?: string } = {}): Reading {
    const whole = readWhole(raw, ref, opts);
    if (whole.intent !== 'chitchat' || whole.act === 'announce') return whole;
    const turn = TURN.exec(whole.text);
    if (!turn || turn.index < 4) return whole;
    // Up to where it turns again ("…一堆孑孓 还有改天想借场地…").
    const rest = whole.text.slice(turn.index + turn[0].length).replace(/^[\s，,。:：]+/, '');
    const again = /[\s，,。！!？?](还有|另外|对了)/.exec(rest);
    const matter = again && again.index >= 6 ? rest.slice(0, again.index) : rest;
    if (matter.length < 6) return whole;
    const after = readWhole(matter, ref, opts);
    return after.intent === 'report' && after.confidence.intent >= TURN_SURE
      ? { ...after, mentionsBot: whole.mentionsBot }
      : whole;
  }

  function readWhole(raw: string, ref: Date, opts: { botNames?: string[]; timeZone?: string }): Reading {
    const { text, mentionsBot } = normalise(raw, opts.botNames ?? defaultBots);
    const reading: Reading = {
      text,
      intent: 'chitchat',
      category: null,
      urgent: false,
      mustReport: null,
      location: parseLocation(text),
      ticket: null,
      command: null,
      args: {},
      mentionsBot,
      act: null,
      confidence: { intent: 1, category: 0, urgent: 0, act: 0, report: 0 },
      parts: [],
      sharedArea: false,
      topic: { category: 'other', confidence: 0 },
      saysDone: false,
      saysAgain: false,
      saysFaultBack: false,
      saysWaiting: false,
      saysSettled: false,
    };
    if (!text) return reading;
    const p = probabilities(model, text);
    const [topic, topicP] = best(p.category);
    reading.topic = { category: topic as Category, confidence: topicP };
    reading.saysDone = saysDone(text);
    reading.saysAgain = saysAgain(text);
    reading.saysFaultBack = saysFaultBack(text);
    // "那只橘猫…还没回来": a pet not back is no one's work to wait for (a cat beside the bin lorry awaited is).
    const waited = WAITING.exec(text)?.[0];
    reading.saysWaiting = !!waited && !(PET.test(text) && /回|返/.test(waited));
    // ("灯管买回来了，来电后换": a part in hand with the work still to do is no end.)
    reading.saysSettled = SETTLED.test(text) && !/[?？吗么]$/.test(text) && !saysPlanned(text);
    // The likeliest act other than none: the conversation weighs it against who is speaking.
    const [act, actP] = best({ ...p.act, none: 0 });
    reading.act = actP >= THRESHOLDS.act ? (act as ConversationAct) : null;
    reading.confidence.act = reading.act ? actP : 0;
    // Enough for a head's words to be a notice (0.6), not for a resident's (0.85; see report.ts).
    if (NOTICE_HEADING.test(text) && !(reading.act === 'announce' && actP >= 0.7))
      [reading.act, reading.confidence.act] = ['announce', 0.7];
    reading.confidence.urgent = p.urgent;
    reading.confidence.report = p.intent.report;
    const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
    // A forwarded post ("【转发】…") is someone else's words: news, never a report or a command of one's own.
    // ("[转发]" is read off the raw words: the reader's text drops bracketed tags such as WeChat's [微笑].)
    if (FORWARDED.test(text) || FORWARDED.test(raw.trimStart()))
      return { ...reading, confidence: { ...reading.confidence, intent: 1 } };
    const ruled = readCommand(text, ref, timeZone);
    if (ruled && !ruled.guessed) return { ...reading, ...ruled };
    const learned = commandLearned(p, text, ref, timeZone, !!ruled);
    if (learned) return { ...reading, ...learned, confidence: { ...reading.confidence, intent: p.intent.command } };
    if (ruled)
      return { ...reading, intent: ruled.intent, command: ruled.command, ticket: ruled.ticket, args: ruled.args };

    let [intent, intentP] = best(p.intent) as [Intent, number];
    const remembered = remembers ? memory[featureKey(text)] : undefined;
    const laughing = laughs(raw);
    const cue = emergencyCue(text, laughing);
    const urgent = mayBeDanger(p, text, laughing) || cue !== null;
    // Reminiscence, a rumour asked about, praise for a fix that is over, a worry about what might
    // happen ("要是哪天…可咋办") or a favour between neighbours (the model's fear alone does not page
    // these): talk, whatever the words.
    // "2单元电梯那个事现在么子情况": how a matter named goes, asked in so many words, whatever story follows;
    // "有冇消息啊 …": news asked for, of whatever matter (the conversation answers its asker's own).
    if (!urgent && intent !== 'status' && ((asksHowItGoes(text) && thingsNamed(text).length) || newsAsked(text)))
      return {
        ...reading,
        intent: 'status',
        ticket: ticketNamed(text),
        confidence: { ...reading.confidence, intent: 0.6 },
      };
    const worry = !cue && fearlessTalk(text);
    if ((!urgent || worry) && !remembered && (intent === 'report' || worry) && onlyTalk(text))
      return { ...reading, confidence: { ...reading.confidence, intent: 1 - intentP } };
    // A number asked for to keep is a directory question (its service is read below, with the others').
    if (numberToKeep(text) && !cue) [intent, intentP] = ['directory', 0.8];
    else if (remembered || urgent) intent = 'report';
    // "风一刮嘴里全是沙子 还不能喝口水😂": a laugh about one's day, naming no thing or place to fix.
    const joke = laughing && !urgent && !remembered && !thingsNamed(text).length && !SHARED_AREA.test(text);
    if (intent === 'report' && intentP < 0.9 && joke) [intent, intentP] = ['chitchat', 1 - intentP];
    if (!reading.saysDone && terseFault(text)) {
      const unsure =
        intent === 'command' || intent === 'chitchat' || (intent === 'report' && intentP < THRESHOLDS.report);
      if (unsure) [intent, intentP] = ['report', Math.max(THRESHOLDS.report, intent === 'report' ? intentP : 0)];
      if (reading.act === 'done') [reading.act, reading.confidence.act] = [null, 0];
    }
    // "三楼个灯又勿亮了 拍手也勿亮": a shared thing's fault back, in so many words, is a report (the
    // conversation makes it a relapse of the ticket handled here).
    const faultBack = reading.saysFaultBack && !reading.saysSettled && !laughing && thingsNamed(text).length > 0;
    if (intent === 'chitchat' && intentP < 0.8 && faultBack && !onlyTalk(text))
      [intent, intentP] = ['report', THRESHOLDS.report];
    // "中午十二点多还在打电钻 伢子刚哄睡又吵醒了": a nuisance going on now, in so many words, that the
    // model already files under disputes or sanitation, though it reads the whole as chatter.
    // ("大清早七点多就开电钻 …不是说八点以后才能整吗": at an hour it is not allowed, complained of, the model's doubt gives way.)
    const early = EARLY_LATE.test(text);
    const nuisance =
      topicP >= 0.7 && (topic === 'dispute' || topic === 'sanitation') && (NUISANCE_NOW.test(text) || early);
    const doubt = early && COMPLAINS.test(text) ? 0.97 : 0.8;
    if (intent === 'chitchat' && intentP < doubt && nuisance && !onlyTalk(text) && !reading.saysSettled) {
      if (intentP >= 0.8) reading.confidence.report = Math.max(reading.confidence.report, THRESHOLDS.report);
      [intent, intentP] = ['report', THRESHOLDS.report];
    }
    const sales = elderSalesSeen(text);
    if (intent === 'chitchat' && ((SCAM_TRY.test(text) && !SCAM_WARNING.test(text)) || sales) && !reading.saysSettled)
      [intent, intentP] = ['report', sales ? 0.8 : THRESHOLDS.report];
    // "馒头找到了！！躲在一楼楼梯底下…": how something ended, barely a report to the model and asking nothing.
    const endedOnly =
      reading.saysSettled && !urgent && !/帮|能不能|能否|麻烦|请|有(冇|没有?)人|快来|怎么办|咋办|[?？吗]/.test(text);
    if (intent === 'report' && intentP < 0.6 && endedOnly) [intent, intentP] = ['chitchat', 1 - intentP];
    const heatingOut = HEATING_OUT.test(text) && !HEATING_TALK.test(text) && !reading.saysDone && !reading.saysSettled;
    // (Decisive words the model reads as talk, "我家901暖气一点都不热 …到底要等到啥时候啊", a theft below: the
    // model's doubt no longer holds them back.)
    const ownHome = /我家|俺家|咱家|我屋|屋里|家里|\d+度|[十二][一二三四五六七八九]?度/.test(text);
    const decided = intent === 'chitchat' && intentP < (ownHome ? 0.97 : 0.9) && heatingOut && !onlyTalk(text);
    const overruled = decided && intentP >= 0.9;
    if (decided) [intent, intentP] = ['report', THRESHOLDS.report];
    // "避雷针已倾斜，若遇雷雨天气恐生事故": a hazard called one in so many words, as a notice is written.
    const hazard = hazardSaid(text) && !reading.saysDone && !reading.saysSettled;
    if (intent === 'chitchat' && intentP < 0.8 && hazard && !onlyTalk(text))
      [intent, intentP] = ['report', THRESHOLDS.report];
    // A policy question put to a head by title is for the grid wherever the chat is: sure enough to file
    // there; help asked of the community for someone is a request, however long the story before it; a vehicle
    // left locked here and gone is a theft, whoever else is asked whether they saw it.
    if ((intent === 'chitchat' || (intent === 'report' && intentP < 0.8)) && policyAsked(text))
      [intent, intentP] = ['report', 0.8];
    const theft = intent === 'chitchat' && theftTold(text) && !reading.saysSettled;
    if ((intent === 'chitchat' && helpAsked(text) && !reading.saysSettled) || theft)
      [intent, intentP] = ['report', 0.8];
    if (overruled || theft) reading.confidence.report = Math.max(reading.confidence.report, THRESHOLDS.report);
    if (intent === 'command') {
      // A handler's plain reply ("好的我来处理", "修好了"): which command its act means.
      // ("上个月电梯困人的事情，物业已经处理好": a matter of weeks ago, told to its end, is no step on today's work.)
      let plain =
        reading.act &&
        reading.confidence.act >= 0.5 &&
        !OPENS_LONG_BEFORE.test(text) &&
        PLAIN_REPLY[reading.act as Act];
      // "已安排保洁人员中午前过去清运": someone sent to do the work is progress, not the work done.
      if (plain === 'resolve' && saysPlanned(text)) [plain, reading.act] = ['progress', 'progress'];
      // Not a command after all: what is left decides. When it clearly points one way (the likeliest
      // at least 0.15 and three times the next), read it as if the message could not be a command.
      if (!plain) {
        const rest = { ...p.intent, command: 0 };
        [intent, intentP] = best(rest) as [Intent, number];
        const next = best({ ...rest, [intent]: 0 })[1];
        if (intentP >= 0.15 && intentP >= 3 * next) intentP /= Math.max(1 - p.intent.command, 1e-9);
        // …and talk stays talk ("…不是遭偷了 是他儿子骑去上班了 闹了个乌龙").
        if (intent === 'report' && !urgent && !remembered && onlyTalk(text))
          [intent, intentP] = ['chitchat', 1 - intentP];
      } else
        return {
          ...reading,
          intent,
          command: plain,
          args: { ...reading.args, plain: true },
          confidence: { ...reading.confidence, intent: intentP },
        };
    }
    // "妹妹 楼下公示牌上有吴网格员的电话 你去看一下": a neighbour telling where the number is.
    if (intent === 'directory' && TELLS_NUMBER.test(text) && !ASKS_NUMBER.test(text)) intent = 'chitchat';
    // "伊儿子电话有人打了伐", "她儿子电话哪个有": a family's phone, asked of neighbours, is on no board.
    if (intent === 'directory' && FAMILY_PHONE.test(text)) intent = 'chitchat';
    reading.intent = intent;
    reading.confidence.intent = intentP;
    // "我报的那个二十七号 到底有人来看没得": the number a status question names, without a verb.
    if (intent === 'status') reading.ticket = ticketNamed(text);
    if (intent === 'directory') {
      const service = serviceAsked(text);
      const levels = levelsAsked(text);
      reading.args = { ...(service ? { service } : {}), ...(levels ? { levels } : {}) };
    }
    if (intent !== 'report') return reading;
    const [category, categoryP] = best(p.category);
    // An emergency's kind decides among its categories: a smell of gas in any words ("臭蛋味道 交关重")
    // is a safety hazard, never a bin that stinks; a fight ("打起来了…手头还捏了个秤砣") is public order.
    const kinds = urgent && !remembered ? kindCategories(text) : undefined;
    const byKind = kinds && !kinds.includes(category as Category) ? kinds[0] : undefined;
    reading.category = remembered ?? byKind ?? (category as Category);
    reading.confidence.category = remembered ? 1 : byKind ? (p.category[byKind] ?? 0) : categoryP;
    reading.urgent = urgent;
    reading.mustReport = mustReportOf(text, reading.category);
    reading.sharedArea = SHARED_AREA.test(text);
    reading.parts = partsOf(text, laughing);
    return reading;
  }

  /** Two or more pieces that each read as a report; none when the message is one problem. */
  function partsOf(text: string, laughing: boolean): ReadingPart[] {
    const pieces = splitProblems(text);
    if (pieces.length < 2) return [];
    const parts: ReadingPart[] = [];
    for (const piece of pieces) {
      const p = probabilities(model, piece);
      const urgent = mayBeDanger(p, piece, laughing) || emergencyCue(piece, laughing) !== null;
      if (p.intent.report < THRESHOLDS.part && !urgent) continue;
      parts.push({ text: piece, category: best(p.category)[0] as Category, urgent, location: parseLocation(piece) });
    }
    return parts.length >= 2 ? parts : [];
  }

  return {
    read,
    learn(lessons: Lesson[]): Pipeline {
      const copy = cloneModel(model);
      learnFrom(
        copy,
        lessons.map((l) => ({ text: l.text, intent: 'report', category: l.category, weight: 4 })),
        norm,
      );
      const more = Object.fromEntries(lessons.map((l) => [featureKey(norm(l.text)), l.category]));
      return createPipeline({ ...options, model: copy, memory: { ...memory, ...more } });
    },
  };
}
