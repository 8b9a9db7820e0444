/**
 * What a message does in a conversation, read from its words and the reader's act: the step a
 * head's plain reply takes (claim, progress, resolve), advice and offers that are no step, words
 * to the whole group, and how sure the reader must be of an act before the bot acts on it.
 */
import { opensDone, type Reading } from '../../intents/index.js';
import type { Context } from '../context.js';

export type HeadVerb = 'claim' | 'progress' | 'resolve';
const ACT_VERB: Record<string, HeadVerb> = { ack: 'claim', progress: 'progress', done: 'resolve' };

/**
 * Advice to someone else, with no word of the speaker's own doing ("测血糖要空腹哈刘大爷 早上莫吃东西",
 * "窗户关严实了就没事 别开窗", "这个不用转哈", "家里有老人的 卫生间铺个防滑垫"): a head talking, not a
 * step on a ticket.
 */
const ADVICE =
  /(?<![我俺])(别|莫|不要|不用|勿要?|唔好|千万别|记得|记住)(?!担心|客气|急|谢|怕|慌)|^(家里|家中|屋里|屋企)?有[^，。,\s]{1,6}的(?=[\s，,])|慢慢走|慢点走|注意(安全|保暖|防滑)|小心(路滑|脚下)|^[^\s：:，,。]{0,6}(提醒|通知|公告|提示|须知)[：:]/;
const OWN_DOING = /我|俺|阿拉|我哋|咱|自己|已经|已|刚|[约讲说谈安排联系]好|联系上|(打|叫|报)了/;
/** An offer to whoever wants it ("我们2门的老人要理发的跟我说一声 我帮着占个号"): no step on a ticket. */
const OFFER = /(要|想|需要)[^，。,！!？?]{0,10}的(跟|和|找|告诉|联系)我|有需要的|谁(要|需要|想)/;
/** "戴师傅 早点睡 明天还要换车棚的瓦": good night to someone first, whatever plans follow. */
const GOOD_NIGHT = /^[^，。,\s]{0,5}[\s，,]*(早点(睡|休息|歇)|晚安|好好休息)/;
export const advises = (r: Reading) =>
  (r.intent !== 'command' && !r.saysDone && !r.saysSettled && ADVICE.test(r.text) && !OWN_DOING.test(r.text)) ||
  (OFFER.test(r.text) && !r.saysDone) ||
  (GOOD_NIGHT.test(r.text) && !r.saysDone && !r.saysSettled);

