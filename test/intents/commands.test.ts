import { describe, expect, it } from 'vitest';
import { NOT_AN_ID } from '../../src/common/ids.js';
import { reader } from '../support/reader.js';

const ref = new Date('2024-11-27T10:00:00+08:00');
const p = await reader();
const read = (t: string) => p.read(t, ref);

describe('commands with the ticket before or after the verb', () => {
  it.each([
    ['接单 #12', 'claim', 12],
    ['#12 我来处理', 'claim', 12],
    ['收到#12马上去', 'claim', 12],
    ['＃12 我去处理', 'claim', 12],
    ['办结 #12 已换灯泡', 'resolve', 12],
    ['#18 已解决', 'resolve', 18],
    ['12号处理好了', 'resolve', 12],
    ['15号工单已完成', 'resolve', 15],
    ['转派 #20 @王师傅', 'reassign', 20],
    ['#12 转给物业', 'reassign', 12],
    ['进展 #21 已联系电工', 'progress', 21],
    ['#12 跟进：明天来修', 'progress', 12],
    ['重开 #18', 'reopen', 18],
    ['#12 又坏了', 'reopen', 12],
    ['上报 #26', 'escalate', 26],
    ['#12 升级到社区', 'escalate', 12],
    ['撤销 #27', 'cancel', 27],
    ['#12 不用修了', 'cancel', 12],
  ])('%s → %s #%i', (text, command, ticket) => {
    const r = read(text);
    expect(r.intent).toBe('command');
    expect(r.command).toBe(command);
    expect(r.ticket).toBe(ticket);
  });

  it.each([
    ['#14 办完了 灯泡换了', 'resolve', 14],
    ['#22 撤了嘛 住户自己找人修好了', 'cancel', 22],
    ['35号取消 重复报的', 'cancel', 35],
    ['#40 呢單轉畀物業跟', 'reassign', 40],
    ['#41 交畀我啦，我嚟搞', 'claim', 41],
    ['#42 交给我吧', 'claim', 42],
    ['#33 已經聯絡咗水電師傅 聽日上晝嚟', 'progress', 33],
    ['这个38号我们网格解决不了，升到社区吧', 'escalate', 38],
    ['接单三十七号下午我过去看看', 'claim', 37],
    ['把27并到26', 'merge', 27],
    ['14号师傅明儿上午到', 'progress', 14],
    ['#43 我来跟进', 'claim', 43],
    ['#44 俺接了 下午去看看', 'claim', 44],
    ['#45 俺不修了 俺自个儿找人弄好了', 'cancel', 45],
    ['#46 不属于物业管辖范围，请转社区处理', 'reassign', 46],
    ['#47 俺去 一会儿就到', 'claim', 47],
    ['进展 #48 已经跟他家讲好了 明天拆', 'progress', 48],
  ])('plain synonyms: %s → %s #%i', (text, command, ticket) => {
    const r = read(text);
    expect([r.intent, r.command, r.ticket]).toEqual(['command', command, ticket]);
  });

  it('reads 还修不修了 as pressing for status, not a withdrawal', () =>
    expect(read('#8 到底还修不修了').intent).toBe('status'));
  it('reads a merge of two bare numbers', () => expect(read('把27并到26').args.secondTicket).toBe(26));
  it('reads a merge verb before two bare numbers', () => {
    const r = read('合并 41 到 38');
    expect([r.command, r.ticket, r.args.secondTicket]).toEqual(['merge', 41, 38]);
  });
  it('reads a hand-over to an office as a reassignment', () =>
    expect(read('#52 转自来水公司了 管子是他们的').command).toBe('reassign'));
  it('lets a leading 进展： decide over done-sounding words after it', () => {
    const r = read('#33 进展：水电工约好了 周五下午过来');
    expect([r.command, r.ticket]).toEqual(['progress', 33]);
  });
  it('reads a work-order number spelt out after a few words', () =>
    expect(read('我那个灯的事 单号好像是八十六 有人管没').ticket).toBe(86));

  it('reads a notice to a place written without a space', () => {
    const r = read('通知全网格：明天上午9点到12点停水，请大家提前储水。');
    expect([r.command, r.args.place?.level]).toEqual(['notify', 'grid']);
    expect(r.args.note).toContain('停水');
  });

  it('keeps a building number apart from a ticket number', () => {
    const r = read('12号楼的电梯坏了');
    expect(r.intent).toBe('report');
    expect(r.ticket).toBeNull();
    expect(r.location.building).toBe('12');
    expect(read('16#2单元电梯按键失灵').intent).toBe('report');
  });

  it('reads a duplicate withdrawn as a cancel, and 已接 as taking it on', () => {
    expect(read('#57 跟上面那个重复了 撤了吧').command).toBe('cancel');
    expect(read('#57 重复了').command).toBe('merge');
    expect(read('#58 不用管了 他们自己整好了').command).toBe('cancel');
    expect(read('#59 维修班已接 十分钟到').command).toBe('claim');
  });

  it('reads a house number after a word of going or place as an address, not a ticket', () => {
    expect(read('收到 我十点巡街先到45号看看 屋主不在家').ticket).toBeNull();
    expect(read('收到 18号 马上去').ticket).toBe(18);
  });
});

