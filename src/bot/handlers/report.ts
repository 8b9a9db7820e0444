/**
 * Report → ticket: find the place (from the message, else the chat), ask back when that is not
 * enough, merge into an open duplicate, assign the nearest head, and page the grid head for
 * urgent and must-report items (crime and instability leads only by direct message).
 */
import { EMERGENCY_REPAIR, STATUS_NAMES, T, when } from '../../common/text/index.js';
import type { Reading } from '../../intents/index.js';
import type { PlaceRow } from '../../services/org/places.js';
import type { OutboxItem } from '../../services/outbox.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';

const PROMPT_TTL_MS = 30 * 60_000;
/** Where a report at grid level is complete without a building: shared areas. */
const SHARED_AREA =
  /小区|路灯|广场|车库|停车场|垃圾站|垃圾桶|大门|花园|绿化|草坪|山|院里|院子|篮球场|健身|围墙|外面|马路|街/;
const NEEDS_BUILDING = ['facility', 'sanitation', 'safety', 'dispute'];
const SENSITIVE = ['crime', 'instability'];

interface PendingReport {
  text: string;
  category: string;
  urgent: boolean;
  mustReport: string | null;
  room: string | null;
}

export async function report(ctx: Context): Promise<Handled> {
  const base = ctx.chat.place;
  if (!base) return ctx.reply(T.reportInGroup);
  const r = ctx.reading;
  const place = await ctx.locate(base, r.location);
  const pending: PendingReport = {
    text: r.text,
    category: r.category ?? 'other',
    urgent: r.urgent,
    mustReport: r.mustReport,
    room: r.location.room,
  };
  if (r.urgent || r.mustReport) return createFromReport(ctx, place ?? base, pending);
  if (!place || needsBuilding(place, r)) return askLocation(ctx, pending);
  return createFromReport(ctx, place, pending);
}

function needsBuilding(place: PlaceRow, r: Reading): boolean {
  if (place.level === 'building' || place.level === 'unit') return false;
  return NEEDS_BUILDING.includes(r.category ?? 'other') && !SHARED_AREA.test(r.text);
}

async function askLocation(ctx: Context, pending: PendingReport): Promise<Handled> {
  const key = { chatId: ctx.chat.id, identityId: ctx.speaker.identityId, kind: 'location' };
  const data = { payload: JSON.stringify(pending), expiresAt: new Date(ctx.now.getTime() + PROMPT_TTL_MS) };
  await ctx.db.prompt.upsert({ where: { chatId_identityId_kind: key }, create: { ...key, ...data }, update: data });
  return { ...(await ctx.reply(T.askLocation, [], 'asked')), promptsChanged: true };
}

/**
 * Completes a report the bot asked about, when this message answers the question. Returns what
 * was done when the message was consumed, 'dropped' when a stale question was removed and the
 * message goes on to be read as usual, and null when nothing was pending.
 */
export async function completePendingReport(ctx: Context): Promise<Handled | 'dropped' | null> {
  const waiting = await ctx.cache.get(
    `prompts:${ctx.chat.id}`,
    async () =>
      new Set(
        (await ctx.db.prompt.findMany({ where: { chatId: ctx.chat.id }, select: { identityId: true } })).map(
          (p) => p.identityId,
        ),
      ),
  );
  if (!waiting.has(ctx.speaker.identityId)) return null;
  const prompt = await ctx.db.prompt.findUnique({
    where: { chatId_identityId_kind: { chatId: ctx.chat.id, identityId: ctx.speaker.identityId, kind: 'location' } },
  });
  if (!prompt) return 'dropped';
  const r = ctx.reading;
  const named = r.location.building || r.location.unit;
  if (prompt.expiresAt < ctx.now || (!named && r.intent !== 'chitchat')) {
    await ctx.db.prompt.delete({ where: { id: prompt.id } });
    return 'dropped';
  }
  if (r.intent === 'command' || r.intent === 'status') return 'dropped';
  await ctx.db.prompt.delete({ where: { id: prompt.id } });
  const place = named && ctx.chat.place ? await ctx.locate(ctx.chat.place, r.location) : null;
  if (!place || place.level === 'grid' || place.level === 'community') {
    return { ...(await ctx.reply(T.locationStillMissing)), promptsChanged: true };
  }
  const pending = JSON.parse(prompt.payload) as PendingReport;
  const handled = await createFromReport(ctx, place, {
    ...pending,
    room: r.location.room ?? pending.room,
    text: `${pending.text}（${r.text}）`,
  });
  return { ...handled, promptsChanged: true };
}

