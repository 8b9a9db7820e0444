/**
 * Attachment rows: written with the inbound message that carried them (inside its transaction),
 * linked to a ticket or to the fix they prove, counted for status replies, and screened before
 * any download (size as the platform states it, the chat's daily quota).
 */
import type { Config } from '../../common/config.js';
import type { Attachment, Inbound } from '../../common/types.js';
import { dirname, join } from 'node:path';
import { type Db, providerOf, sqlitePath } from '../../store/client.js';

/** What an attachment is for. */
export type AttachmentRole = 'report' | 'evidence' | 'waiting' | 'kept';

/** Why an attachment was not downloaded at intake. */
export type Screened = 'too_large' | 'quota' | null;

/** Kinds whose bytes are fetched (a location pin has none). */
export const FETCHED_KINDS = ['image', 'audio', 'video', 'file'];

/** Statuses of an attachment that counts as a photo of its ticket (kept or on its way). */
export const LIVE_STATUSES = ['pending', 'fetching', 'stored'];

export interface AttachmentLink {
  ticketId: number | null;
  eventId?: number | null;
  role: AttachmentRole;
}

/** Max size in bytes from the configuration. */
export const maxBytes = (config: Config) => Math.round(config.media.maxMegabytes * 1024 * 1024);

/** Why this attachment is refused before download, if it is. */
export function screen(att: Attachment, config: Config, usedToday: number, index: number): Screened {
  if (!FETCHED_KINDS.includes(att.kind)) return null;
  if (att.size !== undefined && att.size > maxBytes(config)) return 'too_large';
  if (usedToday + index >= config.media.perChatPerDay) return 'quota';
  return null;
}

/** Attachments taken in this chat in the last day (what the quota counts). */
export async function usedToday(db: Db, chatId: number, now: Date): Promise<number> {
  return db.attachment.count({
    where: {
      chatId,
      createdAt: { gte: new Date(now.getTime() - 24 * 3_600_000) },
      kind: { in: FETCHED_KINDS },
      status: { not: 'rejected' },
    },
  });
}

/**
 * Records a message's attachments, after its inbound row (same transaction). Fetchable ones
 * wait for the download job unless screened out; location pins need no download.
 */
export async function recordAttachments(
  db: Db,
  msg: Inbound,
  where: { inboundKey: string; chatId: number | null; identityId: number | null; now: Date },
  link: AttachmentLink,
  screened: Screened[],
): Promise<void> {
  const list = msg.attachments ?? [];
  if (!list.length) return;
  await db.attachment.createMany({
    data: list.map((a, position) => {
      const refused = screened[position] ?? null;
      const fetched = FETCHED_KINDS.includes(a.kind);
      return {
        inboundKey: where.inboundKey,
        position,
        platform: msg.platform,
        account: msg.account,
        chatId: where.chatId,
        identityId: where.identityId,
        ticketId: link.ticketId,
        eventId: link.eventId ?? null,
        role: link.role,
        kind: a.kind,
        albumId: msg.albumId ?? null,
        ref: a.ref ?? null,
        statedMime: a.mime ?? null,
        statedSize: a.size ?? null,
        name: a.name ?? null,
        caption: msg.text ? msg.text.slice(0, 1000) : null,
        duration: a.duration ?? null,
        transcript: a.transcript ?? null,
        latitude: a.location?.latitude ?? null,
        longitude: a.location?.longitude ?? null,
        placeName: a.location?.name ?? null,
        status: !fetched ? 'none' : refused ? 'rejected' : 'pending',
        lastError: refused,
        notBefore: where.now,
        createdAt: where.now,
      };
    }),
  });
}

/** Links the attachments of earlier messages (by their inbound keys) to a ticket. */
export async function linkEarlier(db: Db, inboundKeys: string[], link: AttachmentLink): Promise<number> {
  if (!inboundKeys.length) return 0;
  const { count } = await db.attachment.updateMany({
    where: { inboundKey: { in: inboundKeys } },
    data: { ticketId: link.ticketId, eventId: link.eventId ?? null, role: link.role },
  });
  return count;
}

/** How many photos a ticket has (stored or still arriving). */
export async function photoCount(db: Db, ticketId: number): Promise<number> {
  return db.attachment.count({ where: { ticketId, kind: 'image', status: { in: LIVE_STATUSES } } });
}

/** How many photos each of these tickets has. */
export async function photoCounts(db: Db, ticketIds: number[]): Promise<Map<number, number>> {
  if (!ticketIds.length) return new Map();
  const rows = await db.attachment.groupBy({
    by: ['ticketId'],
    where: { ticketId: { in: ticketIds }, kind: 'image', status: { in: LIVE_STATUSES } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.ticketId!, r._count._all]));
}

/** A ticket's photos, oldest first. */
export function photosOf(db: Db, ticketId: number) {
  return db.attachment.findMany({
    where: { ticketId, kind: 'image', status: { in: LIVE_STATUSES } },
    orderBy: { id: 'asc' },
  });
}

/** The latest event of a ticket by this actor of one of these kinds (the fix a photo proves). */
export async function latestEvent(db: Db, ticketId: number, kinds: string[]): Promise<number | null> {
  const e = await db.ticketEvent.findFirst({
    where: { ticketId, kind: { in: kinds } },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  return e?.id ?? null;
}

/** Where the media store keeps files: configured, else media/ beside the SQLite file, else data/media. */
export function mediaDir(config: Config): string {
  if (config.media.dir) return config.media.dir;
  return providerOf(config.databaseUrl) === 'sqlite'
    ? join(dirname(sqlitePath(config.databaseUrl)), 'media')
    : 'data/media';
}
