// The emergency safety net: each cue group pages on its own, and the stand-downs (over, drills,
// hypotheticals, jokes, pets, questions) keep it quiet. Sentences written for this test.
import { describe, expect, it } from 'vitest';
import { emergencyCue } from '../../src/intents/emergency.js';
import { laughs, normalise } from '../../src/intents/normalise.js';

const cue = (t: string) => emergencyCue(normalise(t, ['网格助手']).text);

describe('emergency cues', () => {
  it.each([
    ['violence', '楼下有个男的拿着菜刀在追人'],
    ['gas', '楼道里一股好浓的燃气味 谁家的'],
    ['fire', '2单元门缝底下冒黑烟了'],
    ['trapped', '我婆婆困在电梯里了 七楼和八楼中间'],
    ['missing', '我家老爷子早上出去遛弯 到现在还没回来 电话也不接'],
    ['medical', '孩子把一颗纽扣电池吞下去了'],
    ['unresponsive', '对门阿姨三天没出门了 敲门也没人应'],
    ['height', '有个小孩爬到窗台外面去了 5栋六楼'],
    ['falling', '空调外机吊在半空 下面就是幼儿园门口'],
    ['electric-water', '水都漫到插座那了 还在往上涨'],
    ['open-pit', '学校门口那个井盖没了 一个大洞'],
    ['flood', '厨房水管爆了 水一直喷出来'],
    ['trapped', '部𨋢困咗人 入面有个阿婆'],
    ['missing', '我阿爷唔見咗 佢有腦退化'],
    ['missing', '舍弟患失智症，今晨外出至今未歸，年七十八，身穿灰色外套，若有見到，懇請速告'],
    ['missing', '我老豆有腦退化 頭先喺街市行散咗 而家搵唔到'],
    ['missing', '我家伢子刚才还在楼下滑滑梯一转眼冇看到了'],
    ['trapped', '16#2单元电梯里关着人 卡了半天了'],
    ['unresponsive', '隔籬婆婆平時成日出嚟行 今日冇見人 見佢瞓咗喺地下唔郁'],
    ['fire', '家裡電視後面有燒焦味還有點冒煙'],
    ['violence', '监控看到有个陌生男子在9号楼一层层试着撬门锁 保安已经上去了'],
    ['trapped', '部𨋢停咗喺半路 我同個BB喺入面 撳鐘冇人應 好焗'],
    ['gas', '楼道里一股子呛鼻子的味儿 跟灶台打不着火那会儿一个味 越来越冲 三号楼'],
    ['medical', '刚才在楼梯上摔了一跤腿动不了'],
    ['fire', '走廊的烟感一直在响 保安还没上来'],
    ['gas', '灶脚有一股瓦斯味 真重'],
    ['medical', '我媽媽喺街市唔知點解暈咗'],
    ['violence', '南门对面有一伙人在围殴一个学生'],
    ['height', '11栋天台有个人一直站在边上来回走'],
    ['flood', '暴雨灌进一楼了 家里水到膝盖'],
    ['trapped', '电梯坏在两层中间了 我妈在里面 按铃半天没人接'],
    ['trapped', '我爸在电梯里 电梯突然停了'],
    ['medical', '小区东边围墙塌了一段 有个骑车的大姐被压在底下'],
    ['trapped', '有個BB喺架車入面 車窗全部閂晒 太陽好猛 個BB塊面紅晒'],
    ['medical', '我孙子发烧烧到抽了现在人软软的眼睛也不睁'],
    ['falling', '16楼有一扇窗户的铝合金窗框脱出来了 风一吹就一开一合 底下就是进单元门那条路'],
    ['unresponsive', '对门大姐那屋门我拍了老半天了没人应 窗户缝里往外飘煤烟味儿'],
    ['fire', '后面柴房着起来了 好几捆柴在烧'],
    ['violence', '门口两伙人推来推去 有个小伙子都挨了一拳'],
    ['medical', '我爸突然说心口疼得厉害 一头的汗'],
    ['fire', '抽屉里那个充电宝鼓起来了 还有点烫'],
    ['unresponsive', '楼下独居的老太三日天呒没动静 敲门也呒人应'],
    ['unresponsive', '对门大爷门口的报纸堆了三天 叫他也没回应'],
    ['unresponsive', '二楼那个老爷子俩天没动静了 拍门也没人吱声'],
    ['falling', '六楼窗外那个晾衣铁架子叫风吹得来回晃 一头的螺丝都没了'],
    ['trapped', '停车场那辆车里锁着个小孩 窗户都关着 一直在哭'],
    ['missing', '我爸中午出门到现在还没回来 戴个狗皮帽子 记性不好'],
    ['missing', '阿拉老娘早浪出去到现在还呒没转来 脑子有点糊涂'],
    ['falling', '六楼阳台一只花盆吊勒外头 摇摇晃晃 下头小人勒走路'],
    ['violence', '隔壁男的在吼要打死你 小孩一直在哭'],
    ['height', '有个小孩在9楼走廊外面的护栏上爬 边上没大人'],
    ['unresponsive', '楼上独居的孙伯好几天没见着他了 灯一直没开过'],
    ['fire', '车棚那边冒黑烟了 是不是着火了 快去看看'],
    ['fire', '对面烧烤店的灶台窜火了 火苗老高'],
    ['unresponsive', '二楼阿婆门口的牛奶三天没拿进去了'],
    ['medical', '我爸晚饭吃了自己采的蘑菇 现在一直吐 说看见墙上有小人'],
    // "在外地" is where the family is, not where the danger is.
    ['unresponsive', '对门老周好几天没开门了 敲门也没人应 他女儿在外地'],
    ['electric-water', '天花啲水滴滴答答 啱啱好落喺個插蘇度'],
    ['electric-water', '下水道反水咯 脏水漫到屋里 插板那里都泡到水了'],
    ['violence', '有人在撬3栋2单元的防盗门 就现在 戴着帽子'],
    ['medical', '谁能帮我带我妈去医院 她摔了'],
    ['medical', '谁顺路帮我带我家老头去医院 他站不起来了'],
    ['fire', '快来人 谁帮我把孩子带出来 屋里好大的烟'],
    ['medical', '今天要是再没人来 我妈这腿怎么办 她摔在地上起不来'],
    ['unresponsive', '301杭老伯 敲了五分钟门勿应 门口昨日个牛奶还勒海'],
    ['unresponsive', '我姥爷自己一个人住 打他电话打了一上午都没人接 麻烦谁去看一眼'],
    ['unresponsive', '敲了好几遍门木人应 屋里灯还亮着'],
    ['gas', '屋里生着煤炉子 我婆婆说头晕恶心'],
    ['medical', '我屋里外婆从台阶上跌下来哒 一直喊痛 起不来'],
    ['falling', '3栋那个招牌歪了 一半耷拉着 底下是公交站'],
    ['falling', '楼下刚掉了一块外墙砖 上面还有好几块翘着 进出的人多'],
    ['electric-water', '配电房门口的雨水一直往里灌 里面嗡嗡响'],
    ['fire', '插座啪啪响 仲有阵燶味'],
    ['falling', '篮球场的篮筐架子歪了 晃得很厉害 感觉马上要倒 现在还有小学生在下面玩'],
    ['medical', '救护车来了但是进不来 消防通道被堵了'],
    ['flood', '如果你们再不来 水就要淹到门口了'],
    ['fire', '前阵子报的那个电线 今天又冒火花了'],
    ['electric-water', '楼上往下滴水滴到我家电灯那里了 灯一闪一闪的'],
    ['violence', '烧烤摊那边两个喝醉哒的打起来哒 有一个手里拿哒把刀'],
    ['violence', '楼下有个喝多了的男的拿根钢管在那挥 说要砸车'],
    ['missing', '我屋老头子早上七点多出去买早餐到现在都冇回来 他有点老年痴呆'],
    ['trapped', '那辆白车后排有个小娃娃在哭 窗子全部关起的 大人不晓得哪去了'],
    ['violence', '两个档主又吵起来了 有人揸住把鱼刀 两个扯住对方'],
    ['gas', '楼道里有股味道怪得很 像做饭那个气的味 我闻了头都有点昏'],
    ['medical', '隔壁阿婆讲跌了一跤 爬勿起来 门反锁了'],
    // The North-west's 咧 for 了, and an older man called by surname, gone, whose mind wanders (Jinhua Wu).
    ['violence', '楼下两个人打起来咧 一个手里提个铁锨 吓死人咧'],
    ['missing', '胡师傅 我拉老金弗见了 我困了一歇醒过来 渠人弗在 伞也没带 手机丢在桌上 渠脑子弗清爽'],
    // A toddler shut in alone, told with the keys and the phone inside; a tile over a walkway that may fall any moment.
    ['trapped', '我下楼拿个快递 门让风一带咣当锁上了 钥匙手机都在屋里 团团自己在里面 才两岁半 在门里面哭'],
    ['falling', '巡查发现12号楼顶层外墙一块瓷砖松动悬空，下方为人行通道，随时可能坠落，请尽快处置。'],
  ])('%s: %s', (expected, text) => expect(cue(text)).toBe(expected));

  it.each([
    '炭炉烧起来了 水开了 大家过来喝茶',
    '楼梯口有个烟头还冒烟 我给踩灭了 抽烟的别乱扔',
    '昨天电梯困人的事已经处理好了 大家放心',
    '小区最近有人撬电动车锁 大家停车注意',
    '刚才看到有人在车棚撬电动车锁 我一喊他就跑了',
    '昨儿个有个老太太还摔了一跤 单元门口那冰面老厚了',
    '有人在小区里烧树叶，烟特别大',
    '我家橘猫昨晚从阳台跑出去了 到现在没回来',
    '老张家的狗不见了 黄色的 看到的说一声',
    '我们大院1989年也淹过一回 那时候我还在厂里上班 水到膝盖',
    '夜儿个黑夜楼上嗵的一声 我以为谁家老人跌倒咧 上去一看是猫儿把花盆子蹬翻了 不咋',
    '我家橘猫才一岁 从阳台跑出去了 到现在没回来',
    '阳台那盆花放得太靠边 哪天怕是要掉下来',
    '物业通知明天测试烟感报警器 会响一下 大家别慌',
    '刚才的烟感是误报 有人在楼道抽烟',
    '夜里野猫钻进来困在楼梯底下 叫了一晚上',
    '门口的快递好几天没人拿走了',
    '上礼拜电梯卡了一回 里头俩人 物业很快整出来了 没啥事',
    '那阵烟是楼下熏腊肉 莫慌 不是起火',
    '下午三点消防演练 大家听到警报别慌',
    '万一煤气泄漏了应该先关阀门吧',
    '加班加到我原地晕倒😂',
    '我家柯基走丢了 白色的 看到告诉我',
    '电梯困人的话应该打哪个电话',
    '刚才冒烟那个是楼下烧烤 没事',
    '收到，马上过去，大家别靠近电箱',
    '楼道里堆的纸箱着火了都跑不出去 物业清一下',
    '外墙瓷砖随时会掉下来 找人修一下',
    '要不先用毛巾把灯那儿围上 别滴到灯上',
    '今日打风困喺屋企真系顶唔顺',
    '今天送了一百多单腿都跑断了',
    '电梯里面有人抽烟 烟味好大',
    '电梯坏了 停在5楼 里面没人',
    '快递被压在最下面了',
    '我家窗户玻璃有点松动 找人来看看',
    '孩子在车里睡着了 我下去拿个快递',
    '小孩发烧了 抽了血化验',
    '楼下那家烤肠香得我要晕过去了',
    '小区东门的健身器材扶手断了',
    '佢成日打老婆 真系睇唔过眼',
    '老刘家三天没开门 原来是去女儿家了 刚打通电话 人好好的',
    '我家狗狗跑丢了 戴着红项圈 谁看到说一声',
    '别慌 那股烟是楼下炒辣椒 不是谁家着火了',
    '我家阿黄走失了 土黄色的中华田园犬 看到请告诉我',
    '万一今朝夜里雨再大 弄堂里又要水漫金山哉',
    '消防通道被几辆私家车堵死了，真出点事消防车都进不来',
    '门开开了 杭老伯跌勒卫生间地上 人是醒格 120已经来了',
    '12座升降機成日壞，尋日仲困咗人喺入面半個鐘，今日又停咗',
    '这家店快倒闭了',
    '前两日走丢的那个老人已经寻到了 多谢大家',
    '刚才有人问是不是着火了 不是 是楼下饭店排风',
    '电视剧里那个老头在电梯里晕倒了 吓我一跳',
    '前年台风那次一楼水淹到膝盖 电表箱都泡坏了',
    '烧蜂窝煤容易头疼 大家睡前记得开窗通风',
    '我妈一个人住 电话打不通 估计又去跳广场舞了',
    '上个月掉了块外墙砖 物业已经修好了',
    '空调外机架子有点歪了 物业说下周来加固 现在没风',
    '哪里有修老花镜的 我的眼镜腿断了 戴着老往下掉',
    '我拿根钢管去通下水道 堵得死死的',
    '老卞 我那把伞骨头断了两根 等下拿给你',
    '他拿着酒瓶在楼下喝 喝完还唱歌',
    '我拿把刀切西瓜 大家下来吃',
    '电视话汕头有条村水浸到腰 睇到都惊',
    '唔该大家留意下 我阿爷支拐杖唔见咗 可能跌喺花园',
    '楼下电动车冒烟那次已经搞定咯 消防来看过 讲是线老化',
    '电瓶车停在消防通道上 消防车来了都进不来',
    '拿着把刀切西瓜 大家来吃',
    '车上有个小孩在哭 他妈在哄',
    '楼道垃圾臭得我恶心想吐',
    '假如停电 部电梯会唔会困住人㗎 我好惊',
  ])('quiet: %s', (text) => expect(cue(text)).toBeNull());

  it('stands down for a joke told with laughter, which normalise removes from the text', () => {
    const joke = '着火了着火了🔥 锅里的油炒冒烟了[破涕为笑]';
    expect(emergencyCue(normalise(joke).text, laughs(joke))).toBeNull();
    expect(emergencyCue(normalise(joke).text, false)).toBe('fire');
  });
});

// Whole-reader urgency on the sets of emergencies in everyday words and their near-misses. Each
// was written blind and scored once before it became a regression set (docs/nlu.md has the first
// scores); the floors are the figures reached since.
describe('urgency through the whole reader', async () => {
  const { readFileSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  const { reader } = await import('../support/reader.js');
  const pipeline = await reader();
  const floors: [string, number, number][] = [
    ['urgency-2', 1, 0.96],
    ['urgency-3', 1, 0.97],
    ['urgency-4', 1, 0.95],
    ['urgency-5', 1, 0.96],
  ];
  it.each(floors)('%s: recall ≥ %d, precision ≥ %d', (name, recall, precision) => {
    const file = resolve(import.meta.dirname, `../../data/nlu/urgency/${name}.jsonl`);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { text, urgent } = JSON.parse(line) as { text: string; urgent: boolean };
      const got = pipeline.read(text, new Date()).urgent;
      if (got && urgent) tp++;
      else if (got) fp++;
      else if (urgent) fn++;
    }
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(recall);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(precision);
  });
});
