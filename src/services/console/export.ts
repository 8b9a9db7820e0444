/**
 * Tickets as they leave the system (CSV export, Open311): no reporter, no room, no phone
 * numbers in the residents' words, and never a must-report item about crime or instability.
 */
import type { Db } from '../../store/client.js';
import { ancestorIn, type Scope } from './scope.js';
import { isOverdue, type TicketFilter, ticketWhere } from './tickets.js';

export interface ExportRow {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  status: string;
  category: string;
  urgent: boolean;
  grid: string | null;
  building: string | null;
  unit: string | null;
  placeId: number | null;
  lat: number | null;
  lng: number | null;
  /** The resident's words with phone numbers masked. */
  text: string;
  assignee: string | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolveDueAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
  satisfied: boolean | null;
  chases: number;
  relapses: number;
}

/** Mobile numbers, landlines with an area code, and long digit runs (ID and card numbers). */
const PHONE = /(?<!\d)(?:\+?86[-\s]?)?(?:1[3-9]\d(?:[-\s]?\d{4}){2}|0\d{2,3}[-\s]?\d{7,8}|\d{7,8}|\d{12,})(?!\d)/g;

/** The text with every phone-like number replaced by `mask`. */
export function maskPhones(text: string, mask: string): string {
  return text.replace(PHONE, mask);
}

/**
 * The filtered tickets for export, in id order, in batches (a year of a community is too much
 * to hold at once).
 */
export async function* exportRows(
  db: Db,
  scope: Scope,
  filter: TicketFilter,
  now: Date,
  mask: string,
  options: { batch?: number; limit?: number; ids?: number[] } = {},
): AsyncGenerator<ExportRow[]> {
  const batch = options.batch ?? 2000;
  let left = options.limit ?? Number.MAX_SAFE_INTEGER;
  let after = 0;
  const where = ticketWhere(scope, filter, now, true);
  while (left > 0) {
    const rows = await db.ticket.findMany({
      where: { AND: [where, { id: { gt: after } }, ...(options.ids ? [{ id: { in: options.ids } }] : [])] },
      orderBy: { id: 'asc' },
      take: Math.min(batch, left),
      select: {
        id: true,
        createdAt: true,
        updatedAt: true,
        status: true,
        category: true,
        urgent: true,
        placeId: true,
        text: true,
        acknowledgedAt: true,
        resolvedAt: true,
        closedAt: true,
        ackDueAt: true,
        resolveDueAt: true,
        satisfied: true,
        chaseCount: true,
        relapseCount: true,
        assignee: { select: { name: true } },
      },
    });
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    left -= rows.length;
    yield rows.map((t) => {
      const place = t.placeId ? scope.places.get(t.placeId) : undefined;
      const building = ancestorIn(scope, t.placeId, 'building');
      const located = place?.lat != null ? place : building?.lat != null ? building : null;
      return {
        id: t.id,
        createdAt: t.createdAt,
        updatedAt: t.updatedAt,
        status: t.status,
        category: t.category,
        urgent: t.urgent,
        grid: ancestorIn(scope, t.placeId, 'grid')?.name ?? null,
        building: building?.name ?? null,
        unit: ancestorIn(scope, t.placeId, 'unit')?.name ?? null,
        placeId: t.placeId,
        lat: located?.lat ?? null,
        lng: located?.lng ?? null,
        text: maskPhones(t.text, mask),
        assignee: t.assignee?.name ?? null,
        acknowledgedAt: t.acknowledgedAt,
        resolvedAt: t.resolvedAt,
        resolveDueAt: t.resolveDueAt,
        closedAt: t.closedAt,
        overdue: isOverdue(t, now),
        satisfied: t.satisfied,
        chases: t.chaseCount,
        relapses: t.relapseCount,
      };
    });
    if (rows.length < batch) return;
  }
}
