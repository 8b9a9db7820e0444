/**
 * The emergency safety net: a few groups of plain cues that mean someone is in danger now,
 * whatever the learned reader thinks. A missed emergency is the one mistake the bot must not
 * make, so these cues page on their own; they are narrow (what happens, not topic words) and
 * stand down when the text says the danger is over, hypothetical, a drill or elsewhere.
 * Each group is named so a page can say why it fired.
 */

/** Why the safety net fired. */
export type EmergencyCue =
  | 'violence'
  | 'gas'
  | 'fire'
  | 'trapped'
  | 'missing'
  | 'medical'
  | 'unresponsive'
  | 'height'
  | 'falling'
  | 'electric-water'
  | 'open-pit'
  | 'water'
  | 'flood';

const CUES: [EmergencyCue, RegExp][] = [
  [
    'violence',
    /(拿|举|挥|提|带|揸)着?(刀|菜刀|棍|铁棍|斧)|持刀|砍人|捅人|家暴|(打|揍)(他|她)?(老婆|老公|老婆|孩子|小孩|老人)|往死里打|打得.{0,4}(流血|头破|起不来)|扬言.{0,6}(杀|砍|炸|同归于尽)/,
  ],
  [
    'gas',
    /(煤气|燃气|天然气|液化气|石油气)(味|的味|气味|泄漏|泄露|漏了|在漏|嘶嘶)|(闻到|好大|好重|好浓|一股|好勁|好劲).{0,8}(煤气|燃气|天然气|液化气|石油气)|(煤气|燃气|天然气|液化气|石油气).{0,6}(味|气味).{0,4}(好|很|特别|非常|超)?(大|重|浓|勁|劲|冲)|臭鸡蛋味|(坏|臭)鸡蛋.{0,6}味|鸡蛋坏了|(煤气灶|燃气灶|阀门).{0,10}(关不上|关唔到|冒气|呲呲|嘶嘶)/,
  ],
  [
    'fire',
    /(?<![要快像似不])着火了|起火了|烧起来了|火烧起来|冒(黑|浓|大)?烟|浓烟|黑烟|火苗|明火|火光|火星子|冒火星|(都是|都係|全是|满是|成条.{0,4})烟(?!头)|(电线|插座|插板|电箱|电表).{0,8}(火花|冒火|打火|烧焦|冒烟)/,
  ],
  [
    'trapped',
    /困(在|咗|住|喺)|被困|(关|困|卡)着人|关在电梯|(电梯|𨋢).{0,12}(出不来|出唔嚟|卡住了?|停住了?|困)|锁在(屋|家|房|厕所|里面|里头)/,
  ],
  [
    'missing',
    /走失|走丢|失踪|(老人|老太太?|老爷子|爷爷|奶奶|阿婆|阿伯|孩子|小孩|细路|儿子|女儿|老伴|老公|老婆|老豆|老妈|外婆|外公|男孩|女孩|阿爷|阿嫲|阿嬷|阿公|阿妈|个女|个仔)[^。！!]{0,24}(不见了|唔见(咗)?|找不到了?|搵唔到|联系不上|没回来|没回家|冇返|未返|一直没见)/,
  ],
  [
    'medical',
    /晕倒|昏倒|晕过去|昏过去|昏迷|不省人事|倒在(地|楼|门|路|厕|浴)|倒地|叫不醒|叫.{0,3}(没|冇|唔)(有)?(反应|应)|(喘|透|吸)不(上|过)气|呼吸困难|没(了)?呼吸|(人|佢|他|她).{0,3}冇(咗)?气|抽搐|口吐白沫|吐血|大出血|(流|出)(了)?(好多|很多|不少|一地|满地|不停的?)血|血流不止|头破血流|误(喝|吃|服|食)|吞(了|咗|下去?|落去?).{0,8}(电池|磁铁|纽扣|硬币|钉|药|洗衣|消毒)|(电池|磁铁|硬币|纽扣).{0,8}吞|中毒|(呼吸机|制氧机|氧气机).{0,10}(停|没电|冇电|断电|坏)|心脏病(发|犯)|胸口(好|很)?痛|烫伤了|被.{0,4}(狗|蛇)咬|疯狗|追着人咬/,
  ],
  [
    'unresponsive',
    /(敲门|拍门|叫(他|她|佢)?(半天|几遍|好久|好几声)).{0,8}(不应|没人应|没应|冇人应|无反应|没反应|无人应|无应答|没回应)|电话.{0,4}(两|三|几|好几)天(未|没|冇)(人)?接|(两|三|几|好几)天(没|冇|未)(开门|出门|出过门|见人|见过|露面)|电话.{0,6}(在里面|喺入面).{0,4}响/,
  ],
  [
    'height',
    /(坐|站|爬|蹲|趴)(在|喺|到|上)?.{0,6}(楼顶|天台|窗台|窗外|阳台外|护栏外|栏杆外|顶楼边|楼边)|(窗|阳台|栏杆|护栏).{0,6}(外面|外边|外头).{0,6}(孩子|小孩|细路|人|老人)|坠楼|要跳楼|想跳楼/,
  ],
  [
    'falling',
    /(人|孩子|小孩|细路|工人|他|她|阿姨|老人).{0,4}(悬|吊|挂)(着|住|喺|在)(半空|窗外|外面|楼外|栏杆|阳台)|(悬|吊|挂)(在|着|喺)半空|(外机|空调|冷气机|招牌|广告牌|玻璃|窗框|铁架|花架|花盆).{0,8}(悬|吊|晃|歪)(着|住|喺|在)?(半空|一边|一角|下来)|摇摇欲坠|松脱|(悬挂|吊挂)(在|着)?|(快|就快|随时|就要|要).{0,3}(掉|跌|塌)(下来|落嚟|下去)|(掉|砸|跌)(下来|落嚟|落来).{0,14}(人|行人|楼下|小孩|车|取件|路过|走过)/,
  ],
  [
    'electric-water',
    /(水|漏水|积水|淹|灌)(?!.{0,6}还没).{0,12}(电表|电箱|配电|插座|插线板|插排|电线|电闸|电井|电视|顶灯|灯里|灯罩)|(电表|电箱|配电|插座|电线|电闸|电井).{0,10}(进水|泡水|泡在水|淹|滴水|漏水|冒水)|触电|电线(?!杆).{0,6}(掉|断|垂|落).{0,10}(地|水|路)/,
  ],
  ['open-pit', /井盖.{0,10}(没了|冇咗|不见|被偷|丢了|掀开|翻开|塌|烂|移开|打开)|(没|冇)(有)?井盖/],
  [
    'flood',
    /爆管|(水管|管道|喉管|水喉)(爆|裂|崩)(了|咗|开)|(水|喉).{0,8}(狂喷|喷出|噴出|不停.{0,2}喷)|浸到出厅|没过(轮胎|膝盖|车轮)|水漫金山|淹到(膝盖|小腿|门口)/,
  ],
  ['water', /溺水|掉(进|落|到)(水|河|池|井|塘|湖)|(水|河|池|塘).{0,6}(冲走|沉下去)/],
];

