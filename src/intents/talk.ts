/**
 * Talk that uses problem words: memories, rumours asked about, praise for a fix that is over, a
 * worry about what might happen, a favour between neighbours, what one saw on TV. The model's
 * reading of a report (and its fear alone) does not file these; the safety net's cues still do.
 */
import { AVERTED, PET, RECAP } from './emergency.js';

// "想当年厂里自己烧锅炉…", "前年隔壁小区那个电瓶车着火的事都忘咧？": memories, unless the thing is back now.
const REMINISCENCE =
  /^(说起来|讲起来|说起|讲起)?[\s，,]*(俺们|我们|咱们|阿拉|我哋|我|俺)?(厂里|厂|村里|单位|矿上|队里|院里|大院|院子|小区|弄堂|这里|这边)?(想当年|当年|那年|那些年|前年|去年|上年(?!纪)|旧年|上回|小时候|年轻(的)?(时候|那会儿?)|那时候|那会儿|以前(?!的问题)|[一二三四五六七八九零〇]{2,4}年(?![级底前后内])|\d{2,4}年(?![级底前后内]))/;
// "听讲话8座有人困𨋢？", "听说又要停水 是真的吗": a rumour, asked about.
const RUMOUR = /^(听讲话?|听说|听人(讲|说|话)|据说|有人(讲|说|话)|群里(讲|说|话))/;
const ASKED = /[?？吗咩嘛]|系咪|是不是|真嘅|真的假的|真定假|严不严重|要不要紧|(怎么|咋|点)样了|没事吧|冇事吧/;
// "上个月楼梯灯坏咗 一日就搞掂 好快手[强]": a fix that is over, praised.
const PRAISED_FIX = /(搞掂|搞定|修好|整好|弄好|解决)[^。]{0,12}(好快|真快|快手|给力|点赞|靠谱|\[强\]|👍)/;
const STILL_NOW = /又|还是|仍然|至今|到现在|依然|仲係|仲系|仲未|还没/;

// "…是真的吗 要不要封楼": the rumour comes with a question for the grid.
const ASKS_GRID = /要不要|怎么办|咋办|点算|需不需要|该不该|能不能|可不可以/;

// "要是哪天半夜暖气管子崩了可阿么办": a worry about what might happen, asked of the group.
const WHAT_IF =
  /^([^。，,\s]{0,6}[\s，,]?)?(要是|万一|如果|假如|假设|真要|哪天)[^。]{0,30}(怎么办|咋办|阿[么幺]办|点算|咋整|怎么整|可咋|如何是好|咋弄|哪能办|哪能弄|哪能好|往哪(里|儿|边|块)?(跑|逃|走|躲|去)|(咋|怎么|怎样)(下|出|跑|逃)(得)?(去|来))/;

// "电瓶车可不能在楼道充 电视上那火烧得老吓人了": what one saw on TV or online, not here.
const SEEN_ELSEWHERE =
  /^(你们|大家|各位)?(看到|看见|睇到|听说)(了)?(没|冇|吗|未|没有)?[\s，,!！]+[^。]{0,8}(那边|那头|外地|外省)有(个|一个|栋|家)(小区|楼盘|村|厂|学校|商场)|^(我)?(听说|听讲|据说|听人(讲|说))[^。，,]{0,8}(那边|那头|外地|外省)有(个|一个|栋|家)(小区|楼盘|村|厂|学校|商场)|(电视|新闻|抖音|快手|视频)(上|里|头)(?![墙面方])|(电视|新闻)(话|说|播)(?!筒)|(抖音|快手|微博|小红书|视频号|新闻)(上|里)?(见到|看到|睇到|刷到)|网上(看|说|传|刷|讲)|朋友圈里|(看的|追的|那个|这个|那部|这部)(电视)?剧|电视剧|电影里|女主|男主|剧(入面|里面|里头|里)|(睇|看)(tvb|港剧|韩剧|美剧|短剧)/i;

// "那暖气停不停", "电梯受影响吗": a question about a cut the group was told of.
const CUT_QUESTION = /(停不停|也停吗|会停吗|停吗|受不受影响|受影响吗|有没有影响|影响不影响)[?？吗呀啊]*$/;