describe('command arguments', () => {
  it('merge names the ticket first and the target second', () => {
    expect(read('合并 #13 到 #12')).toMatchObject({ command: 'merge', ticket: 13, args: { secondTicket: 12 } });
  });

  it('followup reads satisfied and unsatisfied', () => {
    expect(read('回访 #12 满意')).toMatchObject({ command: 'followup', ticket: 12, args: { satisfied: true } });
    expect(read('#12 回访 不满意')).toMatchObject({ command: 'followup', ticket: 12, args: { satisfied: false } });
  });

  it('reassign names the target with @ or 转给', () => {
    expect(read('转派 #20 @王师傅').args.targetName).toBe('王师傅');
    expect(read('#12 转给物业').args.targetName).toBe('物业');
  });

  it('resolve and progress keep the note', () => {
    expect(read('办结 #12 已换灯泡').args.note).toBe('已换灯泡');
    expect(read('进展 #21 已联系电工').args.note).toBe('已联系电工');
  });

  it('escalate names the level', () => {
    expect(read('#12 升级到社区').args.place?.level).toBe('community');
  });

  it('corrections change a category or a place', () => {
    expect(read('#12 改为 安全隐患')).toMatchObject({ command: 'correct', ticket: 12, args: { category: 'safety' } });
    expect(read('#12 改成 dispute')).toMatchObject({ command: 'correct', args: { category: 'dispute' } });
    expect(read('#12 位置 3栋2单元')).toMatchObject({
      command: 'correct',
      args: { place: { level: 'unit', building: '3', unit: '2' } },
    });
  });

  it('notify takes a place and the text', () => {
    expect(read('通知 全网格 明天停水')).toMatchObject({
      command: 'notify',
      args: { place: { level: 'grid' }, note: '明天停水' },
    });
    expect(read('通知 3栋2单元 今晚8点停电')).toMatchObject({
      args: { place: { level: 'unit', building: '3', unit: '2' } },
    });
  });

  it('schedule takes a recurrence or an instant, and keeps unreadable times as text', () => {
    const weekly = read('定时 每周五15:00 消防提醒：楼道禁止电动车充电');
    expect(weekly).toMatchObject({
      command: 'schedule',
      args: { whenText: '每周五15:00', note: '消防提醒:楼道禁止电动车充电' },
    });
    expect(weekly.args.when).toEqual({ kind: 'recurring', cron: '0 15 * * 5', text: '每周五15:00' });
    const one = read('定时 明天上午9点 全网格 打疫苗');
    expect(one.args.when?.kind === 'once' && one.args.when.at.toISOString()).toBe('2024-11-28T01:00:00.000Z');
    expect(one.args.place?.level).toBe('grid');
    const bad = read('定时 改天 消防提醒');
    expect(bad).toMatchObject({ command: 'schedule', args: { whenText: '改天', note: '消防提醒' } });
    expect(bad.args.when).toBeUndefined();
  });

  it('bind takes a place or a code', () => {
    expect(read('绑定 3栋')).toMatchObject({ command: 'bind', args: { place: { level: 'building', building: '3' } } });
    expect(read('绑定 123456')).toMatchObject({ command: 'bind', args: { code: '123456' } });
  });

  it('reads the commands beyond SPEC', () => {
    expect(read('#12 记录')).toMatchObject({ command: 'history', ticket: 12 });
    expect(read('#12 历史')).toMatchObject({ command: 'history', ticket: 12 });
    expect(read('积分榜').command).toBe('points');
    expect(read('定时列表').command).toBe('schedules');
    expect(read('后台').command).toBe('console');
    expect(read('登录后台').command).toBe('console');
    expect(read('后台的灯坏了').command).not.toBe('console');
    expect(read('取消定时 3')).toMatchObject({ command: 'unschedule', args: { scheduleId: 3 } });
    expect(read('走访 张三 已完成 身体不错')).toMatchObject({
      command: 'visit',
      args: { targetName: '张三', note: '身体不错' },
    });
  });

  it('reads ticket-free commands only as whole messages', () => {
    expect(read('日报').command).toBe('digest');
    expect(read('今天的汇总').command).toBe('digest');
    expect(read('我的待办').command).toBe('todo');
    expect(read('帮助').command).toBe('help');
    expect(read('灭火器怎么用').intent).toBe('report');
  });
});

