/**
 * What kind of emergency a report names: fire, gas, water, someone trapped, someone hurt or ill,
 * violence, someone missing, electricity. Residents describe one fire in many words ("冒烟了",
 * "3栋着火了快来人", "好大的烟"), so reports of one emergency are matched by kind, not wording.
 */
import type { Category } from './types.js';

/** Who can go missing: a person named as such ("有人看到" is not one). */
/** "老金", "老王": an older neighbour called by surname (not 老高 "very high", 老陈醋, 老黄历). */
export const BY_SURNAME =
  '老[王李张刘陈杨赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏邹孟熊秦邱薛段雷侯史陶贺顾郝龚邵钱严武戴孔](?![醋历])';
export const PERSON = new RegExp(
  `${BY_SURNAME}|老人|老太|婆婆|太婆|阿太|阿叔|伯爷|老爷子|老伯|伯伯|爷爷|奶奶|阿婆|阿伯|孩子|小孩|细路|伢|娃|儿子|女儿|老伴|老公|老婆|老豆|老妈|外婆|外公|男孩|女孩|阿爷|阿嫲|阿嬷|阿公|阿妈|个女|个仔|爹爹|娭毑|公公|姥姥|姥爷|老爸|我爸|我妈|父亲|母亲|大爷|大妈|阿姨|叔叔|老头|老太婆|俺爸|俺妈|俺爹|俺娘|孙子|孙女|外孙|孙仔|孙囡|闺女|老倌子|弟弟|哥哥|姐姐|妹妹|舍弟|舍妹|家父|家母`,
);

export type EmergencyKind = 'fire' | 'gas' | 'water' | 'trapped' | 'violence' | 'missing' | 'electric' | 'medical';

// Most telling first: "电梯里有人被困，冒烟了" is a fire; "煤气味" before "烟".
const KINDS: [EmergencyKind, RegExp, RegExp?][] = [
  ['gas', /煤气|燃气|天然气|液化气|石油气|漏气|嘶嘶|臭鸡?蛋|坏鸡蛋|鸡蛋味/],
  [
    'fire',
    /着火|起火|失火|火灾|火势|火苗|火花|火光|冒烟|冒(白|黑|青)烟|有烟|浓烟|黑烟|白烟|(都是|都系|全是|成条[^。，,]{0,4})烟味|烟很大|烟好大|(全是|都是|满是|好大的?|很大的?)烟|烧起来|烧着了|着了火|哪家着了|119|烟(不小|挺大|老大|贼大|可大|真大|特别大|太大)|糊味|焦味|烧焦|焦糊/,
  ],
  [
    'trapped',
    /被困|困在|困人|关在里面|出不来|关在电梯|卡在电梯|(里头|里面|里边)(有)?(孩子|小孩|人|老人)|电梯[^。]{0,16}(中间|半道|半截)[^。]{0,6}(不走|不动|停|卡)/,
  ],
  ['electric', /触电|漏电|电线.{0,4}(冒火|着了|烧)|火星|电火花|打火花|冒火花/],
  ['water', /爆管|爆裂|水管|管子|管道|哗哗|水漫|淹了|进水了?|倒灌|淌水|漫出来|崩了|漏水/],
  [
    'violence',
    /打起来|打架|动手|斗殴|推来推去|揪住|揪着|拳头(都|已经)?(举|抡|挥|砸)|打人|持刀|拿刀|着刀|砍人|扭打|扭在一起|扭成一团|推搡|打交|吵起来|吵架|干起来|撕吧|撕扯|掐架|干仗|(攥|握|举|提|拎|揣|抡)着?(一)?把?(刀|菜刀|匕首|砍刀|棍|棒|扳子|扳手|砖头)|刀子|真刀|刀[^。，,]{0,2}(乱挥|挥|砍|捅)|捅了|砍了/,
  ],
  ['missing', /走失|走丢|丢了孩子|失踪|联系不上|失联|人(不见了|找不到|唔见|[搵揾]唔到)/],
  // Gone or not back, said of a person ("我爸…到现在没回来"), not of a thing ("消防栓箱里头的水带不见了").
  [
    'missing',
    /不见了|唔见|找不到|[搵揾]唔到|(没|冇|未)(有|得)?(回|返)(来|家|屋企|屋)|冇返|未返|(未|没|冇)归|没到家|(没|冇|莫)得家来/,
    PERSON,
  ],
  [
    'medical',
    /摔倒|摔了|跌倒|晕倒|昏倒|昏迷|不省人事|意识|叫不醒|倒在地上|受伤|流血|出血|骨折|心脏病|喘不上气|坠楼|跳楼|轻生|溺水|掉进|起不来|没(什么)?反应|咬|血|烫伤|割伤|撞伤|动不了|一动不动|躺在地上|倒地|呼吸|没气了|抽搐|电话[^。]{0,12}(没人接|不接|打不通|木人接)|门[^。]{0,8}(没人应|不应|没应|木人应|冇人应|无人应|没人开|无应答|没人吱声|不吱声)|独居|一个人住|中毒|120/,
  ],
  // Last: a confused old person described for a search, hurt or ill in none of the words above.
  ['missing', /痴呆|糊涂|失智|脑退化|认知症/],
];

/**
 * The kind of emergency `text` names, or null when it names none of the kinds.
 * @example emergencyKind('3栋2单元冒烟了快来人') // 'fire'
 */
export function emergencyKind(text: string): EmergencyKind | null {
  for (const [kind, re, who] of KINDS) if (re.test(text) && (!who || who.test(text))) return kind;
  return null;
}

/** The categories an emergency of a kind may have, the likeliest first (other kinds: the model decides). */
const KIND_CATEGORIES: Partial<Record<EmergencyKind, Category[]>> = {
  gas: ['safety'],
  fire: ['safety'],
  violence: ['public_order', 'dispute'],
  electric: ['safety', 'facility'],
};

/** The categories the emergency `text` names may have, the likeliest first; undefined when the model decides. */
export const kindCategories = (text: string): Category[] | undefined => {
  const kind = emergencyKind(text);
  return kind ? KIND_CATEGORIES[kind] : undefined;
};
