/** Dates, times and durations as people in the grid read them. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; one per time zone is kept. */
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', {
      timeZone: tz,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formatters.set(tz, f);
  }
  return f;
}

const hm = (d: Date, tz: string) =>
  formatter(tz)
    .format(d)
    .replace(/\//g, '月')
    .replace(/月(\d+) /, '月$1日 ');

/** Formats an instant for people in the configured time zone, e.g. "11月22日 14:05". */
export const when = (d: Date, tz = 'Asia/Shanghai') => hm(d, tz);

/** A duration in hours as "3天", "2小时" or "90分钟". */
export function duration(hours: number): string {
  if (hours >= 24 && Number.isInteger(hours / 24)) return `${hours / 24}天`;
  if (hours >= 1 && Number.isInteger(hours)) return `${hours}小时`;
  return `${Math.round(hours * 60)}分钟`;
}
