/**
 * What a workflow verb returns: the changed ticket, or the reason it refused. Callers turn
 * results into words (chat replies, web pages); the workflow never writes user-facing text.
 */
import type { PlaceRow } from '../org/places.js';
import type { Party, Verb } from './states.js';
import type { TicketRow } from './tickets.js';

/** The latest change to a ticket, to say precisely why a verb no longer applies. */
export interface LastChange {
  kind: string;
  /** The name of whoever made it (a head's name; null for the system or a resident). */
  by: string | null;
  byIdentityId: number | null;
  at: Date;
}

export type Refusal =
  /** No ticket with that number. */
  | { ok: false; reason: 'not_found'; ticketId: number }
  /** The ticket exists but is outside what this person may see from here. */
  | { ok: false; reason: 'hidden'; ticketId: number }
  /** The ticket is of this area, but its progress is told only to its reporter, followers and heads. */
  | { ok: false; reason: 'private'; ticketId: number }
  /** The person may see it but not do this; `who` says who may. */
  | { ok: false; reason: 'forbidden'; verb: Verb; ticket: TicketRow; who: readonly Party[] }
  /** The ticket's status does not allow this verb; `last` is how it got there. */
  | { ok: false; reason: 'wrong_state'; verb: Verb; ticket: TicketRow; last: LastChange | null }
  /** Someone else changed the ticket between our read and our write. */
  | { ok: false; reason: 'stale'; verb: Verb; ticket: TicketRow; last: LastChange | null }
  /** The request itself does not make sense (merging a ticket into itself, an unknown person). */
  | { ok: false; reason: 'invalid'; verb: Verb; ticket?: TicketRow; detail: InvalidDetail }
  /** Escalation found nobody above the current assignee. */
  | { ok: false; reason: 'top'; verb: Verb; ticket: TicketRow };

export type InvalidDetail = 'same_ticket' | 'unknown_place' | 'target_no_role' | 'place_not_yours';

export type Done<T extends object = object> = { ok: true; ticket: TicketRow; place: PlaceRow | null } & T;

export type Result<T extends object = object> = Done<T> | Refusal;
