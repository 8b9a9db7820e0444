/**
 * Photos, voice notes and location pins. A photo with a report as its caption is read as that
 * report (the engine links the photo to the ticket). A photo without words goes with what the
 * same person just did here: the ticket they reported within ten minutes, the fix they just
 * reported as its evidence, the ticket they quoted, the album it belongs to; else the bot asks
 * once for a sentence, and the next text files the report with the photo. A voice note without
 * a transcription is kept and answered with one request for text. A location pin fills the place
 * with the nearest building within 150 m when the org file gives buildings coordinates.
 */
import { T } from '../../common/text/index.js';
import type { Attachment } from '../../common/types.js';
import { type AttachmentLink, latestEvent, photoCount, type Screened } from '../../services/media/attachments.js';
import { ancestors, nearestBuilding, type PlaceRow } from '../../services/org/places.js';
import * as workflow from '../../services/workflow/index.js';
import { forget, pending, remember } from '../conversation/prompts.js';
import { quotedTicket } from '../conversation/quotes.js';
import type { Context, Handled } from '../context.js';
import type { Problem } from './file-ticket.js';
import { fileAt, fileReading } from './report.js';

/** A photo and a report text from one person in one chat this close together are one report. */
export const PAIR_WINDOW_MS = 10 * 60_000;

/** What an open "收到图片…" question holds: the messages whose media wait for a sentence. */
interface Waiting {
  keys: string[];
  pin?: { lat: number; lng: number };
  voiceAsked?: boolean;
}

const VISUAL = ['image', 'video', 'file'];

/** The inbound key of the message being handled (the same the engine records). */
export const keyOf = (ctx: Context) => `${ctx.msg.platform}:${ctx.msg.account}:${ctx.msg.messageId}`;

const usable = (ctx: Context) =>
  (ctx.msg.attachments ?? []).filter((a, i) => !ctx.screened?.[i] || a.kind === 'location');

/**
 * Handles a message that carries media and no words worth reading on their own; null when the
 * message goes on to be read as usual (its caption is a report, a command, an answer).
 */
export async function mediaFirst(ctx: Context): Promise<Handled | null> {
  const all = ctx.msg.attachments ?? [];
  if (!all.length || !ctx.chat.place) return null;
  const list = usable(ctx);
  if (!list.length) return ctx.msg.text.trim() ? null : refused(ctx);
  const pin = list.find((a) => a.kind === 'location')?.location;
  if (pin) {
    const answered = await pinAnswers(ctx, pin);
    if (answered) return answered;
  }
  if (ctx.msg.albumId) {
    const sibling = await albumSibling(ctx);
    if (sibling) return sibling;
  }
  if (ctx.msg.text.trim()) return null;
  return alone(ctx, list);
}

/**
 * After a caption was read and nothing came of it (not a report, not a command), the photo is
 * treated as if sent alone.
 */
export async function mediaAfter(ctx: Context, handled: Handled): Promise<Handled> {
  const list = usable(ctx);
  if (!list.length || !ctx.chat.place || handled.outcome !== 'ignored' || handled.ticketId) return handled;
  return alone(ctx, list);
}

/** A location pin answering "几栋几单元？": the nearest building fills the place. */
async function pinAnswers(ctx: Context, pin: NonNullable<Attachment['location']>): Promise<Handled | null> {
  const open = await pending<{ problems: Problem[] }>(ctx, 'location');
  if (!open) return null;
  const near = await nearTo(ctx, pin);
  if (!near) return null;
  await forget(ctx, open.id);
  return { ...(await fileAt(ctx, near, open.payload.problems)), promptsChanged: true };
}

/** The building within 150 m of a pin, under the chat's grid (or its top place). */
async function nearTo(ctx: Context, pin: { latitude: number; longitude: number }): Promise<PlaceRow | null> {
  const base = ctx.chat.place!;
  const chain = await ancestors(ctx.db, base);
  const area = chain.find((p) => p.level === 'grid') ?? chain[chain.length - 1] ?? base;
  return nearestBuilding(ctx.db, area, { lat: pin.latitude, lng: pin.longitude });
}