// A head or staff answering ("收到，我而家过去"): the emergency is already being handled.
const HANDLING = /^(收到|好嘅|好的|明白)[，,。 ]/;
// Something about to fall is an emergency when it is moving now or people are underneath.
const FALLING_NOW =
  /现在|已经|刚|正在|在晃|一直|风(这么|好|很)大|底下|下面|楼下|人行道|有人|还有人|小孩|路过|取件|先别走/;

// Said of an animal or a thing, not a person: "我家柯基走丢了".
const NOT_A_PERSON = /狗|猫|咪咪|柯基|泰迪|金毛|宠物|鹦鹉|兔子|滑板车|钥匙|快递/;
// Said of oneself in jest: "原地晕倒", "气晕", "加班加到快吐血", "整个人都要着火了".
const HYPERBOLE =
  /原地|直接(晕|昏)|气晕|气得|要被.{0,4}气|快要吐血|吐血了都|辣到|烧糊|以为着火|梦见|梦到|工位|deadline|账单|价钱|价格|加班|面试|热得|砍一刀|拼多多|气到|火滚|脑袋|脑子|头都(大|要)|头顶冒烟|数学|作业|考了|差点|开玩笑|😂|🤣|哈哈/;
// A question about a number to call, a campaign, or a pet: never a page by itself.
const ABOUT =
  /打哪个电话|打什么电话|应该打|先存|先问好|以防万一|宣传|提醒|科普|培训|讲座|防溺水|防火|谨防|请保持|救援电话|防走失|定位手表|寻狗|寻猫|规定|让不让|成日|老爱|总爱|经常|总是|老是|好还是|问问|帮朋友问|多久|千万别|急救|能不能抹|到底能不能|真(着火|的话)|公司楼下|单位里/;