// "豆浆到了 谁下楼顺手帮我捎上来", "何太 我屋企仲有个大水桶 要唔要拎落嚟畀你", "我车在门口 要去医院我拉着",
// "门禁密码多少", "我就在隔壁 要不要帮忙", "谁家有孩子穿不下的羽绒服": a favour asked of or offered to neighbours
// ("我拿了楼道那个灭火器上五楼": help on its way).
const FAVOUR_ASKED =
  /^我(去|也|就|先|马上)?(拿|拎|提|揸|搬|扛)(了|咗|着)?[^。，,]{0,8}(灭火器|水桶|梯子)(?![^。]{0,6}(过期|坏|没了|冇咗|空|失效|不见))|灭火器[\s，,]{0,2}我(去)?(提|拿|拎|搬|扛)(上|下|过)(来|去)|(哪个|谁|哪位|边个|哪家)(家)?有[^。？?]{0,10}借(我|俺|给我|畀我)|(有没有人|有谁|谁家?有?|哪位)(会|能)(弄|修|整|搞)|(有谁|谁|哪个|有冇得?人|有没有人|有没得人|边个)(晓得|知道|知|识)(哪块|哪里|哪儿|哪家|哪|边度|边间|边处|边)[^。？?]{0,4}(修|整)|(想|打算|准备)自己(弄|修|换|搞|整)|(谁|哪位|边个)[^。？?]{0,12}(顺手|顺路|帮我|帮手)[^。]{0,6}(捎|拿|带|取|拎|攞)|(有没有人|有人)[^。？?]{0,6}帮我[^。]{0,4}(拿|取|带)[^。]{0,4}快递|(?<![你他她佢])我帮(你|您|恁|侬)[^。，,]{0,2}(拎|拿|带|搬|扛|提|捎)|快递柜[^。，,]{0,3}(满了|塞满了?|爆了)[^。]{0,24}(放|搁|在)[^。，,]{0,2}(门卫|门岗|保安)|要唔要[^。]{0,10}(畀你|俾你)|要不要[^。]{0,10}(给你|借你|送你)|(我|俺)(的)?(车|摩托)[^。]{0,8}(拉着|送你|载你|拉你|我拉)|(密码|wifi|WiFi|WIFI)(是)?(多少|几多|啥)|(有冇|有没有|有无|谁|边个|哪位)(人)?(识|会|懂|识得|认识|认得)(修|整)(?![^。]{0,12}(楼道|电梯|水管|下水|路灯|门禁|单元门|消防))|使唔使帮手|(要不要|需不需要|用不用|要唔要)帮(忙|手)|(需要|要)帮(忙|手)(吗|不|冇|没)|有(咩|乜|什么|啥|啥子)(要|需要)帮(手|忙)|(需要|要|想要)[^，。,！!？?]{0,6}的(跟|和|找|告诉|联系)(我|俺)|(谁家|哪家|谁|有没有人|哪位|边个|哪个屋里?|哪屋|哪户)(有|有没有)[^。？?]{0,16}(借(我|俺|一下|用)|穿不下|用不上|不用的|闲置|多余的)|(请问)?有人(家里|家裡|屋里)?有[^。？?，,]{0,8}(可以|能)?借(一下|我|用)|(附近|周边|这附近|这一片|楼下)(有没有|有冇|有无|哪里有|哪有|哪儿有|哪块有)[^。？?]{0,10}(药店|药房|超市|诊所|便利店|五金店|店)/;

/** Words of someone hurt, ill or in danger: a worry or favour that says these is a call for help. */
const DISTRESS =
  /医院|摔|跌|站不起|起不来|疼|痛|晕|血|烟|火|救|急|快来|不行了|喘|病|伤|困|出不来|120|110|119|报警|吓|哭|不见|没人应|没应|不应|没开门|没动静|倒在|不动|出事|味|叫不醒|不说话/;
/** A worry about what might happen, with nothing of it happening now and nobody in trouble. */
export const worryOnly = (text: string) => {
  // (…an again or a fire inside the condition is part of the worry: "要是半夜水又涨上来 …怎么办",
  // "万一夜里着火了俺这腿从五楼咋下去".)
  const rest = text.replace(/(要是|万一|如果|假如)[^。，,\s]{0,12}/, '');
  // (…unless a request follows it: "万一哪天真着火了 …楼梯间堆得全是杂物 能不能管管".)
  const asks = /能不能|可不可以|有冇得?|有没有|有无|管管|管一下|帮/.test(rest);
  return WHAT_IF.test(text) && !/又|还是|现在|已经/.test(rest) && !DISTRESS.test(asks ? text : rest);
};
/** "我担心台风季节楼顶的热水器会被吹下来，不过现在看还很牢固": a worry that answers itself. */
const worryAllayed = (text: string) =>
  /担心|怕/.test(text) &&
  /(不过|但是?|好在|还好)[^。，,]{0,6}(还|都|倒)?(很|挺|蛮|算|比较)?(牢固|结实|稳当?|牢靠|好好的|没事|正常|没问题)/.test(
    text,
  ) &&
  !DISTRESS.test(text);
const NOT_FINE = /坏|松|裂|翘|鼓|歪|破|缺|断|漏|堵|冒|塌|掉|没了|正在|刚才|看看|修|处理|管|帮/;
/** "每次下暴雨都怕屋顶漏水 目前还冇得事 就是心慌": what is feared has not happened so far. */
const notSoFar = (text: string) =>
  /担心|怕/.test(text) &&
  /(目前|暂时|到现在|眼下|现在)(为止)?(还|都|倒)?(没事|没有事|冇得?事|没问题|好好的)/.test(text) &&
  !NOT_FINE.test(text.replace(/(担心|怕)[^。，,\s]{0,12}/g, '')) &&
  !DISTRESS.test(text);