async function createFromReport(ctx: Context, place: PlaceRow, p: PendingReport): Promise<Handled> {
  const { db, config, now } = ctx;
  const since = new Date(now.getTime() - config.duplicateWindowHours * 3_600_000);
  const duplicate = p.urgent ? null : await workflow.findDuplicate(db, place.id, p.category, p.text, since);
  if (duplicate) return follow(ctx, duplicate.id, duplicate.status, duplicate.reporterId);

  const chain = await ctx.chain(place);
  const gridChain = chain.slice(
    Math.max(
      0,
      chain.findIndex((x) => x.level === 'grid'),
    ),
  );
  const gridHead = await ctx.head(gridChain);
  const sensitive = !!p.mustReport && SENSITIVE.includes(p.mustReport);
  const localHead = await ctx.head(chain);
  const head = p.mustReport ? (gridHead ?? localHead) : localHead;
  const ticket = await workflow.createTicket(db, {
    text: p.text,
    category: p.category,
    urgent: p.urgent,
    mustReport: p.mustReport,
    building: chain.find((x) => x.level === 'building')?.number ?? null,
    unit: place.level === 'unit' ? place.number : null,
    room: p.room,
    placeId: place.id,
    chatId: ctx.chat.id,
    reporterId: ctx.speaker.identityId,
    assigneeId: head?.personId ?? null,
    now,
    config,
  });
  const label = await ctx.label(place);
  const replies: OutboxItem[] = [];
  const done = (): Handled => ({ outcome: 'ticket', ticketId: ticket.id, replies });

  if (sensitive) {
    replies.push(await ctx.say(T.sensitiveAck(ticket.id)));
    const kind = T.mustReportKinds[p.mustReport!] ?? p.mustReport!;
    if (gridHead) {
      replies.push(
        ...(await ctx.dm(gridHead.personId, T.mustReportDirect({ id: ticket.id, kind, text: p.text, place: label }))),
      );
    }
    return done();
  }
  if (!head) {
    replies.push(await ctx.say(T.ticketNoHead(ticket.id, label)));
    return done();
  }

  const due = when(ticket.ackDueAt!, config.timeZone);
  const created = T.ticketCreated({ id: ticket.id, category: p.category, place: label, head: head.name, due });
  const paged =
    p.urgent || p.mustReport ? unique([localHead?.personId, head.personId, gridHead?.personId]) : [head.personId];
  if (config.pingMode === 'direct' && !p.urgent) {
    replies.push(await ctx.say(created));
    const ping = T.headPing({ id: ticket.id, category: p.category, place: label, text: p.text, due });
    const direct = await ctx.dm(head.personId, ping);
    replies.push(...(direct.length ? direct : [await ctx.say(ping, [head.personId])]));
  } else {
    replies.push(await ctx.say(created, paged));
  }
  if (p.urgent) {
    const page = T.urgentPage({ id: ticket.id, text: p.text, place: label, head: gridHead?.name ?? head.name });
    replies.push(await ctx.say(`${page}\n${T.emergencyNumbers(await emergencyExtras(ctx, chain))}`));
    if (gridHead) {
      const direct = T.urgentPage({ id: ticket.id, text: p.text, place: label, head: gridHead.name });
      replies.push(...(await ctx.dm(gridHead.personId, direct)));
    }
  }
  return done();
}

async function follow(ctx: Context, ticketId: number, status: string, reporterId: number): Promise<Handled> {
  if (reporterId !== ctx.speaker.identityId) await workflow.follow(ctx.db, ticketId, ctx.speaker.identityId, ctx.now);
  const handled = await ctx.reply(T.duplicate(ticketId, STATUS_NAMES[status] ?? status), [], 'merged');
  return { ...handled, ticketId };
}

/** Board entries for emergency repairs (燃气抢修 and the like) along the place chain. */
async function emergencyExtras(ctx: Context, chain: PlaceRow[]): Promise<string> {
  return ctx.cache.get(`emergency:${chain[0]?.id}`, async () => {
    const entries = await ctx.db.boardEntry.findMany({
      where: { placeId: { in: chain.map((p) => p.id) }, label: { contains: EMERGENCY_REPAIR } },
    });
    return entries.map((e) => `${e.label}${e.phone}`).join('、');
  });
}

function unique(ids: (number | undefined)[]): number[] {
  return [...new Set(ids.filter((id): id is number => id !== undefined))];
}
