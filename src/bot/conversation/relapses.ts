/**
 * Relapses (反复): "又坏了" about a ticket handled here reopens it and counts a relapse; a neighbour
 * who says so follows it from then on.
 */
import * as workflow from '../../services/workflow/index.js';
import type { Context, Handled } from '../context.js';
import { pageReopened } from '../handlers/file-ticket.js';
import { reopened } from '../handlers/ticket-replies.js';

/**
 * "又坏了" about a handled ticket: reopened and counted as a relapse; a neighbour then follows it.
 * `danger`: the words that make it a danger now, paged with the reopened ticket.
 */
export async function reopenFor(ctx: Context, id: number, danger?: string): Promise<Handled | null> {
  const r = await workflow.relapse(ctx.act, id, ctx.reading.text, danger !== undefined);
  if (!r.ok) return null;
  if (r.ticket.reporterId !== ctx.speaker.identityId)
    await workflow.follow(ctx.db, id, ctx.speaker.identityId, ctx.now);
  const done = await reopened(ctx, r.ticket, true);
  if (danger !== undefined) done.replies.push(...(await pageReopened(ctx, r.ticket, danger)));
  return done;
}
