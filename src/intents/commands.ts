/**
 * Stage 2: commands and status queries. Commands are short and formulaic, so they are read
 * by rules before anything else; the ticket number may stand before or after the verb
 * ("接单 #12", "#12 我来处理", "收到#12马上去", "12号处理好了").
 */
import { NUMBER_TOKEN, readRecordId } from '../common/ids.js';
import { parseCategoryName } from './labels.js';
import { parseLocation, parsePlace } from './location.js';
import { findWhen } from './time.js';
import { allTickets } from './ticket-numbers.js';
import type { CommandArgs, CommandName } from './types.js';

/** What stage 2 found: a command, a status query, or nothing. */
export interface CommandReading {
  intent: 'command' | 'status';
  command: CommandName | null;
  ticket: number | null;
  args: CommandArgs;
  /** A ticket named with no verb the rules know: a status query unless the learned reader knows better. */
  guessed?: true;
}

/** Ticket-free commands, anchored: these are whole messages. */
const SIMPLE: [RegExp, CommandName][] = [
  [
    /^\/?(?:(?:这个)?(?:机器人|助手|网格助手|小助手)?(?:怎么用|咋用|怎么使用)|帮助|help|怎么使用|如何使用|使用说明|说明书|菜单|功能列表|命令列表|你能做什么|你会什么)[?!。吗啊呀]*$/i,
    'help',
  ],
  [
    /^\/?(?:(?:今天|今日|昨天|本周|这周|本月)的?)?(?:日报|周报|月报|汇总|统计|简报|报表)(?:发一下|发我|发来|看看|给我)?[?!。吗啊呀]*$|^\/?digest$/i,
    'digest',
  ],
  [
    /^\/?(?:我的|查看|看看|查|我还有(?:啥|什么|哪些)?)?(?:待办|待办事项|待处理|任务|工单)(?:列表)?[?!。吗啊呀]*$|^\/?todo$/i,
    'todo',
  ],
  [/^\/?(?:积分榜|积分|我的积分|积分排名|积分排行|排行榜)[?!。吗啊呀]*$|^\/?points$/i, 'points'],
  [/^\/?(?:定时列表|定时任务|查看定时|定时任务列表|所有定时)[?!。]*$/, 'schedules'],
  [/^\/?(?:后台|登录后台|后台登录|进入后台|打开后台|管理后台|后台链接)[?!。]*$|^\/console$/i, 'console'],
];
/** "只听@" / "只回应艾特" / "听全部" / "监听所有消息": the chat's listening mode. */
const LISTEN_MENTIONS = /^\/?(?:设置)?(?:只听|只回应|只响应|只看)(?:@|艾特|提到我|提及)(?:的消息)?[。!！]?$/;
const LISTEN_ALL = /^\/?(?:设置)?(?:听全部|监听全部|监听所有|读所有|回应全部|全部都听)(?:消息)?[。!！]?$/;
const UNSCHEDULE = new RegExp(String.raw`^\/?(?:取消定时|删除定时|停止定时)(?:任务)?\s*#?\s*(${NUMBER_TOKEN})`);
const SCHEDULE = /^\/?(?:定时通知|定时提醒|定时发送|定时)[:：\s]*/;
const NOTIFY =
  /^\/?(?:(?:请|麻烦)?(?:帮我|帮忙|替我|给我)?(?:发个?|发一下|发条|群发)?)?(?:发通知|发布通知|通知|公告|广播)(?:一下)?(?:给|到)?(?:[:：\s]+|(?=全|各|所有|[\d一二三四五六七八九十]+\s*(?:号楼|栋|幢|座|单元)))/;
/** "帮我给6号楼全体发个通知：…": a notice for a place named before the verb. */
const NOTIFY_TO =
  /^\/?(?:请|麻烦)?(?:帮我|帮忙|替我)?(?:给|向|对)\s*((?:全网格|全社区|全小区|[\d一二三四五六七八九十]+\s*(?:号楼|栋|幢|座)(?:\s*[\d一二三四五六七八九十]+\s*单元)?))(?:的)?(?:全体|所有人|居民|业主|住户|大家)*\s*(?:(?:发个?|发一下|发一条|群发|发布)(?:个|一条)?(?:通知|公告)[:：\s]*|(?:发个?|发一下|群发|发布)[:：]\s*)/;