describe('status', () => {
  it.each([
    ['#12 怎么样了', 12],
    ['15号工单有进展吗', 15],
    ['查询#5', 5],
    ['#29 进展', 29],
    ['我报的路灯修好了吗', null],
    ['上次反映的漏水问题处理得怎么样', null],
    ['No.48 有人管吗', 48],
    ['#三十五 搞掂未', 35],
    ['我上礼拜报的那个四十一号 咋还没动静', 41],
    ['我那个第十四号单 有没有人在处理', 14],
  ])('%s', (text, ticket) => {
    const r = read(text);
    expect(r.intent).toBe('status');
    expect(r.command).toBeNull();
    expect(r.ticket).toBe(ticket);
  });
});

describe('numbers that are not tickets, and commands in a sentence', () => {
  it('reads "7号的几位老人家" as the people of no. 7', () =>
    expect(read('好的，我去跟7号的几位老人家说一声').ticket).toBeNull());
  it('reads a ticket passed to the utility that owns it as a reassignment', () =>
    expect(read('#61 这个属于自来水公司的管网 我们转过去了').command).toBe('reassign'));
  it('reads "9号到15号" and "3号、5号" as house numbers, not tickets', () => {
    expect(read('电表箱嗰单搞掂 供电局换咗个新箱 9号到15号已经复电').ticket).toBeNull();
    expect(read('3号、5号都停电了').ticket).toBeNull();
    expect(read('12号处理好了').ticket).toBe(12);
  });
  it('binds a chat named in a sentence', () => {
    const r = read('把这个群绑到九幢');
    expect(r.command).toBe('bind');
    expect(r.args.place?.building).toBe('9');
  });
  it.each([
    ['这个小助手我不会弄 能干啥啊 教教我', 'help'],
    ['今天进来多少单 哪些超时了 给我捋一下', 'digest'],
    ['帮我通知一下全网格 周六上午九点到十二点停电', 'notify'],
    ['我是6号楼的楼长 把我绑到6号楼', 'bind'],
    ['38号单子归错类了 应该算邻里纠纷', 'correct'],
    ['#18 这个归到环境卫生不对吧 楼道堆的是煤气罐 得算安全那块', 'correct'],
    ['#37 那个算了 我自己找师傅修好了', 'cancel'],
    ['@网格助手 通知3号楼全体住户 周六上午九点到十一点电梯维保停运', 'notify'],
    ['#57 不麻烦了 我家自己找人修好了', 'cancel'],
    ['#15 昨天说修好了 今天又不出热水了', 'reopen'],
    ['我剛報的那個不用了 已經沒事了', 'cancel'],
    ['帮我给7号楼全体发个通知：周四下午水箱清洗 停水', 'notify'],
    ['#41 类别分错了 这个不是设施报修 改成安全隐患', 'correct'],
    ['我刚刚报的那个楼道灯的 现在又亮了 帮我取消好了', 'cancel'],
    ['今天的汇总给我瞅瞅', 'digest'],
    ['#26 一个礼拜都搞不定 物业说不归他管 麻烦报上社区', 'escalate'],
    ['#52 这个不算设施报修 应该归安全隐患', 'correct'],
    ['帮我给全小区发一下：周六上午停电', 'notify'],
    ['#33 那个不用弄了 是自家跳闸', 'cancel'],
  ])('reads a command asked for in a sentence: %s', (text, command) => expect(read(text).command).toBe(command));
  it('reads "咋还…" with a ticket as a question', () => expect(read('47号那单咋还显示处理中').intent).toBe('status'));
  it('reads "又没人来" with a ticket as a question, not a relapse', () =>
    expect(read('#9 又没人来').intent).toBe('status'));
  it('takes "归我" as a claim and "撤了" as a cancel', () => {
    expect(read('#33 归我').command).toBe('claim');
    expect(read('撤了#44 两个人报的同一件').command).toBe('cancel');
  });
});

describe('numbers that cannot be a ticket', () => {
  it.each([
    ['#999999999999999999999', null],
    ['接单 #2147483648', 'claim'],
    ['重开 #1.5', 'reopen'],
    ['重开 #1e9 位置 3栋2单元', 'correct'],
    ['办结 #0', 'resolve'],
    ['工单99999999999处理好了', 'resolve'],
    ['合并 #1.5 到 #2', 'merge'],
  ])('%s reads as no ticket at all, never a truncated one', (text, command) => {
    const r = read(text);
    expect(r.ticket).toBe(NOT_AN_ID);
    if (command) expect(r.command).toBe(command);
  });

  it('reads the second ticket of a merge whole', () => {
    expect(read('合并 #2 到 #1e9').args.secondTicket).toBe(NOT_AN_ID);
    expect(read('合并 #2 到 #2147483647').args.secondTicket).toBe(2_147_483_647);
  });

  it('reads schedule numbers whole', () => {
    expect(read('取消定时 999999999999').args.scheduleId).toBe(NOT_AN_ID);
    expect(read('取消定时 1.5').args.scheduleId).toBe(NOT_AN_ID);
    expect(read('取消定时 3').args.scheduleId).toBe(3);
  });
});

