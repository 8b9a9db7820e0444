/**
 * Decides what a message means for the bot: chats bound to no place hear only binding and
 * help; in a chat that listens only to @-mentions, other messages are left alone (unless someone
 * may be in danger); an open question is answered first; then the conversation (quote-replies,
 * heads' plain replies, chases), then the reading's intent picks the handler.
 */
import { T } from '../common/text/index.js';
import type { CommandName } from '../intents/index.js';
import { announces, headVerb } from './conversation/acts.js';
import { converse, headReply } from './conversation/index.js';
import { answerQuote, answerWhich } from './conversation/replies.js';
import { answerRelay, announcement } from './conversation/announce.js';
import { waitsOn } from './conversation/prompts.js';
import { namedNews } from './conversation/steps.js';
import { followAgreed } from './conversation/agrees.js';
import type { Context, Handled } from './context.js';
import { ignored } from './context.js';
import { adminCommands } from './handlers/admin-commands.js';
import { consoleCommands } from './handlers/console-link.js';
import { directory } from './handlers/directory.js';
import { completeMediaReport, mediaAfter, mediaFirst } from './handlers/media.js';
import { noticeCommands } from './handlers/notice-commands.js';
import { photoCommands } from './handlers/photos.js';
import { answerRegister, completePendingReport, fileQuoted, relapseReport, report } from './handlers/report.js';
import { status } from './handlers/status.js';
import { ticketCommands } from './handlers/ticket-commands.js';

export interface RouteFlags {
  tooLong: boolean;
  flooded: boolean;
  repeated: boolean;
}

export type Handler = (ctx: Context) => Promise<Handled>;

const COMMANDS: Partial<Record<CommandName, Handler>> = {
  ...ticketCommands,
  ...adminCommands,
  ...noticeCommands,
  ...consoleCommands,
  ...photoCommands,
};
const ALLOWED_UNBOUND: CommandName[] = ['bind', 'help', 'todo', 'digest', 'visit', 'points', 'console'];

export async function route(ctx: Context, flags: RouteFlags): Promise<Handled> {
  const { msg, chat } = ctx;
  if (msg.kind === 'bot_joined') return ctx.reply(chat.place ? T.bound(chat.place.name) : T.greeting);
  if (msg.kind === 'member_joined') return chat.place ? ctx.reply(T.welcome(msg.from.name)) : ignored();
  // A flood is dropped (recorded, unanswered) — never an emergency told in it (decision 0015).
  const flooded = flags.flooded && !ctx.reading.urgent;
  if (flooded || flags.repeated) return { outcome: flooded ? 'flood' : 'repeat', replies: [] };
  const unbound = chat.kind === 'group' && !chat.place;
  if (flags.tooLong) return !unbound || msg.mentionsBot ? ctx.reply(T.tooLong) : ignored();
  if (chat.kind === 'direct') {
    const relayed = await answerRelay(ctx);
    if (relayed) return relayed;
  }
  if (!unbound && !listening(ctx)) return ignored();
  const media = !unbound && !!msg.attachments?.length;
  const first = media ? await mediaFirst(ctx) : null;
  if (first) return first;
  const answered = unbound ? null : await answerPrompt(ctx);
  if (answered && answered !== 'dropped') return answered;
  const read = await byMeaning(ctx, unbound);
  const handled = answered === 'dropped' ? { ...read, promptsChanged: true } : read;
  return media ? mediaAfter(ctx, handled) : handled;
}

/**
 * In a chat set to listen to @-mentions only, the bot reads those, replies to its own messages,
 * commands and answers to its questions; anything read as an emergency is never ignored.
 */
function listening(ctx: Context): boolean {
  const { msg, reading } = ctx;
  if (ctx.chat.listen !== 'mentions') return true;
  return msg.mentionsBot || !!msg.quoted?.fromBot || reading.intent === 'command' || reading.urgent;
}

/** The answer to a question the bot asked this speaker here, if this is one. */
async function answerPrompt(ctx: Context): Promise<Handled | 'dropped' | null> {
  if (!(await waitsOn(ctx))) return null;
  const answer =
    (await answerWhich(ctx)) ??
    (await answerRegister(ctx)) ??
    (await completePendingReport(ctx)) ??
    (await completeMediaReport(ctx));
  return answer ?? 'dropped';
}

async function byMeaning(ctx: Context, unbound: boolean): Promise<Handled> {
  const { msg, reading } = ctx;
  if (reading.intent === 'command' && reading.command) {
    if (unbound && !ALLOWED_UNBOUND.includes(reading.command)) return ignored();
    const verb = reading.ticket ? null : headVerb(reading);
    // A resident's words that read like a head's step ("楼上联系上了吗 还在滴") may still press on their problem.
    if (verb && !(await ctx.isHead())) return (await converse(ctx)) ?? ignored();
    const plain = verb
      ? ((await answerQuote(ctx)) ?? (await fileQuoted(ctx, verb)) ?? (await headReply(ctx, verb)))
      : null;
    if (plain) return plain;
    // A plain reply that fits none of the speaker's tickets is talk, not a command missing its number.
    if (reading.args.plain) return ignored();
    const handler = COMMANDS[reading.command];
    return handler ? handler(ctx) : ctx.reply(T.unknownCommand);
  }
  if (unbound) return msg.mentionsBot ? ctx.reply(T.unbound) : ignored();
  const headStep = msg.quoted && !msg.quoted.fromBot ? headVerb(reading) : null;
  if (headStep && (await ctx.isHead())) {
    const answered = (await answerQuote(ctx)) ?? (await fileQuoted(ctx, headStep));
    if (answered) return answered;
  }
  const conversed = await converse(ctx);
  if (conversed) return conversed;
  // A resident's "各位邻居，刚才有两个男的挨家敲门…" warns of a problem: an announcement only when sure.
  if (!reading.urgent && (await announces(ctx))) return announcement(ctx);
  // "…又在十七楼那顿了一下 下午不是说修好了吗": a fault back, asked about, is back all the same.
  const backAsked = reading.intent === 'status' && !reading.ticket && reading.saysFaultBack;
  if ((reading.intent === 'chitchat' || backAsked) && !(await ctx.isHead())) {
    const again = await relapseReport(ctx);
    if (again) return again;
  }
  if (reading.intent === 'chitchat') await followAgreed(ctx);
  if (reading.intent === 'status' && reading.ticket) {
    const news = await namedNews(ctx, reading.ticket);
    if (news) return news;
  }
  switch (reading.intent) {
    case 'report':
      return report(ctx);
    case 'status':
      return status(ctx);
    case 'directory':
      return directory(ctx);
    default:
      return ignored();
  }
}