/** "绑定 3栋", and "这个群绑到十二幢": the chat bound to a place in a sentence. */
const BIND = /^\/?(?:绑定|绑一下|(?:这个|本|把这个?|把本)?群\s*绑定?(?:到|去|在|为|成))[:：\s]*/;
/** "我的店在13栋底商 绑定13栋": the command at the end of a sentence, right before the place. */
const BIND_TAIL =
  /[\s，,。！!](?:绑定|绑一下)[:：\s]*(?=[\dA-Z一二三四五六七八九十]+\s*(?:号楼|栋|幢|座|单元)[\s。!！]*$)/;
const BIND_ASKED =
  /(?:帮我|给我|帮忙|麻烦|请|^我(?:要|来)?)(?:重新)?(?:绑定|绑一下|绑一绑|绑下|绑个)|把(?:我|这个?群|本群)(?:绑定?|挂)(?:到|去|在|成)|^我(?:负责|管)[^。，,]{1,12}[\s，,](?:绑定|绑)(?:一下|下)?[\s。!！]*$/;
/** "这个小助手我不会弄 能干啥啊 教教我": help asked for in a sentence. */
const HELP_ASKED =
  /(?:小助手|助手|机器人|机械人|网格助手)[^。]{0,10}(?:能干啥|能干什么|会干啥|能做啥|能做什么|有啥用|有什么用|有什么功能|怎么弄|咋个?弄|怎么样?用|咋个用|[么幺]样用|咋用|不会用|不会弄|识做(?:啲)?(?:乜|咩)|有(?:咩|乜)(?:功能|用))|(?:有冇|有没有|有无)(?:个)?(?:指令|命令)(?:表|清单)|^(?:这个)?(?:怎么|咋)(?:用|弄)[^。]{0,6}教教我|(?:系统|平台|小程序|机器人|助手)[^。，,]{0,4}(?:怎么|咋|如何)(?:查|看|用|操作|报)|^(?:请问)?(?:怎么|咋|如何|怎样)(?:报修|报事|反映问题|登记报事)|^(?:这个|这)(?:东西|玩意儿?)?(?:哪能|怎么|咋)(?:用|弄)|(?:唔识|不识|不会|不晓得|不知道)(?:点|怎么|咋)?用(?:这|呢)?[个只部]?(?:小助手|助手|机器人|机械人|网格助手)/;
/** "我刚报的那个不用了", "刚才那个报错了 撤了吧": a reporter withdrawing what they just reported. */
const WITHDRAW =
  /(刚|刚才|刚刚|我|俺)(报|报的|发|发的)?(的)?(那个|那件|那条)[^。]{0,20}(不用了|不用修了|不需要了|撤了|撤销|撤回|取消|算了|报错了)(?![吗么？?])|报错了[^。]{0,10}(撤|取消|不用|作废)/;
/** "今天进来多少单 哪些超时了 给我捋一下": a head asking for the day's figures. */
const DIGEST_ASKED =
  /(?:今天|今日|本周|这周|这礼拜|昨天)[^。？?]{0,6}(?:多少单|几单|多少件|几件|多少个?工单)[^。]{0,12}(?:超时|捋|汇总|说一下|发我|统计|给我看|看看|瞧瞧|瞅瞅)|(?:哪些|有几单|多少单)(?:单子?|工单)?超时了?[^。]{0,8}(?:捋|汇总|列|发我|说一下)|(?:今天|今日|本周|这周|这礼拜|昨天|当天)的?(?:汇总|日报|周报|简报)[^。]{0,4}(?:给我|发我|发一下|看看|看一下|瞅瞅|瞧瞧|来一份|出一下)|(?:今天|今日|本周|这周|这礼拜|本月|这个月)的?(?:情况|工单|单子)(?:汇总|统计|捋)(?:一?下|一下)/;
const VISIT = /^\/?走访[:：\s]*([\u4e00-\u9fa5A-Za-z·]{1,8}?)(?=\s|已|完成|,|，|$)/;