describe('commands in words the rules do not know (the learned command head)', () => {
  it.each([
    ['看下我的待办', 'todo'],
    ['我手上还有啥没办的', 'todo'],
    ['今天情况汇总发我看看', 'digest'],
    ['这机器人咋用', 'help'],
  ])('%s → %s', (text, command) => {
    const r = read(text);
    expect([r.intent, r.command]).toEqual(['command', command]);
  });

  it("leaves a head's announcement to the group as chatter, not a notice to send", () => {
    expect(read('大家注意 明天上午9点到12点停水 提前接好水').command).not.toBe('notify');
  });

  it('reads a report that opens like a request to a head as a report', () => {
    const r = read('罗网格长我是6栋2单元401的王婆婆我屋头厨房顶上在滴水是楼上501漏下来的你帮我看一下嘛');
    expect(r.intent).toBe('report');
  });

  it('never reads a forwarded post as a report', () => {
    expect(read('【轉發】退休長者注意：自稱社保局打電話叫你辦理養老金認證嘅全部係騙子').intent).toBe('chitchat');
  });

  it('does not page from the model alone on pinyin', () => {
    expect(read('5dong dan yuan men jin shua bu kai le song wai mai jin bu qu').urgent).toBe(false);
  });
});

describe('numbers that are tickets, and ones that are not', () => {
  it.each([
    ['十五号单子修得怎么样了', 'status', null, 15],
    ['第二十號單處理得怎麼樣', 'status', null, 20],
    ['廿六号单子到底有人管伐', 'status', null, 26],
    ['#31 派给物业了吗', 'status', null, 31],
    ['催一下#18 楼下那个噪音', 'status', null, 18],
    ['17号单子弄好了伐', 'status', null, 17],
    ['7号弄好了', 'command', 'resolve', 7],
    ['进展 第六号 已上门看过了', 'command', 'progress', 6],
    ['#19 阿拉弄勿好 报到居委会去', 'command', 'escalate', 19],
    ['#22 交拨三单元王阿姨跟一跟', 'command', 'reassign', 22],
    ['14号单转燃气公司', 'command', 'reassign', 14],
    ['#78 业主已确认修复，工单关闭。', 'command', 'resolve', 78],
    ['#77 勿用修了 伊自家好了', 'command', 'cancel', 77],
    ['#33 派错了 改为刘楼长负责', 'command', 'reassign', 33],
    ['#24 又坏了 上礼拜才修的 啥子质量嘛', 'command', 'reopen', 24],
    ['#57 个灯又勿亮哉', 'command', 'reopen', 57],
    ['工单#50 物业已接单，正在安排人员。', 'command', 'claim', 50],
    ['#145 覅来了 阿拉儿子修好了', 'command', 'cancel', 145],
    ['#57 不用派人了 我兒子已經幫我換好燈管', 'command', 'cancel', 57],
    ['#121 业主反映维修后仍有渗水，重新派单处理。', 'command', 'reopen', 121],
    ['工单#110已受理，维修人员将于今日14:00前到场。', 'command', 'claim', 110],
  ])('%s → %s %s #%i', (text, intent, command, ticket) => {
    const r = read(text);
    expect(r.intent).toBe(intent);
    expect(r.command).toBe(command);
    expect(r.ticket).toBe(ticket);
  });

  it.each([
    ['今天一共进来几单 还有几个没办结的 给我看看', 'digest'],
    ['咨询一下，这个系统怎么查看派给物业的工单？', 'help'],
    ['@网格助手 怎么报修啊 直接在群里发就行？', 'help'],
    ['这个东西哪能用 阿拉勿会', 'help'],
  ])('%s → %s', (text, command) => expect(read(text).command).toBe(command));

  it('reads a bind asked for in a sentence that names the place', () => {
    const r = read('我是9号楼新来的楼长 麻烦帮我绑定一下');
    expect([r.intent, r.command, r.args.place?.building]).toEqual(['command', 'bind', '9']);
    expect(read('帮我绑一下鞋带').command).toBeNull();
  });

  it.each(['2号梯修好了 大家可以坐了', '3号车位又被人占了', '我19号那天报的路灯 现在安排了没有'])(
    '%s names no ticket',
    (text) => expect(read(text).ticket).toBeNull(),
  );
});
