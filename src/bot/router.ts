/**
 * Decides what a message means for the bot: chats bound to no place hear only binding and
 * help; a pending question is answered first; then the reading's intent picks the handler.
 */
import { T } from '../common/text/index.js';
import type { CommandName } from '../intents/index.js';
import type { Context, Handled } from './context.js';
import { ignored } from './context.js';
import { adminCommands } from './handlers/admin-commands.js';
import { consoleCommands } from './handlers/console-link.js';
import { directory } from './handlers/directory.js';
import { noticeCommands } from './handlers/notice-commands.js';
import { completePendingReport, report } from './handlers/report.js';
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
};
const ALLOWED_UNBOUND: CommandName[] = ['bind', 'help', 'todo', 'digest', 'visit', 'points', 'console'];

export async function route(ctx: Context, flags: RouteFlags): Promise<Handled> {
  const { msg, reading, chat } = ctx;
  if (msg.kind === 'bot_joined') return ctx.reply(chat.place ? T.bound(chat.place.name) : T.greeting);
  if (msg.kind === 'member_joined') return chat.place ? ctx.reply(T.welcome(msg.from.name)) : ignored();
  if (flags.flooded || flags.repeated) return { outcome: flags.flooded ? 'flood' : 'repeat', replies: [] };
  const unbound = chat.kind === 'group' && !chat.place;
  if (flags.tooLong) return !unbound || msg.mentionsBot ? ctx.reply(T.tooLong) : ignored();
  const pending = unbound ? null : await completePendingReport(ctx);
  if (pending && pending !== 'dropped') return pending;
  const handled = await byIntent(ctx, unbound);
  return pending === 'dropped' ? { ...handled, promptsChanged: true } : handled;
}

async function byIntent(ctx: Context, unbound: boolean): Promise<Handled> {
  const { msg, reading } = ctx;
  if (reading.intent === 'command' && reading.command) {
    if (unbound && !ALLOWED_UNBOUND.includes(reading.command)) return ignored();
    const handler = COMMANDS[reading.command];
    return handler ? handler(ctx) : ctx.reply(T.unknownCommand);
  }
  if (unbound) return msg.mentionsBot ? ctx.reply(T.unbound) : ignored();
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
