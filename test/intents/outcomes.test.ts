// How a matter ended, told without a done word; a plan told beside it; the commands, stand-downs and
// talk that blind-59 and the Zigong and Shiyan streams found read wrongly (2026-12-05f).
import { describe, expect, it } from 'vitest';
import { emergencyCue } from '../../src/intents/emergency.js';
import { normalise } from '../../src/intents/normalise.js';
import { reader } from '../support/reader.js';

const pipeline = await reader();
const read = (text: string) => pipeline.read(text, new Date('2026-12-05T10:00:00+08:00'));
const cue = (text: string) => emergencyCue(normalise(text).text);

describe('an end told without a done word', () => {
  it.each([
    '灯泡换了 声控开关也紧了一下 现在一拍就亮',
    '门开了 阿婆扶起来了 在沙发上坐着 胯子冇得事 手腕子擦破点皮',
    '是六楼的 亲戚来耍 说了 他们把桌子搬到里屋去了 声音小了',
    '120把石婆婆接走了 我跟车去的 医生说送得及时 是心绞痛 在观察 人清醒的',
    '燃气公司师傅查了 是四楼那家灶台后头的胶管老化裂了 阀门关了 给他换了根新管子 现在没得味道了',
    '线从梯坎上拿开了 用杆子架到两米多高了 底下走路碰不到',
  ])('%s', (text) => expect(read(text).saysSettled || read(text).saysDone).toBe(true));
  it('a cone set upright again is no person helped up', () =>
    expect(read('周叔我又去扶起来了 拿沙袋压上了 市政说四点前到').saysSettled).toBe(false));
  it('a part bought, to fit once the power is back, is progress', () => {
    const r = read('灯管买回来了，来电后换。');
    expect(r.command).toBe('progress');
  });
});

describe('commands in blind-59’s words', () => {
  it.each([
    ['这周的情况汇总下 开会要用', 'digest', null],
    ['工单#88已接收，维修班张师傅20分钟内到场。', 'claim', 88],
    ['#90 非物业服务范围（户内管道），已转社区网格处理。', 'reassign', 90],
    ['#52 跟业主沟通过了 她同意让工人进屋看管道', 'progress', 52],
  ])('%s', (text, command, ticket) => {
    const r = read(text);
    expect([r.command, r.ticket]).toEqual([command, ticket]);
  });
  it.each([
    ['#45 修好了 谢谢师傅 给个五星好评', 'followup'],
    ['收到#85 马上安排电工过去', 'claim'],
    ['#91 歹势 免修了 是阮自己插头没插好', 'cancel'],
    ['呢个机械人识做啲乜嘢㗎 有冇指令表睇下', 'help'],
  ])('%s (blind-60)', (text, command) => expect(read(text).command).toBe(command));
  it('voice input’s 井号 is #', () => expect(read('井号14那个下水道修了没有啊问问').ticket).toBe(14));
  it('a matter of last month told to its end is no step on today’s work', () =>
    expect(read('上個月電梯困人的事情，物業已經處理好，也做了檢修，大家放心。').command).toBeNull());
});

describe('talk, not reports', () => {
  it.each([
    '昨晚二號樓那邊冒的煙，其實是有人在燒落葉，已經被保安勸止了。',
    '我擔心颱風季節樓頂的太陽能熱水器會被吹下來，不過現在看還很牢固。',
    '啱啱睇TVB 剧入面有人喺电梯度晕低 吓死我',
    '阿拉一个人住 今朝要勿是冯家小妹 勿晓得要躺到啥辰光',
    '提醒：22栋有住户反映闻到煤气味，燃气公司已来检查，是楼下餐馆排风，已处理，大家放心',
    '早上风把我家阳台那个晾衣杆吹掉下去了 幸好底下没人 掉在绿化带里了 我刚下去捡回来了',
  ])('%s', (text) => expect(read(text).intent).toBe('chitchat'));
  it('a notice headed "提醒：" is an announcement', () =>
    expect(read('提醒：今天5栋有人冒充二汽退管办上门骗证件，已经被派出所抓了。').act).toBe('announce'));
});

describe('still waiting, in other words (a chase from the one who reported it)', () => {
  it.each([
    '那辆面包车还在那堵着 贴条了冇啊 下午消防要来检查的',
    '石单元长 天气预报讲后天要下雨 那瓦匠明天真的来吧 莫到时候屋里接盆子',
    '来电没啊 都俩钟头了 手机就剩百分之八',
  ])('%s', (text) => expect(read(text).saysWaiting).toBe(true));
});

describe('reports all the same', () => {
  it('a tile fallen with nobody hurt, more loose above', () =>
    expect(read('外墙早上掉了一块瓷砖 砸在花坛里 还好没砸到人 上面那排还有几块鼓起来的 迟早要掉').intent).toBe(
      'report',
    ));
  it('a lift stuck with nobody in it is still a fault', () =>
    expect(read('二号楼电梯停在四楼不动了门也不开还好里面没人我刚走出来').intent).toBe('report'));
  it('a drill at seven in the morning, complained of', () =>
    expect(read('楼上那家装修的 大清早七点多就开电钻 嗡嗡嗡的 不是说八点以后才能整吗 嘎哈呢这是').intent).toBe(
      'report',
    ));
  it('a branch split and hanging over the drying lines', () =>
    expect(read('楼前头那棵老树 有根大枝丫裂开了 吊起的 底下是大家晒被子的铁丝').intent).toBe('report'));
  it('a door unanswered three days where a man lives alone pages', () =>
    expect(read('对门老李家门敲了三天木人开 报纸还搁门口堆着 他一个人住 俺心里不得劲').urgent).toBe(true));
});

describe('no danger in these words', () => {
  it('pipes and wires to be replaced next year', () => expect(cue('明年老旧小区改造 水管电线都换')).toBeNull());
  it('a drain tried after its repair', () => expect(read('试了 水哗哗往下走了 得劲').urgent).toBe(false));
  it('a stick taken up against stray dogs', () => expect(cue('俺下去拿棍子吓唬吓唬它们')).toBeNull());
  it('a smell mistaken for gas', () => expect(cue('俺说哪来的糊味 还以为又是那个臭鸡蛋味')).toBeNull());
  it('…while a stick against a person is a fight', () => expect(cue('楼下有人拿着棍子打人')).toBe('violence'));
  it('…and water down the stairs onto the meter box pages', () =>
    expect(read('三楼哪家水管子爆了 水顺着楼梯往下淌 一楼电表箱那一块墙都湿透了 还在滴').urgent).toBe(true));
});
