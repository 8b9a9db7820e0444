/**
 * When the learned reader's fear alone pages, and the bars the reader's other decisions use: the
 * safety net's cues (emergency.ts) page for themselves; the model's urgency pages unless the teller
 * laughs, says it turned out harmless, or is a handler telling of their own step.
 */
import { AVERTED, DRY_AIR } from './emergency.js';
import type { Probabilities } from './learned/reader-model.js';

/**
 * Thresholds, chosen on the validation split (data/nlu, never on the held-out split or the blind
 * sets). Urgency is a recall problem: a message pages from a low probability on, and the
 * explainable danger rules page on their own.
 */
export const THRESHOLDS = {
  /** A report needs at least this intent probability; below it the bot stays quiet or asks. */
  report: 0.5,
  /** Someone may be in danger: page (below `urgentAlone`, only when the message reads as a report). */
  urgent: 0.1,
  /** From here the model's urgency pages whatever the intent ("快来人 三楼有人倒了"). */
  urgentAlone: 0.3,
  /** A conversational act is reported from this probability on (callers may ask for more). */
  act: 0.25,
  /** A piece of a split message is a problem of its own from this report probability on. */
  part: 0.6,
};

/** Chinese characters: the model learnt from them; on pinyin alone ("wo zuo tian bao de…") it has no say on danger. */
const HAN = /\p{Script=Han}.*\p{Script=Han}/u;
/** The model alone says someone may be in danger: surely, or fairly and in a message that reads as a report. */
export const mayBeDanger = (p: Probabilities, text: string, laughing: boolean) =>
  !laughing &&
  !handlerStep(p) &&
  (p.urgent >= THRESHOLDS.urgentAlone || (p.urgent >= THRESHOLDS.urgent && p.intent.report >= THRESHOLDS.report)) &&
  HAN.test(text) &&
  !ALL_CLEAR.test(text) &&
  !AVERTED.test(text) &&
  !DRY_AIR.test(text) &&
  !leakFromAway(text);
/**
 * "卫生间顶上往下渗水 …楼上501没人 敲门也没人开": water from a flat whose people are out, not a person behind
 * a door (the cue for a door unanswered makes the same exception); unless it reaches a light or a socket.
 */
const leakFromAway = (text: string) =>
  /渗|漏|滴水|滴答/.test(text) &&
  /(楼上|上面|上头|上层)[^。]{0,8}(没人|不在家|冇人|敲门)/.test(text) &&
  !/老人|摔|倒在|晕|烟|火|味|救|血|病|独居|一个人住|电|灯|插座|开关|线/.test(text);
/**
 * "已经联系电梯维保了 人在路上": a handler's own step, surely a plain reply; the model's fear of the
 * thing it names does not page (the cues still do: a handler telling of a danger pages).
 */
const handlerStep = (p: Probabilities) =>
  p.intent.command >= 0.9 && p.act.ack + p.act.progress + p.act.done >= 0.9 && p.urgent < 0.5;
/**
 * The teller says it turned out harmless ("下楼一看是小卖部在烧洋芋😂", "馒头找到了！！"), help has come ("120已经来了"), an
 * engine or stove will not light ("破车打不着火了"), it is news from elsewhere ("游仙那边有个小区昨晚上…起火了"), a courier left a parcel at the gate ("外卖我放门卫了 电话打不通"), a car is blocked in ("俺车叫人堵里头出不来了"), a mess whoever made it ("不知道谁吐了 一地"), a drain tried after its repair ("试了 水哗哗往下走了"),
 * or the smoke is cooking ("烤山芋的推车…冒着烟"; dry air is `emergency.ts#DRY_AIR`), another's trouble passed on ("电梯里碰到一个大哥 说他家空调外机被雨打坏了"), hearsay of the morning asked about ("听说早上有人在电梯里晕倒了？"),
 * or it was averted or put right (`emergency.ts#AVERTED`): the model's
 * urgency alone does not page then. Narrow on purpose: the safety net's cues decide for themselves.
 */