/** "电梯今日唔好又关人啊 上礼拜三个外卖仔喺入面关咗半个钟": a wish that it does not happen again, after a story. */
const wishNotAgain = (text: string) =>
  /(唔好|千万别|可别|可千万别|千万不要|千祈唔好)又/.test(text) &&
  /上个?礼拜|上个?星期|上周|上次|上回|上个?月|前几天|前两天|旧年|去年/.test(text) &&
  !/快来|救命|还在|现在|而家|依家|正在/.test(text);
/** "…燃气公司已来检查，是楼下餐馆排风，已处理，大家放心": an all-clear, told to everyone. */
const allClear = (text: string) =>
  /(大家|各位|请)(都)?放心|(不用|无需|不必)担心/.test(text) &&
  /已(经)?(处理|解决|排除|修好|恢复|查明|核实)|没事了|(是|系)[^。，,]{0,10}(误报|误会|演练|排风|排烟)/.test(text) &&
  !/又|还在|仍然|快来|救命/.test(text);
/** "今朝要勿是冯家小妹 勿晓得要躺到啥辰光", "…吹掉下去了 幸好底下没人": thanks for what was spared, the trouble over. */
const SPARED =
  /(要不是|要勿是|要唔係|要唔系|若不是|如果不是|幸亏|多亏|好在)[^。]{0,12}(不|勿|唔|弗)(晓得|知道|知)|(幸好|幸亏|还好|好在)[^。，,]{0,4}(没人|没有人|冇人|没砸|没伤)(?![^。，,]{0,4}(管|理|修|应|接))/;
// (…not a fault or a hazard still there: "电梯停在四楼不动了门也不开还好里面没人", "…还好没砸到人 上面那排还有几块鼓起来的".)
const STILL_FAULT =
  /不(动|开|亮|通|走|转)|坏|还在|还有|迟早|随时|[要快会]掉|鼓起|松动|松了|卡(住|在)|停在|在漏|堵|快来|救命|现在|又/;
const spared = (text: string) => SPARED.test(text) && !STILL_FAULT.test(text);
/** "…车还停在车棚里 明天估计又要吵": trouble guessed at for later, nothing of it going on now. */
const foretoldOnly = (text: string) =>
  /(估计|怕是|恐怕|说不定|保不齐|八成|搞不好)[^。，,\s]{0,3}(又要|还要|还会|又得|又会)/.test(text) &&
  !/现在|正在|已经|还在|又在/.test(text) &&
  !DISTRESS.test(text);
/** News from elsewhere ("新闻头说外地有个小区…起火了 大家莫在屋头充"), nothing of it here. */
export const newsOnly = (text: string) =>
  /(电视|新闻|抖音|快手)(上|里|头)|刷(抖音|快手|视频)|外地|别的小区|隔壁小区|外省|有(个|一个)(老)?小区(?!里)/.test(
    text,
  ) &&
  /新闻|电视|抖音|快手|报道|视频|帖子/.test(text) &&
  !/我们(?!都?要?(注意|小心|当心))|咱(?!们?都?要?(注意|小心|当心))|这边|楼下|楼上|隔壁(?!小区)|现在|刚才|刚刚|家里|屋里(?!充)/.test(
    text,
  );
/** A message opening with a time weeks or more ago ("上个月…", "去年…", "上回…"). */
export const OPENS_LONG_BEFORE =
  /^(上个?月|上上个?月|上周|上个?礼拜|上个?星期|前阵子|前段时间|去年|上年(?!纪)|旧年|上回|前年)/;
/**
 * "上个月右边那部关了个外卖小哥在里面 半个钟才放出来": an incident of an earlier day, told to its end.
 * Only when it opens with that earlier time and is not back now.
 */
export const pastIncidentOnly = (text: string) =>
  (OPENS_LONG_BEFORE.test(text) ||
    /^([^。，,\s]{0,7}[^。，,\s从自])?(前几天|前两天|昨天|昨晚|昨日|前天|琴日|尋日|寻日|琴晚|寻晚|夜来|夜儿个|昨儿个?|昨个)/.test(
      text,
    )) &&
  /(才|后来|最后|结果)[^。，,]{0,8}(放出来|救出来|弄出来|出来了|修好|找到|找着|送回|没事|冇事)|(弄|救|整)出来了|已(经)?(被)?救出|(人员?|人)(都)?(无碍|无恙|平安)|(救|整|弄)(咗|了)出(来|嚟)|(冇|没有?|无)人(员)?受伤|人(都)?(没事|冇事|无事)|(盖|压)住了|扑灭了|换了(根|个|一个)?新的|(现在|而家|已经)(都)?(好|通|正常|没事|冇事)(了|咗|啦)|(查|看)了[^。]{0,8}(是|没事|没问题)|已经?(处理|解决)(完|好)?了|已经?(处理|解决)(妥当|完毕)|没有?(造成)?(损失|人员?伤亡)|已经?被[^。，,]{0,6}(劝止|制止|劝走|劝停|叫停|扑灭|赶走)(了|咗)?/.test(
    text,
  ) &&
  !/又|还是|仍然|至今|到现在|依然|还没|仲未|开始|以来|一直/.test(text);
