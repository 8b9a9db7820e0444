/**
 * Are two reports the same problem? Used to merge a neighbour's report into the open ticket of
 * the same place and category instead of opening a second one.
 */
import type { Db } from '../../store/client.js';
import { openTicketsAt } from '../../store/intake-sql.js';
import { similarity, thingsNamed } from '../../intents/index.js';
import { OPEN_STATUSES } from './states.js';
import type { TicketRow } from './tickets.js';

export const DUPLICATE_THRESHOLD = 0.25;
const GUESSED = /(是不是|会不会|可能是|估计是|怕是|系唔系|是唔是)[^。，,!！?？\s]*/g;

/**
 * An open ticket of the same place about the same problem, within the window: of the same
 * category and similar enough, or of another category about the very same thing (a lift that
 * "does not move" read once as a facility fault, once as a hazard).
 */
export async function findDuplicate(
  db: Db,
  placeId: number,
  category: string,
  text: string,
  since: Date,
): Promise<TicketRow | null> {
  return pickDuplicate(await openTicketsAt(db, placeId, OPEN_STATUSES, since, DUPLICATE_CANDIDATES), category, text);
}

/** How many of the newest open tickets of a place are compared with a new report. */
export const DUPLICATE_CANDIDATES = 20;

/** {@link findDuplicate} among tickets already read (the open tickets of the place, newest first). */
export function pickDuplicate(open: TicketRow[], category: string, text: string): TicketRow | null {
  let best: { t: TicketRow; s: number } | null = null;
  // (A guess at the cause names no problem of its own: "俺家门口也是水 …是不是十楼谁家暖气跑水了".)
  const named = thingsNamed(text.replace(GUESSED, ' '));
  for (const t of open) {
    // "垃圾屋…污水流到成地" names rubbish the blocked drain's ticket does not: another problem.
    // (…but not the problems of one message filed apart: "路灯…还有化粪池盖子…" is #40 and #41.)
    const theirs = thingsNamed(t.text);
    const together = thingsNamed(filedWith(open, t).join(' '));
    // (A home's appliance beside the thing they share is its symptom: "热水器打不着火 水太小了" of the low pressure.)
    const shares = named.some((x) => together.includes(x));
    if (theirs.length && named.some((x) => !together.includes(x) && !(x === 'appliance' && shares))) continue;
    const s = similarity(text, t.text);
    // Across categories only the very same things: the icicles' ticket that "滴水" is not a leak indoors.
    const enough =
      t.category === category ? s >= DUPLICATE_THRESHOLD : s >= 1 && theirs.every((x) => named.includes(x));
    if (enough && (!best || s > best.s)) best = { t, s };
  }
  return best?.t ?? null;
}

/** The texts of the tickets filed from the same message as `t` (same reporter, chat and moment), its own first. */
const filedWith = (open: TicketRow[], t: TicketRow): string[] => [
  t.text,
  ...open
    .filter(
      (o) =>
        o.id !== t.id &&
        o.reporterId === t.reporterId &&
        o.chatId === t.chatId &&
        o.createdAt.getTime() === t.createdAt.getTime(),
    )
    .map((o) => o.text),
];

/** The people following a ticket besides its reporter. */
export async function followerIds(db: Db, ticketId: number): Promise<number[]> {
  return (await db.ticketFollower.findMany({ where: { ticketId } })).map((f) => f.identityId);
}
