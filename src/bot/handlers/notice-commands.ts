/**
 * Notices ("通知 全网格 …"), scheduled notices ("定时 每周五15:00 全网格 …", "定时列表",
 * "取消定时 3"), the digest on demand ("日报") and visit logging ("走访 张奶奶 已完成 …").
 * Notices go from a head of the place or above to every chat bound at or below it; visit data
 * is answered only by direct message and never repeated in a group.
 */
import { normalise, type CommandName } from '../../intents/index.js';
import { isRecordId } from '../../common/ids.js';
import { digestText } from '../../services/digest-send.js';
import { planNotice } from '../../services/notices.js';
import {
  ancestors,
  canHandle,
  chainIds,
  headOf,
  placeLabel,
  placesHandledBy,
  resolvePlaceRef,
  scopeOf,
  type PlaceRow,
} from '../../services/org/places.js';
import { cancelSchedule, createNoticeSchedule, listSchedules } from '../../services/schedules.js';
import { logVisit } from '../../services/visits.js';
import { T, when } from '../../common/text/index.js';
import type { Context, Handled } from '../context.js';
import type { Handler } from '../router.js';

/**
 * The notice text as the author wrote it (Traditional characters, full-width punctuation and
 * all), not the normalised form the parser saw: the shortest tail of the message that
 * normalises to the parsed note. Falls back to the parsed note.
 */
function authoredText(ctx: Context): string | undefined {
  const note = ctx.reading.args.note?.trim();
  if (!note) return undefined;
  const original = ctx.msg.text ?? '';
  const names = ctx.config.botNames;
  const first = Math.max(0, original.length - note.length * 2 - 20);
  for (let k = Math.max(0, original.length - note.length); k >= first; k--) {
    const tail = original.slice(k).trim();
    if (normalise(tail, names).text === note) return tail;
  }
  return note;
}

/** Places the speaker handles, highest first. */
async function handled(ctx: Context): Promise<PlaceRow[]> {
  if (!ctx.speaker.personId) return [];
  return (await placesHandledBy(ctx.db, ctx.speaker.personId)).sort((a, b) => a.depth - b.depth || a.id - b.id);
}

/** The place a notice command names, seen from this chat (or, in a direct chat, from the speaker's places). */
async function targetPlace(ctx: Context): Promise<PlaceRow | 'missing' | 'unknown'> {
  const ref = ctx.reading.args.place;
  const bases = ctx.chat.place ? [ctx.chat.place] : await handled(ctx);
  if (!ref) return ctx.chat.place ?? (bases.length === 1 ? bases[0] : 'missing');
  if (!bases.length) return 'missing';
  for (const base of bases) {
    const place = await resolvePlaceRef(ctx.db, base, ref);
    if (place) return place;
  }
  return 'unknown';
}

/** Resolves the place and checks the speaker may post to it; otherwise the reply that says why. */
async function placeForNotice(ctx: Context): Promise<{ place: PlaceRow; label: string } | Handled> {
  const target = await targetPlace(ctx);
  if (target === 'missing') return ctx.reply(T.noticeNeedPlace);
  if (target === 'unknown') return ctx.reply(T.noticeUnknownPlace(ctx.reading.args.place?.raw ?? ''));
  const label = await placeLabel(ctx.db, target);
  if (!(await canHandle(ctx.db, ctx.speaker.personId, target))) {
    const head = await headOf(ctx.db, await ancestors(ctx.db, target));
    return ctx.reply(T.noticeNoPermission(label, T.noticeWho(label, head?.name ?? '')));
  }
  return { place: target, label };
}

const notify: Handler = async (ctx) => {
  const text = authoredText(ctx);
  if (!text) return ctx.reply(T.noticeNeedText);
  const found = await placeForNotice(ctx);
  if (!('place' in found)) return found;
  const here = ctx.here;
  const planned = await planNotice(ctx.db, {
    place: found.place,
    text,
    authorId: ctx.speaker.personId,
    authorName: ctx.speaker.personName ?? ctx.speaker.displayName,
    now: ctx.now,
    reportTo: {
      platform: here.platform,
      account: here.account,
      chatExternalId: here.externalId,
      replyTo: here.threadId ?? null,
    },
    ack: T.noticeQueued,
  });
  if (!planned.total) return ctx.reply(T.noticeNoChats(found.label));
  return { outcome: 'notice', replies: [] };
};