/** The speaker's own next step on a task: "我…去换/修/看/问", "我给他打电话", "我今晚揾1603倾下". */
const OWN_TASK =
  /(?<![你他她佢])(我|俺)(来|嚟)(弄|搞|修|换|整)(?![了咗好完])|(?<![你他她佢])(我|俺|阿拉|我哋)[^，。,！!？?]{0,8}?(去|过去|上去|下去|来)?((弄|搞|问|查|打听)清楚|换|修|问问?|讲|说一?声|(?<=去)说|敲门|处理|联系|打(个)?电话|揾|倾|弄一?下|整一?下|(?<=去[^，。,\s]{0,4})看(看|下|一下)?(?!电影|剧|病|孙|球|戏)|(?<=(上楼|下楼|上去|下去)[^，。,\s]{0,6})(听听|看看|瞧瞧|问问)|拍(张|个)?照|报给|上报|回(你|您|佢)(?![了咗])|答复(你|您)|[调查][^，。,\s]{0,8}?(监控|录像)|打[畀俾给把]|找(人|师傅|物业)|[叫喊](上)?[^，。,\s]{0,4}?(人|师傅|维保|物业|电工|水工|环卫|保洁|民警|城管|送气的|送水的)|找[^，。,\s]{0,6}(那家|这家|那户|这户|业主|房东|老板)(?![了到着])|(瞅|瞧)(瞅|瞧|一眼|一下|下)|(?<=去[^，。,\s]{0,4})(借|铲|扫|领|清理?|弄(?!点|饭|吃|菜)|撵|轰))(?!了|咗|过|完|好)|(?<![你他她佢要])(这就|马上|立马)(上去|下去|过去|去)[^，。,\s]{0,4}?(换|修|弄|看(?!病|医生)|处理|清)|(?<![你他她佢])(我|俺)(马上|这就|现在)?(让|叫|喊)(保安|物业|保洁|师傅|电工|维修工?|工程部|网格员)[^，。,\s]{0,4}(查|看|去|来|过去|上去|下去|处理|清|修|拉)(?![^，。,\s]{0,4}(没|吗|么|未))|(去|上去|下去|过去)[^，。,\s]{0,3}跟(他|她|他们|她们|佢|佢哋|人家|那家|这家|那户|楼上|楼下|隔壁|对门|业主|房东|老板|租客|[一二三四五六七八九十\d]{1,2}楼)[^，。,\s]{0,2}(说|讲|港|谈)(?![了咗过])|(?<![你他她佢])(我|俺)[^，。,]{0,12}(一路|一起|一块儿?|一齐)(去|过去|上去|下去)(看|瞧|处理|弄)(?![了咗过])|(?<![你他她佢])(我|俺)[^，。,]{0,6}(去|往)[^，。,\s]{0,10}(找|搵|寻)(?![到着了])|(?<![你他她佢])(我|俺)(去|往)[^，。,\s]{1,8}(那圈|一圈)|(?<![你他她佢])(我|俺)(马上|这就|立马)(下去|过去|上去|过来|下来|上来|下楼|上楼)(?![了吗没])|(?<![你他她佢])(我|俺)[^，。,\s]{0,5}(点|点钟|下午|上午|晚上|等下|待会儿?|一会儿?)[^，。,\s]{0,3}(过去|过来|上去|下去)(?=[\s，,。]|$)|(?<![你他她佢])(我|俺)[^，。,]{0,6}关(阀门|总阀|水闸|电闸|闸)|(?<![你他她佢])(我|俺)(这就|马上|立马|现在就?)(打|叫|喊|联系)(?![了过完])|(?<![你他她佢])(我|俺)[^，。,！!？?]{0,12}(就|马上|这就|等下|等哈)(过)?去[^，。,\s]{0,5}(屋里|家里|屋头|屋企|家)(?![了吗没])/;

/** On the way now, said of oneself ("来了 我在巷子口", "我马上到 耿叔你别硬拽她", "我在厂里 五分钟到", "即刻返", "而家落嚟"; not "泵车二十分钟到"): taking it on. */
const ON_THE_WAY =
  /^(来了|来啦|来咯|来喽|这就来|马上到|马上来|马上过来|这就到|即刻到)(?=[\s，,!！。~]|$)|(?<![你他她佢])(我|俺)(马上|这就|立马|立刻)就?(到|来)(?=[\s，,!！。~]|$)|(?<![你他她佢])(我|俺)(已经)?(下楼|下去|下来|上楼|上去|上来|出门|过去|过来|出发)了(?![吗没冇呢])|(?<=^|[\s，,。!！]|我|俺|我哋)(([\d一二三四五六七八九十两半]+)\s*(分钟|分鐘|个字)(左右)?(就|内|之内)?(到|返|嚟|落嚟|过嚟|上嚟)|即刻(返|到|嚟|过嚟|落嚟|上嚟|落去|上去|过去|去)|而家(落嚟|过嚟|上嚟|落去|上去|过去|返))(?![了咗吗未])/;
/** Work still going on, in so many words, or a check the speaker has yet to call in ("…下午我叫电工来查线路"). */
const STILL_WORKING =
  /正在[^，。,！!]{0,8}(清理|处理|抢修|维修|施工|修|清|铲)|预计[^，。,！!]{0,10}(完成|修好|恢复|结束|清完)|(下午|明天|明早|晚上|回头|等下|待会儿?)[^。，,]{0,3}(我)?(再)?(叫|喊|约|找|请)[^。，,\s]{0,3}(电工|师傅|水工|维修工?|物业|工人)[^。，,\s]{0,2}(来|过来|上门)?(查|看|修|换|检查)/;
/** At it now, in a word or two ("在弄了", "正在修"): a step. */
const WORKING = /^(正在|在)(弄|修|处理|搞|整|清|铲|通|查)(了|呢|着呢)?[。.!！~]*$/;

/** A head's message that opens by acknowledging: taking it on. */
/** "收到书记 5号楼的我挨家打": acknowledging a superior's notice, naming no ticket. */
const ACK_TO_SUPERIOR = /^(收到|好的|明白|好嘞)[\s，,]*(书记|主任|网格长|站长)/;
export const acksSuperior = (r: Reading) => ACK_TO_SUPERIOR.test(r.text) && !r.ticket;

