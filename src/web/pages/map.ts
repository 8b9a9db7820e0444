/**
 * 民情地图: the grid as a sand table drawn from the org tree — each building a block with its
 * units inside, coloured by the open and overdue tickets reported in the window, urgent ones
 * marked. Every block and unit links to its tickets.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { CATEGORY_NAMES, T } from '../../common/text/index.js';
import { startOfLocalDay } from '../../services/local-time.js';
import { type Block, blocksOf, type Cell, type MapNode, mapData, shade } from '../../services/console/map.js';
import { type Html, page } from '../layout.js';
import { isoDay, qs, WINDOWS, windowOf } from '../params.js';
import type { Env, WebDeps } from '../types.js';

export function registerMap(app: Hono<Env>, deps: WebDeps): void {
  app.get('/', async (c) => {
    const session = c.get('session');
    const scope = c.get('scope');
    const now = deps.clock.now();
    const tz = deps.config.timeZone;
    const days = windowOf(c.req.query());
    const category = c.req.query('category');
    const cat = category && category in CATEGORY_NAMES ? category : undefined;
    const from = startOfLocalDay(now, tz, -(days - 1));
    const trees = await mapData(deps.db, scope, { from, category: cat }, now);
    const link = (placeId: number) => `/tickets${qs({ place: placeId, from: isoDay(from, tz), category: cat })}`;
    const groups = trees.flatMap(blocksOf);
    const hasPlan = [...scope.places.values()].some((p) => p.mapX !== null || p.lat !== null);
    const body = html`<h1>${T.web.nav.map}</h1>
${filters(days, cat)}
<div class="legend">
  <span><i class="ok"></i>${T.web.mapLegend.ok}</span><span><i class="open"></i>${T.web.mapLegend.open}</span>
  <span><i class="overdue"></i>${T.web.mapLegend.overdue}</span><span class="urgent-mark">⚠ ${T.web.mapLegend.urgent}</span>
  ${hasPlan ? html`<a href="/plan${qs({ days, category: cat })}">${T.web.mapPlanLink}</a>` : ''}
</div>
${groups.length ? groups.map((g) => group(g, link)) : html`<p class="muted">${T.web.mapEmpty}</p>`}`;
    return c.html(page(T.web.nav.map, body, session.name, session.csrf));
  });
}

function filters(days: number, category: string | undefined): Html {
  return html`<form class="filters" method="get" action="/">
<label>${T.web.filter}<select name="days">${WINDOWS.map(
    (w) => html`<option value="${w}" ${w === days ? 'selected' : ''}>${T.web.windowDays(w)}</option>`,
  )}</select></label>
<label>${T.web.filters.category}<select name="category"><option value="">${T.web.allCategories}</option>${Object.entries(
    CATEGORY_NAMES,
  ).map(([k, v]) => html`<option value="${k}" ${k === category ? 'selected' : ''}>${v}</option>`)}</select></label>
<button>${T.web.filter}</button></form>`;
}

function urgentMark(cell: Cell): Html | string {
  return cell.urgent ? html`<span class="urgent-mark" title="${T.web.mapLegend.urgent}">⚠${cell.urgent}</span>` : '';
}

function group({ node, buildings }: Block, link: (id: number) => string): Html {
  return html`<section class="grid-block" data-place="${node.place.id}">
<h2><a href="${link(node.place.id)}">${node.place.name}</a> <span class="muted">${T.web.mapCell(node.cell.open, node.cell.overdue, node.cell.total)}</span> ${urgentMark(node.cell)}</h2>
<div class="buildings">${buildings.map((b) => building(b, link))}</div></section>`;
}

function building(node: MapNode, link: (id: number) => string): Html {
  const s = shade(node.cell);
  return html`<div class="building ${s}" data-place="${node.place.id}" data-shade="${s}">
<a class="name" href="${link(node.place.id)}"><span>${node.place.name}</span>${urgentMark(node.cell)}</a>
<div class="muted">${T.web.mapCell(node.cell.open, node.cell.overdue, node.cell.total)}</div>
<div class="units">${node.children.map((u) => {
    const us = shade(u.cell);
    return html`<a class="unit ${us}" data-place="${u.place.id}" data-shade="${us}" href="${link(u.place.id)}">${u.place.name}<br>${u.cell.open}${u.cell.urgent ? html`<span class="urgent-mark">⚠</span>` : ''}</a>`;
  })}</div></div>`;
}