const schedule: Handler = async (ctx) => {
  const { when: spec, whenText } = ctx.reading.args;
  if (!spec) return ctx.reply(whenText ? T.scheduleBadWhen(whenText) : T.scheduleNeedWhen);
  const text = authoredText(ctx);
  if (!text) return ctx.reply(T.noticeNeedText);
  const found = await placeForNotice(ctx);
  if (!('place' in found)) return found;
  const tz = ctx.config.timeZone;
  const result = await createNoticeSchedule(ctx.db, {
    place: found.place,
    text,
    authorId: ctx.speaker.personId,
    when: spec,
    timeZone: tz,
    now: ctx.now,
  });
  if (!result.ok) {
    return ctx.reply(
      result.reason === 'past' && result.at
        ? T.schedulePast(when(result.at, tz))
        : T.scheduleBadWhen(whenText ?? spec.text),
    );
  }
  return ctx.reply(T.scheduleCreated(result.id, found.label, result.rule, when(result.next, tz)));
};

const schedules: Handler = async (ctx) => {
  const bases = ctx.chat.place ? [ctx.chat.place] : await handled(ctx);
  if (!bases.length) return ctx.reply(T.scheduleNone);
  const scope = ctx.reading.args.place
    ? await resolvePlaceRef(ctx.db, bases[0], ctx.reading.args.place)
    : await scopeOf(ctx.db, bases[0]);
  if (!scope) return ctx.reply(T.noticeUnknownPlace(ctx.reading.args.place?.raw ?? ''));
  const tz = ctx.config.timeZone;
  const rows = await listSchedules(ctx.db, scope, ctx.now, tz, chainIds(scope));
  if (!rows.length) return ctx.reply(T.scheduleNone);
  return ctx.reply(
    T.scheduleList(
      rows.map((r) =>
        T.scheduleLine({
          id: r.id,
          place: r.place,
          rule: r.rule,
          next: r.next ? when(r.next, tz) : '—',
          text: r.text.slice(0, 30),
        }),
      ),
    ),
  );
};

const unschedule: Handler = async (ctx) => {
  const id = ctx.reading.args.scheduleId;
  if (!id) return ctx.reply(T.unscheduleHowTo);
  if (!isRecordId(id)) return ctx.reply(T.scheduleUnknown(id));
  const row = await ctx.db.schedule.findUnique({ where: { id }, include: { place: true } });
  if (!row?.active || row.kind !== 'notice') return ctx.reply(T.scheduleUnknown(id));
  const personId = ctx.speaker.personId;
  const allowed = !!personId && (row.authorId === personId || (await canHandle(ctx.db, personId, row.place)));
  if (!allowed) return ctx.reply(T.scheduleNoPermission(id));
  await cancelSchedule(ctx.db, id);
  return ctx.reply(T.scheduleCancelled(id));
};

const digest: Handler = async (ctx) => {
  const places = await handled(ctx);
  const personId = ctx.speaker.personId;
  if (!personId || !places.length) return ctx.reply(T.digestNoPermission);
  const text = (withVisits: boolean) =>
    digestText(ctx.db, places[0], 'demand', ctx.now, ctx.now, ctx.config.timeZone, withVisits);
  if (ctx.chat.kind === 'direct') return ctx.reply(await text(true));
  // Asked in a group: the digest goes privately; only when that is impossible is it answered
  // here, and then without the visit figures.
  const direct = await ctx.dm(personId, await text(true));
  if (direct.length) return { outcome: 'reply', replies: [...direct, await ctx.say(T.digestSentDirect)] };
  return ctx.reply(await text(false));
};

const visit: Handler = async (ctx) => {
  const inGroup = ctx.chat.kind !== 'direct';
  // Everything about a visit is answered privately; the group hears nothing back.
  const answer = (text: string): Handled => ({
    outcome: 'visit',
    replies: [ctx.dmSpeaker(inGroup ? `${text}\n${T.visitPrivateOnly}` : text)],
  });
  const name = ctx.reading.args.targetName;
  if (!name) return answer(T.visitNeedName);
  const note = ctx.reading.args.note || null;
  const result = await logVisit(ctx.db, ctx.speaker.personId, name, note, ctx.now, ctx.config.timeZone);
  if (result.ok) return answer(T.visitLogged(result.name, result.done, result.total));
  return answer(result.reason === 'unknown' ? T.visitUnknown : T.visitNoPermission);
};

export const noticeCommands: Partial<Record<CommandName, Handler>> = {
  notify,
  schedule,
  schedules,
  unschedule,
  digest,
  visit,
};
