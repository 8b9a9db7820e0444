/**
 * How alike two reports are: the thing they are about (灯, 电梯, 漏水 …) decides first, then the
 * overlap of their character bigrams. Used to find an open ticket a new report repeats.
 */

import { joinWords } from './normalise.js';

/** Character bigrams of the text's Chinese letters and digits, without place words. */
function bigrams(text: string): Set<string> {
  // "我 自己 能 办 吗": a word-spaced report is read as its words, joined.
  const core = joinWords(text)
    .replace(/[0-9A-Za-z一二三四五六七八九十]+\s*(号楼|栋|幢|座|单元|楼|层|室|号)/g, ' ')
    .replace(/[^\p{Script=Han}A-Za-z0-9]+/gu, ' ')
    // (…nor words that ask or know, shared by any two sentences: "晓得…是哪家的" and "不晓得是哪家的管子".)
    .replace(
      /(不晓得|晓得|不知道|知道|哪家|哪个|哪里|哪儿|是不是|了|的|啊|呢|吧|呀|吗|嘛|又|还|都|也|就|我们|我家|我)/g,
      ' ',
    );
  const grams = new Set<string>();
  for (const part of core.split(' ')) {
    for (let i = 0; i + 1 < part.length; i++) grams.add(part.slice(i, i + 2));
    if (part.length === 1) grams.add(part);
  }
  return grams;
}

/**
 * The thing a report is about. Two reports of one place and category that name the same thing
 * are one problem; naming different things makes them different problems whatever the wording.
 */
