/** The public vocabulary of message understanding; see ../shared/nlu/SPEC.md for the labels. */

/** What a message wants: a new report, a status query, a command, a directory look-up, or nothing. */
export type Intent = 'report' | 'status' | 'command' | 'directory' | 'chitchat';

/** Report category (SPEC table). */
export type Category =
  | 'facility'
  | 'sanitation'
  | 'safety'
  | 'dispute'
  | 'public_order'
  | 'assistance'
  | 'consultation'
  | 'epidemic'
  | 'other';

/** Every category, in SPEC order. */
export const CATEGORIES: readonly Category[] = [
  'facility',
  'sanitation',
  'safety',
  'dispute',
  'public_order',
  'assistance',
  'consultation',
  'epidemic',
  'other',
];

/** Commands from SPEC plus the ones the bot needs beyond it. */
export type CommandName =
  | 'claim'
  | 'reassign'
  | 'progress'
  | 'resolve'
  | 'followup'
  | 'reopen'
  | 'merge'
  | 'escalate'
  | 'cancel'
  | 'notify'
  | 'schedule'
  | 'digest'
  | 'todo'
  | 'help'
  | 'bind'
  // beyond SPEC, used by the bot:
  | 'correct' // "#12 改为 安全隐患" (args.category) · "#12 位置 3栋2单元" (args.place)
  | 'history' // "#12 记录" / "#12 历史"
  | 'photos' // "#12 照片": the ticket's photos, by direct message
  | 'points' // "积分榜" / "积分"
  | 'visit' // "走访 张三 已完成 身体不错" (args.targetName, args.note)
  | 'schedules' // "定时列表"
  | 'unschedule' // "取消定时 3" (args.scheduleId)
  | 'console' // "后台": a one-time link into the web console, by direct message
  | 'listen'; // "只听@" / "听全部" (args.mode): which messages the bot reads in this chat

/** 四必报: safety hazard, instability lead, collective appeal, gang or crime lead. */
export type MustReport = 'safety' | 'instability' | 'collective' | 'crime';

/** Building, unit and room exactly as the message names them (Arabic digits or a block letter). */
export interface Location {
  building: string | null;
  unit: string | null;
  room: string | null;
}

/**
 * A place named in a command: "全网格" → {level:'grid'}, "全社区" → {level:'community'},
 * "3栋" → {level:'building', building:'3'}, "3栋2单元" → {level:'unit', building:'3', unit:'2'},
 * "本楼"/"本单元"/"全体"/"本群" → {level:'here'}
 */
export interface PlaceRef {
  level: 'community' | 'grid' | 'building' | 'unit' | 'here';
  building: string | null;
  unit: string | null;
  raw: string;
}

/** A time phrase resolved against a reference instant. */
export type TimeSpec =
  /** A concrete instant (UTC Date), computed in Asia/Shanghai unless a zone is given. */
  | { kind: 'once'; at: Date; end?: Date; text: string }
  /** A 5-field cron expression in the given zone, e.g. "0 15 * * 5". */
  | { kind: 'recurring'; cron: string; text: string };

/** Arguments a command carries; only the ones the message names are set. */
export interface CommandArgs {
  /** merge: "合并 #13 到 #12" → ticket 13, secondTicket 12 */
  secondTicket?: number;
  /** progress/resolve note; notice/schedule text; visit note */
  note?: string;
  /** followup 满意 → true / 不满意 → false */
  satisfied?: boolean;
  /** reassign "@李四" / "转给物业" → "李四"/"物业"; visit person name */
  targetName?: string;
  /** notify/schedule target; bind "绑定 3栋"; correct "位置 3栋2单元"; escalate "升级到社区" */
  place?: PlaceRef;
  /** correct "改为 安全隐患" (Chinese names from SPEC and English labels) */
  category?: Category;
  /** bind "绑定 123456" (digits) or an alphanumeric code */
  code?: string;
  /** schedule */
  when?: TimeSpec;
  /** the raw time phrase, also when it could not be parsed */
  whenText?: string;
  /** unschedule */
  scheduleId?: number;
  /** directory: the notice-board service asked for ("物业", "供水", "供电", "燃气") */
  service?: string;
  /** directory: the levels whose heads are asked for (unit, building, grid, community) */
  levels?: string[];
  /** claim/progress/resolve read from what a plain reply does ("好的我去"), not from a command word */
  plain?: boolean;
  /** cancel: the reporter withdrawing what they just reported, without a number ("刚才那个报错了 撤了吧") */
  withdraw?: boolean;
  /** listen: 'all' messages, or only 'mentions' */
  mode?: 'all' | 'mentions';
}

/** What a message does in a conversation, beyond its intent (see data/nlu/GUIDE.md). */
export type ConversationAct = 'ack' | 'progress' | 'done' | 'chase' | 'relapse' | 'announce' | 'thanks';

/** One problem of a message that names several. */
export interface ReadingPart {
  text: string;
  category: Category;
  urgent: boolean;
  location: Location;
}

/** How sure the reader is of each decision, 0–1 (1 for what a rule decided). */
export interface Confidence {
  intent: number;
  category: number;
  /** The probability that someone is in danger right now. */
  urgent: number;
  act: number;
  /** The learned reader's probability that the words report a problem, whatever the rules made of them. */
  report: number;
}

/** Everything the bot needs to know about one message. */
export interface Reading {
  /** normalised text */
  text: string;
  intent: Intent;
  /** only for report */
  category: Category | null;
  /** only for report */
  urgent: boolean;
  /** only for report */
  mustReport: MustReport | null;
  /** only what the message itself says */
  location: Location;
  /** for command and status */
  ticket: number | null;
  command: CommandName | null;
  args: CommandArgs;
  mentionsBot: boolean;
  /** What the message does in a conversation, when the reader is fairly sure; else null. */
  act: ConversationAct | null;
  confidence: Confidence;
  /** Two or more problems in one message, each to become its own ticket. */
  parts: ReadingPart[];
  /** The report is about a shared area (小区, 车库, 广场 …), so no building is needed. */
  sharedArea: boolean;
  /** What the message is about, whatever its intent (a head's update names its ticket's subject). */
  topic: { category: Category; confidence: number };
  /** It says something is done ("修好了", "装好了", "清理干净了"): a rule, for a head's update in context. */
  saysDone: boolean;
  /** The words say a problem is back ("又坏了", "还是不行", "刚换的又不亮了"). */
  saysAgain: boolean;
  /** Narrower: a fault is back in so many words ("又开始滴了", "还是不亮"), not just something started again ("又开始下雨了"). */
  saysFaultBack: boolean;
  /** The words say someone is still waiting for help ("咋还没来", "都两天了", "到底有没有人管"). */
  saysWaiting: boolean;
  /** Says how a matter ended ("骨头没事", "找到了", "确认系假冒", "答应以后十一点前收"): done, in other words. */
  saysSettled: boolean;
}

/** A confirmed example a head's correction teaches the reader. */
export interface Lesson {
  text: string;
  category: Category;
}

/** A configured reader of messages. */
export interface Pipeline {
  read(text: string, ref: Date, opts?: { botNames?: string[]; timeZone?: string }): Reading;
  /** This reader after learning from corrections (the model is copied, this one is unchanged). */
  learn(lessons: Lesson[]): Pipeline;
}

/** The empty location. */
export const NO_LOCATION: Readonly<Location> = Object.freeze({ building: null, unit: null, room: null });
