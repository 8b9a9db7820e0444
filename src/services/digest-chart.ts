/**
 * The picture that goes with a digest: reports and resolutions per day over the last two weeks
 * in the grid, drawn with the console's chart code and saved as a PNG for the outbox (platforms
 * that send images attach it; the others send the text alone).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { T } from '../common/text/index.js';
import type { Db } from '../store/client.js';
import { type ChartOption, renderSvg, svgToPng } from './charts.js';
import { localParts, startOfLocalDay } from './local-time.js';
import type { PlaceRow } from './org/places.js';

const DAYS = 14;

/** Per local day of the `DAYS` days before `to`: tickets reported and resolved under `place`. */
export async function dailyCounts(
  db: Db,
  place: PlaceRow,
  to: Date,
  timeZone: string,
): Promise<{ start: Date; created: number; resolved: number }[]> {
  const starts = Array.from({ length: DAYS + 1 }, (_, i) => startOfLocalDay(to, timeZone, i - DAYS));
  const from = starts[0];
  const end = starts[DAYS];
  // Place ids first: a relation filter becomes a subquery over every ticket of the grid.
  const places = await db.place.findMany({ where: { path: { startsWith: place.path } }, select: { id: true } });
  const inPlace = { placeId: { in: places.map((p) => p.id) } };
  const [created, resolved] = await Promise.all([
    db.ticket.findMany({ where: { ...inPlace, createdAt: { gte: from, lt: end } }, select: { createdAt: true } }),
    db.ticket.findMany({ where: { ...inPlace, resolvedAt: { gte: from, lt: end } }, select: { resolvedAt: true } }),
  ]);
  const days = starts.slice(0, DAYS).map((start) => ({ start, created: 0, resolved: 0 }));
  const index = (d: Date) => starts.findIndex((s, i) => i < DAYS && d >= s && d < starts[i + 1]);
  for (const t of created) {
    const i = index(t.createdAt);
    if (i >= 0) days[i].created++;
  }
  for (const t of resolved) {
    const i = t.resolvedAt ? index(t.resolvedAt) : -1;
    if (i >= 0) days[i].resolved++;
  }
  return days;
}

/** The digest chart as an SVG string. */
export function digestChartSvg(
  label: string,
  days: { start: Date; created: number; resolved: number }[],
  timeZone: string,
): string {
  const c = T.web.charts;
  const option: ChartOption = {
    title: { text: c.digestTitle(label), left: 'center', textStyle: { fontSize: 16 } },
    legend: { bottom: 4 },
    grid: { left: 40, right: 20, top: 48, bottom: 56 },
    xAxis: {
      type: 'category',
      data: days.map((d) => {
        const p = localParts(d.start, timeZone);
        return `${p.month}/${p.day}`;
      }),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: c.created, data: days.map((d) => d.created), label: { show: true, position: 'top' } },
      { type: 'line', name: c.resolved, data: days.map((d) => d.resolved) },
    ],
  };
  return renderSvg(option, 640, 360);
}

/** Draws the chart of `place` for the digest of `fireAt` and writes it under `dir`, for the outbox. */
export async function digestImage(
  db: Db,
  place: PlaceRow,
  label: string,
  fireAt: Date,
  timeZone: string,
  dir: string,
): Promise<{ path: string; mime: string }> {
  const svg = digestChartSvg(label, await dailyCounts(db, place, fireAt, timeZone), timeZone);
  const folder = resolve(dir, 'digest');
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${place.id}-${fireAt.toISOString().replace(/[:.]/g, '-')}.png`);
  await writeFile(path, svgToPng(svg, 1.5));
  return { path, mime: 'image/png' };
}