/** "李伯你仲记唔记得九九年回归嗰晚…", "还记得那年…": a memory shared with a neighbour. */
const MEMORY = /(仲|还)?记(唔|不)记得|还记得|记得(不|吗|伐|冇|没|啵)(?![^。，,\s]{0,2}(关|锁|带|拿|交))/;
const LONG_AGO =
  /\d{2,4}年|前年|那回|那次|嗰次|[一二三四五六七八九零〇]{2,4}年|那年|嗰年|嗰晚|嗰阵|当年|以前|细个|小时候|那时候|嗰时/;
export const memoryShared = (text: string) => MEMORY.test(text) && LONG_AGO.test(text);

/**
 * "建春门那个浮桥又拆了 …水都漫到码头台阶上了": the river or sea rising, watched from its bank; news of
 * the season, with no home, building or street of ours under water and nobody in trouble.
 */
export const riverWatch = (text: string) =>
  /(江|河|湖|海)水|码头|浮桥|江边|河边|海边|河堤|江堤|堤坝|沙滩|桥墩/.test(text) &&
  /涨|漫|淹|没过|水位|洪峰/.test(text) &&
  !/楼|单元|家|屋|房|小区|车库|地库|院|巷|街|路|门口|店|铺|宿舍|厂/.test(text) &&
  !DISTRESS.test(text);
/**
 * A hazard named as such ("恐有安全隐患", "恐生事故", "存在安全隐患"), a line hanging low over the way ("那根黑线掉下来好低")
 * a crack growing ("堡坎 裂缝比上个月宽了") or tap water discoloured ("自来水咋发黄呢"), not remembered or told
 * of elsewhere.
 */
export const hazardSaid = (text: string) =>
  /恐(有|存在|生|酿|出|发生)[^。，,]{0,4}(隐患|事故|危险|意外)|存在[^。，,]{0,4}隐患|(有|有很大的?)安全隐患|(线|电缆|绳子?)[^。，,]{0,6}(掉|垂|吊|耷拉)(下来|下)?[^。，,]{0,3}(好|很|太|特别|老)?低|(裂缝|裂口|裂纹)[^。，,]{0,6}(宽|大|长|多)了|(自来水|水龙头|出的水|放的水|接的水)[^。，,]{0,6}(发黄|黄了|发浑|浑浊|铁锈|发红|黄汤)|(枝丫|枝桠|树枝|枝子|树杈|大枝)[^。，,]{0,4}(裂开|断了|折了|劈开|劈了)[^。]{0,6}(吊|挂|悬|耷拉)/.test(
    text,
  ) && !/去年|以前|上次|之前|那年|新闻|电视|别的小区|隔壁小区|听说/.test(text);
// ("有根大枝丫裂开了 吊起的": a branch split and hanging is one too.)
// "谁的黑皮手套落在一单元门口暖气片上了", "谁的黑色雨衣挂在二楼楼梯扶手上 …收一下嘛", "谁家的小黑狗在大堂里转悠 …有主人没", "捡到一串钥匙 失主来拿",
// "谁有搭电线 我那破车打不着火了": lost and found, and a tool borrowed from neighbours.
const LOST_FOUND =
  /(收好|收起来|保管)[^。]{0,10}(车主|失主|主人)[^。]{0,8}(来拿|来取|认领|领)|(谁|哪家|哪位|边个)(的|家的|嘅)(黑色|红色|蓝色|白色)?(雨衣|雨伞|伞|遮|衣服|衫|裤|鞋|袜|毛巾|被子|被单|床单|拖把|地拖)[^。，,]{0,6}(挂|晾|放|搭|搁|扔|丢)(在|喺|咗喺)|(谁|哪家|哪位|边个)(的|家的|嘅)[^。，,？?]{0,10}(落|丢|掉|忘)(在|喺|咗喺)|(捡到|拾到|执到|捡了)[^。]{0,16}(失主|谁的|哪家的|边个嘅|来拿|来取|认领|联系我)|有(冇)?主人(没|吗|冇|不|嘛)?[?？]*$|(谁|哪位|边个|有没有人)(有|带着?)[^。，,？?]{0,4}(搭电线|搭火线|电瓶线|打气筒|梯子|千斤顶|充电宝)/;

/** "阿拉此地没有额 …勿要瞎传": the hearsay denied here. */
const DENIED_HERE =
  /(我们|阿拉|我哋|咱们?|这边|此地|本小区)[^。，,\s]{0,4}(没有|冇|呒没|无)(这事|这回事|额|的|啊|哦)?(?=[\s，,。!！]|$)|(别|勿要?|唔好|不要|莫)(再)?(瞎|乱)(传|讲|说)|谣言|辟谣/;