// (…and the one it answers, by title: "晓得了吴老师 下午我上楼顶看一下".)
const OPENS_ACK =
  /^(收到|好的|好嘞|好嘅|明白|了解|晓得(了|哒|咯)?|知道(了|哒)|明白了)(\p{Script=Han}{0,2}(老师|师傅|姐|哥|叔|姨|伯|婆|爹爹?|嫂|先生|女士))?[\s，,。!！]/u;
/**
 * "厕所知道了 …", "水管子这事收到", "春芳说的那块石板我晓得 …": the thing named, then acknowledged (not "你知道了吗",
 * "大家都知道了").
 */
const THING_ACK =
  /^(?![你他她佢大各]|我(知道|晓得|收到))[^\s，,。!！?？]{1,5}?(这事|的事|那事)?(我)?(知道了|晓得了|收到了?)(?=[\s，,。!！]|$)|^(?![你他她佢大各])[^\s，,。!！?？]{2,12}我(晓得|知道)(了)?(?=[\s，,。!！])/;
/** A head's whole answer in a word or two ("去了", "晓得了"): taking it on. */
const BARE_ACK = /^(去了|我去|这就去|马上去|马上到|晓得了|晓得|知道了)[。.!！~]*$/;
/** A name the message opens with ("陶小姐 ", "姜姨，"). */
export const ADDRESSED = /^\p{Script=Han}{1,3}[\s，,]/u;
/** "晓得哒 中午我喊锁匠来…": an acknowledgement no name could be, though as short as one. */
const KNOWS = /^(晓得|知道)(了|哒|咯)?[\s，,。!！]/;

/**
 * Someone who does the work has said when they come ("城建说明早派人来补", "师傅话听日上嚟"), has been
 * called ("吸污车叫了"), or the matter has been reported on ("已经报派出所了").
 */
const ARRANGED =
  /(师傅|吸污车|疏通车|维保|电工|水工|环卫|垃圾车|民警|警察|救护车|120|消防车?|燃气公司|抢修车?)[^，。,\s]{0,3}(在路上|已出发|出发了|往这赶|赶过来了|赶来了)|(?<![没未冇])报(了|咗)?(派出所|警)(了|咗)(?![吗没冇])|(110|119|120)(我)?(也|都)?(已经|已)?(打|报)(了|咗)(?![吗没冇])|(?<![没未冇你他她佢])(报|打)(了|咗)?(110|119|120)(了|咗)(?![吗没冇])|(?<![你他她佢])(我|俺)(已经)?(叫|喊|约|找)(了|咗)(开锁|锁匠|电工|水工|师傅|维保|吸污车|疏通车|物业)|(师傅|吸污车|疏通车|维保|电工|水工|环卫|物业|民警|城管|救护车|120)[^，。,\s]{0,2}(叫|喊|约|联系)(了|好了|咗)|(已经|已)(报|报给|报到|上报)(了)?[^，。,\s]{0,4}(派出所|民警|警察|110|街道|城管|市场监管|反诈)|(?<![没未冇要])报给[^，。,\s]{0,6}(派出所|民警|警察|城管|街道)(了|咗)(?![吗没冇])|(师傅|维保|电工|水工|工人|物业|工程部|城建|供电|供水|热电|热力|燃气|环卫|房东|业主)[^，。,]{0,4}(说|话|讲|答应)[^，。,]{0,6}(明早|明天|听日|下午|今晚|晚上|一会|马上|等下|礼拜|周)[^，。,]{0,4}(派人|来|嚟|上门|过来|到)/;

/** The speaker opens by saying whom they will ask or call ("我问问保洁班长…", "我先打个电话给维保…"). */
const ASKS_FIRST =
  /^(我|俺)(去|来|先|马上|这就|现在)?(问问|问一下|打个?[^，。,\s?？]{0,4}电话|打一下电话|联系一下|催一下|催催)/;

/** Someone who does the work has come ("维保师傅到了", "民警已经赶到"), or the cameras have shown something ("监控看着了"). */
const ARRIVED =
  /(监控|录像)[^，。,\s]{0,2}(看|查|调)(着|到|出来)了|(师傅|维保|电工|水工|工人|物业|保安|民警|警察|救护车|消防|燃气公司|抢修|施工队)[^，。,！!？?]{0,4}(已经|已)?(到了|来了|到场了?|赶到了?|上来了|进场了)(?![吗没冇？?])/;

