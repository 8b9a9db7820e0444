/**
 * The follow-up question (回访) after a resolution: in the chat the report came from,
 * @-mentioning the reporter and followers; by direct message when there is no such chat or the
 * item is a must-report one. Chat handlers and the web console both ask it this way.
 */
import { T } from '../common/text/index.js';
import type { Db } from '../store/client.js';
import { directTo, ticketChat, toPerson } from './notify.js';
import type { OutboxItem } from './outbox.js';
import type { TicketRow } from './workflow/index.js';

export async function followupQuestion(db: Db, t: TicketRow): Promise<OutboxItem[]> {
  const origin = await ticketChat(db, t.chatId);
  const people = await db.identity.findMany({
    where: { OR: [{ id: t.reporterId }, { following: { some: { ticketId: t.id } } }] },
  });
  const text = T.followupAsk(t.id);
  if (!origin || t.mustReport) {
    const direct: OutboxItem[] = [];
    for (const p of people) {
      if (p.personId) direct.push(...(await toPerson(db, p.personId, text, p.platform)));
      else if (p.dmAccount) direct.push(directTo(p, text));
    }
    return direct;
  }
  const mentions = people
    .filter((p) => p.platform === origin.platform)
    .map((p) => ({ id: p.externalId, name: p.displayName, username: p.username ?? undefined }));
  return [
    {
      platform: origin.platform,
      account: origin.account,
      chatExternalId: origin.externalId,
      text: `${mentions.map((m) => `@${m.name}`).join(' ')} ${text}`.trim(),
      mentions,
      ticketId: t.id,
    },
  ];
}
