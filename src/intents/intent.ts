/**
 * Stage 4: what kind of message this is when it is not a command — a status question about an
 * earlier report, a directory look-up, a report, or chitchat.
 */

// "我报的路灯修好了吗", "上次反映的漏水处理得怎么样": the speaker refers to an earlier report.
const OWN_REPORT =
  /(?:我|我们|之前|上次|前天|昨天|前几天|刚才|刚刚|上周|上个月|早上|上午|那天|前段时间)[^,，。!]{0,8}?(?:报|反映|提交|投诉|说|提|登记|申请)(?:过|了)?的/;
const ASKS_PROGRESS =
  /[吗么?]|怎么样|如何|进展|进度|什么时候|啥时候|多久|了没|没有|处理得|到哪|有回音|有消息|有人管|结果/;
const DONE_QUESTION =
  /(?:修好|修完|处理好|处理完|解决|弄好|搞好|落实|安排)了?(?:吗|没有?|么|\?)|(?:有|啥|什么)进展|进展如何|进度(?:怎么样|如何)|到哪一步|怎么样了/;
const FRESH_PROBLEM = /又|还是|坏了|不亮|漏水|堵了|着火|冒烟|没人管|好几天|天了/;

// "那个井盖的事有结果了吗", "我那个暖气的单子有人接了吗": pointing back at a known matter.
const THAT_MATTER = /(?:那个|那件|这个|上回)[^,，。!?？]{0,12}?(?:事|事情|单子|工单|问题)/;
const ANY_NEWS =
  /有结果|有人跟|有人接|有人管|有人处理|有下文|有回复|有回音|怎么样|咋样|怎样|进展|怎么处理|最后|处理了?[吗没]|解决了?[吗没]|修了?[吗没]/;
// "报修三天了 到底什么时候来人", "我前几天报的…到现在也没人联系我": chasing a report already made.
const CHASE =
  /(报修|报了|反映了|报的|反映的)[^。]{0,12}(天了|几天|多久|到现在|至今)[^。]{0,12}(什么时候|啥时候|到底|还没|没人|怎么还)|(报的|反映的)[^。]{0,16}(到现在|至今)?(也|都|还)?没人(联系|来|管|理)/;

/** True when the message asks about an earlier report without naming its ticket. */
export function isStatusQuestion(text: string): boolean {
  if (OWN_REPORT.test(text) && ASKS_PROGRESS.test(text)) return true;
  if (THAT_MATTER.test(text) && ANY_NEWS.test(text)) return true;
  if (CHASE.test(text)) return true;
  return DONE_QUESTION.test(text) && !FRESH_PROBLEM.test(text) && text.length <= 30;
}

const ROLE =
  /楼栋长|楼长|单元长|网格长|网格员|社区书记|书记|主任|社工|居委会|社区|物业|管家|保安|门卫|派出所|民警|片警|警务室|自来水|水务|供水|电力|供电|燃气|煤气|天然气|热力|供暖|暖气|开锁|维修|保洁|城管|环卫|卫生站|医院|居委/;
const ASK_CONTACT = /电话|号码|手机|联系方式|怎么联系|联系谁|微信|热线/;
// "困人了应该打哪个电话": which number to call, whoever answers it.
const WHICH_NUMBER = /(打|找|拨)(哪个|什么|啥)(电话|号码)|(哪个|什么)电话(能|可以)?打/;
const ASK_WHO = /是谁|谁是|哪位|找谁|叫什么|谁管|谁负责|归谁管|在哪办公|办公室在哪/;
const COMPLAINT = /打不通|没人接|不接|坏|漏|堵|不管|投诉|不理|态度|不给|乱收/;

/** True for "楼栋长是谁", "物业电话多少", "网格员电话". */
export function isDirectoryQuestion(text: string): boolean {
  if (WHICH_NUMBER.test(text)) return true;
  if (COMPLAINT.test(text)) return false;
  const role = ROLE.test(text);
  if (role && (ASK_CONTACT.test(text) || ASK_WHO.test(text))) return true;
  return /^(?:我们?(?:楼|单元|小区|网格)的?)?(?:负责人|管事的)(?:是谁|电话)/.test(text);
}

const CHITCHAT =
  /^(?:早|早安|早上好|上午好|中午好|下午好|晚上好|晚安|你好|您好|大家好|hi|hello|嗨|好|好的|好滴|好嘞|好哒|ok|okay|嗯+|哦+|噢|收到|已收到|收到了|明白|明白了|知道了|了解|晓得了|是的|对|对的|没错|可以|行|哈+|呵+|嘿嘿|谢谢|谢啦|多谢|感谢)[!。.~,， 啦了呀哈啊嗯的哦]*$/i;
// "在吗", "网格员在吗": a call for attention; the real message usually follows.
const CALLING = /^[\u4e00-\u9fa5]{0,4}(?:在吗|在不在|在不|有人吗|有人在吗)[?？!。]*$/;
const CHITCHAT_ANYWHERE =
  /谢谢|感谢|多谢|辛苦了|辛苦啦|点赞|给力|真快|真好|真棒|太好了|好样的|快乐|安康|吉祥|恭喜|祝大家|祝各位|早上好|晚安|大家好|注意保暖|注意安全|注意防暑|记得带伞|温馨提示|提醒大家|大家注意|欢迎/;
const THANKS_FOR_DONE =
  /(谢谢|感谢|多谢|辛苦).*(修好|解决|处理好|弄好|好了|搞定)|(修好|解决|处理好|弄好|搞定).*(谢谢|感谢|多谢|辛苦)/;
const REPORT_MARKER =
  /坏|漏|堵|臭|吵|偷|丢|不亮|不通|没人|没有人|有人在|怎么办|能不能|可不可以|帮忙|帮帮|求助|快来|救命|麻烦|请问|咨询|申请|办理|怎么|如何|哪里|在哪|吗|\?|投诉|反映|举报|处理一下|管管|管一下|修|严重|危险|了解|想问|灭了|失灵|没反应|不行了|不能用/;

// Forwarded notices, reassurance and market chatter: nobody must act on them.
const FORWARDED = /^[[【(（]?转发|转发自|^【[^】]*(通知|公告|提醒|宣传)】|^(通知|公告)[:：]/;
const REASSURANCE =
  /大家放心|不是着火|没有着火|是正常的|虚惊一场|已经没事了|演习|演练|别慌|已经找到|找到了.{0,6}(谢谢|感谢)/;
const MARKET = /拼团|团购|一起拼|接龙|转让|出售|求购|闲置|代购/;

/** The wording rules of this file as named signals; the learned reader takes them as features. */
export function wordingSignals(text: string): string[] {
  const out: string[] = [];
  if (CHITCHAT.test(text)) out.push('chitchat');
  if (CALLING.test(text)) out.push('calling');
  if (CHITCHAT_ANYWHERE.test(text)) out.push('pleasantry');
  if (THANKS_FOR_DONE.test(text)) out.push('thanks-done');
  if (REPORT_MARKER.test(text)) out.push('report-marker');
  if (FORWARDED.test(text)) out.push('forwarded');
  if (REASSURANCE.test(text)) out.push('reassurance');
  if (MARKET.test(text)) out.push('market');
  if (isStatusQuestion(text)) out.push('status');
  if (isDirectoryQuestion(text)) out.push('directory');
  return out;
}