const ALL_CLEAR =
  /(碰到|遇到|碰见|遇见)[^。]{0,12}(说|讲|话)(他|她|佢|伊)(家|屋)|^(听说|听讲|据说|听人(讲|说))[^。]{0,16}(早上|早晨|上午|昨天|昨晚|昨夜|昨日|前天|琴日|上昼|中午|半夜)[^。]{0,24}([?？吗咩]|是不是|系咪)|(那边|那头|外地|外省|隔壁区)有?(个|一个|栋|家)(小区|楼|村|厂|学校|商场)|新闻(上|里)|视频(里|上)|朋友圈|抖音|(那个|个)视频|有(个|一个)小区(?!里)|刷到[^。，,]{0,3}(帖子|视频|新闻|快手)|帖子(上|里)|网上(说|看到|传)|(唔|不|冇|没)(有)?再(漏|滴|喷|冒|渗)(了|喇|啦|嘞|咗)|原来(是|系|係)|原来[^。，,]{0,2}(在|钻|躲|藏)|我(还)?当是|一看是|免惊|^(我|俺)?(年轻(的)?时候|小时候|想当年)|(打|拨)(哪个|什么|啥)(电话|号码)|结果是|以为.{0,6}(着火|起火|是)|虚惊|误报|(?<!是)(不|唔)(是|係)(着火|起火|火灾|燃气|煤气)|(里面|里头|入面)(没|冇)(有)?人|(轿厢|电梯|梯)(里|内|里面|入面)?(都)?(没|冇)(有)?人|(?<!有)(无|没有?|冇|并无|未有)人(员)?(被困|受伤|受傷|伤亡|困住)(?![吗吧没冇？?])|没(有)?着火|别慌|莫慌|精神(头)?(还行|还好|挺好|不错|好着呢)|(?<![没未冇])(找到了|找着了|搵到了|接回来了)|(120|救护车|消防车)(已经|都)?(来了|到了|嚟咗|到咗)(?![^。，,]{0,6}(进不|入唔|开不|堵|过不))|后来[^。]{0,10}(换了|修好|处理好|解决)|(安心|放心)多了|(已经|都|早)散了|(倒|也|还)?(没|冇|没有)(冒火花|冒烟|打火花|闻到(什么|啥)?(味|气味|味道|煤气味|燃气味))|(这边|那边|我们|阿拉|我哋)[^。，,]{0,2}(无事|冇事|没事)|(不是|唔係)[\s，,。]+(是|係)|[寻搵]到了|电视剧|剧里|(踩|浇|扑|拍|掐|救|淋|整)(灭|熄)(了|咗)|(已经|已|都)(劝开|拉开|劝走|调解好)(了|咗)|(没|冇)(有)?动手|警戒线(也|都)?撤(了|咗)|(打|点)(不|唔|弗)着火?|(外卖|快递|包裹|餐)[^。]{0,8}(放|搁|丢|寄存)(在|到|喺|咗喺)?[^。，,]{0,4}(门卫|门口|驿站|快递柜|丰巢|前台|保安亭|传达室)|着不了火|(骨头汤|排骨汤|鸡汤|汤|饭|菜|粥|腊肉)(的)?味(道|儿)?|(不用|唔使|无需|大家不必)担心|(烧纸|祭祖|烧香|上香)[^。]{0,10}(烧完|完了|散了|冇事|没事)|(莫得|没得|没有?|冇|不|唔)(鼓包|鼓起来|胀包|漏液)|(?<!是)(不|唔)(是|係)[^。，,]{0,6}(着火|起火|失火|火灾)|(现在|而家|已经)(都)?(没|冇)(啥|什么)?事(了|啦|喇|咗)|(烤(红薯|山芋|地瓜|串|肉)|熏(鱼|咸鱼|肉|腊肉|香肠)|炒菜|烧烤)[^。]{0,10}烟|(车|车子)[^。，,]{0,4}(被|叫|让|给)[^。，,]{0,2}(堵|挡)(住|死|在)?[^。，,]{0,4}(出不来|出不去|开不出|走不了)|(不知道|不晓得|也不知)(是)?谁(家)?(的)?[^。，,]{0,4}(吐|拉|尿|扔|丢|倒|泼)(的|了)|水[^。，,]{0,4}(往下|下去)走(了|咯|啦|得)|(下水|水池|池子|管子|地漏)[^。，,]{0,2}(通|顺)(了|畅)/;