const ELSEWHERE = /(隔壁|隔离|隔篱|旁边|对面|别的|其他|外面|邻近)(小区|屋苑|村|楼盘|社区|院)/;
/**
 * "听说隔壁小区有个老太太被骗了十几万 …大家都小心点啊", "聽講隔離屋苑有人俾人呃咗錢…大家小心啲": hearsay of
 * something in another estate, passed on as a warning, nothing of it here ("隔壁小区讲有个阿姨被骗了几万块 大家陌生电话冇要接咯").
 */
export const hearsayElsewhere = (text: string) =>
  (/^(我)?(听说|听讲|听人(讲|说)|据说)/.test(text) || new RegExp(`^${ELSEWHERE.source}(讲|说|传)`).test(text)) &&
  new RegExp(`${ELSEWHERE.source}|外地|外省`).test(text) &&
  ((/(大家|各位|街坊)[^。]{0,4}(小心|注意|当心|提防|留意)|小心(啲|点|些)|(大家|各位|街坊)[^。]{0,6}(冇要|不要|别|莫|唔好|勿)(接|信|开门|转账|理|乱点)/.test(
    text,
  ) &&
    !/我们|咱|这边|本小区|楼下|楼上|家里|屋企|刚才|刚刚|而家|头先/.test(text)) ||
    DENIED_HERE.test(text));
// "边个跌咗条锁匙喺信箱度", "有冇人见到只白色博美 …走失咗": a thing dropped, a pet lost (a person lost is the cues' to page).
const THING_DROPPED =
  /(谁|哪家|哪位|边个)[^。，,？?]{0,3}(跌|掉|丢|落|唔见)(咗|了)(条|把|串|个|部|只|张|块)?(锁匙|钥匙|门卡|手机|钱包|身份证|耳机|眼镜|雨伞|伞|卡)/;
const PET_LOST =
  /走失|走丢|丢了|丢咗|不见了|唔见|跑(丢|出去|咗出去)|[搵揾]唔到|找不到|(领|接|带|抱)(回去|走)|来领|认领/;
export const lostAndFound = (text: string) =>
  (THING_DROPPED.test(text) || (PET.test(text) && PET_LOST.test(text))) &&
  !/血|晕|伤|救命|快来(?!领|认|接|拿|取|抱)|(?<![唔不冇没])咬/.test(text);
/** A favour between neighbours, nobody in trouble. */
// ("热水器打不着火了": a heater that will not light is no fire.)
export const favourOnly = (text: string) =>
  (FAVOUR_ASKED.test(text) || LOST_FOUND.test(text)) &&
  !DISTRESS.test(text.replace(/(打|点)(不|唔|弗)着火?|着不了火|灭火器/g, ''));

/** "补充一点：此时请勿在楼道内接打电话…", "温馨提示：…": advice to everyone, with nobody in trouble in it. */
const ADVICE_HEADING = /(^|[。！!])(补充(一点|一下|说明|两句|几句)?|友情提示|温馨提示|小贴士|科普(一下)?)[:：，,\s]/;
const ADVISES = /请勿|不要|别|莫|千万|应该?|记得|最好|务必/;
const adviceOnly = (text: string) =>
  (((ADVICE_HEADING.test(text) || TOLD_TO_ALL.test(text)) && ADVISES.test(text)) || LOOK_OUT_ALL.test(text)) &&
  !DISTRESS.test(text.replace(SMOKING, '')) &&
  !FAULT_NOW.test(text);
/** Smoking's words, no smoke of a fire: "担心有人在后楼梯吸烟乱丢烟头". */
const SMOKING = /吸烟|抽烟|烟头|烟蒂|香烟/g;
/** "大家拖了地莫往楼梯上甩水": a habit everyone is asked to keep, naming no fault there now. */
const TOLD_TO_ALL = /(大家|各位|街坊们?)[^。，,]{0,8}(莫|别|不要|千万别|千万不要)(再)?(往|在|把|随便|乱)/;
/** "楼里几个独居的老人大家平时多敲敲门": everyone asked to look out for each other more. */
const LOOK_OUT_ALL =
  /(大家|各位|街坊们?|邻居们)[^。，,]{0,6}(平时|平常|没事|有空|以后|都)?多加?(敲敲|看看|瞅瞅|留意|关心|照应|照看|关照|串串|走动|问问)/;
const FAULT_NOW = /坏|没了|塌|断了|漏|堵|冒|现在|正在|刚才|刚刚/;

/** An order in a group buy ("俺要二百块 11号楼1单元三楼", "+1 我要两箱", "接龙 3.王姐 5斤"). */
const ORDER =
  /^(\+\d\s*)?(我|俺|我家|俺家|阿拉|我哋)(也)?(要|订|定|拼)[\d一二两三四五六七八九十百]+(块|斤|个|份|箱|袋|桶|包|盒|只|条|斤的)|^接龙/;

