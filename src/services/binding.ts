/**
 * Binding: a group chat to a place ("绑定 3栋2单元"), a chat back to its place after the platform
 * changed its id ("绑定 <recovery code>"), and a platform account to a person ("绑定 <invite code>").
 * Each returns what it did; the caller words it.
 */
import { randomInt } from 'node:crypto';
import type { PlaceRef } from '../intents/index.js';
import type { Db } from '../store/client.js';
import { canHandle, type PlaceRow, placesHandledBy, resolveLocation } from './org/places.js';

export type BindResult =
  | { ok: true; kind: 'chat'; place: PlaceRow; recoveryCode: string | null }
  | { ok: true; kind: 'person'; personName: string }
  | {
      ok: false;
      reason:
        | 'not_group'
        | 'forbidden'
        | 'forbidden_rebind'
        | 'unknown_place'
        | 'bad_code'
        | 'forbidden_recovery'
        | 'too_many';
    };

interface Who {
  identityId: number;
  personId: number | null;
}

/** Invite codes: ten characters people can read out and type (no 0/O, 1/I/L). */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_LENGTH = 10;
/** Shorter codes are refused outright: a six-digit code falls to a few thousand guesses. */
const MIN_CODE = 8;
/** Wrong codes allowed per person and per chat in an hour. */
export const WRONG_CODES_PER_HOUR = 5;

/** Binds a group to the place `ref` names, among the places the speaker heads; issues a recovery code. */
export async function bindChat(
  db: Db,
  who: Who,
  chat: { id: number; kind: string; title?: string | null; place?: PlaceRow | null },
  ref: PlaceRef,
): Promise<BindResult> {
  if (chat.kind !== 'group') return { ok: false, reason: 'not_group' };
  const handled = who.personId ? await placesHandledBy(db, who.personId) : [];
  if (!handled.length) return { ok: false, reason: 'forbidden' };
  // A chat already bound moves only in the hands of someone who heads its current place too.
  if (chat.place && !(await canHandle(db, who.personId, chat.place))) return { ok: false, reason: 'forbidden_rebind' };
  let target: PlaceRow | null = null;
  for (const base of handled) {
    const candidate =
      ref.level === 'grid' || ref.level === 'community' || ref.level === 'here'
        ? base.level === ref.level || ref.level === 'here'
          ? base
          : null
        : await resolveLocation(db, base, { building: ref.building, unit: ref.unit });
    if (candidate && (await canHandle(db, who.personId, candidate))) {
      target = candidate;
      break;
    }
  }
  if (!target) return { ok: false, reason: 'unknown_place' };
  const recoveryCode = await freeChatCode(db);
  await db.chat.update({
    where: { id: chat.id },
    data: { placeId: target.id, title: chat.title ?? undefined, bindingCode: recoveryCode },
  });
  return { ok: true, kind: 'chat', place: target, recoveryCode };
}

/** An eight-digit code that re-binds this place to a chat whose platform id changed. */
async function freeChatCode(db: Db): Promise<string> {
  for (;;) {
    const code = String(randomInt(10_000_000, 100_000_000));
    if (!(await db.chat.findUnique({ where: { bindingCode: code } }))) return code;
  }
}

/**
 * "绑定 CODE": a chat's recovery code moves the old chat's binding here (heads only); an invite
 * code links the speaker's account to a person; a place code binds this group.
 */
export async function bindByCode(
  db: Db,
  who: Who,
  chat: { id: number; kind: string; title?: string | null },
  typed: string,
  now: Date,
): Promise<BindResult> {
  const since = new Date(now.getTime() - 3_600_000);
  const wrong = await db.inboundMessage.count({
    where: {
      outcome: 'bad_code',
      receivedAt: { gte: since },
      OR: [{ identityId: who.identityId }, { chatId: chat.id }],
    },
  });
  if (wrong >= WRONG_CODES_PER_HOUR) return { ok: false, reason: 'too_many' };
  const code = typed.toUpperCase();
  if (code.length < MIN_CODE) return { ok: false, reason: 'bad_code' };
  const row = await db.bindingCode.findUnique({ where: { code } });
  if (!row && chat.kind === 'group') {
    const recovered = await recoverChat(db, who, chat, code);
    if (recovered) return recovered;
  }
  if (!row || row.usedAt || row.expiresAt < now) return { ok: false, reason: 'bad_code' };
  if (row.personId) {
    await db.identity.update({ where: { id: who.identityId }, data: { personId: row.personId } });
    await db.bindingCode.update({ where: { id: row.id }, data: { usedAt: now } });
    const person = await db.person.findUnique({ where: { id: row.personId } });
    return { ok: true, kind: 'person', personName: person?.name ?? '' };
  }
  if (row.placeId && chat.kind === 'group') {
    await db.chat.updateMany({ where: { bindingCode: code }, data: { bindingCode: null } });
    await db.chat.update({ where: { id: chat.id }, data: { placeId: row.placeId, bindingCode: code } });
    const place = await db.place.findUnique({ where: { id: row.placeId } });
    if (place) return { ok: true, kind: 'chat', place, recoveryCode: null };
  }
  return { ok: false, reason: 'bad_code' };
}

async function recoverChat(
  db: Db,
  who: Who,
  chat: { id: number; title?: string | null },
  code: string,
): Promise<BindResult | null> {
  const old = await db.chat.findUnique({ where: { bindingCode: code }, include: { place: true } });
  if (!old?.place) return null;
  if (!(await canHandle(db, who.personId, old.place))) return { ok: false, reason: 'forbidden_recovery' };
  await db.chat.update({
    where: { id: old.id },
    data: { bindingCode: null, placeId: old.id === chat.id ? old.placeId : null },
  });
  await db.chat.update({
    where: { id: chat.id },
    data: { placeId: old.placeId, bindingCode: code, title: chat.title ?? undefined },
  });
  return { ok: true, kind: 'chat', place: old.place, recoveryCode: null };
}
