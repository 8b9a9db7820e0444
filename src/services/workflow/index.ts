/**
 * The ticket workflow: the one module that changes tickets. A verb per step of the lifecycle,
 * each taking an {@link Act} (who, when, in which transaction) and returning a typed
 * {@link Result}; the transition table in ./states.ts says what is allowed.
 *
 * @example
 * const r = await workflow.claim({ db: tx, actor, now, config }, 12);
 * if (!r.ok) return refusalText(r); // 'not_found' | 'hidden' | 'forbidden' | 'wrong_state' | 'stale' | …
 */
export { type Access, type Actor, accessTo, SYSTEM, untakenEmergency } from './access.js';
export { type Act, type Begun, begin as check, isSensitive, lastChange, see } from './begin.js';
export { DUPLICATE_CANDIDATES, DUPLICATE_THRESHOLD, findDuplicate, pickDuplicate } from './duplicates.js';
export { similarity } from '../../intents/index.js';
export type { Done, InvalidDetail, LastChange, Refusal, Result } from './result.js';
export {
  type Correction,
  correct,
  type EscalationReason,
  escalate,
  findTarget,
  follow,
  merge,
  reassign,
  type Target,
} from './routing.js';
export {
  allows,
  HANDLING_STATUSES,
  isOpen,
  OPEN_STATUSES,
  type Party,
  TICKET_STATUSES,
  type TicketStatus,
  TRANSITIONS,
  type Transition,
  type Verb,
} from './states.js';
export {
  apply,
  type Change,
  createTicket,
  deadlines,
  FOLLOWUP_REOPEN,
  type NewTicket,
  type TicketRow,
} from './tickets.js';
export { cancel, claim, followup, progress, reopen, resolve } from './verbs.js';
export { addNote, annotate, chase, type ChaseOptions, raise, relapse } from './chase.js';
export { joinEmergency, type Joined, SAME_EMERGENCY_MS, sameEmergency, tellsHead } from './emergency.js';