/** A shop's offer to the group ("7栋8栋送上门 满30免配送费"): selling, not a matter. */
const SHOP_OFFER =
  /免(配送|运)费|满\d+(元)?(减|免|送)|送上门|包邮|特价|打折|优惠价|(?<![楼底地])下单(?!元)|订购|预订|订餐/;

/** The speaker owning up to the noise or mess and saying sorry ("咚咚响的是我在剁肉…吵到大家不好意思"). */
const OWN_DOING = /(是|系|係)(我|我家|我们|俺|俺家|阿拉|我哋|伲)(在|喺|家在)?/;
const SORRY = /不好意思|抱歉|对不起|对不住|打扰(大家|了)|见谅|包涵|多担待|sorry/i;

export function onlyTalk(text: string): boolean {
  if (
    worryOnly(text) ||
    worryAllayed(text) ||
    notSoFar(text) ||
    wishNotAgain(text) ||
    spared(text) ||
    allClear(text) ||
    foretoldOnly(text) ||
    adviceOnly(text) ||
    riverWatch(text) ||
    heatFigure(text) ||
    heatingNotYet(text) ||
    bragOnly(text) ||
    someDayOnly(text) ||
    weatherOnly(text) ||
    newsOnly(text) ||
    childhoodOnly(text) ||
    scamResisted(text) ||
    elsewhereNotHere(text) ||
    heardElsewhere(text) ||
    heardOfBefore(text) ||
    proposalOnly(text) ||
    scamCalled(text) ||
    recapOnly(text) ||
    averted(text) ||
    askedOfGroup(text) ||
    guessAsked(text) ||
    likeBefore(text) ||
    ownLineDown(text) ||
    ownGadgetBroken(text) ||
    putRight(text) ||
    workHeard(text)
  )
    return true;
  if (memoryShared(text) || windSway(text) || hearsayElsewhere(text) || lostAndFound(text)) return true;
  // A favour or an order between neighbours, whatever it asks ("要不要帮忙").
  if (favourOnly(text) || ((ORDER.test(text) || SHOP_OFFER.test(text)) && !DISTRESS.test(text))) return true;
  if (STILL_NOW.test(text) || ASKS_GRID.test(text)) return false;
  return (
    REMINISCENCE.test(text) ||
    pastIncidentOnly(text) ||
    (RUMOUR.test(text) && ASKED.test(text)) ||
    rumourDenied(text) ||
    PRAISED_FIX.test(text) ||
    (text.length <= 16 && CUT_QUESTION.test(text)) ||
    SEEN_ELSEWHERE.test(text) ||
    (OWN_DOING.test(text) && SORRY.test(text) && !DISTRESS.test(text))
  );
}

/** "刚才有人在群里说3栋起火了 我到现场看了…没有火情 大家别转了": a rumour put right by one who looked. */
const rumourDenied = (text: string) =>
  /^(澄清(一下)?[\s，,:：]*)?[^。]{0,4}(有人|群里|群入面|群里面)[^。，,]{0,6}(说|讲|传(?!单)|话)/.test(text) &&
  /(没有|没|冇|无)(明)?火情|(冇|没有?|无)人受伤|其实(是|係)|(没有|冇得|冇有|没得|莫得)的事|(不|唔)(是|係)[^。，,]{0,6}(着火|起火|失火|火灾)|是假的|谣言|误会|(别|不要|莫|勿要?|唔好)(再)?(瞎|乱)?(转|传)/.test(
    text,
  ) &&
  !DISTRESS_NOW.test(text);
const DISTRESS_NOW = /快来|救命|还在烧|又/;

/** "雾霾也大 站阳台上对面5号楼都看不见了 跟仙境似的": the weather, told. */
const weatherOnly = (text: string) =>
  /(雾霾|大雾|雾|霾)[^。]{0,20}(看不见|看不清|仙境|能见度)/.test(text) &&
  !/救|快来|摔|晕|火|困|撞/.test(text) &&
  !FAULT_NOW.test(text);
/** "我孙子小时候在商场也丢过一回": what once happened to one's own, long ago. */
const childhoodOnly = (text: string) =>
  /(小时候|年轻时|那年)[^。，,]{0,12}(也)?[^。，,]{0,4}过(一回|一次|好几回|两回)/.test(text) &&
  !/现在|正在|刚才|刚刚/.test(text);

/** "假如哪天楼道灯又坏了 我就在楼梯口挂两个红灯笼": what one would do some day, nothing wrong now (or
 * "万一今朝夜里雨再大…又要水漫金山了 …但愿覅再塞": what one hopes will not come). */
const someDayOnly = (text: string) =>
  (/^(假如|假设|要是|如果|万一)(哪天|以后|下回|下次|有一天|将来)/.test(text) ||
    (/^(假如|要是|如果|万一)/.test(text) && /(但愿|希望|保佑)[^。，,]{0,3}(不要|别|不会|莫)/.test(text))) &&
  !/现在|正在|已经|刚才|刚刚/.test(text) &&
  !DISTRESS.test(text);

