/**
 * The ticket lifecycle as data: the statuses, the verbs that move a ticket, and one table that
 * says, for each verb, from which statuses it may start, where it leads and who may use it.
 * Every change to a ticket goes through a verb of this table (see ./verbs.ts).
 */

/** Where a ticket is in the closed loop (受理 → 派单 → 签收 → 办理 → 办结 → 销号, and side paths). */
export type TicketStatus =
  | 'new'
  | 'assigned'
  | 'acknowledged'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'merged'
  | 'cancelled';

export const TICKET_STATUSES: readonly TicketStatus[] = [
  'new',
  'assigned',
  'acknowledged',
  'in_progress',
  'resolved',
  'closed',
  'merged',
  'cancelled',
];

/** Someone still has to act. */
export const OPEN_STATUSES: TicketStatus[] = ['new', 'assigned', 'acknowledged', 'in_progress'];
/** Assigned to someone who has not finished it. */
export const HANDLING_STATUSES: TicketStatus[] = ['assigned', 'acknowledged', 'in_progress'];

/** Everything a person (or the sweeper) can do to a ticket. */
export type Verb =
  | 'claim'
  | 'progress'
  | 'resolve'
  | 'followup'
  | 'reopen'
  | 'reassign'
  | 'escalate'
  | 'merge'
  | 'cancel'
  | 'correct'
  | 'chase'
  | 'relapse'
  | 'raise'
  | 'annotate';

/**
 * Who may use a verb: `handler` holds a handling role (head, deputy, grid worker) at the ticket's
 * place or above; `reporter` reported it; `follower` follows it (their report was merged into it);
 * `neighbour` writes in a chat of the ticket's area; `system` is the deadline sweeper.
 */
export type Party = 'handler' | 'reporter' | 'follower' | 'neighbour' | 'system';

export interface Transition {
  from: readonly TicketStatus[];
  /** The status after the verb; null keeps the status (a note, a correction, an escalation). */
  to: TicketStatus | null;
  who: readonly Party[];
}

const ANY: readonly TicketStatus[] = TICKET_STATUSES;

/** state × verb → state, and who may. */
export const TRANSITIONS: Readonly<Record<Verb, Transition>> = {
  claim: { from: ['new', 'assigned'], to: 'acknowledged', who: ['handler'] },
  progress: { from: HANDLING_STATUSES, to: 'in_progress', who: ['handler'] },
  resolve: { from: HANDLING_STATUSES, to: 'resolved', who: ['handler'] },
  /** Satisfied closes (销号); not satisfied reopens, see `reopen`. */
  followup: { from: ['resolved'], to: 'closed', who: ['reporter', 'follower', 'handler'] },
  reopen: { from: ['resolved', 'closed'], to: 'assigned', who: ['reporter', 'follower', 'handler'] },
  reassign: { from: OPEN_STATUSES, to: 'assigned', who: ['handler'] },
  escalate: { from: HANDLING_STATUSES, to: null, who: ['handler', 'system'] },
  merge: { from: OPEN_STATUSES, to: 'merged', who: ['handler'] },
  cancel: { from: OPEN_STATUSES, to: 'cancelled', who: ['reporter', 'handler'] },
  correct: { from: ANY, to: null, who: ['handler'] },
  chase: { from: OPEN_STATUSES, to: null, who: ['reporter', 'follower'] },
  /** 反复: the problem came back; anyone who lives with it may say so. */
  relapse: { from: ['resolved', 'closed'], to: 'assigned', who: ['reporter', 'follower', 'neighbour', 'handler'] },
  /** 升为紧急: an open problem became a danger now; anyone who lives with it may say so. */
  raise: { from: OPEN_STATUSES, to: null, who: ['reporter', 'follower', 'neighbour', 'handler'] },
  /** 补记: the handler adds a later step to a ticket already handled (the lift's real repair after the rescue). */
  annotate: { from: ['resolved'], to: null, who: ['handler'] },
};

/** True when `status` is one a verb may start from. */
export function allows(verb: Verb, status: string): boolean {
  return (TRANSITIONS[verb].from as readonly string[]).includes(status);
}

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}