/** Another photo of an album already handled: it goes where the first went, without a word. */
async function albumSibling(ctx: Context): Promise<Handled | null> {
  const first = await ctx.db.attachment.findFirst({
    where: { albumId: ctx.msg.albumId, chatId: ctx.chat.id, platform: ctx.msg.platform },
    orderBy: { id: 'asc' },
  });
  if (!first) return null;
  if (first.role === 'waiting') {
    const open = await pending<Waiting>(ctx, 'media');
    if (open) await remember(ctx, 'media', { ...open.payload, keys: [...open.payload.keys, keyOf(ctx)] });
    return { outcome: 'ignored', replies: [], media: { ticketId: null, role: 'waiting' } };
  }
  return {
    outcome: 'ignored',
    replies: [],
    ticketId: first.ticketId,
    media: { ticketId: first.ticketId, eventId: first.eventId, role: first.role as AttachmentLink['role'] },
  };
}

/** Media with no words: goes with what the person just did, or waits for a sentence. */
async function alone(ctx: Context, list: Attachment[]): Promise<Handled> {
  const pin = list.find((a) => a.kind === 'location')?.location;
  const visual = list.filter((a) => VISUAL.includes(a.kind)).length;
  const voice = list.some((a) => a.kind === 'audio' && !a.transcript);
  const quoted = ctx.msg.quoted ? await quotedTicket(ctx) : null;
  if (quoted) {
    const onQuoted = await attachTo(ctx, quoted, visual, pin);
    if (onQuoted) return onQuoted;
  }
  if (visual) {
    const fix = await justFixed(ctx);
    if (fix) return evidence(ctx, fix, visual);
  }
  const waiting = await pending<Waiting>(ctx, 'media');
  if (waiting) return addToWaiting(ctx, waiting, voice, pin);
  const recent = await justReported(ctx);
  if (recent && !voice) {
    const added = await attachTo(ctx, recent, visual, pin);
    if (added) return added;
  }
  const payload: Waiting = {
    keys: [keyOf(ctx)],
    ...(pin ? { pin: { lat: pin.latitude, lng: pin.longitude } } : {}),
    ...(voice ? { voiceAsked: true } : {}),
  };
  await remember(ctx, 'media', payload);
  const ask = voice ? T.voiceAsk : visual ? T.photoAsk : T.pinAsk;
  return { ...(await ctx.reply(ask, [], 'asked')), promptsChanged: true, media: { ticketId: null, role: 'waiting' } };
}

/** Another photo or voice note while the bot waits for the sentence: kept with the others. */
async function addToWaiting(
  ctx: Context,
  open: { id: number; payload: Waiting },
  voice: boolean,
  pin: NonNullable<Attachment['location']> | undefined,
): Promise<Handled> {
  const payload: Waiting = {
    ...open.payload,
    keys: [...open.payload.keys, keyOf(ctx)],
    ...(pin ? { pin: { lat: pin.latitude, lng: pin.longitude } } : {}),
    ...(voice ? { voiceAsked: true } : {}),
  };
  await remember(ctx, 'media', payload);
  const media: AttachmentLink = { ticketId: null, role: 'waiting' };
  if (voice && !open.payload.voiceAsked) return { ...(await ctx.reply(T.voiceAsk, [], 'asked')), media };
  return { outcome: 'ignored', replies: [], media };
}

/** A photo or pin for a known ticket: the assignee's is evidence of the fix, anyone else's adds to the report. */
async function attachTo(
  ctx: Context,
  ticketId: number,
  visual: number,
  pin: NonNullable<Attachment['location']> | undefined,
): Promise<Handled | null> {
  const found = await workflow.see(ctx.act, ticketId);
  if (!('parties' in found)) return null;
  const ticket = found.ticket;
  if (visual && ctx.speaker.personId && ticket.assigneeId === ctx.speaker.personId && !workflow.isOpen(ticket.status))
    return evidence(ctx, ticket.id, visual);
  if (!visual && pin) {
    const near = await nearTo(ctx, pin);
    const label = near ? await ctx.label(near) : (pin.name ?? '');
    return {
      ...(await ctx.reply(T.pinAdded(ticket.id, label), [], 'reply')),
      ticketId: ticket.id,
      media: { ticketId: ticket.id, role: 'report' },
    };
  }
  const n = (await photoCount(ctx.db, ticket.id)) + visual;
  return {
    ...(await ctx.reply(T.photoAdded(ticket.id, n), [], 'reply')),
    ticketId: ticket.id,
    media: { ticketId: ticket.id, role: 'report' },
  };
}