/** Work promised for a time to come ("线今天收", "明早来换"), not done. */
/** "楼上总阀我先关掉了": a first step taken, for now; the work itself is still to come. */
const FIRST_STEP = /(我|俺|阿拉|我哋|咱)[^，。,\s]{0,2}先(把)?[^，。,\s]{0,6}(了|咗)/;
const PROMISED =
  /(今天|今晚|今儿|明天|明早|明儿|中午|下午|晚上|等下|等会|一会儿?|待会|回头|改天|听日|晏昼)[^，。,\s]{0,3}(收|修|换|弄|搞|整|(?<!回)来|拆|装|处理|清|剪)/;

/** A message addressed to the whole group. */
export const TO_EVERYONE =
  /^([^\s，,。]{1,4}[\s，,！!])?(各位|大家|大伙|邻居们|家人们|街坊们?|老厝边)|^\S{0,6}(提醒|通知)(一下)?(各位|大家|大伙)|^(再说一[遍下次]|再跟大家|更正一下|跟大家说|和大家说|说一声|重申)|^(今天|今晚|明天|以后|最近|这几天)(各位|大家)/;

/** Staff answering the one who reported in a notice's polite words: "您好，已联系1202装修业主…". */
const TO_ONE = /^([^\s，,。]{1,4})?(您好|你好)[，,！!\s]/;
/** A handler's step told to everyone: "各位邻居，…我已报给辖区派出所", "已将测温单报热力公司". */
const STEP_TOLD =
  /已(经)?(将|把)?[^。，,！!？?；;]{0,14}(报给|报到|上报|报(了|咗)|联系|通知|安排|派(了|人)|反映给|转给|交给|调整|维修|检修|更换|测温|复测)/;

/** Words to everyone that are news of the one ticket they name: a step told, or an answer to its reporter. */
export function newsOfOne(text: string, named: number): boolean {
  return named === 1 && (TO_ONE.test(text) || STEP_TOLD.test(text));
}

/** How sure the reader must be that a head's own words are a new report (measured on the streams). */
export const HEAD_REPORT_SURE = 0.85;
/**
 * How sure the reader must be that words announce rather than report: a head's or staff's at 0.6, a
 * resident's at 0.85 ("各位邻居，刚才有两个男的挨家挨户敲门…" warns of a problem).
 */
const ANNOUNCE_AT = { org: 0.6, resident: 0.85 };
/** The speaker's words announce something to the group, by who they are (see ANNOUNCE_AT). */
export const announces = async (ctx: Context) =>
  actOf(ctx.reading, ctx.speaker.personId || (await ctx.isHead()) ? ANNOUNCE_AT.org : ANNOUNCE_AT.resident) ===
  'announce';

/** How sure the reader must be of an act before the bot acts on it. */
export const ACT_MIN = { head: 0.3, chase: 0.5, relapse: 0.5, announce: 0.6 };

/** The reading's act when the reader is at least `min` sure of it. */
export function actOf(r: Reading, min: number): Reading['act'] {
  return r.act && r.confidence.act >= min ? r.act : null;
}

/**
 * Someone who does the work is still on the way ("燃气公司的人在路上", "下午安排工程部更换…"): whatever was
 * found, not the end.
 */
const STILL_COMING =
  /(下午|明天|明早|晚上|稍后|待会儿?|等下)[^。，,]{0,3}(安排|派人)|在路上|往这赶|赶过来了?|正在赶来|快到了|(马上|一会儿?|等下)就?到(?![了咗])|还(有|要)[\d一二三四五六七八九十两几半]+(分钟|分鐘|个钟|个小时|小时)(就|才)?到/;

/** A stopgap, the repair still to come ("…阀门关了 蔺叔家暂时不滴了 …接头得等租户晚上回来开门再换"). */
const STOPGAP =
  /(暂时|临时)[^。，,]{0,6}(不|没|止住|好了|能用|堵上)|(得|要|还得|还要)等[^。]{0,16}再(换|修|弄|处理|来|装)/;

