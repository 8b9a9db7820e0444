/**
 * A head's announcement ("大家注意，明天上午9点到12点停水") is never a ticket. Once per
 * announcement the bot offers the head, by direct message, to relay it to the other chats of
 * their place; "发送" in that direct chat sends it.
 */
import { T } from '../../common/text/index.js';
import { countChatsUnder, planNotice } from '../../services/notices.js';
import { canHandle, type PlaceRow, placeLabel, placesHandledBy } from '../../services/org/places.js';
import type { Context, Handled } from '../context.js';
import { forget, pendingRelay, remember } from './prompts.js';

interface Relay {
  placeId: number;
  text: string;
  chatId: number;
}

/** The highest place the speaker heads that contains this chat's place. */
async function headedPlace(ctx: Context): Promise<PlaceRow | null> {
  const here = ctx.chat.place;
  if (!here || !ctx.speaker.personId || !(await canHandle(ctx.db, ctx.speaker.personId, here))) return null;
  const mine = await placesHandledBy(ctx.db, ctx.speaker.personId);
  return mine.filter((p) => here.path.startsWith(p.path)).sort((a, b) => a.depth - b.depth)[0] ?? null;
}

export async function announcement(ctx: Context): Promise<Handled> {
  const quiet: Handled = { outcome: 'ignored', replies: [] };
  const place = await headedPlace(ctx);
  if (!place) return quiet;
  const others = await countChatsUnder(ctx.db, place, ctx.chat.id);
  if (!others) return quiet;
  const offer = await ctx.dm(ctx.speaker.personId!, T.relayOffer(await placeLabel(ctx.db, place), others));
  if (!offer.length) return quiet;
  const relay: Relay = { placeId: place.id, text: ctx.msg.text.trim(), chatId: ctx.chat.id };
  await remember(ctx, 'relay', relay);
  return { outcome: 'ignored', replies: offer, promptsChanged: true };
}

/** "发送" in a direct chat answering a relay offer: the notice goes to the other chats. */
export async function answerRelay(ctx: Context): Promise<Handled | null> {
  if (!/^(发送|发|发吧|好|好的|是|确认|确定)[。!！]?$/.test(ctx.reading.text)) return null;
  const open = await pendingRelay<Relay>(ctx);
  if (!open) return null;
  await forget(ctx, open.id);
  const place = await ctx.db.place.findUnique({ where: { id: open.payload.placeId } });
  if (!place) return null;
  const here = ctx.here;
  await planNotice(ctx.db, {
    place,
    text: open.payload.text,
    authorId: ctx.speaker.personId,
    authorName: ctx.speaker.personName ?? ctx.speaker.displayName,
    now: ctx.now,
    reportTo: { platform: here.platform, account: here.account, chatExternalId: here.externalId, replyTo: null },
    ack: T.noticeQueued,
    exceptChatId: open.payload.chatId,
  });
  return { outcome: 'notice', replies: [], promptsChanged: true };
}