/** The assignee's photo right after their fix: kept as the evidence of that fix. */
async function evidence(ctx: Context, ticketId: number, visual: number): Promise<Handled> {
  const eventId = await latestEvent(ctx.db, ticketId, ['resolved', 'closed']);
  const n = (await photoCount(ctx.db, ticketId)) + visual;
  return {
    ...(await ctx.reply(T.evidenceAdded(ticketId, n), [], 'reply')),
    ticketId,
    media: { ticketId, eventId, role: 'evidence' },
  };
}

/** A ticket the speaker (as its assignee) resolved within the last ten minutes. */
async function justFixed(ctx: Context): Promise<number | null> {
  if (!ctx.speaker.personId) return null;
  const t = await ctx.db.ticket.findFirst({
    where: {
      assigneeId: ctx.speaker.personId,
      resolvedAt: { gte: new Date(ctx.now.getTime() - PAIR_WINDOW_MS) },
      status: { in: ['resolved', 'closed'] },
    },
    orderBy: { resolvedAt: 'desc' },
    select: { id: true },
  });
  return t?.id ?? null;
}

/** A ticket the speaker reported (or joined) in this chat within the last ten minutes. */
async function justReported(ctx: Context): Promise<number | null> {
  const m = await ctx.db.inboundMessage.findFirst({
    where: {
      chatId: ctx.chat.id,
      identityId: ctx.speaker.identityId,
      outcome: { in: ['ticket', 'merged'] },
      ticketId: { not: null },
      receivedAt: { gte: new Date(ctx.now.getTime() - PAIR_WINDOW_MS) },
    },
    orderBy: { id: 'desc' },
    select: { ticketId: true },
  });
  return m?.ticketId ?? null;
}

/**
 * The sentence the bot asked for after a photo: filed as a report with the waiting photos (and
 * the pin's building as its place when the words name none). Commands and status questions go
 * on as usual and leave the question open.
 */
export async function completeMediaReport(ctx: Context): Promise<Handled | null> {
  const open = await pending<Waiting>(ctx, 'media');
  if (!open || !ctx.chat.place || !ctx.msg.text.trim()) return null;
  const r = ctx.reading;
  if (r.intent === 'command' || r.intent === 'status' || r.intent === 'directory') return null;
  await forget(ctx, open.id);
  const pin = open.payload.pin;
  const near = pin ? await nearTo(ctx, { latitude: pin.lat, longitude: pin.lng }) : null;
  const handled = await fileReading(
    ctx,
    ctx.chat.place,
    { ...r, intent: 'report', category: r.category ?? 'other' },
    { media: open.payload.keys, near },
  );
  return { ...handled, promptsChanged: true };
}

/** Everything the message carried was refused before download (too large, over the quota). */
async function refused(ctx: Context): Promise<Handled> {
  const why = ctx.screened?.find((s): s is NonNullable<Screened> => !!s);
  const text = why === 'quota' ? T.mediaQuota : T.mediaTooLarge(ctx.config.media.maxMegabytes);
  return ctx.reply(text);
}

/** How the engine links a message's own attachments once it was handled. */
export async function linkOf(ctx: Context, handled: Handled): Promise<AttachmentLink> {
  if (handled.media) return handled.media;
  const id = handled.ticketId;
  if (!id) return { ticketId: null, role: 'kept' };
  if (handled.outcome === 'ticket' || handled.outcome === 'merged') return { ticketId: id, role: 'report' };
  const ticket = await ctx.db.ticket.findUnique({ where: { id }, select: { assigneeId: true } });
  if (ticket && ctx.speaker.personId && ticket.assigneeId === ctx.speaker.personId)
    return { ticketId: id, role: 'evidence', eventId: await latestEvent(ctx.db, id, ['resolved', 'progress']) };
  return { ticketId: null, role: 'kept' };
}
