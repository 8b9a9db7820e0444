/**
 * "后台": a head asks for the web console and gets a one-time login link, only ever by direct
 * message (a link in a group could be used by anyone who sees it first).
 */
import { T } from '../../common/text/index.js';
import type { CommandName } from '../../intents/index.js';
import { createLoginLink, LOGIN_LINK_MINUTES, mayUseConsole } from '../../services/web-access.js';
import type { Handler } from '../router.js';

const consoleLink: Handler = async (ctx) => {
  if (!(await mayUseConsole(ctx.db, ctx.speaker.personId)))
    return ctx.reply(T.noPermission(T.web.loginWho, T.whoHeads));
  if (ctx.chat.kind !== 'direct') return ctx.reply(T.web.loginInGroup);
  const { url } = await createLoginLink(ctx.db, ctx.config, ctx.speaker.personId!, ctx.now);
  return { outcome: 'reply', replies: [ctx.dmSpeaker(T.web.loginLink(url, LOGIN_LINK_MINUTES))] };
};

export const consoleCommands: Partial<Record<CommandName, Handler>> = { console: consoleLink };
