/**
 * Query strings in and out: the ticket filter, the map's window, and links that keep them.
 * Anything malformed is dropped, never an error: a page always renders.
 */
import { CATEGORY_NAMES } from '../common/text/index.js';
import { startOfLocalDay, zonedInstant } from '../services/local-time.js';
import type { TicketFilter } from '../services/console/tickets.js';
import { TICKET_STATUSES } from '../services/workflow/index.js';

export const WINDOWS = [7, 30, 90] as const;

type Query = Record<string, string | undefined>;

const int = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** "2026-11-23" as local midnight in `timeZone`; `plusDays` moves it (the end of a range is exclusive). */
export function localDate(v: string | undefined, timeZone: string, plusDays = 0): Date | undefined {
  const m = v ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) return undefined;
  const start = zonedInstant(timeZone, Number(m[1]), Number(m[2]), Number(m[3]));
  return plusDays ? startOfLocalDay(start, timeZone, plusDays) : start;
}

/** The filter a list, an export or an Open311 request asks for. */
export function filterOf(q: Query, timeZone: string): TicketFilter {
  const f: TicketFilter = {};
  const place = int(q.place);
  if (place) f.place = place;
  if (q.category && q.category in CATEGORY_NAMES) f.category = q.category;
  if (q.status === 'open' || (TICKET_STATUSES as readonly string[]).includes(q.status ?? '')) f.status = q.status;
  if (q.urgent === '1') f.urgent = true;
  if (q.overdue === '1') f.overdue = true;
  const from = localDate(q.from, timeZone);
  if (from) f.from = from;
  const to = localDate(q.to, timeZone, 1);
  if (to) f.to = to;
  const assignee = int(q.assignee);
  if (assignee) f.assignee = assignee;
  if (q.q?.trim()) f.q = q.q.trim().slice(0, 50);
  return f;
}

/** The window a map or chart page shows, one of {@link WINDOWS}. */
export function windowOf(q: Query): number {
  const days = int(q.days);
  return WINDOWS.find((w) => w === days) ?? 30;
}

/** A query string from parameters, leaving out the empty ones. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    s.set(k, v === true ? '1' : String(v));
  }
  const out = s.toString();
  return out ? `?${out}` : '';
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-23": a local day, as the date inputs and the links use it. */
export function isoDay(d: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(d);
}
