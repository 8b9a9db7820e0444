/**
 * The parts an emergency is told with, as word classes: who (a person, a child, an elder), what
 * happens to them (hurt, down, trapped, missing), what is wrong around them (water, electricity,
 * smoke, gas, height, violence) and when (now, or over). The reader gets each class and each pair
 * of classes as features, so "water" next to "socket" or "child" next to "windowsill" can weigh
 * more than either word alone; the model learns how much.
 */

const CLASSES: [string, RegExp][] = [
  [
    'person',
    /人|老人|老太|老头|大爷|大妈|阿姨|奶奶|爷爷|婆婆|阿婆|阿伯|伯伯|老伴|老公|老婆|先生|媳妇|儿子|女儿|我妈|我爸|邻居|小伙|外卖|快递员|住户|他|她|佢/,
  ],
  ['vulnerable', /孩子|小孩|宝宝|婴儿|娃|细路|仔|孙子|孙女|老人|老太|老爷子|痴呆|糊涂|残疾|轮椅|独居|孕妇|病人/],
  [
    'harm',
    /流血|出血|血|烫|烧伤|骨折|摔|跌|倒|晕|昏|抽搐|抽筋|抽|吞|咬|喘|呼吸|胸口|心脏|发紫|发乌|口吐|中风|说话不清|叫不醒|没反应|冇反应|不动|唔郁|起不来|瘫|伤|砸到|高烧|发烧|烧到|惊厥|翻白眼/,
  ],
  ['trapped', /困|关在|锁在|反锁|锁咗|卡在|卡住|出不来|打不开|开不了|在里面|喺入面|入面|停在半空|悬空/],
  ['missing', /走丢|走失|不见|找不到|联系不上|没回|冇返|未返|没到家|电话不接|打不通|离家|出走|跳河|轻生|想不开|寻死/],
  ['water', /水|漏|淹|浸|灌|爆管|爆了|崩|渗|冲/],
  ['electric', /电|插座|插头|插蘇|插苏|电箱|电表|电线|电闸|总闸|配电|开关|灯|充电|电池|电瓶/],
  ['smoke', /烟|糊|焦|燶|烧|火|冒|爆|火花|噼里啪啦|啪啪|鼓包|鼓起|发烫|烫手/],
  ['gas', /气味|味道|臭鸡蛋|燃气|煤气|天然气|液化气|嘶嘶|呲呲|漏气|报警器|一氧化碳/],
  [
    'height',
    /楼上|高空|高层|阳台|窗|窗台|窗框|护栏|栏杆|天台|屋顶|楼顶|外墙|空调外机|花盆|玻璃|广告牌|树枝|脚手架|冰溜|冰柱|掉|坠|落|晃|松了|摇/,
  ],
  ['violence', /刀|棍|打人|打架|动手|拽|拖|抢|砍|捅|醉|砸|追|威胁|拿着|酒瓶|咬人|疯狗/],
  ['now', /刚刚|刚才|现在|而家|依家|正在|还在|仲|一直|快来|赶紧|马上|怎么办|点算|咋办|救|帮|急|！|!/],
  [
    'over',
    /上周|上个月|昨天|昨晚|前天|去年|之前|以前|已经|早就|没事了|冇事|演练|演习|假的|谣言|不是|唔系|虚惊|原来是|送医院了|救出来了|找到了/,
  ],
];

/** The classes present in a text, then every pair of them. */
export function dangerFeatures(text: string): string[] {
  const present = CLASSES.filter(([, re]) => re.test(text)).map(([name]) => name);
  const out = present.map((c) => `d:${c}`);
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) out.push(`d:${present[i]}+${present[j]}`);
  }
  return out;
}
