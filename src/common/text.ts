/**
 * Every Chinese sentence the bot says, in one place, keyed by purpose.
 * Each refusal says the reason, then the next step.
 */

export const CATEGORY_NAMES: Record<string, string> = {
  facility: '设施报修',
  sanitation: '环境卫生',
  safety: '安全隐患',
  dispute: '矛盾纠纷',
  public_order: '治安',
  assistance: '困难求助',
  consultation: '政策咨询',
  epidemic: '疫情防控',
  other: '其他',
};

export const STATUS_NAMES: Record<string, string> = {
  new: '待受理',
  assigned: '已派单',
  acknowledged: '已签收',
  in_progress: '办理中',
  resolved: '已办结，待回访',
  closed: '已销号',
  merged: '已合并',
  cancelled: '已撤销',
};

export const ROLE_LABELS: Record<string, string> = {
  unit: '单元长',
  building: '楼栋长',
  grid: '网格长',
  community: '社区书记',
};

export const EVENT_NAMES: Record<string, string> = {
  created: '受理',
  assigned: '派单',
  acknowledged: '签收',
  progress: '进展',
  resolved: '办结',
  followup: '回访',
  closed: '销号',
  reopened: '重开',
  escalated: '升级',
  merged: '合并',
  cancelled: '撤销',
  reassigned: '转派',
  corrected: '更正',
  reminded: '提醒',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; one per time zone is kept. */
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', {
      timeZone: tz,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formatters.set(tz, f);
  }
  return f;
}

