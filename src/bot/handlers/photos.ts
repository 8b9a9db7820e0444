/**
 * "#12 照片": a ticket's photos (the report's and the fix's), sent to the head who asked by
 * direct message, since residents' photos may show faces and doors.
 */
import { T } from '../../common/text/index.js';
import type { CommandName } from '../../intents/index.js';
import { photosOf } from '../../services/media/attachments.js';
import type { OutboxItem } from '../../services/outbox.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context } from '../context.js';
import type { Handler } from '../router.js';
import { refusalText } from './refusals.js';

const photos: Handler = async (ctx: Context) => {
  const id = ctx.reading.ticket;
  if (!id) return ctx.reply(T.needTicket(T.commandWords.photos));
  const seen = await workflow.see(ctx.act, id);
  if (!('parties' in seen)) return ctx.reply(refusalText(seen, ctx.now));
  if (!seen.parties.has('handler')) return ctx.reply(T.noPermission(T.photosWhat, T.whoHeads));
  const all = await photosOf(ctx.db, id);
  const stored = all.filter((p) => p.status === 'stored' && p.sha256 && p.mime);
  const media = ctx.deps.media;
  if (!stored.length || !media) return ctx.reply(T.photosNone(id) + T.photosPending(all.length - stored.length));
  const direct: OutboxItem[] = stored.map((p, i) => ({
    ...ctx.dmSpeaker(T.photoCaption(id, i + 1, stored.length, p.role)),
    image: { path: media.pathOf(p.sha256!, p.mime!), mime: p.mime! },
    ticketId: id,
  }));
  if (ctx.chat.kind === 'direct') return { outcome: 'reply', ticketId: id, replies: direct };
  const note = T.photosSent(id, stored.length) + T.photosPending(all.length - stored.length);
  return { outcome: 'reply', ticketId: id, replies: [...direct, await ctx.say(note)] };
};

export const photoCommands: Partial<Record<CommandName, Handler>> = { photos };