/** The step a plain reply takes: a command word without a number, or what the message does. */
export function headVerb(r: Reading): HeadVerb | null {
  const verb = stepOfWords(r);
  // "找到了 402屋里灶台那根管子老化了 阀门关了 燃气公司的人在路上": found, and the fixer still to come.
  // "保洁已清完北侧主路，南门坡道正在用铲车清理…预计半小时完成": part done, the rest under way.
  if (verb === 'resolve' && (STILL_WORKING.test(r.text) || STOPGAP.test(r.text))) return 'progress';
  return verb === 'resolve' && !r.saysDone && STILL_COMING.test(r.text) ? 'progress' : verb;
}

function stepOfWords(r: Reading): HeadVerb | null {
  // "唔使客气 安置点仲有位…": answering thanks, no step.
  if (/^(唔使|唔洗|不用|不|甭|莫|别)客气|^应该(的|嘅|哒|滴)|^小事(一桩|嚟嘅)?[。.!！~]*$|^举手之劳/.test(r.text))
    return null;
  // "收到老冼 我上午巡查过去…", "陶小姐 收到 今晚十一点我…": an acknowledgement first, whatever follows.
  const acknowledges =
    (KNOWS.test(r.text) || OPENS_ACK.test(r.text.replace(ADDRESSED, ''))) &&
    !TO_EVERYONE.test(r.text) &&
    !r.saysDone &&
    actOf(r, 0.5) !== 'thanks';
  const thingAck = THING_ACK.test(r.text) && !r.saysDone && !/都(知道|晓得)/.test(r.text);
  if (
    (acknowledges || thingAck || BARE_ACK.test(r.text)) &&
    !r.ticket &&
    (r.intent !== 'command' || r.command === 'claim')
  )
    return 'claim';
  if (
    r.intent === 'command' &&
    !r.ticket &&
    (r.command === 'claim' || r.command === 'progress' || r.command === 'resolve')
  ) {
    if (r.command === 'progress' && (r.saysSettled || r.saysDone)) return 'resolve';
    // "跟三楼那家讲了 线今天收": a close read from the words' air, but what is done is only promised.
    const notYet = PROMISED.test(r.text) || FIRST_STEP.test(r.text);
    if (r.command === 'resolve' && !r.saysDone && !r.saysSettled && notYet) return 'progress';
    return r.command;
  }
  // "我问问保洁班长 怎么到这会儿还没清", "我打环卫电话问": a head who opens with asking someone takes it on.
  if (
    (r.intent === 'status' || r.intent === 'directory') &&
    !r.ticket &&
    ASKS_FIRST.test(r.text) &&
    !/[?？吗]/.test(r.text)
  )
    return 'claim';
  if (WORKING.test(r.text)) return 'progress';
  // Another command ("积分榜", "日报") is that command, whatever its words sound like.
  if (r.intent === 'command' || r.intent === 'status' || r.intent === 'directory') return null;
  const act = actOf(r, ACT_MIN.head);
  const verb = (act && ACT_VERB[act]) || null;
  if (verb === 'resolve' && !r.saysDone && !r.saysSettled && FIRST_STEP.test(r.text)) return 'progress';
  // "居住证我帮你问清楚 一阵回你": the answer is still to come, the task taken on.
  if (verb === 'resolve' && !r.saysDone && !r.saysSettled && GETS_BACK.test(r.text)) return 'claim';
  // "拍了片子骨头没事", "确认系假冒嘅", "刘奶奶送省人民医院了": words that tell how the matter
  // ended close it (checked against the ticket's story in `headReply`: see `settledOnly`).
  if (verb === 'progress' && (r.saysDone || r.saysSettled)) return 'resolve';
  // "…市场监管所来人把东西封了": how it ended, in words the reader is not sure are a new report (a head's
  // report is filed only when HEAD_REPORT_SURE), closes it.
  const unsureReport = r.intent === 'report' && r.confidence.intent < HEAD_REPORT_SURE;
  if (!verb && unsureReport && (r.saysSettled || r.saysDone) && !TO_EVERYONE.test(r.text)) return 'resolve';
  // (A head's words the reader barely takes for a report, "招牌我去弄 先不让人从底下走", may still be a step.)
  if (verb || (r.intent !== 'chitchat' && !unsureReport)) return verb;
  // "刚送到 一百块蜂窝煤码你妈厨房了…", "通咗 水而家落得好快": opening with the work done.
  if (r.saysSettled || (opensDone(r.text) && !TO_EVERYONE.test(r.text))) return 'resolve';
  // "维保师傅到了 在机房手动放梯": the one who does the work has come, a step on the task.
  if ((ARRIVED.test(r.text) || ARRANGED.test(r.text)) && !TO_EVERYONE.test(r.text)) return 'progress';
  // "我下午下班去换", "我给他打电话", "我今晚揾1603倾下": a head saying what they will do takes it on.
  return (OWN_TASK.test(r.text) || ON_THE_WAY.test(r.text)) && !TO_EVERYONE.test(r.text) ? 'claim' : null;
}