/** "接到个电话说我医保卡冻结了要我转钱我没理他直接挂了": a scam tried and seen through, told as a warning. */
const scamResisted = (text: string) =>
  /骗|转钱|转账|诈骗|验证码|冻结|陌生电话|保健品/.test(text) &&
  /没理|直接挂|挂了|挂掉|没上当|没转|拦(下来|住)|钱没丢|没被骗|差点上|拉黑|没点/.test(text) &&
  !/(已经|都)转了|被骗了|骗走|钱没了|能不能|管管|查查|你们|是不是|怎么办|咋办|帮忙|好几个|好多人|都收到|都接到/.test(
    text,
  );
/** "家里wifi又断了 联通客服打了八百遍没人接": one home's line, the carrier's to mend, not the grid's. */
const ownLineDown = (text: string) =>
  /(家里|我家|俺家|屋企|屋里|我屋)[^。，,]{0,3}(wifi|网|宽带|光猫|路由器)/i.test(text) &&
  /联通|移动|电信|广电|客服|运营商/.test(text) &&
  !/整栋|全楼|整个(小区|单元|楼)|大家都|都没网|楼里都/.test(text);
/** "听说隔壁小区水管爆了…我们这还好": trouble in another estate, and ours is fine. */
const elsewhereNotHere = (text: string) =>
  /(隔壁|旁边|对面|别的|其他)(小区|屋苑|村|楼盘|社区)|外地|外省|隔壁市/.test(text) &&
  /(我们|咱|咱们|俺们|阿拉|我哋)[^。，,]{0,3}(这|这边|介边|这里|这儿)?[^。，,]{0,2}(还好|没事|冇事|不挖|没有|不受影响)/.test(
    text,
  ) &&
  !DISTRESS_NOW.test(text);

/** "你们听港没有 隔壁盐场二村昨天夜里着火了…": hearsay from another estate, of another day. */
const heardElsewhere = (text: string) =>
  /^(你们|大家)?听(说|港|讲)(了)?(没有|没|吗|冇)/.test(text) &&
  /(隔壁|旁边|对面|别的|其他)[^。，,\s]{0,4}(小区|屋苑|村|楼盘|社区|院)|外地|外省/.test(text) &&
  !/(我们|咱|这边|本小区|楼下|楼上|刚才|刚刚|现在|正在)/.test(text);

/** "听说立山区那边一个小区 昨天冰溜子掉下来…幸亏没砸着人": hearsay of another place, of another day or over. */
const heardOfBefore = (text: string) =>
  /^(我)?(听说|听讲|听人(讲|说)|据说)/.test(text) &&
  /[^。，,\s]{1,6}(那边|那头|那块)/.test(text) &&
  /昨天|前天|前两天|前几天|上周|上礼拜|上个月|去年|那天|捞上来|救上来|救出来|没砸着|没伤着|幸亏|幸好|好在/.test(text) &&
  !/(我们|咱|这边|本小区|楼下|楼上|刚才|刚刚|现在|正在|而家)/.test(text);

/** "问下大家 市一医院住院部探视要不要做核酸": a question put to the neighbours, not to the grid. */
const askedOfGroup = (text: string) =>
  /^(问下|问一下|请问|想问下?|打听一下)[\s，,]*(大家|各位|邻居们?|街坊们?|群里|家人们)/.test(text) &&
  !/救|快来|不见|出事|倒在|晕|血|火|烟|味|困|摔|跌/.test(text);

/** "这雨大的，跟去年那次台风一样，那回我们楼顶水箱漏得…": today likened to a time before, told of then. */
const likeBefore = (text: string) =>
  /(跟|和|同|像)(去年|前年|上回|上次|那年|当年|那次)[^。，,]{0,8}(一样|似的|那样|差不多)/.test(text) &&
  /那回|那次|那年|当年|那时/.test(text.replace(/(跟|和|同|像)(去年|前年|上回|上次|那年|当年|那次)/, '')) &&
  !/现在|刚才|刚刚|又|还在|快来|救/.test(text);

/** "系咪水表爆咗啊": a short guess at the cause, asked of the group; the report it guesses about is another's. */
const guessAsked = (text: string) =>
  /^(系咪|係咪|是不是|是唔是|系唔系|会不会是|会唔会系|莫不是|莫非)[^。，,\s]{1,10}(啊|吗|呀|嘛|咩|吧|啵|哦)?[?？]*$/.test(
    text,
  );

/** "幸好电工断了电 水泡插座多危险": luck that it was averted, told after (see AVERTED). */
const averted = (text: string) => AVERTED.test(text) && !DISTRESS_NOW.test(text);

/** The day's troubles told over (see RECAP). */
const recapOnly = (text: string) => RECAP.test(text);

