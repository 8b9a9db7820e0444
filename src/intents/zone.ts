/**
 * Wall-clock arithmetic in a named time zone with nothing but Intl: the pipeline has no clock of
 * its own, so every date is computed from the reference instant it is given.
 */

/** Calendar fields of an instant as seen on a wall clock in some zone. */
export interface Wall {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday … 6 = Saturday
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    FORMATTERS.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `at`. */
export function wallAt(at: Date, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, weekday };
}

function offsetMs(at: number, timeZone: string): number {
  const w = wallAt(new Date(at), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, new Date(at).getUTCSeconds());
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows the given fields (month 1–12; overflow rolls over). */
export function instantOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let at = guess - offsetMs(guess, timeZone);
  // A second pass settles instants near a daylight-saving change.
  at = guess - offsetMs(at, timeZone);
  return new Date(at);
}

/** Adds `days` to a calendar date and returns the new year, month, day. */
export function addDays(
  year: number,
  month: number,
  day: number,
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** True when the zone name is one Intl knows. */
export function isValidZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
