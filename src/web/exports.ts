/**
 * Data that leaves the console: `/export.csv` (the filtered list, UTF-8 with a BOM so Excel
 * opens Chinese) for signed-in staff, and an Open311 GeoReport v2 read API behind API keys.
 * Neither carries reporters, rooms, phone numbers, or must-report items about crime or
 * instability (see services/console/export.ts).
 */
import type { Context, Hono } from 'hono';
import { isRecordId } from '../common/ids.js';
import { CATEGORY_NAMES, STATUS_NAMES, T } from '../common/text/index.js';
import { type ExportRow, exportRows } from '../services/console/export.js';
import { scopeOfKey } from '../services/console/scope.js';
import { checkApiKey } from '../services/web-access.js';
import { isOpen } from '../services/workflow/index.js';
import { requireSession } from './auth.js';
import { filterOf, isoDay } from './params.js';
import type { Env, WebDeps } from './types.js';

/** GeoReport v2 caps a response at 1,000 requests. */
const OPEN311_MAX = 1000;
const OPEN311_DEFAULT_DAYS = 90;

/** A CSV cell: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const isoFormats = new Map<string, Intl.DateTimeFormat>();

/** ISO 8601 with the configured zone's offset, as people read it ("2026-11-23T09:00:00+08:00"). */
export function isoLocal(d: Date | null, timeZone: string): string {
  if (!d) return '';
  let f = isoFormats.get(timeZone);
  if (!f) {
    // Sweden's format is ISO's: "2026-11-23 09:00:00".
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    isoFormats.set(timeZone, f);
  }
  const parts = f.format(d);
  const local = Date.parse(`${parts.replace(' ', 'T')}Z`);
  const offset = Math.round((local - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${parts.replace(' ', 'T')}${sign}${hh}:${mm}`;
}

function csvLine(r: ExportRow, tz: string): string {
  const c = T.web.csv;
  const cells = [
    r.id,
    isoLocal(r.createdAt, tz),
    STATUS_NAMES[r.status] ?? r.status,
    CATEGORY_NAMES[r.category] ?? r.category,
    r.urgent ? c.yes : c.no,
    r.grid,
    r.building,
    r.unit,
    r.text,
    r.assignee,
    isoLocal(r.acknowledgedAt, tz),
    isoLocal(r.resolvedAt, tz),
    isoLocal(r.closedAt, tz),
    r.overdue ? c.yes : c.no,
    r.satisfied === null ? '' : r.satisfied ? c.yes : c.no,
    r.chases,
    r.relapses,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function registerExports(app: Hono<Env>, deps: WebDeps): void {
  const tz = deps.config.timeZone;
  app.get('/export.csv', requireSession(deps), (c) => {
    const scope = c.get('scope');
    const filter = filterOf(c.req.query(), tz);
    const now = deps.clock.now();
    const encoder = new TextEncoder();
    const rows = exportRows(deps.db, scope, filter, now, T.web.csv.masked);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${T.web.csv.header.map(csvCell).join(',')}\r\n`));
      },
      async pull(controller) {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map((r) => csvLine(r, tz)).join('')));
      },
    });
    const name = `tickets-${isoDay(now, tz)}.csv`;
    return c.body(stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  app.get('/open311/v2/services.json', async (c) => {
    if (!(await apiKey(c, deps))) return refuse(c);
    return c.json(
      Object.entries(CATEGORY_NAMES).map(([code, name]) => ({
        service_code: code,
        service_name: name,
        description: name,
        metadata: false,
        type: 'realtime',
        keywords: '',
        group: '',
      })),
    );
  });

  app.get('/open311/v2/requests.json', async (c) => {
    const key = await apiKey(c, deps);
    if (!key) return refuse(c);
    const q = c.req.query();
    const now = deps.clock.now();
    const ids = q.service_request_id
      ?.split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isSafeInteger(n) && n > 0);
    const start = q.start_date ? new Date(q.start_date) : new Date(now.getTime() - OPEN311_DEFAULT_DAYS * 86_400_000);
    const end = q.end_date ? new Date(q.end_date) : undefined;
    if (Number.isNaN(start.getTime()) || (end && Number.isNaN(end.getTime()))) {
      return c.json([{ code: 400, description: 'start_date and end_date must be ISO 8601 dates' }], 400);
    }
    const filter = {
      ...(ids?.length ? {} : { from: start, ...(end ? { to: end } : {}) }),
      ...(q.service_code && q.service_code in CATEGORY_NAMES ? { category: q.service_code } : {}),
    };
    const scope = await scopeOfKey(deps.db, key.placeId);
    const out = [];
    for await (const batch of exportRows(deps.db, scope, filter, now, T.web.csv.masked, {
      limit: OPEN311_MAX,
      ids: ids?.length ? ids.slice(0, OPEN311_MAX) : undefined,
    })) {
      for (const r of batch) {
        const state = isOpen(r.status) ? 'open' : 'closed';
        if (q.status === 'open' || q.status === 'closed') if (state !== q.status) continue;
        out.push(georeport(r, tz));
      }
    }
    return c.json(out);
  });

  app.get('/open311/v2/requests/:file{[0-9]+\\.json}', async (c) => {
    const key = await apiKey(c, deps);
    if (!key) return refuse(c);
    const id = Number(c.req.param('file').replace('.json', ''));
    if (!isRecordId(id)) return c.json([{ code: 404, description: `service request ${id} not found` }], 404);
    const scope = await scopeOfKey(deps.db, key.placeId);
    const found = [];
    for await (const batch of exportRows(deps.db, scope, {}, deps.clock.now(), T.web.csv.masked, { ids: [id] }))
      found.push(...batch.map((r) => georeport(r, tz)));
    if (!found.length) return c.json([{ code: 404, description: `service request ${id} not found` }], 404);
    return c.json(found);
  });
}

/** One request in GeoReport v2's field names. */
export function georeport(r: ExportRow, tz: string) {
  const address = [r.grid, `${r.building ?? ''}${r.unit ?? ''}`].filter(Boolean).join(' ');
  return {
    service_request_id: String(r.id),
    status: isOpen(r.status) ? 'open' : 'closed',
    status_notes: STATUS_NAMES[r.status] ?? r.status,
    service_name: CATEGORY_NAMES[r.category] ?? r.category,
    service_code: r.category,
    description: r.text,
    agency_responsible: r.grid ? T.web.open311Agency(r.grid) : '',
    service_notice: '',
    requested_datetime: isoLocal(r.createdAt, tz),
    updated_datetime: isoLocal(r.updatedAt, tz),
    expected_datetime: isOpen(r.status) ? isoLocal(r.resolveDueAt, tz) : '',
    address,
    address_id: r.placeId === null ? '' : String(r.placeId),
    zipcode: '',
    lat: r.lat,
    long: r.lng,
    media_url: '',
  };
}

async function apiKey(c: Context, deps: WebDeps) {
  return checkApiKey(deps.db, c.req.query('api_key'), deps.clock.now());
}

function refuse(c: Context) {
  const given = !!c.req.query('api_key');
  return c.json(
    [{ code: given ? 403 : 401, description: given ? 'api_key is not valid' : 'api_key is required' }],
    given ? 403 : 401,
  );
}