/** "那都是骗老人家的 莫信 我们厂里退休的好几个都上过当": a scam called one, neighbours warned off it. */
const scamCalled = (text: string) =>
  /(都是|就是|纯属|肯定是|全是|那是)(骗|忽悠)[^。，,\s]{0,5}(的|人)/.test(text) &&
  /(莫|别|不要|甭|唔好|千万别|千万不要)(信|上当|理|买|转)/.test(text) &&
  !DISTRESS_NOW.test(text);

/** "手机掉到地上摔烂了 屏幕全是裂纹": one's own phone (or glasses) broken, no place or person hurt. */
const ownGadgetBroken = (text: string) =>
  /(手机|屏幕|萤幕|手表|眼镜|平板|ipad)[^。，,\s]{0,6}(摔|掉|跌|碎|裂|烂|坏)/i.test(text) &&
  !/救|快来|血|晕|起不来|倒在|(砸|打)(到|着|中|伤)|电梯井|下水道|井里|窗外|楼下/.test(text);

/** "我跟社区说说 看能不能给独居老人装个烟感报警器": a plan to propose something new, no fault named. */
const proposalOnly = (text: string) =>
  /^(我|俺)(跟|和|同|找|去)[^。，,\s]{0,8}(说说|商量|提提|提一下|问问|反映一下)[^。]{0,4}(能不能|可不可以|可以不)[^。，,]{0,12}(装|安|加|配|建|添)(个|一个|些|几个|上)/.test(
    text,
  ) &&
  !/快来|救|不行了|倒在|出事|起不来|叫不醒|着火|冒烟/.test(text) &&
  !FAULT_NOW.test(text);

/** "5栋那个电瓶车不是遭偷了 是他儿子骑去上班了 闹了个乌龙": hearsay put right. */
const putRight = (text: string) =>
  (/乌龙|不实信息|纯属不实|纯属谣言/.test(text) ||
    // "伊拉讲…有人被偷 其实是快递放错门口 已经寻着了": what was said, then what it really was.
    (/(话|说|讲)[^。]{0,24}其实(是|系|係)/.test(text) &&
      /已经|没事|冇事|(别|不要|覅|唔好|莫)(再)?(信|相信|担心|传)|放心/.test(text)) ||
    (/(不|伐|唔)(是|係)[^。，,]{1,10}[\s，,]+(是|係)/.test(text) &&
      /问过|问了|核实|看过了|没事|冇事|放心|误会/.test(text))) &&
  !DISTRESS_NOW.test(text);

/** "暖气烧得太热了 开着窗户还二十四度 这算凡尔赛吗": a boast in the words of one, nobody in trouble. */
const bragOnly = (text: string) => /凡尔赛/.test(text) && !DISTRESS.test(text);

/** "呢個天熱到成個人冒煙咁🥵", "晒得都要着火了": the heat, in a figure of speech. */
const heatFigure = (text: string) =>
  /(热|熱|晒|曬|焗)(到|得)[^。，,]{0,8}(冒烟|冒煙|着火|着咗火|融化|熔化|熟)|(冒烟|冒煙)咁/.test(text);

/**
 * "暖气片摸了一下还是冰凉的离正式供暖还有半个月哩", "今天是不是试水…听了半天甚也没听着": the heating
 * season not begun yet, or its trial fill listened for; a leak or a burst in the trial is a report.
 */
const heatingNotYet = (text: string) =>
  /(离|距)[^。，,]{0,4}(正式)?供暖还有|还没(到|开始)?(正式)?供暖|没到供暖|试水/.test(text) &&
  !/漏|滴|渗|冒|跑水|喷|爆|淹|湿|崩|裂/.test(text);

/** "风大到感觉整栋楼在晃 窗户呜呜响 有点破防😭": a tower felt swaying in the wind, a feeling told. */
const windSway = (text: string) =>
  /风/.test(text) && /(感觉|好像|觉得)[^。，,]{0,8}(在)?(晃|摇)/.test(text) && !/裂|塌|倒了|掉|碎|砸/.test(text);

/** Talk in which the model's fear alone does not page: a worry, a favour, news from elsewhere, an old incident, the river. */
export const fearlessTalk = (text: string) =>
  worryOnly(text) ||
  favourOnly(text) ||
  lostAndFound(text) ||
  newsOnly(text) ||
  heardOfBefore(text) ||
  pastIncidentOnly(text) ||
  riverWatch(text) ||
  heatFigure(text) ||
  memoryShared(text) ||
  windSway(text) ||
  workHeard(text);

/** "听见了 楼上哗哗放水哩": the work one was told of, heard or seen going on (bleeding radiators, a repair). */
const workHeard = (text: string) =>
  /^(听见|听到|听着|看见|看到|瞅见)(了|咯|啦|哩)?[\s，,]/.test(text) &&
  /放水|放气|排气|施工|干活|在修|在弄/.test(text) &&
  !DISTRESS.test(text);