// Verbs read with a ticket, in the order that resolves clashes ("合并" before "处理好了").
const MERGE = /合并|并入|并到|归并|重复|合埋|同一(件|单|个)事/;
const CORRECT_CATEGORY =
  /(?:改为|改成|更正为|更正|分类|类别|归类|应该归|应归|应该算|应算|应该属于|应属于)\s*[:：为]?\s*([\u4e00-\u9fa5_a-z]+)/i;
/** "#66 分错了 这个是治安的事": the category it should have been. */
const CORRECT_WRONG =
  /(?:分错|分类错|类别错|归错)(?:类)?了?[\s，,]*(?:不是[^\s，,]{2,6}[\s，,]*)?(?:这个|这)?(?:是|属于|应该是|应该属于|应是|应该算|应算|得算|该算|算)\s*([\u4e00-\u9fa5]{2,6}?)(?:的事|的问题|问题|类)?(?=[\s，,。]|$)/;
/** "#18 这个归到环境卫生不对吧 …得算安全那块": the category it was put in is wrong, and the right one. */
const CORRECT_NOT =
  /(?:归到|分到|归为|分成|算成|算)[\u4e00-\u9fa5]{2,6}不对[^。]{0,24}?(?:得算|应该算|应该是|应该归|应算|该算|算|归到)\s*([\u4e00-\u9fa5]{2,6}?)(?:那块|那类|那边|的事|的问题|类)?(?=[\s，,。吧]|$)/;
/** The three ways of naming the right category, each tried at every place it matches. */
const CORRECTIONS = [CORRECT_CATEGORY, CORRECT_WRONG, CORRECT_NOT].map((re) => new RegExp(re.source, `${re.flags}g`));
const CORRECT_PLACE = /(?:位置|地址|地点)(?:改为|改成|更正为|是|在)?\s*[:：]?\s*(\S+)/;
const HISTORY = /记录|历史|日志|时间线|流水|经过|全过程/;
/** "#12 照片", "12号工单的图片发我": the whole message asks for a ticket's photos. */
const PHOTOS =
  /^(?:的)?(?:现场|办结)?(?:照片|图片|相片|附图|图)(?:发我|发一下|发来|看看|给我)?[?？。！!]*$|^(?:看|查看|发)(?:一下)?(?:照片|图片|附图)[?？。！!]*$/;
