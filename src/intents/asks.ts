/**
 * Requests put to the grid in so many words, decisive whatever the model makes of the rest of the
 * message: a policy question to a head by title, and help asked of the community for someone.
 */

const TO_A_HEAD = /^\S{0,6}(楼长|网格长|网格员|单元长|书记|主任)/;
const POLICY = /补贴|补助|低保|医保|社保|居住证|证明|户口|高龄|尊老金|养老金|手续|申领|申请|办理|报名/;
const ASKS_HOW = /[?？吗]|请问|怎么|咋|哪里|哪些|去哪|啥地方|要带|需要/;

/** "王网格长您好，冒昧请教：…高龄长寿补贴，请问需准备哪些材料？": a head by title, a policy matter, a question how. */
export const policyAsked = (text: string) => TO_A_HEAD.test(text) && POLICY.test(text) && ASKS_HOW.test(text);

/**
 * "…我妈上礼拜…脚踝扭到 下楼买菜很困难 …想麻烦社区或者邻居帮忙照看一下": help asked of the community,
 * its heads or volunteers, for someone (often by a relative far away, after a long story).
 */
const HELP_ASKED =
  /(想|能不能|能否|可不可以|可否|麻烦|拜托|请|求|希望)(社区|网格员?|网格长|楼长|单元长|志愿者|居委会?|街道|管委会|里长)[^。？?]{0,14}(帮忙|帮帮|帮着?|照看|照顾|看看|看一下|看下|上门|陪|送|处理一下|管一下|管管)/;
// "…有没有志愿者能帮他买买菜": the community's volunteers asked whether they can help.
const VOLUNTEER_ASKED =
  /(有没有|有冇|有无|有没)(社区的?)?(志愿者|义工|社工|网格员)[^。？?]{0,8}(帮忙|帮帮|帮着?|帮手|照看|照顾|上门|陪|送)/;
/** "可以派人来剪一下无": someone asked to be sent. */
const SEND_ASKED = /(可以|可不可以|能不能|能否|麻烦|请|快)派(个|些|几个)?人(来|过来|去|上来|下来)/;
export const helpAsked = (text: string) => HELP_ASKED.test(text) || VOLUNTEER_ASKED.test(text) || SEND_ASKED.test(text);

/**
 * "宿舍坪里停了辆面包车 …在发鸡蛋 拉老人家去…听讲座 卖…床垫 …我外公已经交了五百块定金": a sales pitch
 * that preys on the elderly (会销) going on here now, told by a neighbour: a public-order matter to stop
 * today, not a warning about such pitches in general.
 */
const LURE = /讲座|会销|免费(送|领|体检|体验)|(送|发|领)[^。，,\s]{0,2}(鸡蛋|挂面|大米|米|油|礼品)/;
const SELLS = /卖|推销|保健品|床垫|磁疗|理疗|定金|交了|万/;
const HERE_NOW = /停了|在发|正在|刚才|现在|这会儿?|又来了|今天|今早|我(外公|外婆|爷爷|奶奶|爸|妈|家老人)/;
const GENERAL = /^[【[]|提醒|通知|一律|凡是|谨防|反诈|新闻/;
export const elderSalesSeen = (text: string) =>
  LURE.test(text) && SELLS.test(text) && HERE_NOW.test(text) && !GENERAL.test(text);

/** Asking how a matter goes ("电梯那个事现在什么情况", "水管修得怎么样了"). */
const HOW_IT_GOES =
  /(那个|这个|嗰个|个)事(情|儿|体)?[^。，,？?]{0,6}(现在|目前|到底|而家)?(是)?(什么|啥|咋|怎么|点)(个)?(情况|样了|回事了|进展|进度)|(修|弄|搞|处理|整)(得)?(怎么样|咋样|如何|点样|怎样)(了|(?=[?？]))/;
export const asksHowItGoes = (text: string) => HOW_IT_GOES.test(text);

/** "有冇消息啊", "有没有进展", "有消息了吗": news asked for at the start of a message, of whatever matter. */
const NEWS_ASKED =
  /^[^。，,？?!！\s]{0,6}?((有冇|有没有|有无|有没)(啲|点|什么|啥|新)?(消息|进展|动静|回音|下文|结果)|有(什么|啥|新)?(消息|进展|动静|回音|下文|结果)(了)?(吗|[么幺]|没|冇|未|咩|[?？]))/;
export const newsAsked = (text: string) => NEWS_ASKED.test(text);

/** "电梯困人该打哪个电话 我存一下", "瓦斯抢修电话是多少 先存起来": a number asked for to keep, nothing wrong now. */
export const numberToKeep = (text: string) =>
  /(打|拨|找)(哪个|什么|啥)(电话|号码)|(电话|号码)(是)?(多少|几号)/.test(text) &&
  /存(一下|下|起来|下来)|备着|记(一下|下来)/.test(text);

/**
 * "俺家电动车夜儿个…搁车棚里锁着哩 今儿个清起来就没了 …谁看见了吱一声": a vehicle left locked here
 * and gone, a theft to report whatever else is asked of the group (not a pet or a parcel lost).
 */
const VEHICLE = /电动车|电瓶车|自行车|摩托车?|三轮车?|单车|电驴|小电驴/;
const LEFT_LOCKED = /锁(着|了|在|好|上)|停(在|着)|搁(在|着)|放(在|着)/;
const GONE = /(就|咋|怎么)?(没了|不见了|没影了|丢了|被偷了?|让人(偷|推|骑)(走|了))/;
export const theftTold = (text: string) =>
  VEHICLE.test(text) &&
  LEFT_LOCKED.test(text) &&
  GONE.test(text) &&
  !/找到了|找着了|回来了|骑走了吗/.test(text) &&
  // (…not a warning: "大家出门记得锁好电动车 最近隔壁小区丢了好几辆".)
  !/记得|提醒|注意|小心|大家|隔壁小区|别的小区|最近/.test(text);
