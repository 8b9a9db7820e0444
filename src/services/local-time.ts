/**
 * Calendar arithmetic in a time zone for digests and visit months: "yesterday" and "this month"
 * mean the local calendar (Asia/Shanghai by default), whatever zone the server runs in.
 */

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock fields of an instant in a zone. */
export function localParts(d: Date, timeZone: string): Parts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      hour12: false,
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(d)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAYS[p.weekday] ?? 0,
  };
}

/** The instant at which the wall clock in `timeZone` shows the given date and time. */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let at = guess;
  // Two passes settle the offset also next to a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(at), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    at += guess - shown;
  }
  return new Date(at);
}

/** Local midnight of the day containing `d`, moved by `addDays` days. */
export function startOfLocalDay(d: Date, timeZone: string, addDays = 0): Date {
  const p = localParts(d, timeZone);
  return zonedInstant(timeZone, p.year, p.month, p.day + addDays);
}

/** Local midnight of the first day of the month containing `d`. */
export function startOfLocalMonth(d: Date, timeZone: string): Date {
  const p = localParts(d, timeZone);
  return zonedInstant(timeZone, p.year, p.month, 1);
}

/** "08:30" → { hour: 8, minute: 30 }. */
export function parseHhmm(hhmm: string): { hour: number; minute: number } {
  const [h, m] = hhmm.split(':').map(Number);
  return { hour: h, minute: m };
}

/** A cron expression firing at `hhmm` every day, or on the given weekdays ("1" = Monday). */
export function cronAt(hhmm: string, weekdays = '*'): string {
  const { hour, minute } = parseHhmm(hhmm);
  return `${minute} ${hour} * * ${weekdays}`;
}