const THINGS: [string, RegExp][] = [
  ['light', /灯(?!箱|笼)/],
  [
    'lift',
    /(?<!靠|近|挨着)电梯(?!口|间|厅|旁|边|门口|那排|那边|附近|对面)|𨋢|䢂|升降机|轿厢|[\d一二两三四五六]号梯|[客货左右东西]梯|(左边|右边|那|这)(部|台)?梯(?![子田坎度队级])|卡在[\d一二三四五六七八九十]+(楼|层)/,
  ],
  // Water leaking where it should not, and water not coming where it should: two things ("车库顶上在漏水" is
  // no relapse of "十二点来水 …水龙头一滴都没有"). A burst pipe or the pipes themselves are either.
  [
    'water',
    /漏水|漏雨|淌水|水管|爆管|渗水|(?<!一)滴水|冷凝水|渗落|渗下|往下(流|淌)|顺着[^，。,\s]{0,4}(流|淌)|[这那恁好]些水|一地(的)?水|地上全是水|(楼顶|屋顶|房顶|天花板?|顶棚|墙)[^，。,\s]{0,4}漏|补漏|堵漏|防水|水的事|(明|暗)管|管子[^，。,\s]{0,3}(冻|裂|爆)/,
  ],
  [
    'supply',
    /水管|爆管|停水|水压|自来水|断水|(?<![了来])(没|莫|冇)(有|得)?水(?![平果电费])|(?<![出未])来水|水[^，。,\s]{0,2}上不来|(加压|水)泵|水的事|(明|暗)管|管子[^，。,\s]{0,3}(冻|裂|爆)|(?<![雨汗口])水(太|好|很|特别|越来越|有点)?小(了|得很)?(?![区孩时])|(水|龙头)[^，。,\s]{0,10}没(有|得)?(劲|力)|(水流|出水)(太|很|好)?(小|细)|一滴(水)?都(没|莫|冇)/,
  ],
  [
    'door',
    /门禁|读卡器|门吸|单元门(?!口|把)|门锁|对讲|防盗门|闭门器|大堂门(?!口)|楼门(?!口)|大门[^，。,\s]{0,3}锁|(?<!电梯|梯|车|柜|窗|冰箱)门关(不|弗|勿|唔|没)(上|严|牢|紧)|(单元|楼道)?大门[^，。,\s]{0,3}(坏|合不)|(?<!电梯|梯|车|柜|窗|冰箱)门[^，。,\s]{0,2}荡开|(?<!电梯|梯|车|柜|窗|冰箱)门[^，。,\s]{0,4}一(推|拉)就开/,
  ],
  // "我刚才下去倒垃圾差点被门拍到": an errand on the way, not a rubbish problem.
  ['rubbish', /(?<![去下楼]倒个?|去扔|去丢|楼扔)垃圾|拉圾|垃圾桶|清运|环卫/],
  [
    'drain',
    /水沟|沟[^，。,\s]{0,4}(塞|堵|走水|不通)|下水|水[^，。,\s]{0,4}(下不去|流不下去|落唔去|走不动)|(洗菜|洗碗|洗手|水)(池|盆|槽)[^，。,\s]{0,4}(堵|不通)|阴沟|(?<!(过滤|滤)网[^，。,\s]{0,2}|(楼梯|通道|过道|楼道|门口|路口|出口|路)[^，。,\s]{0,1})堵了|堵塞|污水|化粪|马桶|地漏|渠|塞咗|疏通|反水|返水|沟盖|雨水井|篦子|窨井|黑水|臭水|排水车|吸污车|(管子|管道|下水井|水井)[^，。,\s]{0,2}通(开|了|好)|水[^，。,\s]{0,2}(退|下去)了/,
  ],
  ['heating', /暖气|供暖|供热|不热|地暖|暖器|放了?气|热力|热电|分水器|循环泵|片子[^，。,\s]{0,3}(烫|热|凉|冰|温)/],
  ['dog', /狗|犬/],
  ['noise', /噪音|吵|装修|广场舞|电钻|施工|砸墙|敲墙|凿墙|叮叮咣咣|蹦迪|(不|别|莫|停)(再)?(砸|敲)了/],
  ['ebike', /电动车|充电|电瓶(?!车)|车[^，。,\s]{0,2}(在|喺)充/],
  ['exit', /消防(通道|楼梯|门|出口)|防火门|通道|楼梯口|安全出口/],
  ['hydrant', /消防栓|灭火器/],
  ['manhole', /井盖/],
  ['gas', /煤气|燃气|天然气|液化气|臭鸡蛋/],
  ['clutter', /杂物|纸箱|泡沫箱|堆放|堆满|旧家具|沙发|床垫|旧柜子|破烂|废品/],
  [
    'parking',
    /停车|车位|占道|(轿车|小车|面包车|私家车|汽车|货车)[^，。,]{0,8}(横|堵|挡|停|占)|[两三四五六七八九十几多]+(辆|台)[^，。,\s]{0,8}车(?!库|棚|[^，。,\s]{0,2}(在|喺)充)|车[^，。,\s]{0,2}开走了|(?<!(电梯|梯|𨋢|䢂).{0,8})停在|车主|挪车|(?<!电动|单|三轮)车[^，。,\s]{0,2}挪(走|开)?了/,
  ],
  ['tree', /树(?!叶)|草坪|绿化/],
  ['weapon', /(?<!菜|剪)刀(?!削面|鱼|豆)|砍刀|菜刀|钢管|铁棍|棍子|砖头|扳子|扳手/],
  [
    'ice',
    /结冰|冰坡|冰溜|冻成冰|冰面|冰太厚|(全|都)是冰|一(层|地)冰|积雪|雪[^，。,\s]{0,4}没(人)?(扫|铲|清)|(扫|铲|清)雪|路面?(上)?冻|冰(也|都)?(铲|刨|砸|敲|清)(了|掉|完|走)/,
  ],
  ['stall', /摊|烧烤|油烟|夜宵/],
  ['scam', /诈骗|骗子?|推销|保健品|反诈|传销/],
  ['fight', /打架|打起来|打人|动手|扭打|斗殴|打交|扭在一起|扭成一团|打(咗|了)起身/],
  ['termite', /白蚁|蚁路/],
  // (Water up to the step is a level told, not the step: "水快到台阶了".)
  ['paving', /(?<!(到|过|漫|淹|平)[^，。,\s]{0,1})台阶|路面|地砖|坑洼|塌/],
  ['bench', /长椅|椅子|座椅/],
  ['retaining', /堡坎|保坎|挡土墙|护坡|边坡|山体/],
  ['fitness', /健身/],
  // (Not advice to hold one: "走的时候扶扶手".)
  ['railing', /(?<!扶(着|好|住|紧)?|抓(紧|住|好)?)(扶手|栏杆|护栏|扶栏)/],
  ['playground', /滑梯|滑滑梯|秋千|跷跷板|儿童乐园|游乐设施|攀爬架|蹦床|沙坑/],
  // (Not a service counter, "便民窗口", nor a car's windscreen, "挡风玻璃".)
  [
    'window',
    /(?<!民政|办事|服务|政务|缴费|业务|办理|受理|服务站|大厅|便民)窗(?!口遮|口(申请|办|递|排队|咨询|领))|(?<!挡风|车)玻璃/,
  ],
  ['aircon', /空调|外机|冷气机/],
  // A household's own appliances: "电视又没得台了" is no relapse of the drain its owner reported.
  ['appliance', /电视|机顶盒|遥控器|冰箱|洗衣机|热水器|微波炉|电饭煲|路由器|宽带|[Ww][Ii]-?[Ff][Ii]/],
  ['awning', /雨棚|雨篷|遮阳棚|遮雨棚/],
  ['tiles', /石棉瓦|彩钢瓦|琉璃瓦|瓦片|(?<![千兆])瓦(?![斯特数])/],
  ['pests', /蟑螂|老鼠|蚊子|消杀/],
  [
    'wires',
    /电线|飞线|走线|线路|电缆|网线|电话线|(?<![毛光])线(收|拆|剪)(了|咗|掉|走|回)|插线板|插排|拖板|配电|电表|电箱|跳闸|跳掣|(那|这|嗰)(根|条)线|(拉|吊|扯)(着|了|咗)?(根|条)线|(?<![毛光晾鱼])线[^，。,\s]{0,6}(吊|垂)(落|下|着|喺|在)/,
  ],
];