const hm = (d: Date, tz: string) =>
  formatter(tz)
    .format(d)
    .replace(/\//g, '月')
    .replace(/月(\d+) /, '月$1日 ');

/** Formats an instant for people in the configured time zone, e.g. "11月22日 14:05". */
export const when = (d: Date, tz = 'Asia/Shanghai') => hm(d, tz);

/** What the digest template needs; figures already formatted. */
export interface DigestView {
  place: string;
  title: string;
  date: string;
  periodLabel: string;
  created: number;
  resolved: number;
  closed: number;
  open: number;
  overdue: number;
  byCategory: string;
  byBuilding: string;
  oldest: string[];
  ackRate: string;
  resolveRate: string;
  satisfaction: string;
  inGrid: string;
  repeats: string[];
  visits: string | null;
}

export const T = {
  ticketCreated: (a: { id: number; category: string; place: string; head: string; due: string }) =>
    `已受理 #${a.id}【${CATEGORY_NAMES[a.category] ?? a.category}】${a.place}。负责人：${a.head}，请于 ${a.due} 前签收处理。查询进度可发“#${a.id} 怎么样了”。`,
  ticketNoHead: (id: number, place: string) => `已受理 #${id}（${place}），暂未找到负责人，已转网格员处理。`,
  urgentPage: (a: { id: number; text: string; place: string; head: string }) =>
    `【紧急】#${a.id} ${a.place}：${a.text}\n请 ${a.head} 立即处置！`,
  emergencyNumbers: (extra: string) => `如有危险请立即拨打：火警119、急救120、报警110${extra ? `、${extra}` : ''}。`,
  mustReportDirect: (a: { id: number; kind: string; text: string; place: string }) =>
    `【四必报·${a.kind}】#${a.id} ${a.place}：${a.text}\n请及时核实处置，此消息仅发给您。`,
  mustReportKinds: {
    safety: '安全隐患',
    instability: '不稳定因素',
    collective: '集体诉求',
    crime: '涉黑涉恶线索',
  } as Record<string, string>,
  sensitiveAck: (id: number) => `已收到您的反映（#${id}），已直接转交网格长核实处理，请注意保护个人安全。`,
  reportInGroup: '请在您所在楼栋或单元的群里描述问题，网格助手会登记并通知负责人。',
  askLocation: '请问是几栋几单元？直接回复如“3栋2单元”即可。',
  locationStillMissing: '还是没看出是哪栋哪单元，请按“3栋2单元”的格式回复，或直接重新描述问题。',
  duplicate: (id: number, status: string) =>
    `已有人反映过这个问题，工单 #${id}（${status}），已为您关注进度，办结后会通知您。`,
  headPing: (a: { id: number; category: string; place: string; text: string; due: string }) =>
    `新工单 #${a.id}【${CATEGORY_NAMES[a.category] ?? a.category}】${a.place}：${a.text}\n请于 ${a.due} 前回复“接单 #${a.id}”。`,
  claimed: (id: number, who: string, due: string) => `#${id} 已由 ${who} 签收，计划 ${due} 前办结。`,
  progress: (id: number, who: string, note: string) => `#${id} 进展（${who}）：${note}`,
  resolved: (id: number, who: string, note: string) => `#${id} 已办结（${who}）：${note || '已处理'}。`,
  followupAsk: (id: number) => `#${id} 已处理完毕，您满意吗？请回复“回访 #${id} 满意”或“回访 #${id} 不满意”。`,
  followupThanks: (id: number) => `感谢您的反馈，#${id} 已销号。`,
  followupReopened: (id: number, head: string) => `抱歉没让您满意，#${id} 已重新打开，${head} 将继续处理。`,
  followupReminder: (id: number, head: string) =>
    `${head}：#${id} 办结已超过3天仍未完成回访，请联系报事人回访（一事一回访）。`,
  reopened: (id: number, head: string) => `#${id} 已重新打开，请 ${head} 继续处理。`,
  reassigned: (id: number, to: string) => `#${id} 已转派给 ${to}，请及时签收。`,
  merged: (from: number, into: number) => `#${from} 已合并到 #${into}，后续进展请看 #${into}。`,
  cancelled: (id: number) => `#${id} 已撤销。`,
  escalated: (a: { id: number; head: string; level: string; reason: string }) =>
    `#${a.id} ${a.reason}，已升级到${a.level}，请 ${a.head} 督办。`,
  escalatedToReporter: (id: number, level: string) => `您反映的 #${id} 已升级到${level}督办。`,
  escalateReasonAck: '超时未签收',
  escalateReasonResolve: '超时未办结',
  escalateReasonManual: '应负责人要求',
  alreadyTop: (id: number) => `#${id} 已在最高一级，无法继续升级，请电话联系社区。`,
  corrected: (id: number, what: string) => `已更正 #${id}：${what}。`,
  status: (a: { id: number; status: string; category: string; place: string; head: string; timeline: string }) =>
    `#${a.id}【${CATEGORY_NAMES[a.category] ?? a.category}】${a.place}\n状态：${STATUS_NAMES[a.status] ?? a.status}，负责人：${a.head}\n${a.timeline}`,
  noTicketsOfYours: '没有查到您最近报的事项。报事请直接描述问题，例如“3栋2单元楼道灯坏了”。',
  unknownTicket: (id: number) => `没有找到工单 #${id}，请核对编号。`,
  ticketElsewhere: (id: number) => `#${id} 不属于本群所在的区域，请在对应的群里查询，或联系网格员。`,
  needTicket: (verb: string) => `请带上工单编号，例如“${verb} #12”。`,
  wrongState: (id: number, status: string) => `#${id} 当前${STATUS_NAMES[status] ?? status}，不能这样操作。`,
  noPermission: (what: string, who: string) => `抱歉，${what}需要由${who}操作。`,
  whoHeads: '该区域的单元长、楼栋长、网格长或网格员',
  whoReporter: '报事人本人或该区域负责人',
  whoReporterOnly: '报事人本人',
  whoGridHead: '网格长或社区工作人员',
  todoEmpty: '您目前没有待办工单。',
  todo: (lines: string[]) => `您的待办（${lines.length}）：\n${lines.join('\n')}`,
  history: (id: number, lines: string[]) => `#${id} 记录：\n${lines.join('\n')}`,
  pointsBoard: (lines: string[]) => (lines.length ? `积分榜：\n${lines.join('\n')}` : '本网格还没有积分记录。'),
  directoryHeads: (lines: string[]) => lines.join('\n'),
  directoryNone: '暂时没有查到相关电话，请联系网格员。',
  unbound: '本群还没有绑定到小区的楼栋或单元，请负责人发送“绑定 3栋2单元”或“绑定 绑定码”。',
  bound: (place: string) => `本群已绑定到 ${place}。居民在群里描述问题即可报事，发“帮助”查看用法。`,
  recoveryCode: (code: string) =>
    `本群恢复码 ${code}：如果群号变化（如微信重新登录后），负责人在群里发送“绑定 ${code}”即可恢复绑定。`,
  bindUnknownPlace: (raw: string) => `没有找到“${raw}”，请写成“绑定 3栋”或“绑定 3栋2单元”。`,
  bindCodeBad: '绑定码无效或已过期，请向网格员重新获取。',
  personBound: (name: string) => `绑定成功，您好，${name}！`,
  greeting:
    '大家好，我是网格助手。请负责人发送“绑定 3栋2单元”把本群绑定到对应楼栋或单元，之后居民直接在群里描述问题即可报事。',
  welcome: (name: string) => `欢迎 ${name} 入群！有问题直接在群里说，例如“楼道灯坏了”，网格助手会登记并通知负责人。`,
  tooLong: '消息太长了，请把问题简要说明（200字以内）。',
  unknownCommand: '没看懂这条指令，发“帮助”查看用法。',
  commandMalformed: (hint: string) => `指令格式不对，${hint}`,
  help: [
    '网格助手用法：',
    '· 报事：直接描述问题，如“3栋2单元楼道灯坏了”',
    '· 查询：“#12 怎么样了”或“我报的灯修好了吗”',
    '· 公示牌：“楼栋长是谁”“物业电话”',
    '· 负责人：接单 #12 · 进展 #12 已联系电工 · 办结 #12 已换灯泡 · 转派 #12 @某某 · 上报 #12 · 合并 #13 到 #12 · 重开 #12 · #12 改为 安全隐患 · #12 位置 3栋2单元 · #12 记录 · 我的待办',
    '· 回访：回访 #12 满意 / 不满意　· 撤销 #12（报事人）',
    '· 通知 全网格 明天停水 · 定时 每周五15:00 消防提醒 · 定时列表 · 取消定时 3 · 日报 · 积分榜',
  ].join('\n'),
  // Notices, schedules, digests and visits (八必访).
  noticeBody: (place: string, text: string, author: string) =>
    `【通知·${place}】${text}${author ? `\n——${author}` : ''}`,
  noticeQueued: (id: number, place: string, total: number) =>
    `通知 N${id} 正在发送到${place}的 ${total} 个群，发完会告诉您结果。`,
  noticeNoChats: (place: string) => `${place}下面还没有绑定任何群，通知没有发出。请先在各群里发送“绑定 3栋2单元”。`,
  noticeProgress: (id: number, done: number, total: number) => `通知 N${id}：已发送 ${done}/${total} 个群。`,
  noticeDone: (id: number, sent: number, failed: number, total: number) =>
    failed
      ? `通知 N${id} 发送完毕：成功 ${sent} 个群，失败 ${failed} 个群（共 ${total} 个）。失败的群请人工转发。`
      : `通知 N${id} 发送完毕：${sent}/${total} 个群全部送达。`,
  noticeScheduledStart: (scheduleId: number, id: number, place: string, total: number) =>
    `定时 #${scheduleId} 已开始发送（通知 N${id}，${place}，共 ${total} 个群）。`,
  noticeNeedText: '请写上通知内容，例如“通知 全网格 明天上午9点到12点停水”。',
  noticeNeedPlace: '请写明发给哪里，例如“通知 全网格 …”或“通知 3栋 …”。',
  noticeUnknownPlace: (raw: string) => `没有找到“${raw}”，请写成“全网格”“全社区”“3栋”或“3栋2单元”。`,
  noticeNoPermission: (place: string, who: string) => `抱歉，向${place}发通知需要由${who}操作。`,
  noticeWho: (place: string, heads: string) => `${place}的负责人${heads ? `（${heads}）` : ''}或其上级`,
  scheduleNeedWhen: '请写明时间，例如“定时 每周五15:00 全网格 消防提醒”或“定时 明天8:00 3栋 停水通知”。',
  scheduleBadWhen: (raw: string) => `没看懂时间“${raw}”，请写成“明天8:00”“11月30日14:00”“每天8:00”或“每周五15:00”。`,
  schedulePast: (at: string) => `时间 ${at} 已经过去了，请换一个以后的时间。`,
  scheduleCreated: (id: number, place: string, rule: string, next: string) =>
    `已设定时 #${id}：${rule}，向${place}发送通知，下次 ${next}。取消请发“取消定时 ${id}”。`,
  scheduleNone: '目前没有定时通知。',
  scheduleLine: (a: { id: number; place: string; rule: string; next: string; text: string }) =>
    `#${a.id} ${a.rule} → ${a.place}：${a.text}（下次 ${a.next}）`,
  scheduleList: (lines: string[]) => `定时通知（${lines.length}）：\n${lines.join('\n')}`,
  scheduleUnknown: (id: number) => `没有找到定时 #${id}，发“定时列表”查看编号。`,
  scheduleCancelled: (id: number) => `定时 #${id} 已取消。`,
  scheduleNoPermission: (id: number) => `抱歉，定时 #${id} 只能由设定人或该区域的负责人取消。`,
  ruleOnce: (at: string) => `${at} `,
  ruleDaily: (hm: string) => `每天 ${hm} `,
  ruleWeekly: (days: string, hm: string) => `每周${days} ${hm} `,
  ruleMonthly: (day: string, hm: string) => `每月${day}日 ${hm} `,
  ruleCron: (cron: string) => `按“${cron}” `,
  weekdayNames: ['日', '一', '二', '三', '四', '五', '六'],
  digestNoPermission: '抱歉，日报只发给单元长、楼栋长、网格长和社区工作人员。',
  digestSentDirect: '日报已私信发给您。',
  digest: (d: DigestView) =>
    [
      `【${d.place}${d.title}】${d.date}`,
      `${d.periodLabel}：新增 ${d.created} · 办结 ${d.resolved} · 销号 ${d.closed}`,
      `在办 ${d.open}（超时 ${d.overdue}）${d.byCategory ? `：${d.byCategory}` : ''}`,
      ...(d.byBuilding ? [`分楼栋：${d.byBuilding}`] : []),
      ...(d.oldest.length ? [`最久未办：${d.oldest.join('；')}`] : []),
      `及时签收 ${d.ackRate} · 按时办结 ${d.resolveRate} · 满意 ${d.satisfaction} · 网格内办结 ${d.inGrid}`,
      ...(d.repeats.length ? [`反复出现（近30天）：${d.repeats.join('；')}`] : []),
      ...(d.visits ? [`八必访：本月已走访 ${d.visits} 户`] : []),
    ].join('\n'),
  digestDaily: '日报',
  digestWeekly: '周报',
  digestOnDemand: '简报',
  periodYesterday: '昨日',
  periodLastWeek: '上周',
  period24h: '近24小时',
  dateLabel: (month: number, day: number) => `${month}月${day}日`,
  dateLabelYear: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
  dateRange: (a: string, b: string) => `${a}–${b}`,
  countsBy: (pairs: [string, number][]) => pairs.map(([k, n]) => `${k}${n}`).join(' '),
  buildingCount: (label: string, open: number, overdue: number) =>
    `${label}${open}${overdue ? `(超时${overdue})` : ''}`,
  rate: (num: number, den: number) => (den ? `${Math.round((num / den) * 100)}%` : '—'),
  oldestLine: (a: { id: number; place: string; text: string; since: string; who: string }) =>
    `#${a.id} ${a.place} ${a.text}（${a.since}起，${a.who}）`,
  repeatLine: (place: string, category: string, n: number) => `${place}${CATEGORY_NAMES[category] ?? category}×${n}`,
  nobody: '未分派',
  noPlace: '未定位置',
  visitsList: (month: number, lines: string[]) =>
    `【八必访·${month}月】您负责走访的特殊人群（${lines.length}户），此消息仅发给您：\n${lines.join('\n')}\n走访后请私聊回复“走访 姓名 已完成 情况”。`,
  visitsLine: (a: { n: number; name: string; kind: string; address: string; done: boolean }) =>
    `${a.n}. ${a.name}（${a.kind}）${a.address}${a.done ? ' ✓本月已走访' : ''}`,
  householdKinds: {
    hardship: '困难户',
    lone_elderly: '独居老人',
    left_behind_child: '留守儿童',
    disabled: '残疾人',
    bereaved: '失独家庭',
    veteran: '退役军人',
    religious: '信教群众',
    petitioner: '信访户',
  } as Record<string, string>,
  visitLogged: (name: string, done: number, total: number) =>
    `已记录对 ${name} 的走访。您本月已走访 ${done}/${total} 户。`,
  visitUnknown: '没有找到这户，请核对姓名（只能登记您负责的特殊人群）。',
  visitNoPermission: '抱歉，走访记录只能由负责该户的人员或其上级负责人登记。',
  visitNeedName: '请写上走访对象，例如“走访 张奶奶 已完成 身体不错”。',
  visitPrivateOnly: '走访信息涉及隐私，请私聊网格助手登记，不要在群里发送。',
  flood: '消息发得太快了，请稍后再试。',
  internalError: '抱歉，系统出了点问题，您的消息已记录，我们会尽快处理。',
} as const;
