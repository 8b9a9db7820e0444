/**
 * Cron arithmetic in a time zone. Every fire instant the scheduler works with comes from here,
 * so "what was due" is always recomputed from the expression and the database, never from a
 * timer that may have been lost in a restart.
 */
import { CronExpressionParser } from 'cron-parser';

/** The zone schedules are written in unless a row or job says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Throws a readable error when `cron` (5 or 6 fields) or `timeZone` is not usable.
 * Called before a job or schedule row is accepted, so bad input fails loudly once.
 */
export function assertCron(cron: string, timeZone: string = DEFAULT_TIME_ZONE): void {
  // An unknown zone only fails when a date is computed, so compute one.
  CronExpressionParser.parse(cron, { tz: timeZone, currentDate: new Date(0) }).next();
}

/** True when {@link assertCron} would not throw. */
export function isValidCron(cron: string, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  try {
    assertCron(cron, timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The next `count` fire instants strictly after `from`, as UTC `Date`s.
 * Used by the bot's "定时列表" to show upcoming sends.
 *
 * @example nextFires('0 15 * * 5', new Date('2024-01-01T00:00:00Z'), 1)
 *   // → [2024-01-05T07:00:00.000Z] (Friday 15:00 in Shanghai)
 */
export function nextFires(cron: string, from: Date, count: number, timeZone: string = DEFAULT_TIME_ZONE): Date[] {
  const expr = CronExpressionParser.parse(cron, { tz: timeZone, currentDate: from });
  const out: Date[] = [];
  while (out.length < count && expr.hasNext()) out.push(expr.next().toDate());
  return out;
}

/** The first fire strictly after `from`, or null when the expression never fires again. */
export function nextFire(cron: string, from: Date, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  return nextFires(cron, from, 1, timeZone)[0] ?? null;
}

/**
 * Fires in the half-open interval (`after`, `until`], oldest first. When there are more than
 * `limit`, only the newest `limit` are returned (older ones can only ever be skipped, and a
 * once-a-minute job that was down for a month should not cost 40,000 rows), and `dropped`
 * says how many were left out.
 */
export function firesBetween(
  cron: string,
  after: Date,
  until: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
  limit = 1000,
): { fires: Date[]; dropped: number } {
  if (until.getTime() <= after.getTime()) return { fires: [], dropped: 0 };
  const expr = CronExpressionParser.parse(cron, { tz: timeZone, currentDate: after, endDate: until });
  const fires: Date[] = [];
  let dropped = 0;
  while (expr.hasNext()) {
    const d = expr.next().toDate();
    // cron-parser works in whole seconds; keep the interval exact whatever it rounds.
    if (d.getTime() <= after.getTime() || d.getTime() > until.getTime()) continue;
    fires.push(d);
    if (fires.length > limit) {
      fires.shift();
      dropped++;
    }
  }
  return { fires, dropped };
}
