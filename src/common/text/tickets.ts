/** What the bot says about reports and tickets. Each refusal says the reason, then the next step. */
import { isRecordId } from '../ids.js';
import { CATEGORY_NAMES, EVENT_NAMES, STATUS_NAMES } from './names.js';

/** Statuses in which a ticket's matter is over, as a reply names them first. */
const ENDED: Record<string, string> = { resolved: '已办结', closed: '已销号', cancelled: '已撤销', merged: '已合并' };

const TICKET_REASONS: Record<string, string> = {
  ack: '超时未签收',
  resolve: '超时未办结',
  manual: '应负责人要求',
  chase: '居民多次催办',
};

export const TICKET_TEXT = {
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
  resolved: (id: number, who: string, note: string) =>
    `#${id} 已办结（${who}）：${(note || '已处理').replace(/[。.！!～~\s]+$/, '')}。`,
  followupAsk: (id: number) => `#${id} 已处理完毕，您满意吗？请回复“回访 #${id} 满意”或“回访 #${id} 不满意”。`,
  followupThanks: (id: number) => `感谢您的反馈，#${id} 已销号。`,
  followupReopened: (id: number, head: string) => `抱歉没让您满意，#${id} 已重新打开，${head} 将继续处理。`,
  followupReminder: (id: number, head: string, after: string) =>
    `${head}：#${id} 办结已超过${after}仍未完成回访，请联系报事人回访（一事一回访）。`,
  reopened: (id: number, head: string) => `#${id} 已重新打开，请 ${head} 继续处理。`,
  relapsed: (id: number, head: string) => `#${id} 问题反复，已重新打开，请 ${head} 继续处理。`,
  whichTicket: (lines: string[]) => `您有 ${lines.length} 件待办：${lines.join('；')}。是哪一件？回复编号即可。`,
  whichLine: (id: number, what: string) => `#${id} ${what}`,
  ticketSummary: (place: string, category: string) => `${place}【${CATEGORY_NAMES[category] ?? category}】`,
  statusName: (status: string) => STATUS_NAMES[status] ?? status,
  whichNone: '没有对应的待办，请回复编号，例如“12”。',
  emergencyAlso: (id: number, n: number) =>
    `已有人报告 #${id}（紧急，已通知负责人），共 ${n} 人反映。如有危险请先撤离并拨打：火警119、急救120、报警110。`,
  emergencyCount: (id: number, n: number) => `#${id} 又有人报告，已有 ${n} 人反映同一紧急情况。`,
  noted: (id: number) => `已补充到 #${id}，负责人会看到。`,
  annotated: (id: number, who: string, note: string) => `#${id} 已办结，补记（${who}）：${note}`,
  chased: (status: string) => status,
  nudge: (id: number) => `居民在催 #${id}，请尽快处理并在群里回复进展。`,
  chaseEscalated: (id: number, head: string) => `#${id} 多次催办仍未办结，已升级，请 ${head} 督办。`,
  yourTickets: (lines: string[]) => `您关注的事项：\n${lines.join('\n')}`,
  yourTicketLine: (id: number, what: string, status: string) => `#${id} ${what}（${status}）`,
  related: (id: number) => `（之前的 #${id} 已办结，这次另行登记）`,
  registerAsk: '需要登记为报事吗？回复“登记”即可。',
  relayOffer: (place: string, n: number) => `要把这条通知发到${place}的 ${n} 个群吗？回复“发送”即可。`,
  listenAll: '好的，本群以后网格助手会读所有消息，有报事会直接登记。',
  listenMentions: '好的，本群以后网格助手只回应@网格助手的消息、对它的回复和指令。',
  undoClaim: (id: number) => `（如不是这件，请发“转派 #${id} @负责人”）`,
  undoProgress: (id: number) => `（记在 #${id}；如不是这件，请发“进展 #编号 …”）`,
  undoResolve: (id: number) => `（如不是这件，请发“重开 #${id}”）`,
  reassigned: (id: number, to: string) => `#${id} 已转派给 ${to}，请及时签收。`,
  merged: (from: number, into: number) => `#${from} 已合并到 #${into}，后续进展请看 #${into}。`,
  cancelled: (id: number) => `#${id} 已撤销。`,
  escalated: (a: { id: number; head: string; level: string; reason: string }) =>
    `#${a.id} ${a.reason}，已升级到${a.level}，请 ${a.head} 督办。`,
  escalatedToReporter: (id: number, level: string) => `您反映的 #${id} 已升级到${level}督办。`,
  escalateReasons: TICKET_REASONS,
  unassigned: '待分派',
  /** How a timeline names a resident: never by name. */
  resident: '居民',
  bindHowTo: '指令格式不对，例如“绑定 3栋2单元”或“绑定 绑定码”。',
  bindInGroup: '指令格式不对，请在要绑定的群里发送“绑定 3栋2单元”。',
  bindWhat: '绑定群',
  rebindWhat: '改绑本群',
  listenWhat: '设置本群的收听方式',
  whoHeadsHere: '本群现在所属区域的负责人',
  bindTooMany: '绑定码试错次数太多，请一小时后再试，或向网格员重新获取。',
  recoverWhat: '恢复群绑定',
  todoWhat: '查看待办',
  todoDetailsSent: '\n（详情已私信发给您）',
  todoLine: (a: {
    id: number;
    category: string;
    place: string;
    text: string;
    status: string;
    due: string | null;
    late: boolean;
  }) =>
    `#${a.id}【${a.category}】${a.place}${a.text ? ` ${a.text}` : ''}（${a.status}${a.due ? `，期限 ${a.due}` : ''}）${a.late ? ' ⚠已超时' : ''}`,
  pointsLine: (n: number, name: string, points: number) => `${n}. ${name} ${points}分`,
  inProgress: '处理中',
  historyWhat: '查看完整记录',
  photosWhat: '查看照片',
  correctedCategory: (name: string) => `分类为【${name}】`,
  correctedPlace: (label: string, head: string | null) => `位置为${label}${head ? `，负责人 ${head}` : ''}`,
  /** Stands in for a head's name when none is known. */
  responsible: '负责人',
  /** Someone else acted on the ticket a moment before: say who and what, not "系统出了点问题". */
  /** "#12 刚被 张楼长 签收了。"; a ticket now over says so first ("#12 已办结：刚被 …"). */
  justChanged: (id: number, who: string | null, what: string, status?: string) =>
    `#${id} ${ENDED[status ?? ''] ? `${ENDED[status ?? '']}：` : ''}刚被${who ? ` ${who} ` : '其他人'}${what}了。`,
  /** A request that does not make sense, by what is wrong with it. */
  invalid: {
    same_ticket: () => '指令格式不对，例如“合并 #要并入的编号 到 #保留的编号”。',
    unknown_place: (id: number, raw = '') => `没有找到“${raw}”，请写成“#${id} 位置 3栋2单元”。`,
    target_no_role: (id: number) => `对方在 #${id} 所在区域没有职务，不能转派给他，请转给该区域的负责人或网格员。`,
    place_not_yours: (id: number) => `只能把 #${id} 改到您负责的区域，请联系那里的负责人。`,
  } as Record<string, (id: number, raw?: string) => string>,
  noTarget: (id: number) => `指令格式不对，例如“转派 #${id} @李四”。`,
  unknownTarget: (name: string) => `指令格式不对，没有找到“${name}”，请 @ 对方或写全名。`,
  noAnswer: (id: number) => `指令格式不对，请回复“回访 #${id} 满意”或“回访 #${id} 不满意”。`,
  nothingToCorrect: (id: number) => `指令格式不对，例如“#${id} 改为 安全隐患”或“#${id} 位置 3栋2单元”。`,
  /** The word that starts each ticket command, for examples in replies ("接单 #12"). */
  commandWords: {
    claim: '接单',
    progress: '进展',
    resolve: '办结',
    followup: '回访',
    reopen: '重开',
    reassign: '转派',
    merge: '合并',
    escalate: '上报',
    cancel: '撤销',
    correct: '更正',
    history: '记录',
    photos: '照片',
  },
  /** What each verb is called in a refusal ("抱歉，接单需要由…操作"). */
  verbNames: {
    claim: '接单',
    progress: '更新进展',
    resolve: '办结',
    followup: '回访',
    reopen: '重开工单',
    reassign: '转派',
    escalate: '上报',
    merge: '合并工单',
    cancel: '撤销工单',
    correct: '更正工单',
    chase: '催办',
    relapse: '重开工单',
  } as Record<string, string>,
  /** The note an audit event shows when it carries data rather than words. */
  eventNote: (kind: string, data: Record<string, unknown> | null, note: string | null): string | null => {
    if (note) return note;
    if (!data) return null;
    if (kind === 'escalated' && typeof data.reason === 'string') return TICKET_REASONS[data.reason] ?? null;
    if (kind === 'reminded') return '回访提醒';
    if (kind === 'closed' && data.satisfied) return '满意';
    if (kind === 'reopened' && data.cause === 'followup') return '回访不满意';
    if (kind === 'reopened' && data.relapse) return '问题反复';
    if (kind === 'chased') return `第${data.count}次催办`;
    if (kind === 'raised') return '升为紧急';
    if (kind === 'reassigned' && data.toName) return `转派给${data.toName}`;
    if (kind === 'reassigned' && data.toBoard) return `转交${data.toBoard}（${data.phone}）`;
    if (kind === 'merged' && data.into) return `合并到 #${data.into}`;
    if (kind === 'corrected' && data.field === 'category')
      return `分类改为${CATEGORY_NAMES[String(data.to)] ?? data.to}`;
    if (kind === 'corrected' && data.field === 'place') return `位置改为${data.toLabel ?? ''}`;
    return null;
  },
  /** One line of a ticket's timeline: "11月22日 10:05 签收（张楼长）：note". */
  eventLine: (at: string, kind: string, who: string | null, note: string | null) =>
    `${at} ${EVENT_NAMES[kind] ?? kind}${who ? `（${who}）` : ''}${note ? `：${note}` : ''}`,
  alreadyTop: (id: number) => `#${id} 已在最高一级，无法继续升级，请电话联系社区。`,
  corrected: (id: number, what: string) => `已更正 #${id}：${what}。`,
  status: (a: {
    id: number;
    status: string;
    category: string;
    place: string;
    head: string;
    timeline: string;
    photos?: number;
  }) =>
    `#${a.id}【${CATEGORY_NAMES[a.category] ?? a.category}】${a.place}\n状态：${STATUS_NAMES[a.status] ?? a.status}，负责人：${a.head}${a.photos ? `，附图 ${a.photos} 张` : ''}\n${a.timeline}`,
  noTicketsOfYours: '没有查到您最近报的事项。报事请直接描述问题，例如“3栋2单元楼道灯坏了”。',
  unknownTicket: (id: number) =>
    isRecordId(id) ? `没有找到工单 #${id}，请核对编号。` : '没有找到工单，编号有误，请核对。',
  ticketElsewhere: (id: number) => `#${id} 不属于本群所在的区域，请在对应的群里查询，或联系网格员。`,
  toldPrivately: (id: number) => `#${id} 涉及隐私，进度已私信告诉您。`,
  ticketPrivate: (id: number) => `抱歉，#${id} 的进度只告诉报事人、关注人和负责人。`,
  needTicket: (verb: string) => `请带上工单编号，例如“${verb} #编号”。`,
  wrongState: (id: number, status: string) => `#${id} 当前${STATUS_NAMES[status] ?? status}，不能这样操作。`,
  noPermission: (what: string, who: string) => `抱歉，${what}需要由${who}操作。`,
  whoHeads: '该区域的单元长、楼栋长、网格长或网格员',
  whoReporter: '报事人本人或该区域负责人',
  whoReporterOnly: '报事人本人',
  whoResidents: '报事人或关注此事的居民（办理人不给自己回访）',
  whoGridHead: '网格长或社区工作人员',
  todoEmpty: '您目前没有待办工单。',
  todo: (lines: string[]) => `您的待办（${lines.length}）：\n${lines.join('\n')}`,
  history: (id: number, lines: string[]) => `#${id} 记录：\n${lines.join('\n')}`,
  pointsBoard: (lines: string[]) => (lines.length ? `积分榜：\n${lines.join('\n')}` : '本网格还没有积分记录。'),
  directoryHeads: (lines: string[]) => lines.join('\n'),
  boardLine: (label: string, phone: string) => `${label}：${phone}`,
  headLine: (place: string, title: string, name: string, phone: string | null) =>
    `${place}${title}：${name}${phone ? ` ${phone}` : ''}`,
  gridWorker: '网格员',
  placeHead: (place: string) => `${place}负责人`,
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
} as const;
