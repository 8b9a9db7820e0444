/**
 * The console's ticket queries: the filtered, searchable, paged list (also behind the CSV
 * export and Open311), and one ticket with its timeline. Every query is bounded by a
 * {@link Scope}, so a person never reads outside the places where they hold a role.
 */
import type { Db } from '../../store/client.js';
import { HANDLING_STATUSES, OPEN_STATUSES } from '../workflow/index.js';
import { labelIn, type Scope, SENSITIVE_KINDS, subtreeIds } from './scope.js';

type FindMany = NonNullable<Parameters<Db['ticket']['findMany']>[0]>;
export type TicketWhere = NonNullable<FindMany['where']>;

export interface TicketFilter {
  place?: number;
  category?: string;
  /** A status, or 'open' for every status someone still has to act on. */
  status?: string;
  urgent?: boolean;
  overdue?: boolean;
  /** Reported on or after. */
  from?: Date;
  /** Reported before. */
  to?: Date;
  assignee?: number;
  /** A number ("12", "#12") finds that ticket; words search the text. */
  q?: string;
}

/** Open and past its acknowledge or resolve deadline. */
export function overdueWhere(now: Date): TicketWhere {
  return {
    OR: [
      { status: 'assigned', ackDueAt: { lt: now } },
      { status: { in: [...HANDLING_STATUSES] }, resolveDueAt: { lt: now } },
    ],
  };
}

export function isOverdue(t: { status: string; ackDueAt: Date | null; resolveDueAt: Date | null }, now: Date): boolean {
  if (t.status === 'assigned' && t.ackDueAt && t.ackDueAt < now) return true;
  return (HANDLING_STATUSES as string[]).includes(t.status) && !!t.resolveDueAt && t.resolveDueAt < now;
}

/**
 * What the scope may read. `forExport` drops sensitive must-report items for everyone; otherwise
 * they stay for their assignee and the grid and community roles above them.
 */
export function scopeWhere(scope: Scope, forExport = false): TicketWhere {
  const ids = [...scope.places.keys()];
  const where: TicketWhere[] = [
    scope.top && !forExport ? { OR: [{ placeId: { in: ids } }, { placeId: null }] } : { placeId: { in: ids } },
  ];
  const harmless: TicketWhere[] = [{ mustReport: null }, { mustReport: { notIn: SENSITIVE_KINDS } }];
  if (forExport || !scope.personId) where.push({ OR: harmless });
  else
    where.push({
      OR: [...harmless, { assigneeId: scope.personId }, { placeId: { in: [...scope.senior] } }],
    });
  return { AND: where };
}

/** The rule of {@link scopeWhere} for one ticket (or a group of tickets sharing these fields). */
export function visibleTo(
  scope: Scope,
  t: { placeId: number | null; mustReport: string | null; assigneeId: number | null },
): boolean {
  if (t.placeId === null ? !scope.top : !scope.places.has(t.placeId)) return false;
  if (!t.mustReport || !SENSITIVE_KINDS.includes(t.mustReport)) return true;
  return !!scope.personId && (t.assigneeId === scope.personId || (t.placeId !== null && scope.senior.has(t.placeId)));
}

/** The scope's tickets narrowed by a filter. */
export function ticketWhere(scope: Scope, f: TicketFilter, now: Date, forExport = false): TicketWhere {
  const and: TicketWhere[] = [scopeWhere(scope, forExport)];
  if (f.place) and.push({ placeId: { in: subtreeIds(scope, f.place) } });
  if (f.category) and.push({ category: f.category });
  if (f.status === 'open') and.push({ status: { in: [...OPEN_STATUSES] } });
  else if (f.status) and.push({ status: f.status });
  if (f.urgent) and.push({ urgent: true });
  if (f.overdue) and.push(overdueWhere(now));
  if (f.from || f.to) and.push({ createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } });
  if (f.assignee) and.push({ assigneeId: f.assignee });
  const q = f.q?.trim();
  if (q) {
    const number = /^#?\s*(\d{1,9})$/.exec(q);
    and.push(number ? { id: Number(number[1]) } : { text: { contains: q.slice(0, 50) } });
  }
  return { AND: and };
}

export interface TicketListRow {
  id: number;
  status: string;
  category: string;
  urgent: boolean;
  mustReport: string | null;
  text: string;
  placeId: number | null;
  place: string | null;
  assignee: string | null;
  createdAt: Date;
  due: Date | null;
  overdue: boolean;
}

/** One page of the filtered list, newest first, and how many match in all. */
export async function listTickets(
  db: Db,
  scope: Scope,
  f: TicketFilter,
  now: Date,
  page = 1,
  pageSize = 50,
): Promise<{ rows: TicketListRow[]; total: number }> {
  const where = ticketWhere(scope, f, now);
  const [total, rows] = await Promise.all([
    db.ticket.count({ where }),
    db.ticket.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (Math.max(1, page) - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        status: true,
        category: true,
        urgent: true,
        mustReport: true,
        text: true,
        placeId: true,
        createdAt: true,
        ackDueAt: true,
        resolveDueAt: true,
        assignee: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((t) => ({
      id: t.id,
      status: t.status,
      category: t.category,
      urgent: t.urgent,
      mustReport: t.mustReport,
      text: t.text,
      placeId: t.placeId,
      place: labelIn(scope, t.placeId),
      assignee: t.assignee?.name ?? null,
      createdAt: t.createdAt,
      due:
        t.status === 'assigned'
          ? t.ackDueAt
          : (HANDLING_STATUSES as string[]).includes(t.status)
            ? t.resolveDueAt
            : null,
      overdue: isOverdue(t, now),
    })),
  };
}

export interface TimelineEntry {
  at: Date;
  kind: string;
  /** A head's name; null for the system; `resident` when a resident acted (never their name). */
  who: string | null;
  resident: boolean;
  note: string | null;
  data: Record<string, unknown> | null;
}

/** One ticket as the console shows it, or null when it is outside the scope. */
export async function ticketDetail(db: Db, scope: Scope, id: number, now: Date) {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const visible = await db.ticket.count({ where: { AND: [{ id }, scopeWhere(scope)] } });
  if (!visible) return null;
  const t = await db.ticket.findUniqueOrThrow({
    where: { id },
    include: {
      assignee: { select: { name: true } },
      events: { orderBy: { id: 'asc' }, include: { actor: { include: { person: { select: { name: true } } } } } },
      _count: { select: { followers: true } },
    },
  });
  const timeline: TimelineEntry[] = t.events.map((e) => ({
    at: e.at,
    kind: e.kind,
    who: e.actor?.person?.name ?? null,
    resident: !!e.actor && !e.actor.person,
    note: e.note,
    data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
  }));
  return {
    ticket: t,
    place: labelIn(scope, t.placeId),
    assignee: t.assignee?.name ?? null,
    followers: t._count.followers,
    overdue: isOverdue(t, now),
    timeline,
  };
}

export type TicketDetail = NonNullable<Awaited<ReturnType<typeof ticketDetail>>>;
