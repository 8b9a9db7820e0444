/**
 * Filing one problem as a ticket: assign the nearest head, @-mention them with the deadline,
 * page the grid head for urgent and must-report items (crime and instability leads only by
 * direct message), and give the emergency numbers on every safety or assistance report.
 */
import { EMERGENCY_REPAIR, T, when } from '../../common/text/index.js';
import type { PlaceRow } from '../../services/org/places.js';
import type { OutboxItem } from '../../services/outbox.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context } from '../context.js';

/** A problem to file: the words, what the reader made of them, and an earlier ticket it repeats. */
export interface Problem {
  text: string;
  category: string;
  urgent: boolean;
  mustReport: string | null;
  room: string | null;
  relatedToId?: number | null;
  /** Inbound keys of earlier messages whose photos or voice notes belong to this report. */
  media?: string[];
}

const SENSITIVE = ['crime', 'instability'];
/** Categories whose replies carry the emergency numbers, paged or not. */
const WITH_NUMBERS = ['safety', 'assistance'];

export interface Filed {
  ticket: workflow.TicketRow;
  replies: OutboxItem[];
}

export async function fileTicket(ctx: Context, place: PlaceRow, p: Problem): Promise<Filed> {
  const { db, config, now } = ctx;
  const chain = await ctx.chain(place);
  const gridHead = await gridHeadOf(ctx, chain);
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
    relatedToId: p.relatedToId ?? null,
    now,
    config,
  });
  const id = ticket.id;
  const label = await ctx.label(place);
  const replies: OutboxItem[] = [];

  if (p.mustReport && SENSITIVE.includes(p.mustReport)) {
    replies.push(await ctx.say(T.sensitiveAck(id), [], id));
    const kind = T.mustReportKinds[p.mustReport] ?? p.mustReport;
    if (gridHead)
      replies.push(...(await ctx.dm(gridHead.personId, T.mustReportDirect({ id, kind, text: p.text, place: label }))));
    return { ticket, replies };
  }
  const numbers =
    p.urgent || WITH_NUMBERS.includes(p.category) ? T.emergencyNumbers(await emergencyExtras(ctx, chain)) : '';
  const related = p.relatedToId ? T.related(p.relatedToId) : '';
  if (!head) {
    replies.push(await ctx.say(join(T.ticketNoHead(id, label) + related, p.urgent ? '' : numbers), [], id));
    return { ticket, replies };
  }
  const due = when(ticket.ackDueAt!, config.timeZone);
  const created = T.ticketCreated({ id, category: p.category, place: label, head: head.name, due }) + related;
  const paged =
    p.urgent || p.mustReport ? unique([localHead?.personId, head.personId, gridHead?.personId]) : [head.personId];
  if (config.pingMode === 'direct' && !p.urgent) {
    replies.push(await ctx.say(join(created, numbers), [], id));
    const ping = T.headPing({ id, category: p.category, place: label, text: p.text, due });
    const direct = await ctx.dm(head.personId, ping);
    replies.push(...(direct.length ? direct : [await ctx.say(ping, [head.personId], id)]));
  } else {
    replies.push(await ctx.say(join(created, p.urgent ? '' : numbers), paged, id));
  }
  if (p.urgent) replies.push(...(await pageOn(ctx, id, p.text, label, gridHead ?? head, numbers, [])));
  return { ticket, replies };
}

/** The page: "【紧急】#N …请 X 立即处置！" with the numbers here (mentioning `mention`), and to X directly. */
async function pageOn(
  ctx: Context,
  id: number,
  text: string,
  label: string,
  to: { personId: number; name: string },
  numbers: string,
  mention: number[],
): Promise<OutboxItem[]> {
  const page = T.urgentPage({ id, text, place: label, head: to.name });
  return [await ctx.say(join(page, numbers), mention, id), ...(await ctx.dm(to.personId, page))];
}

/**
 * A danger that is a handled problem back ("闭门器掉下来半截 吊在门上晃"): its reopened ticket is
 * paged as a new one would be, to its assignee here and the grid head directly.
 */
export async function pageReopened(ctx: Context, t: workflow.TicketRow, text: string): Promise<OutboxItem[]> {
  const place = t.placeId ? await ctx.db.place.findUnique({ where: { id: t.placeId } }) : null;
  if (!place) return [];
  const chain = await ctx.chain(place);
  const gridHead = await gridHeadOf(ctx, chain);
  const to = gridHead ?? (await ctx.head(chain));
  if (!to) return [];
  const numbers = T.emergencyNumbers(await emergencyExtras(ctx, chain));
  const mention = [...new Set([t.assigneeId ?? to.personId, to.personId])];
  return pageOn(ctx, t.id, text, await ctx.label(place), to, numbers, mention);
}

/** The head of the grid a place chain runs through (the chain from its grid up). */
function gridHeadOf(ctx: Context, chain: PlaceRow[]) {
  return ctx.head(
    chain.slice(
      Math.max(
        0,
        chain.findIndex((x) => x.level === 'grid'),
      ),
    ),
  );
}

const join = (a: string, b: string) => (b ? `${a}\n${b}` : a);

/** Board entries for emergency repairs (燃气抢修 and the like) along the place chain. */
async function emergencyExtras(ctx: Context, chain: PlaceRow[]): Promise<string> {
  return ctx.cache.get(`emergency:${chain[0]?.id}`, async () => {
    const entries = await ctx.db.boardEntry.findMany({
      where: { placeId: { in: chain.map((p) => p.id) }, label: { contains: EMERGENCY_REPAIR } },
    });
    return entries.map((e) => `${e.label}${e.phone}`).join(T.listSeparator);
  });
}

function unique(ids: (number | undefined)[]): number[] {
  return [...new Set(ids.filter((id): id is number => id !== undefined))];
}
