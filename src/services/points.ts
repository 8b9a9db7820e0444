/**
 * Volunteer points (积分): on-time claims, on-time resolutions and satisfied follow-ups.
 * Each (person, ticket, reason) earns once, whatever happens later.
 */
import type { Db } from '../store/client.js';
import { scopeOf, type PlaceRow } from './org/places.js';

export const POINTS = { claim_on_time: 1, resolve_on_time: 3, satisfied: 2 } as const;
export type PointsReason = keyof typeof POINTS;

/** Awards points once; the grid of the ticket's place is where they count. */
export async function award(
  tx: Db,
  personId: number,
  ticketId: number,
  place: PlaceRow | null,
  reason: PointsReason,
  at: Date,
): Promise<void> {
  const grid = place ? await scopeOf(tx, place) : null;
  await tx.pointsEntry.upsert({
    where: { personId_ticketId_reason: { personId, ticketId, reason } },
    create: { personId, ticketId, placeId: grid?.id ?? null, reason, points: POINTS[reason], at },
    update: {},
  });
}

/** The grid's ranking: people and their total points, best first. */
export async function ranking(tx: Db, gridId: number, limit = 10): Promise<{ name: string; points: number }[]> {
  const rows = await tx.pointsEntry.groupBy({ by: ['personId'], where: { placeId: gridId }, _sum: { points: true } });
  const people = await tx.person.findMany({ where: { id: { in: rows.map((r) => r.personId) } } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows
    .map((r) => ({ name: names.get(r.personId) ?? '?', points: r._sum.points ?? 0 }))
    .sort((a, b) => b.points - a.points)
    .slice(0, limit);
}
