/** What the bot says about notices, schedules, digests and visits (八必访). */
import { isRecordId } from '../ids.js';
import { CATEGORY_NAMES } from './names.js';

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

export const NOTICE_TEXT = {
  unscheduleHowTo: '指令格式不对，例如“取消定时 3”。',
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
  scheduleUnknown: (id: number) =>
    isRecordId(id) ? `没有找到定时 #${id}，发“定时列表”查看编号。` : '没有找到定时，编号有误，发“定时列表”查看编号。',
  scheduleCancelled: (id: number) => `定时 #${id} 已取消。`,
  scheduleNoPermission: (id: number) => `抱歉，定时 #${id} 只能由设定人或该区域的负责人取消。`,
  ruleOnce: (at: string) => `${at} `,
  ruleDaily: (hm: string) => `每天 ${hm} `,
  ruleWeekly: (days: string, hm: string) => `每周${days} ${hm} `,
  ruleMonthly: (day: string, hm: string) => `每月${day}日 ${hm} `,
  ruleCron: (cron: string) => `按“${cron}” `,
  weekdayRange: (from: string, to: string) => `${from}至周${to}`,
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
