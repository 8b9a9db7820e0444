/** Names the bot shows for the codes it stores: categories, statuses, roles and event kinds. */

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
  chased: '催办',
  noted: '补充',
};

/** The names the bot answers to unless configuration says otherwise. */
export const BOT_NAMES: readonly string[] = ['网格助手', 'gridbot'];

/** Notice-board entries whose label contains this are emergency repair lines (燃气抢修). */
export const EMERGENCY_REPAIR = '抢修';