/** The speaker going somewhere in the building ("我拎灭火器上四楼", "我哋而家落去一楼"). */
const GOES_UP =
  /(?<![你他她佢])(我|俺|我哋|阿拉)(们)?[^，。,！!？?\s]{0,8}?(上|落|下|去|到|赶|冲|返)[^，。,！!？?\s]{0,3}?([\d一二三四五六七八九十]+(楼|层|栋|幢|号)|楼上|楼下|天台|楼顶|现场|门口|顶楼)/;
/**
 * "大家快从楼梯落楼…我拎灭火器上四楼": orders to everyone with the speaker's own part in them. Taken as
 * a step only in an emergency the bot paged them about here (`converse`), else it is a notice.
 */
export const shoutsOwnPart = (r: Reading) =>
  TO_EVERYONE.test(r.text) &&
  (GOES_UP.test(r.text) || OWN_TASK.test(r.text) || ON_THE_WAY.test(r.text) || OWN_WATCH.test(r.text));
/** "…我已经打了110 我在旁边看着": the speaker called for help, or keeps watch, in person. */
const OWN_WATCH =
  /(?<![你他她佢])(我|俺)(已经|都|刚)?(打|拨|报)(了|咗|过)?(110|119|120|警|火警|急救)|(?<![你他她佢])(我|俺)(在|喺)[^，。,\s]{0,4}(看着|守着|盯着|睇住)/;

/** "一阵回你", "晚点答复您": the speaker will come back with the answer. */
const GETS_BACK =
  /(一阵|等阵|阵间|一会儿?|等下|等会儿?|待会儿?|回头|晚点|稍后|过后|迟啲)(再)?(回|答复|回复|话|讲|告诉|通知)(你|您|佢|畀你|俾你|给你|大家)/;

/** A close told only by how things ended ("骨头没事"), with no done word and no done act. */
export const settledOnly = (r: Reading) =>
  r.saysSettled && !r.saysDone && r.command !== 'resolve' && actOf(r, ACT_MIN.head) !== 'done';

/** Found, in the words people use ("找着了"): an end only of a matter about someone or something missing. */
const FOUND = /(?<![没冇未])(找到了|找着了|找到(喇|啦|咯|嘞)|[揾搵寻]到(人|佢|了|喇|啦|咗|咯))/;
const MISSING =
  /不见|唔见|冇见|走散|挤散|失踪|走丢|走失|找不到|[搵揾]唔到|丢了|没回|未返|冇返|联系不上|失联|没影|(没|冇|未)(有)?(到|回)(家|屋企|屋)/;

/** "水站已经找着了" of a lift that stopped: who did it was found, the lift is not fixed. */
export const foundOther = (ctx: Context, story: string) =>
  FOUND.test(ctx.reading.text) &&
  !MISSING.test(story) &&
  !ctx.deps.pipeline.read(ctx.reading.text.replace(FOUND, ' '), ctx.now).saysSettled;

/** "找到了！…孩子妈妈已经接走": of the tickets, the ones about someone or something missing that "found" ends. */
export const foundOf = <T extends { text: string }>(ctx: Context, tickets: T[]): T[] =>
  FOUND.test(ctx.reading.text) ? tickets.filter((t) => MISSING.test(t.text)) : [];

/** The step a part of a message takes on its own, when it is a part. */
export function stepOf(ctx: Context, piece: string): HeadVerb | null {
  if (piece === ctx.reading.text) return null;
  const r = ctx.deps.pipeline.read(piece, ctx.now);
  if (r.saysDone || r.saysSettled) return 'resolve';
  // A part ends its matter only in so many words: "电工说四点前弄好" promises, whatever its act.
  const verb = headVerb(r);
  return verb === 'resolve' ? 'progress' : verb;
}
