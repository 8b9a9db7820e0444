/**
 * The optional map view: Leaflet with CRS.Simple over an estate plan image an operator uploads
 * (buildings placed on it by clicking), or plain lat/lng points; no tile server is ever asked.
 * Leaflet itself is served from the npm package.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { CATEGORY_NAMES, T } from '../../common/text/index.js';
import { startOfLocalDay } from '../../services/local-time.js';
import { buildingsOf, mapData, shade } from '../../services/console/map.js';
import { webDataDir } from '../../services/web-access.js';
import { requireSession } from '../auth.js';
import { messagePage, page } from '../layout.js';
import { isoDay, qs, windowOf } from '../params.js';
import type { Env, WebDeps } from '../types.js';

const MAX_PLAN_BYTES = 10 * 1024 * 1024;
const LEAFLET_FILES: Record<string, string> = { 'leaflet.js': 'text/javascript', 'leaflet.css': 'text/css' };

/** Width and height of a PNG or JPEG, or null for anything else. */
export function imageSize(b: Uint8Array): { width: number; height: number; mime: string } | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length > 24 && view.getUint32(0) === 0x89504e47)
    return { width: view.getUint32(16), height: view.getUint32(20), mime: 'image/png' };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length; ) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      const length = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { width: view.getUint16(i + 7), height: view.getUint16(i + 5), mime: 'image/jpeg' };
      i += 2 + length;
    }
  }
  return null;
}

export function registerPlan(app: Hono<Env>, deps: WebDeps): void {
  const leaflet = dirname(createRequire(import.meta.url).resolve('leaflet/dist/leaflet.js'));
  const plans = resolve(webDataDir(deps.config), 'plans');

  app.get('/assets/leaflet/:file', async (c) => {
    const file = c.req.param('file');
    const type = LEAFLET_FILES[file];
    if (!type) return c.notFound();
    return c.body(await readFile(join(leaflet, file)), 200, { 'Content-Type': type, 'Cache-Control': 'max-age=86400' });
  });

  app.get('/plan', requireSession(deps), async (c) => {
    const session = c.get('session');
    const scope = c.get('scope');
    const now = deps.clock.now();
    const tz = deps.config.timeZone;
    const days = windowOf(c.req.query());
    const cat = c.req.query('category');
    const category = cat && cat in CATEGORY_NAMES ? cat : undefined;
    const from = startOfLocalDay(now, tz, -(days - 1));
    const trees = await mapData(deps.db, scope, { from, category }, now);
    const root = scope.roots[0];
    const plan = root ? await deps.db.estatePlan.findUnique({ where: { placeId: root.id } }) : null;
    const points = trees.flatMap(buildingsOf).map((b) => ({
      id: b.place.id,
      name: b.place.name,
      x: b.place.mapX,
      y: b.place.mapY,
      lat: b.place.lat,
      lng: b.place.lng,
      shade: shade(b.cell),
      label: T.web.mapCell(b.cell.open, b.cell.overdue, b.cell.total),
      href: `/tickets${qs({ place: b.place.id, from: isoDay(from, tz), category })}`,
    }));
    const data = {
      plan: plan ? { src: `/plan/image/${plan.placeId}`, width: plan.width, height: plan.height } : null,
      points,
    };
    const canEdit = !!root && (root.level === 'community' || root.depth === 0);
    const json = JSON.stringify(data).replace(/</g, '\\u003c');
    const editor = canEdit
      ? html`<form method="post" action="/plan/upload" enctype="multipart/form-data" class="filters"><input type="hidden" name="_csrf" value="${session.csrf}"><label>${T.web.planUpload}<input type="file" name="image" accept="image/png,image/jpeg"></label><button>${T.web.planSave}</button></form>
${plan ? html`<form method="post" action="/plan/place" class="filters" id="place-form"><input type="hidden" name="_csrf" value="${session.csrf}"><label>${T.web.planPlace}<select name="place">${points.map((p) => html`<option value="${p.id}">${p.name}</option>`)}</select></label><input type="hidden" name="x"><input type="hidden" name="y"><button>${T.web.planSave}</button></form>` : ''}`
      : '';
    const body = html`<h1>${T.web.planTitle}</h1>${editor}
${plan || points.some((p) => p.lat !== null) ? html`<div id="plan" style="height:70vh;background:#fff;border-radius:8px"></div>` : html`<p class="muted">${T.web.planNone}</p>`}
<script type="application/json" id="plan-data">${raw(json)}</script><script src="/assets/leaflet/leaflet.js"></script><script>${raw(PLAN_SCRIPT)}</script>`;
    const head = html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css">`;
    return c.html(page(T.web.planTitle, body, session.name, session.csrf, head));
  });

  app.get('/plan/image/:id{[0-9]+}', requireSession(deps), async (c) => {
    const id = Number(c.req.param('id'));
    if (!c.get('scope').places.has(id)) return c.html(messagePage(T.web.title, T.web.forbidden), 403);
    const plan = await deps.db.estatePlan.findUnique({ where: { placeId: id } });
    if (!plan) return c.notFound();
    return c.body(await readFile(join(plans, plan.path)), 200, { 'Content-Type': plan.mime });
  });

  app.post('/plan/upload', requireSession(deps), async (c) => {
    const session = c.get('session');
    const root = c.get('scope').roots[0];
    const file = c.get('form').image;
    if (!root || !(root.level === 'community' || root.depth === 0))
      return c.html(messagePage(T.web.title, T.web.forbidden, session.name, session.csrf), 403);
    const bytes = file instanceof File && file.size <= MAX_PLAN_BYTES ? new Uint8Array(await file.arrayBuffer()) : null;
    const size = bytes ? imageSize(bytes) : null;
    if (!bytes || !size)
      return c.html(messagePage(T.web.planTitle, T.web.planBadImage, session.name, session.csrf), 400);
    const name = `${root.id}${size.mime === 'image/png' ? '.png' : '.jpg'}`;
    await mkdir(plans, { recursive: true });
    await writeFile(join(plans, name), bytes);
    const data = { path: name, mime: size.mime, width: size.width, height: size.height };
    await deps.db.estatePlan.upsert({
      where: { placeId: root.id },
      create: { placeId: root.id, ...data },
      update: data,
    });
    return c.redirect('/plan', 303);
  });

  app.post('/plan/place', requireSession(deps), async (c) => {
    const form = c.get('form');
    const scope = c.get('scope');
    const id = Number(form.place);
    const [x, y] = [Number(form.x), Number(form.y)];
    const root = scope.roots[0];
    const allowed = root && (root.level === 'community' || root.depth === 0) && scope.places.has(id);
    if (!allowed || !Number.isFinite(x) || !Number.isFinite(y)) return c.redirect('/plan', 303);
    await deps.db.place.update({ where: { id }, data: { mapX: x, mapY: y } });
    return c.redirect('/plan', 303);
  });
}

