/**
 * Decides what a message means for the bot: chats bound to no place hear only binding and
 * help; a pending question is answered first; then the reading's intent picks the handler.
 */
import type { CommandName } from '../intents/index.js';
import type { Context } from './context.js';
import { completePendingReport, report } from './handlers/report.js';
import { status } from './handlers/status.js';
import { directory } from './handlers/directory.js';
import { ticketCommands } from './handlers/ticket-commands.js';
import { adminCommands } from './handlers/admin-commands.js';
import { noticeCommands } from './handlers/notice-commands.js';
import { T } from '../common/text.js';

export interface RouteFlags {
  tooLong: boolean;
  flooded: boolean;
  repeated: boolean;
}

type Handler = (ctx: Context) => Promise<void>;

const COMMANDS: Partial<Record<CommandName, Handler>> = { ...ticketCommands, ...adminCommands, ...noticeCommands };
const ALLOWED_UNBOUND: CommandName[] = ['bind', 'help', 'todo', 'digest', 'visit', 'points'];

export async function route(ctx: Context, flags: RouteFlags): Promise<void> {
  const { msg, reading, chat } = ctx;
  if (msg.kind === 'bot_joined') return chat.place ? ctx.reply(T.bound(chat.place.name)) : ctx.reply(T.greeting);
  if (msg.kind === 'member_joined') {
    if (chat.place) await ctx.reply(T.welcome(msg.from.name));
    return;
  }
  if (flags.flooded || flags.repeated) {
    ctx.outcome = flags.flooded ? 'flood' : 'repeat';
    return;
  }
  const unbound = chat.kind === 'group' && !chat.place;
  if (flags.tooLong) {
    if (!unbound || msg.mentionsBot) await ctx.reply(T.tooLong);
    return;
  }
  if (!unbound && (await completePendingReport(ctx))) return;

  if (reading.intent === 'command' && reading.command) {
    if (unbound && !ALLOWED_UNBOUND.includes(reading.command)) return;
    const handler = COMMANDS[reading.command];
    if (handler) return handler(ctx);
    return ctx.reply(T.unknownCommand);
  }
  if (unbound) {
    if (msg.mentionsBot) await ctx.reply(T.unbound);
    return;
  }
  switch (reading.intent) {
    case 'report':
      return report(ctx);
    case 'status':
      return status(ctx);
    case 'directory':
      return directory(ctx);
    default:
      return;
  }
}
