/**
 * Workflow refusals in words: each says why, then what to do instead. A change someone else
 * made a moment ago is named ("#12 刚被 张楼长 签收了"), never a generic apology.
 */
import { EVENT_NAMES, T } from '../../common/text/index.js';
import type { Refusal } from '../../services/workflow/index.js';

/** How recent a change must be to be told as "just now". */
const JUST_NOW_MS = 10 * 60_000;

/** `raw` is the words the request named (a place that does not exist). */
export function refusalText(r: Refusal, now: Date, raw?: string): string {
  switch (r.reason) {
    case 'not_found':
      return T.unknownTicket(r.ticketId);
    case 'hidden':
      return T.ticketElsewhere(r.ticketId);
    case 'forbidden':
      return T.noPermission(T.verbNames[r.verb] ?? r.verb, r.who.includes('reporter') ? T.whoReporter : T.whoHeads);
    case 'top':
      return T.alreadyTop(r.ticket.id);
    case 'invalid':
      return T.invalid[r.detail](r.ticket?.id ?? 0, raw);
    case 'stale':
    case 'wrong_state': {
      const last = r.last;
      const recent = last && now.getTime() - last.at.getTime() <= JUST_NOW_MS;
      if (last && (r.reason === 'stale' || (recent && last.by))) {
        return T.justChanged(r.ticket.id, last.by, EVENT_NAMES[last.kind] ?? last.kind);
      }
      return T.wrongState(r.ticket.id, r.ticket.status);
    }
  }
}
