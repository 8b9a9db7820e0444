/**
 * A head's words right after the bot paged them about an emergency here: which step they take on it.
 */
import { emergencyCue, emergencyKind, hazardOf } from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import type { HeadVerb } from './acts.js';
import { take } from './steps.js';
import { aboutSame, headTickets, lastTicketHere } from './tickets.js';

type Ticket = workflow.TicketRow;

/**
 * The page `lastPing` is one nobody has taken yet, and the speaker holds no other emergency among
 * `fit`: their step now ("已经报警了 大家都别下楼…我在单元门口盯着") is on it, and signs for it.
 */
export const untakenPage = (ctx: Context, fit: Ticket[], lastPing: number | null) =>
  fit.some((t) => t.id === lastPing && workflow.untakenEmergency(t)) &&
  !fit.some((t) => t.id !== lastPing && t.urgent && t.assigneeId === ctx.speaker.personId);

/** The one ticket of theirs here, the bot's last ping, that nobody has taken yet, or null. */
export const pingedUntaken = (fit: Ticket[], lastPing: number | null): Ticket | null =>
  fit.length === 1 && fit[0].id === lastPing && workflow.allows('claim', fit[0].status) ? fit[0] : null;

/** A news step on a page nobody has taken is the head taking it on. */
export const pageStep = (verb: HeadVerb, untaken: boolean, page: Ticket): HeadVerb =>
  verb === 'progress' && untaken && workflow.allows('claim', page.status) ? 'claim' : verb;

/**
 * Another of theirs about the same matter as the page, so that which of the two is meant is not for
 * the bot to guess. The noise at a barbecue stall is no twin of a fight in front of it, nor a battery
 * stolen at the bike shed (not urgent, no emergency of its kind) of the knife fight there just paged.
 */
export const hasTwin = (fit: Ticket[], page: Ticket) =>
  fit.some(
    (t) =>
      t.id !== page.id &&
      (t.urgent === page.urgent || emergencyKind(t.text) === emergencyKind(page.text)) &&
      t.category === page.category &&
      aboutSame([t], page.text).length > 0,
  );

/**
 * A head's own words of alarm right after a page nobody has taken, of the same kind or of none
 * ("我在西段口 离得近 马上过去 119我已经打了…" after the smoke paged here): they are taking that one
 * on, not reporting another. Another kind of danger ("2楼有人晕倒了") is a report of its own.
 */
export function pagedAlike(ctx: Context, fit: Ticket[], lastPing: number | null): Ticket | null {
  const page = fit.find((t) => t.id === lastPing);
  if (!page || !untakenPage(ctx, fit, lastPing) || !workflow.allows('claim', page.status)) return null;
  const kind = emergencyKind(ctx.reading.text);
  return !kind || kind === emergencyKind(page.text) ? page : null;
}

/**
 * The page here the speaker has taken on, when their words name no danger of another kind: "1802家里有人，
 * 老人在家，正帮他把花架往里收…" from the manager who signed for the flowerpot is news of it, whatever
 * the model fears in it.
 */
export function heldPage(ctx: Context, fit: Ticket[], lastPing: number | null): Ticket | null {
  const page = fit.find((t) => t.id === lastPing && t.urgent && t.assigneeId === ctx.speaker.personId);
  if (!page) return null;
  const cue = emergencyCue(ctx.reading.text);
  return !cue || cue === hazardOf(page.text) ? page : null;
}

/**
 * "1802家里有人…大家从侧门进出，别走单元门正面": words to everyone from the one who took the page here,
 * read as a danger, are news of it ({@link heldPage}), not advice alone.
 */
export async function newsOfHeldPage(ctx: Context): Promise<Handled | null> {
  const held = ctx.reading.urgent ? heldPage(ctx, await headTickets(ctx), await lastTicketHere(ctx)) : null;
  return held && take(ctx, 'progress', held.id, 'inferred');
}