// The event was earlier; unless something says it is still going on, it is a chase or news.
const EARLIER =
  /昨天|昨晚|昨日|琴日|前天|上礼拜|上个?礼拜|上个?星期|上周|上次|前几天|早上|上午|报的那个|报了一个|那事|那个事|后来|#\d/;
const STILL = /现在还|还在|仍然|到现在|至今|一直|正在|刚才|刚刚|快来|赶紧|马上|还没回|还没找/;

// The danger is over, explained, elsewhere or a drill: "已经送医院了", "是演练", "找到了".
const OVER =
  /上个月|上周|上次|去年|以前|曾经|前几天|前两天|(没|冇)事(?![吗吧呢？?])|控制住|有惊无险|不是(咱|我们)|其实(是|係)|测过了|检测过|暂时(还)?没|之后|那回|已经(处理|扑灭|灭了|送医|送到医院|没事|好了|找到|修好|围起来|围上|盖上|拆了|清理)|没事了|(冇|没)事啦|(不|唔)係着火|不是着火|没有着火|没着火|演习|演练|虚惊|误会|谣言|遥言|假的|辟谣|已找到|找到了|搵到了|搵返|接回来了|回来了|平安|已送医|送去医院了|新闻|视频里|电视上|别的小区|隔壁小区|外地|国外|听说|听讲|问过了|假消息|查明|(无|没有)泄漏|(医生说|都|人)(没事|冇事)|(?<![没未有冇])找到|接回|整返好|弄出来了|救出来了|现在好了|(不用|唔使)担心|大家放心|笑死|已处理|已解决|没砸着|没伤着|没有人受伤|沒有人受傷|已(自行)?恢复|无需就医|经核实|漏水解决|解决了|已经换|已安排|赶往现场|已(到|在)现场|里面没人|在保养|无明火|缓过来|找着|救(了|咗)出(来|嚟)|(已经|人)出来了|不是(燃气|煤气|着火|走丢)|唔係|别(再)?传|查过了|吓死我了/;
// Hypotheticals and precautions: "万一掉下来", "小心煤气", "怎么预防".
const NOT_NOW =
  /万一|哪天|咋整|如果|要是|假如|假设|真要|怕|担心|容易|可能会|会不会|防止|预防|注意|小心|避免|以防|提醒|隐患|安全知识|科普|应该打什么|怎么办才|培训|讲座|宣传|检查一下/;

/**
 * The cue that says someone is in danger now, or null. Text is the reader's normalised text
 * (Simplified script).
 * @example emergencyCue('楼下有人拿着刀在追人') // 'violence'
 * @example emergencyCue('昨天有人被困电梯，已经没事了') // null
 */
export function emergencyCue(text: string): EmergencyCue | null {
  for (const [cue, re] of CUES) {
    const m = re.exec(text);
    if (!m) continue;
    if (OVER.test(text) || ABOUT.test(text) || HYPERBOLE.test(text) || HANDLING.test(text)) return null;
    if (EARLIER.test(text.slice(0, m.index + m[0].length)) && !STILL.test(text)) return null;
    if (cue === 'missing' && NOT_A_PERSON.test(text)) return null;
    if (cue === 'trapped' && /(没|冇|没有)人?困/.test(text)) return null;
    if (NOT_NOW.test(text.slice(0, m.index + m[0].length))) return null;
    // "着火了都上不去": a condition, not a fire.
    if (/^了?(都|也|时|的话|怎么|咋|就|往哪)/.test(text.slice(m.index + m[0].length))) continue;
    if (cue === 'falling' && !FALLING_NOW.test(text)) continue;
    return cue;
  }
  return null;
}
