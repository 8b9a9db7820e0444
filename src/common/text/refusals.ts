/**
 * A workflow refusal in words, for every place that words one (chat handlers, the web console):
 * why, then what to do instead. A change someone made a moment ago is named ("#12 刚被 张楼长
 * 签收了"), never a generic apology. The shape mirrors the workflow's `Refusal` without importing it.
 */
import { EVENT_NAMES } from './names.js';
import { TICKET_TEXT as T } from './tickets.js';

export interface RefusalLike {
  reason: 'not_found' | 'hidden' | 'private' | 'forbidden' | 'wrong_state' | 'stale' | 'invalid' | 'top';
  ticketId?: number;
  ticket?: { id: number; status: string };
  verb?: string;
  who?: readonly string[];
  last?: { kind: string; by: string | null; at: Date } | null;
  detail?: string;
}

/** How recent a change must be to be told as "just now". */
const JUST_NOW_MS = 10 * 60_000;

/** `raw` is the words the request named (a place that does not exist). */
export function refusalText(r: RefusalLike, now: Date, raw?: string): string {
  const id = r.ticket?.id ?? r.ticketId ?? 0;
  switch (r.reason) {
    case 'not_found':
      return T.unknownTicket(id);
    case 'hidden':
      return T.ticketElsewhere(id);
    case 'private':
      return T.ticketPrivate(id);
    case 'forbidden':
      return T.noPermission(
        T.verbNames[r.verb ?? ''] ?? r.verb ?? '',
        r.who?.includes('reporter') ? T.whoReporter : T.whoHeads,
      );
    case 'top':
      return T.alreadyTop(id);
    case 'invalid':
      return (T.invalid[r.detail ?? ''] ?? T.invalid.same_ticket)(id, raw);
    case 'stale':
    case 'wrong_state': {
      const last = r.last;
      const recent = last && now.getTime() - last.at.getTime() <= JUST_NOW_MS;
      if (last && (r.reason === 'stale' || (recent && last.by))) {
        return T.justChanged(id, last.by, EVENT_NAMES[last.kind] ?? last.kind, r.ticket?.status);
      }
      return T.wrongState(id, r.ticket?.status ?? '');
    }
  }
}