const FOLLOWUP = /回访|评价|满意|好评/;
const UNSATISFIED = /不满意|不太满意|很不满|差评|不认可|没解决/;
const REASSIGN =
  /转派|派错了|改(?:为|成|由)\s*[^\s，,。#\d]{1,6}(?:负责|处理|跟进|来管)|转给|转交|改派|派给|交给(?!我)|指派|分给|转到|移交|转畀|交[畀俾拨](?!我)|转俾|转拨|转\s*@|转(?=[^\s，。,#\d]{0,5}(局|公司|站|所|物业|部门|中心|班|队)(了|咗|去|处理|负责|跟|$))|转\s*(?:供电|供水|燃气|城管|环卫|派出所|物业|社区|街道)(?:网格|居委会?)?(?:处理|负责|跟进)?(?=\s*$|[，。,])|(?<=(?:公司|局|站|所|部门|中心|物业|供水|供电|燃气|城管|街道)[^。]{0,16})转(?:过去|给(?:他们|她们|他|她|它们?))(?:了|咗)/;
const ESCALATE =
  /上报|升级|提级|升到|报[给到上]?(?:社区|街道|上级|上面|居委会?|派出所|公安|城管|市场监管)|报上去|交(?:给|拨)?(?:社区|街道|居委会?)|上交/;
const CANCEL =
  /撤销|撤回|撤单|撤了|撤咗|取消|作废|关闭(?![门窗阀水电总燃气])|不用上门了?|(?:不用|勿用|覅|弗用|甭|不必)修(?:了|咯|啦|喇|啰|哉)|(?:自己|自家|自个儿?)(?:又)?好(?:了|咯|哉|咗)|(?:覅|勿要|不要|别|甭)来了|不用派人|(?:儿子|女儿|老公|老伴|家里人|孩子)[^。，,]{0,6}(?:修好|弄好|换好|搞定|处理好)|不用(弄|搞|整|去)了|免(修|来|处理)了|不用了|不用来了|不需要了|不用处理|不用管了|(?:莫|别|甭)管了|别修了|唔使(?:整|修|嚟|理)|(?<![就也])算了(?![吗吧？?])|不(?:用)?麻烦了|(?<![还再咋怎修])不要?修了|(?:自己|自个儿?|自家|自已)[^。，,]{0,6}(?:修好|弄好|搞定|处理好|整好|换好)/;
const REOPEN =
  /重开|重新打开|重新开|重启|又坏|又出现|又不亮|又漏|又堵|又停|又黑|又(?:嚟|来)过|又开始|没修好|又(?:不|没|冇|莫得)(?!人|有人|动静)|又唔(?:光|亮|通|得|开|灵|着|响|转|动|出)|还是不行|还是坏|还没好|还是没好|没好|复发|重新处理|重新派单|没有解决|仍(?:有|然|在)(?:渗|漏|滴|坏|不)/;
const RESOLVE =
  /办结|办完|已解决|解决了|解决好|已处理|处理好|处理完|修好了|已修好|修好|已修复|修复了|确认(?:已)?修复|修复(?:完|好)|已完成|完成了|搞定|搞掂|整好|弄好了|弄完|结单|销号|已换|换好了|清理完|清理好|已清理|清运完|已清运|好了|完工/;
const PROGRESS =
  /进展|跟进|进度|已联系|联系了|联络|(?:沟通|联系|谈|商量|协调)过|正在|处理中|在处理|在修|安排|预计|明天来|稍后|已上门|已到场|到现场|已派|等配件|等材料|配件到|(?:明天|明儿|明早|下午|上午|今晚|晚上|待会|一会儿?).{0,4}(?:到|来|上门)/;
const CLAIM =
  /接单|认领|签收|已接(?:单|了)?(?![到受收])|归我|我接了|我接|我来处理|我去处理|我来|我去|马上去|马上到|这就去|收到|领了|我负责|我处理|我跟进|交给我|交[畀俾]我|我嚟(?:搞|跟|处理|睇|整)|on it/i;
/** Words that take a ticket on ("我来跟进", "俺接了", "𠊎接咗", "收到#85 马上安排电工过去"). */
const TAKES_ON =
  /^收到(?=[^。]{0,12}(?:马上|立即|立刻|这就|即刻))|^[^，,。]{0,2}(?:我|俺|𠊎|阿拉|我哋)(?:来|嚟)(?:跟进|跟|处理|负责|办)|已(?:接单|签收|认领|受理|接收)|(?:我|俺|𠊎|这边|我们)(?:已)?接(?:了|咗|单|下了)|^(?:我|俺|𠊎)(?:这就|马上|立马)?去(?:弄|修|看|处理|办|搞|整)?(?=$|[\s，,。!！])|(?:我|俺|𠊎)(?:来)?管(?:了|咗)(?=$|[\s，,。!！])/;
const QUESTION =
  /[吗么?]|怎么样|怎样了|咋样|(?:咋|啷|哪)个样|(?:咋|怎么|为啥|为什么|点解)(?:还|仲)|如何|到哪|到边|[哪边]一步|(有没有|有冇得?|有无)(进展|消息|动静|结果)|多久|什么时候|啥时候|几时|了没|没有$|有没有人|有冇人|有没人|查询|查一下|查查|(?<![已门场来去请])查看|状态|情况|(?:啥|什么|乜)进度|进度点|点样|仲未|仲冇|查下/;
/** A message that ends by asking (吗, 伐, 没有, 咩 …, not "啥子质量嘛") or opens by pressing (催一下). */
const ASKED_END =
  /(?:吗|么|伐|呢|没有?|[莫没]得|未|冇|咩|(?<!(?:啥子|什么|啥|么子)[^，。,\s]{0,4})嘛|啵|不)(?:呀|啊|哇|嘞)?[\s?？!！。.~～]*$|[?？]|吗\s|[了好]伐/;
const PRESSED = /^催(?:一下|下|一催)?/;
/** "#99 转到社区的那个 现在谁在跟": asking who has it. */
const WHO_ON_IT = /谁在(跟|管|弄|处理|负责|办)|(现在|目前)谁(跟|管|负责)/;
const LEADING_CANCEL = /^(?:撤销|撤回|撤单|撤了|撤咗|作废|取消)/;
const LEADING_CLAIM = /^(?:接单|认领|签收)/;
const LEADING_RESOLVE = /^(?:办结|结单|销号)/;
/** "进展：电工约好了 明早九点上门": the heading decides, whatever done-sounding words follow. */
const LEADING_PROGRESS = /^(?:进展|进度|跟进)(?:\s*[:：]|\s+)/;
/** Verbs that start a command: "进展 #21 …" is no question (but "#8 进展怎么样了", "跟进到边一步" are). */
const LEADING_VERB =
  /^(?:接单|认领|签收|办结|结单|销号|(?:进展|跟进)(?!(?:到|得)?(?:怎么样|咋样|如何|怎样|点样|到哪|到边|[哪边]一步|呢|了吗|有冇|有没有))|回访|重开|合并|上报|升级|撤销|撤回|取消|转派|改派|转交|处理好|已解决)/;

const STRIP_TICKET = new RegExp(
  String.raw`#\s*${NUMBER_TOKEN}|(?:工单|单号|编号)\s*#?\s*${NUMBER_TOKEN}|\d+\s*号\s*(?:工单|单子|报事|事项)?`,
  'g',
);

function stripTicket(text: string): string {
  return text.replace(STRIP_TICKET, ' ').replace(/\s+/g, ' ').trim();
}

function noteAfter(text: string, verb: RegExp): string | undefined {
  const rest = stripTicket(text).replace(verb, ' ');
  const note = rest.replace(/^[\s:：,，。.、;；-]+|[\s,，。.、;；-]+$/g, '').trim();
  return note || undefined;
}

function simpleCommand(text: string): CommandReading | null {
  for (const [re, command] of SIMPLE) if (re.test(text)) return { intent: 'command', command, ticket: null, args: {} };
  if (LISTEN_MENTIONS.test(text))
    return { intent: 'command', command: 'listen', ticket: null, args: { mode: 'mentions' } };
  if (LISTEN_ALL.test(text)) return { intent: 'command', command: 'listen', ticket: null, args: { mode: 'all' } };
  let m = UNSCHEDULE.exec(text);
  if (m) return { intent: 'command', command: 'unschedule', ticket: null, args: { scheduleId: readRecordId(m[1]) } };
  if ((m = BIND.exec(text) ?? BIND_TAIL.exec(text))) return bindCommand(text.slice(m.index + m[0].length).trim());
  if (text.length <= 40 && HELP_ASKED.test(text)) return { intent: 'command', command: 'help', ticket: null, args: {} };
  if (text.length <= 40 && DIGEST_ASKED.test(text))
    return { intent: 'command', command: 'digest', ticket: null, args: {} };
  // "我是7号楼的楼长 帮我绑定一下": asked for in a sentence that names the place.
  if (BIND_ASKED.test(text)) {
    const { building, unit } = parseLocation(text);
    if (building) {
      const raw = `${building}栋${unit ? `${unit}单元` : ''}`;
      const place = { level: unit ? 'unit' : 'building', building, unit, raw } as const;
      return { intent: 'command', command: 'bind', ticket: null, args: { place } };
    }
  }
  if ((m = VISIT.exec(text))) {
    const note = text
      .slice(m[0].length)
      .replace(/^[\s,，:：]+/, '')
      .replace(/^(?:已完成|已走访|完成了?|已经完成)[\s,，。:：]*/, '')
      .trim();
    return { intent: 'command', command: 'visit', ticket: null, args: { targetName: m[1], ...(note ? { note } : {}) } };
  }
  return null;
}

function bindCommand(rest: string): CommandReading {
  const args: CommandArgs = {};
  const place = parsePlace(rest);
  if (place) args.place = place;
  else if (/^[A-Za-z0-9]{4,32}$/.test(rest)) args.code = rest;
  return { intent: 'command', command: 'bind', ticket: null, args };
}

/** "通知 全网格 明天停水" and "定时 每周五15:00 消防提醒" share their shape: place, time, text. */
function noticeCommand(command: 'notify' | 'schedule', rest: string, ref: Date, timeZone: string): CommandReading {
  const args: CommandArgs = {};
  let body = rest.trim();
  const take = () => {
    const place = parsePlace(body);
    if (place && !args.place) {
      args.place = place;
      body = body.slice(body.indexOf(place.raw) + place.raw.length).trim();
    }
  };
  take();
  if (command === 'schedule') {
    const found = findWhen(body, ref, timeZone);
    if (found && found.index <= 1) {
      args.whenText = body.slice(found.index, found.index + found.length);
      if (found.spec) args.when = found.spec;
      body = body.slice(found.index + found.length).trim();
    } else {
      // Keep the unreadable phrase so the bot can say which words it did not understand.
      const first = /^\S+/.exec(body);
      if (first) args.whenText = first[0];
      if (first) body = body.slice(first[0].length).trim();
    }
    take();
  }
  body = body.replace(/^[:：,，\s]+/, '');
  if (body) args.note = body;
  return { intent: 'command', command, ticket: null, args };
}

function targetOf(text: string): string | undefined {
  const at = /@([^\s@,，。]+)/.exec(text);
  if (at) return at[1];
  const to =
    /(?:转给|转交给?|改派给?|派给|交给|指派给?|分给|转到|移交给?|转派给?|改(?:为|成|由))\s*([^\s,，。#\d][^\s,，。#]*)/.exec(
      text,
    );
  return to ? to[1].replace(/(处理|负责|跟进|去办)$/, '') || undefined : undefined;
}

function ticketCommand(text: string, tickets: number[]): CommandReading {
  const ticket = tickets[0] ?? null;
  const cmd = (command: CommandName, args: CommandArgs = {}): CommandReading => ({
    intent: 'command',
    command,
    ticket,
    args,
  });
  // An imperative verb at the start decides, whatever reason follows ("撤销 #83 重复报的").
  const leading = stripTicket(text);
  if (LEADING_CANCEL.test(leading)) return cmd('cancel', withNote(text, CANCEL));
  if (LEADING_CLAIM.test(leading)) return cmd('claim', withNote(text, CLAIM));
  if (LEADING_RESOLVE.test(leading)) return cmd('resolve', withNote(text, RESOLVE));
  if (LEADING_PROGRESS.test(leading) && withNote(text, LEADING_PROGRESS).note)
    return cmd('progress', withNote(text, LEADING_PROGRESS));
  if (MERGE.test(text) && tickets.length >= 2) return cmd('merge', { secondTicket: tickets[1] });
  // "#93 跟前面报的重复了 撤了吧": a duplicate withdrawn, not merged into an unnamed one.
  if (MERGE.test(text) && !CANCEL.test(text)) return cmd('merge');
  const m = CORRECT_PLACE.exec(text);
  if (m) {
    const place = parsePlace(m[1]);
    if (place) return cmd('correct', { place });
  }
  // Every match: "#35 类别分错了 …改成安全隐患" names the category after its first 类别.
  for (const re of CORRECTIONS) {
    for (const found of text.matchAll(re)) {
      const category = parseCategoryName(found[1]);
      if (category) return cmd('correct', { category });
    }
  }
  if (PHOTOS.test(leading)) return cmd('photos');
  if (HISTORY.test(text) && !QUESTION.test(text.replace(/查看|查询/, ''))) return cmd('history');
  // "#33 派给我们了吗", "21号单子修好了伐", "催一下#40 …": asking or pressing, not doing.
  if (!LEADING_VERB.test(leading) && (ASKED_END.test(text) || PRESSED.test(leading) || WHO_ON_IT.test(text)))
    return { intent: 'status', command: null, ticket, args: {} };
  if (FOLLOWUP.test(text)) {
    const satisfied = UNSATISFIED.test(text) ? false : /满意|好评|认可|很好|不错/.test(text) ? true : undefined;
    return cmd('followup', satisfied === undefined ? {} : { satisfied });
  }
  if (REASSIGN.test(text)) {
    const targetName = targetOf(text);
    return cmd('reassign', targetName ? { targetName } : {});
  }
  if (ESCALATE.test(text)) {
    const place = /(?:到|给)\s*(社区|街道|网格)/.exec(text);
    const args: CommandArgs = {};
    if (place)
      args.place = { level: place[1] === '网格' ? 'grid' : 'community', building: null, unit: null, raw: place[1] };
    return cmd('escalate', args);
  }
  // "#78 业主已确认修复，工单关闭": the ticket closed because the work is done, not withdrawn.
  const cancelled = CANCEL.exec(text);
  if (cancelled && !(cancelled[0].startsWith('关闭') && RESOLVE.test(text.replace(cancelled[0], ' '))))
    return cmd('cancel', withNote(text, CANCEL));
  if (!LEADING_VERB.test(stripTicket(text)) && QUESTION.test(text))
    return { intent: 'status', command: null, ticket, args: {} };
  if (REOPEN.test(text)) return cmd('reopen', withNote(text, REOPEN));
  if (RESOLVE.test(text)) return cmd('resolve', withNote(text, RESOLVE));
  // "#156 我来跟进", "#142 𠊎接咗 明朝去": taking it on, whatever plan follows.
  if (TAKES_ON.test(leading)) return cmd('claim', withNote(text, TAKES_ON));
  if (PROGRESS.test(text)) {
    const args = withNote(text, /^(?:进展|跟进|进度)[:：]?|(?:进展|跟进|进度)[:：]?$/);
    // "#29 进展" with nothing after it asks for the progress; a note makes it a progress update.
    return args.note ? cmd('progress', args) : { intent: 'status', command: null, ticket, args: {} };
  }
  if (CLAIM.test(text)) return cmd('claim', withNote(text, CLAIM));
  return { intent: 'status', command: null, ticket, args: {}, guessed: true };
}

function withNote(text: string, verb: RegExp): CommandArgs {
  const note = noteAfter(text, verb);
  return note ? { note } : {};
}

/** True when a "12号" ticket has a command or status word around it. */
const TICKET_VERBS = [MERGE, FOLLOWUP, REASSIGN, ESCALATE, CANCEL, REOPEN, RESOLVE, PROGRESS, CLAIM, HISTORY];
const STATUS_WORDS = /进展|进度|怎么样|咋样|咋回事|到哪|处理了吗|好了吗|好没|修好没|修不修|管不管/;
const hasTicketVerb = (text: string) => TICKET_VERBS.some((re) => re.test(text)) || STATUS_WORDS.test(text);

/**
 * Reads a command or a ticket status query, or returns null when the message is neither.
 * @example readCommand('合并 #13 到 #12', ref) // { intent:'command', command:'merge', ticket:13, args:{ secondTicket:12 } }
 */
export function readCommand(text: string, ref: Date, timeZone: string): CommandReading | null {
  const simple = simpleCommand(text);
  if (simple) return simple;
  let m = SCHEDULE.exec(text);
  if (m && !/^定时(?:列表|任务)/.test(text)) return noticeCommand('schedule', text.slice(m[0].length), ref, timeZone);
  if ((m = NOTIFY.exec(text))) return noticeCommand('notify', text.slice(m[0].length), ref, timeZone);
  if ((m = NOTIFY_TO.exec(text))) return noticeCommand('notify', `${m[1]} ${text.slice(m[0].length)}`, ref, timeZone);
  const tickets = allTickets(text);
  const bare = MERGE_BARE.exec(text);
  if (!tickets.length && bare) {
    const [from, into] = bare[1] ? [bare[1], bare[2]] : [bare[3], bare[4]];
    return { intent: 'command', command: 'merge', ticket: Number(from), args: { secondTicket: Number(into) } };
  }
  if (!tickets.length && text.length <= 40 && WITHDRAW.test(text))
    return { intent: 'command', command: 'cancel', ticket: null, args: { withdraw: true } };
  if (!tickets.length) return bareVerb(text);
  const viaHash =
    /(?<![\dA-Za-z])#\s*[\d零〇一二两三四五六七八九十百廿卅]|工单|单号|编号|[号號]\s*(?:单(?!元)|單)|第\s*\S{1,4}\s*[号號]|(?<![A-Za-z])[Nn][Oo][.．]?\s*\d/.test(
      text,
    );
  if (!viaHash && !hasTicketVerb(text)) return null;
  // A ticket number inside a long complaint ("12号楼…") is not a command; tickets lead short messages.
  return ticketCommand(text, tickets);
}

/** "接单" or "办结 已换灯泡" with no number: the bot will ask which ticket. */
function bareVerb(text: string): CommandReading | null {
  if (!LEADING_VERB.test(text) || text.length > 20) return null;
  const r = ticketCommand(text, []);
  return r.intent === 'command' ? r : null;
}

/** "把27并到26", "31合并到30", "合并 93 到 91": two bare numbers joined by a merge verb are tickets. */
const MERGE_BARE =
  /(?<![\d#.])(\d{1,6})\s*(?:号)?\s*(?:并到|合并到|并入|合到|归到)\s*#?\s*(\d{1,6})(?![\d楼栋幢单元])|^(?:合并|并)\s*(\d{1,6})\s*(?:号)?\s*(?:到|入|进)\s*(\d{1,6})(?![\d楼栋幢单元])/;

/** A standalone number next to a command word ("把31合并到30"): tickets named without # or 号. */
const BARE_TICKET =
  /(?<![\d#.:：/-])(\d{1,6})(?![\d.:：/-]|\s*(?:号楼|号|栋|幢|座|单元|楼|层|室|户|点|时|分|月|日|天|年|岁|个|人|块|元|斤|米|度|%))/g;

/**
 * A command the learned reader recognised in words the rules do not know, with what the rules
 * can still read from it: the tickets it names, the place and time of a notice, a note.
 * Null when the command needs something the message does not give (a ticket to act on).
 */
export function learnedCommand(name: CommandName, text: string, ref: Date, timeZone: string): CommandReading | null {
  const plain = { intent: 'command' as const, command: name, ticket: null, args: {} };
  switch (name) {
    case 'help':
    case 'digest':
    case 'todo':
      return plain;
    case 'bind': {
      const place = parsePlace(text);
      if (place) return { ...plain, args: { place } };
      const code = /(?<!\d)(\d{6})(?!\d)/.exec(text);
      return code ? { ...plain, args: { code: code[1] } } : null;
    }
    case 'notify': {
      const colon = text.search(/[:：]/);
      const rest = colon >= 0 && colon < 20 ? text.slice(colon + 1) : text.replace(REQUEST, '');
      const place = colon >= 0 && colon < 20 ? parsePlace(text.slice(0, colon)) : null;
      const notice = noticeCommand('notify', rest, ref, timeZone);
      return place && !notice.args.place ? { ...notice, args: { ...notice.args, place } } : notice;
    }
    case 'schedule': {
      let body = text.replace(SCHEDULE_ASK, ' ').replace(/\s+/g, ' ').trim();
      const found = findWhen(body, ref, timeZone);
      if (!found) return noticeCommand('schedule', body, ref, timeZone);
      const whenText = body.slice(found.index, found.index + found.length);
      body = `${body.slice(0, found.index)} ${body.slice(found.index + found.length)}`
        .replace(/^[\s,，:：]+/, '')
        .trim();
      return {
        ...plain,
        args: { whenText, ...(found.spec ? { when: found.spec } : {}), ...(body ? { note: body } : {}) },
      };
    }
    default: {
      const named = allTickets(text);
      if (!named.length) for (const m of text.matchAll(BARE_TICKET)) named.push(Number(m[1]));
      if (!named.length) return null;
      const reading = ticketCommand(text, named);
      if (reading.command === name) return reading;
      const args: CommandArgs = name === 'merge' && named[1] ? { secondTicket: named[1] } : {};
      if (name === 'reassign') {
        const targetName = targetOf(text);
        if (targetName) args.targetName = targetName;
      }
      const note = noteAfter(text, /^$/);
      if (note && ['cancel', 'reopen', 'resolve', 'progress', 'claim'].includes(name)) args.note = note;
      return { intent: 'command', command: name, ticket: named[0], args };
    }
  }
}

/** How people ask the bot to send a notice: "发个通知给5栋所有人", "群发一下", "帮我通知全网格". */
const REQUEST = /^.{0,6}?(?:发个?|群发|发布|帮忙发|发一下|发条)(?:一下|个|条)?(?:通知|公告|消息)?(?:给|到)?[\s:：,，]*/;
/** How people ask for a reminder on a schedule: "帮我设个定时", "定个时". */
const SCHEDULE_ASK = /(?:帮我|帮忙|请)?(?:设|设置|定|搞|整)(?:个|一个|一下)?定时(?:任务)?|定个时|帮我设(?:个|一个)?/g;
