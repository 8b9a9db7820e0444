/**
 * 统计: new vs resolved per day, categories, response and resolution times, on-time rates,
 * satisfaction, chases and relapses, per building and per head. Charts are SVG drawn on the
 * server; each bar is a link to the tickets behind it.
 */
import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { CATEGORY_NAMES, T } from '../../common/text/index.js';
import { type ChartOption, renderSvg } from '../../services/charts.js';
import { computeStats, type Figures, type Stats } from '../../services/console/stats.js';
import { type Html, page } from '../layout.js';
import { isoDay, qs, WINDOWS, windowOf } from '../params.js';
import type { Env, WebDeps } from '../types.js';
import { placeOptions } from './tickets.js';

const W = 560;
const H = 300;
const C = T.web.charts;

export function registerCharts(app: Hono<Env>, deps: WebDeps): void {
  app.get('/charts', async (c) => {
    const session = c.get('session');
    const scope = c.get('scope');
    const tz = deps.config.timeZone;
    const now = deps.clock.now();
    const days = windowOf(c.req.query());
    const placeId = Number(c.req.query('place')) || undefined;
    const place = placeId && scope.places.has(placeId) ? placeId : undefined;
    const cat = c.req.query('category');
    const category = cat && cat in CATEGORY_NAMES ? cat : undefined;
    const stats = await computeStats(deps.db, scope, { days, place, category }, now, tz, {
      noBuilding: T.noPlace,
      unassigned: T.unassigned,
    });
    const from = isoDay(stats.from, tz);
    const base = { from, place, category };
    const tickets = (extra: Record<string, string | number | undefined>) => `/tickets${qs({ ...base, ...extra })}`;
    const body = html`<h1>${T.web.chartsTitle}</h1>
<form class="filters" method="get" action="/charts">
<label>${T.web.filter}<select name="days">${WINDOWS.map((w) => html`<option value="${w}" ${w === days ? 'selected' : ''}>${T.web.windowDays(w)}</option>`)}</select></label>
<label>${T.web.filters.place}<select name="place"><option value="">${T.web.allPlaces}</option>${placeOptions(scope, place)}</select></label>
<label>${T.web.filters.category}<select name="category"><option value="">${T.web.allCategories}</option>${Object.entries(CATEGORY_NAMES).map(([k, v]) => html`<option value="${k}" ${k === category ? 'selected' : ''}>${v}</option>`)}</select></label>
<button>${T.web.filter}</button></form>
<p class="muted">${C.clickHint}</p>
<div class="charts">
${chart(
  'daily',
  dailyChart(stats, tz, (day) => tickets({ from: day, to: day })),
)}
${chart(
  'categories',
  categoryChart(stats, (cat) => tickets({ category: cat })),
)}
${chart(
  'times',
  timesChart(stats.buildings, (id) => tickets({ place: id ?? undefined })),
)}
${chart(
  'ontime',
  rateChart(C.byBuilding, stats.buildings, (id) => tickets({ place: id ?? undefined })),
)}
${chart(
  'heads',
  rateChart(C.byHead, stats.heads, (id) => tickets({ assignee: id ?? undefined })),
)}
${chart(
  'chases',
  chaseChart(stats.buildings, (id) => tickets({ place: id ?? undefined })),
)}
</div>
<h2>${C.byBuilding}</h2>${table([stats.overall, ...stats.buildings])}
<h2>${C.byHead}</h2>${table(stats.heads)}`;
    return c.html(page(T.web.chartsTitle, body, session.name, session.csrf));
  });
}

function chart(id: string, svg: string): Html {
  return html`<figure class="chart" id="chart-${id}">${raw(svg)}</figure>`;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function dailyChart(s: Stats, tz: string, link: (day: string) => string): string {
  const labels = s.daily.map((d) => isoDay(d.start, tz).slice(5).replace('-', '/'));
  const option: ChartOption = {
    title: { text: C.daily, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: C.created, data: s.daily.map((d) => d.created) },
      { type: 'line', name: C.resolved, data: s.daily.map((d) => d.resolved) },
    ],
  };
  return renderSvg(option, W, H, [s.daily.map((d) => link(isoDay(d.start, tz)))]);
}

function categoryChart(s: Stats, link: (category: string) => string): string {
  const rows = [...s.byCategory].reverse();
  const option: ChartOption = {
    title: { text: C.byCategory, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 90, right: 24, top: 40, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(([c]) => CATEGORY_NAMES[c] ?? c) },
    series: [
      { type: 'bar', name: C.byCategory, data: rows.map(([, n]) => n), label: { show: true, position: 'right' } },
    ],
  };
  return renderSvg(option, W, H, [rows.map(([c]) => link(c))]);
}

function groupedBars(
  title: string,
  groups: Figures[],
  series: { name: string; value: (f: Figures) => number | null }[],
  link: (key: number | null) => string,
  max?: number,
): string {
  const option: ChartOption = {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 50 },
    xAxis: {
      type: 'category',
      data: groups.map((g) => g.label),
      axisLabel: { interval: 0, rotate: groups.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', ...(max ? { max } : {}) },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: groups.map((g) => round(s.value(g))) })),
  };
  return renderSvg(
    option,
    W,
    H,
    series.map(() => groups.map((g) => link(g.key))),
  );
}

function timesChart(groups: Figures[], link: (key: number | null) => string): string {
  return groupedBars(
    `${C.times}·${C.byBuilding}`,
    groups,
    [
      { name: C.ackMedian, value: (f) => f.ackMedianH },
      { name: C.ackP90, value: (f) => f.ackP90H },
      { name: C.resolveMedian, value: (f) => f.resolveMedianH },
      { name: C.resolveP90, value: (f) => f.resolveP90H },
    ],
    link,
  );
}

function rateChart(title: string, groups: Figures[], link: (key: number | null) => string): string {
  return groupedBars(
    `${C.onTime}·${title}`,
    groups.slice(0, 20),
    [
      { name: C.ackOnTime, value: (f) => f.ackOnTime },
      { name: C.resolveOnTime, value: (f) => f.resolveOnTime },
      { name: C.satisfaction, value: (f) => f.satisfaction },
    ],
    link,
    100,
  );
}

function chaseChart(groups: Figures[], link: (key: number | null) => string): string {
  return groupedBars(
    `${C.chasesRelapses}·${C.byBuilding}`,
    groups,
    [
      { name: C.chases, value: (f) => f.chases },
      { name: C.relapses, value: (f) => f.relapses },
    ],
    link,
  );
}

function table(rows: Figures[]): Html {
  const h = (v: number | null) => C.hours(v);
  const p = (v: number | null) => C.percent(v);
  return html`<div class="table"><table><thead><tr><th></th><th>${C.tableCount}</th><th>${C.ackMedian}</th><th>${C.ackP90}</th><th>${C.resolveMedian}</th><th>${C.resolveP90}</th><th>${C.ackOnTime}</th><th>${C.resolveOnTime}</th><th>${C.satisfaction}</th><th>${C.chases}</th><th>${C.relapses}</th></tr></thead>
<tbody>${rows.map(
    (f) =>
      html`<tr><td>${f.label || T.web.allPlaces}</td><td>${f.count}</td><td>${h(f.ackMedianH)}</td><td>${h(f.ackP90H)}</td><td>${h(f.resolveMedianH)}</td><td>${h(f.resolveP90H)}</td><td>${p(f.ackOnTime)}</td><td>${p(f.resolveOnTime)}</td><td>${p(f.satisfaction)}</td><td>${f.chases}</td><td>${f.relapses}</td></tr>`,
  )}</tbody></table></div>`;
}
