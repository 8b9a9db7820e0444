/**
 * 八必访: the special households a person may see — those they are responsible for, and, for a
 * community head, every household below them. Nobody else sees this list, not even grid heads.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { T, when } from '../../common/text/index.js';
import { labelIn } from '../../services/console/scope.js';
import { page } from '../layout.js';
import type { Env, WebDeps } from '../types.js';

export function registerHouseholds(app: Hono<Env>, deps: WebDeps): void {
  app.get('/households', async (c) => {
    const session = c.get('session');
    const scope = c.get('scope');
    const rows = await deps.db.specialHousehold.findMany({
      where: { OR: [{ responsibleId: session.personId }, { placeId: { in: [...scope.householdsAll] } }] },
      include: { responsible: { select: { name: true } }, visits: { orderBy: { at: 'desc' }, take: 1 } },
      orderBy: { id: 'asc' },
    });
    const h = T.web.householdColumns;
    const body = html`<h1>${T.web.households}</h1>
${
  rows.length
    ? html`<div class="table"><table id="households"><thead><tr><th>${h.name}</th><th>${h.kind}</th><th>${h.place}</th><th>${h.address}</th><th>${h.responsible}</th><th>${h.lastVisit}</th></tr></thead><tbody>
${rows.map(
  (r) =>
    html`<tr><td>${r.name}</td><td>${T.householdKinds[r.kind] ?? r.kind}</td><td>${labelIn(scope, r.placeId) ?? ''}</td><td>${r.address ?? ''}</td><td>${r.responsible?.name ?? ''}</td><td>${r.visits[0] ? when(r.visits[0].at, deps.config.timeZone) : ''}</td></tr>`,
)}</tbody></table></div>`
    : html`<p class="muted">${T.web.householdsNone}</p>`
}`;
    return c.html(page(T.web.households, body, session.name, session.csrf));
  });
}