function thingsOf(text: string): Set<string> {
  return new Set(THINGS.filter(([, re]) => re.test(text)).map(([name]) => name));
}

/** The things (灯, 电梯, 门锁 …) a text names. */
export function thingsNamed(text: string): string[] {
  return [...thingsOf(text)];
}

/**
 * How alike two reports are (0–1): 1 when they name the same thing, 0 when they name only
 * different things, otherwise the overlap of their character bigrams (Dice coefficient).
 */
export function similarity(a: string, b: string): number {
  const ta = thingsOf(a);
  const tb = thingsOf(b);
  if (ta.size && tb.size) return [...ta].some((t) => tb.has(t)) ? 1 : 0;
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Pairs any two messages share ("那边", "已经", "五分钟"): no sign of one story. */
const COMMON = new Set([
  '分钟',
  '五分',
  '十分',
  '一会',
  '马上',
  '下午',
  '上午',
  '明天',
  '早上',
  '晚上',
  '那边',
  '这边',
  '已经',
  '现在',
  '一下',
  '大家',
  '今天',
  '刚才',
  '一遍',
  '时候',
  '没有',
  '什么',
]);

/**
 * How many of `text`'s bigrams (and things) `context` shares: how much a short update speaks of
 * what a longer ticket history says. Counts, not a ratio, so a long history is not penalised.
 */
export function sharedWords(text: string, context: string): number {
  const things = thingsOf(context);
  let shared = [...thingsOf(text)].filter((t) => things.has(t)).length * 2;
  const y = bigrams(context);
  for (const g of bigrams(text)) if (g.length === 2 && y.has(g) && !COMMON.has(g)) shared++;
  // A floor or a flat named on both sides ("我现在上28楼" after "28楼走廊有台电动车") is strong.
  const spots = placeTokens(context);
  for (const p of placeTokens(text)) if (spots.has(p)) shared += 2;
  return shared;
}

/** Floors and flats a text names: "28楼" → "28", "1502" → "1502". */
function placeTokens(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/(\d{1,2})\s*[楼层](?![上下道梯])|(?<!\d)(\d{3,4})(?!\d)/g)].map((m) => m[1] ?? m[2]),
  );
}