/** Draws the plan (or lat/lng points) and, for editors, turns a click into the place's position. */
const PLAN_SCRIPT = `
(function(){var d=JSON.parse(document.getElementById('plan-data').textContent);var el=document.getElementById('plan');if(!el||!window.L)return;
var colors={ok:'#10b981',open:'#f59e0b',overdue:'#dc2626'};var map,pt;
if(d.plan){map=L.map(el,{crs:L.CRS.Simple,minZoom:-3});var b=[[0,0],[d.plan.height,d.plan.width]];L.imageOverlay(d.plan.src,b).addTo(map);map.fitBounds(b);
pt=function(p){return p.x==null?null:[d.plan.height-p.y,p.x]};
var f=document.getElementById('place-form');if(f)map.on('click',function(e){f.x.value=Math.round(e.latlng.lng);f.y.value=Math.round(d.plan.height-e.latlng.lat);f.requestSubmit();});}
else{map=L.map(el);pt=function(p){return p.lat==null?null:[p.lat,p.lng]};}
var ll=[];d.points.forEach(function(p){var at=pt(p);if(!at)return;ll.push(at);
L.circleMarker(at,{radius:12,color:colors[p.shade],fillOpacity:.7}).addTo(map).bindPopup('<a href="'+p.href+'"></a>').on('popupopen',function(e){var a=e.popup.getElement().querySelector('a');a.textContent=p.name+' '+p.label;});});
if(!d.plan&&ll.length)map.fitBounds(ll,{padding:[30,30],maxZoom:18});})();`;
