/** The ticket list: filters, text search, paging, and the CSV export of the same filter. */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { CATEGORY_NAMES, STATUS_NAMES, T, when } from '../../common/text/index.js';
import { labelIn, type Scope } from '../../services/console/scope.js';
import { listTickets, type TicketListRow } from '../../services/console/tickets.js';
import type { Prisma } from '../../store/client.js';
import { type Html, page } from '../layout.js';
import { filterOf, qs } from '../params.js';
import type { Env, WebDeps } from '../types.js';

const PAGE_SIZE = 50;

export function registerTickets(app: Hono<Env>, deps: WebDeps): void {
  app.get('/tickets', async (c) => {
    const session = c.get('session');
    const scope = c.get('scope');
    const now = deps.clock.now();
    const query = c.req.query();
    const filter = filterOf(query, deps.config.timeZone);
    const pageNo = Math.max(1, Number(query.page) || 1);
    const [{ rows, total }, people] = await Promise.all([
      listTickets(deps.db, scope, filter, now, pageNo, PAGE_SIZE),
      peopleIn(deps.db, scope),
    ]);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const keep = { ...query, page: undefined };
    const body = html`<h1>${T.web.ticketsTitle}</h1>
${filterForm(scope, query, people)}
<div class="pager"><strong id="total">${T.web.total(total)}</strong>
<a id="export" href="/export.csv${qs(keep)}">${T.web.exportCsv}</a></div>
${rows.length ? table(rows, deps.config.timeZone) : html`<p class="muted">${T.web.none}</p>`}
<div class="pager">${pageNo > 1 ? html`<a href="/tickets${qs({ ...keep, page: pageNo - 1 })}">${T.web.prev}</a>` : ''}
<span>${T.web.pageOf(pageNo, pages)}</span>
${pageNo < pages ? html`<a href="/tickets${qs({ ...keep, page: pageNo + 1 })}">${T.web.next}</a>` : ''}</div>`;
    return c.html(page(T.web.ticketsTitle, body, session.name, session.csrf));
  });
}

/** People holding a role somewhere in the scope, for the assignee filter and reassignment. */
export async function peopleIn(db: Prisma, scope: Scope): Promise<{ id: number; name: string }[]> {
  const roles = await db.role.findMany({
    where: { placeId: { in: [...scope.places.keys()] }, role: { in: ['head', 'deputy', 'grid_worker'] } },
    select: { person: { select: { id: true, name: true } } },
    orderBy: { personId: 'asc' },
  });
  return [...new Map(roles.map((r) => [r.person.id, r.person])).values()];
}

/** Places for a select: every place of the scope, indented by depth. */
export function placeOptions(scope: Scope, selected?: number): Html[] {
  const top = Math.min(...[...scope.places.values()].map((p) => p.depth));
  return [...scope.places.values()]
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }))
    .map(
      (p) =>
        html`<option value="${p.id}" ${p.id === selected ? 'selected' : ''}>${'　'.repeat(p.depth - top)}${labelIn(scope, p.id)}</option>`,
    );
}

function filterForm(scope: Scope, q: Record<string, string>, people: { id: number; name: string }[]): Html {
  const f = T.web.filters;
  const sel = (v: string | undefined, k: string) => (v === k ? 'selected' : '');
  return html`<form class="filters" method="get" action="/tickets">
<label>${f.place}<select name="place"><option value="">${T.web.allPlaces}</option>${placeOptions(scope, Number(q.place))}</select></label>
<label>${f.category}<select name="category"><option value="">${T.web.allCategories}</option>${Object.entries(
    CATEGORY_NAMES,
  ).map(([k, v]) => html`<option value="${k}" ${sel(q.category, k)}>${v}</option>`)}</select></label>
<label>${f.status}<select name="status"><option value="">${f.anyStatus}</option><option value="open" ${sel(q.status, 'open')}>${f.open}</option>${Object.entries(
    STATUS_NAMES,
  ).map(([k, v]) => html`<option value="${k}" ${sel(q.status, k)}>${v}</option>`)}</select></label>
<label>${f.assignee}<select name="assignee"><option value="">${f.anyone}</option>${people.map(
    (p) => html`<option value="${p.id}" ${sel(q.assignee, String(p.id))}>${p.name}</option>`,
  )}</select></label>
<label>${f.from}<input type="date" name="from" value="${q.from ?? ''}"></label>
<label>${f.to}<input type="date" name="to" value="${q.to ?? ''}"></label>
<label><span><input type="checkbox" name="urgent" value="1" ${q.urgent === '1' ? 'checked' : ''}> ${f.urgent}</span></label>
<label><span><input type="checkbox" name="overdue" value="1" ${q.overdue === '1' ? 'checked' : ''}> ${f.overdue}</span></label>
<label>${T.web.search}<input type="search" name="q" value="${q.q ?? ''}" maxlength="50"></label>
<button>${T.web.filter}</button></form>`;
}

function table(rows: TicketListRow[], tz: string): Html {
  const h = T.web.columns;
  return html`<div class="table"><table id="tickets"><thead><tr><th>${h.id}</th><th>${h.createdAt}</th><th>${h.status}</th><th>${h.category}</th><th>${h.place}</th><th class="wide">${h.text}</th><th>${h.assignee}</th><th class="wide">${h.due}</th></tr></thead><tbody>
${rows.map(
  (t) => html`<tr data-id="${t.id}"><td><a href="/tickets/${t.id}">#${t.id}</a></td><td>${when(t.createdAt, tz)}</td>
<td>${STATUS_NAMES[t.status] ?? t.status} ${t.urgent ? html`<span class="tag urgent">${T.web.urgent}</span>` : ''}${t.overdue ? html`<span class="tag overdue">${T.web.overdue}</span>` : ''}${t.mustReport ? html`<span class="tag must">${T.web.mustReport}</span>` : ''}</td>
<td>${CATEGORY_NAMES[t.category] ?? t.category}</td><td>${t.place ?? ''}</td><td class="wide">${t.text.slice(0, 60)}</td>
<td>${t.assignee ?? T.unassigned}</td><td class="wide">${t.due ? when(t.due, tz) : ''}</td></tr>`,
)}</tbody></table></div>`;
}
