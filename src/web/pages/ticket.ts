/**
 * One ticket: its facts, timeline (heads by name, residents never), followers, chases and
 * relapses, and the head's actions as buttons that go through the workflow.
 */
import type { Context, Hono } from 'hono';
import { isRecordId } from '../../common/ids.js';
import { html } from 'hono/html';
import { CATEGORY_NAMES, STATUS_NAMES, T, when } from '../../common/text/index.js';
import { type TicketDetail, ticketDetail } from '../../services/console/tickets.js';
import { mediaDir, photosOf } from '../../services/media/attachments.js';
import { canHandle } from '../../services/org/places.js';
import { FileMediaStore } from '../../store/media-store.js';
import { allows } from '../../services/workflow/index.js';
import { runAction, WEB_VERBS, type WebVerb } from '../actions.js';
import { type Html, messagePage, page } from '../layout.js';
import type { Env, WebDeps } from '../types.js';
import { peopleIn } from './tickets.js';

export function registerTicket(app: Hono<Env>, deps: WebDeps): void {
  app.get('/tickets/:id{[0-9]+}', (c) => show(c, deps));

  // A ticket's photo, to whoever may see the ticket; the bytes never change (content-addressed).
  app.get('/tickets/:id{[0-9]+}/photos/:photo{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const detail = await ticketDetail(deps.db, c.get('scope'), id, deps.clock.now());
    const photo = detail
      ? await deps.db.attachment.findFirst({
          where: { id: Number(c.req.param('photo')), ticketId: id, kind: 'image', status: 'stored' },
        })
      : null;
    if (!photo?.sha256 || !photo.mime) return c.html(messagePage(T.web.title, T.web.notFound), 404);
    const media = deps.media ?? new FileMediaStore(mediaDir(deps.config));
    const bytes = await media.read(photo.sha256, photo.mime).catch(() => null);
    if (!bytes) return c.html(messagePage(T.web.title, T.web.notFound), 404);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': photo.mime,
      'cache-control': 'private, max-age=86400, immutable',
      'x-content-type-options': 'nosniff',
    });
  });

  app.post('/tickets/:id{[0-9]+}/:verb', async (c) => {
    const verb = c.req.param('verb') as WebVerb;
    if (!WEB_VERBS.includes(verb)) return c.html(messagePage(T.web.title, T.web.notFound), 404);
    const id = Number(c.req.param('id'));
    if (!isRecordId(id)) return c.html(messagePage(T.web.title, T.unknownTicket(id)), 404);
    const r = await runAction(deps, c.get('session'), c.get('scope'), verb, id, c.get('form'));
    if (r.ok) return c.redirect(`/tickets/${id}?done=${verb}`, 303);
    return show(c, deps, r.message, 409);
  });
}

async function show(c: Context<Env>, deps: WebDeps, problem?: string, status: 200 | 409 = 200) {
  const session = c.get('session');
  const id = Number(c.req.param('id'));
  if (!isRecordId(id)) return c.html(messagePage(T.web.title, T.unknownTicket(id), session.name, session.csrf), 404);
  const now = deps.clock.now();
  const detail = await ticketDetail(deps.db, c.get('scope'), id, now);
  if (!detail) {
    const exists = (await deps.db.ticket.count({ where: { id } })) > 0;
    const message = exists ? T.web.forbidden : T.unknownTicket(id);
    return c.html(messagePage(T.web.ticketTitle(id), message, session.name, session.csrf), exists ? 403 : 404);
  }
  const place = detail.ticket.placeId ? await deps.db.place.findUnique({ where: { id: detail.ticket.placeId } }) : null;
  const handler = await canHandle(deps.db, session.personId, place);
  const verbs = handler ? WEB_VERBS.filter((v) => allows(v, detail.ticket.status)) : [];
  const people = verbs.includes('reassign') ? await peopleIn(deps.db, c.get('scope')) : [];
  const done = c.req.query('done');
  const body = html`<h1>${T.web.ticketTitle(id)}</h1>
${problem ? html`<p class="notice" id="problem">${problem}</p>` : ''}
${done && !problem ? html`<p class="notice" id="done">${T.web.done}</p>` : ''}
${facts(detail, deps.config.timeZone)}
<h2>${T.web.detail.text}</h2><p>${detail.ticket.text}</p>
<h2>${T.web.detail.photos}</h2>${photos(id, await photosOf(deps.db, id))}
<h2>${T.web.detail.timeline}</h2>${timeline(detail, deps.config.timeZone)}
${verbs.length ? html`<h2>${T.web.detail.actions}</h2>${actions(id, verbs, session.csrf, people)}` : ''}`;
  return c.html(page(T.web.ticketTitle(id), body, session.name, session.csrf), status);
}

function photos(id: number, list: Awaited<ReturnType<typeof photosOf>>): Html {
  const shown = list.filter((p) => p.status === 'stored');
  if (!shown.length) return html`<p class="muted">${T.web.detail.noPhotos}</p>`;
  return html`<div class="photos" id="photos">${shown.map((p) => {
    const src = `/tickets/${id}/photos/${p.id}`;
    const label = p.role === 'evidence' ? T.web.detail.fixPhoto : T.web.detail.reportPhoto;
    return html`<figure><a href="${src}"><img src="${src}" alt="${label}" loading="lazy" width="240"></a><figcaption>${label}</figcaption></figure>`;
  })}</div>`;
}

function facts(d: TicketDetail, tz: string): Html {
  const t = d.ticket;
  const f = T.web.detail;
  return html`<dl class="facts">
<dt>${f.status}</dt><dd id="status">${STATUS_NAMES[t.status] ?? t.status} ${t.urgent ? html`<span class="tag urgent">${T.web.urgent}</span>` : ''}${d.overdue ? html`<span class="tag overdue">${T.web.overdue}</span>` : ''}${t.mustReport ? html`<span class="tag must">${T.web.mustReport}·${T.mustReportKinds[t.mustReport] ?? t.mustReport}</span>` : ''}</dd>
<dt>${f.category}</dt><dd>${CATEGORY_NAMES[t.category] ?? t.category}</dd>
<dt>${f.place}</dt><dd>${d.place ?? T.noPlace}</dd>
<dt>${f.assignee}</dt><dd id="assignee">${d.assignee ?? T.unassigned}</dd>
<dt>${f.reported}</dt><dd>${when(t.createdAt, tz)}</dd>
${t.ackDueAt && t.status === 'assigned' ? html`<dt>${f.ackDue}</dt><dd>${when(t.ackDueAt, tz)}</dd>` : ''}
${t.resolveDueAt && !t.resolvedAt ? html`<dt>${f.resolveDue}</dt><dd>${when(t.resolveDueAt, tz)}</dd>` : ''}
<dt>${f.followers}</dt><dd>${d.followers}</dd>
<dt>${f.chases}</dt><dd id="chases">${t.chaseCount}</dd>
<dt>${f.relapses}</dt><dd id="relapses">${t.relapseCount}</dd>
${t.relatedToId ? html`<dt>${f.related}</dt><dd><a href="/tickets/${t.relatedToId}">#${t.relatedToId}</a></dd>` : ''}
</dl>`;
}

function timeline(d: TicketDetail, tz: string): Html {
  return html`<ol class="timeline" id="timeline">${d.timeline.map((e) => {
    const who = e.who ?? (e.resident ? T.web.resident : null);
    return html`<li>${T.eventLine(when(e.at, tz), e.kind, who, T.eventNote(e.kind, e.data, e.note))}</li>`;
  })}</ol>`;
}

function actions(id: number, verbs: WebVerb[], csrf: string, people: { id: number; name: string }[]): Html {
  const a = T.web.actions;
  const form = (verb: WebVerb, inner: Html | string) =>
    html`<form method="post" action="/tickets/${id}/${verb}" data-verb="${verb}"><input type="hidden" name="_csrf" value="${csrf}">${inner}<button>${a[verb]}</button></form>`;
  const note = html`<input name="note" placeholder="${a.note}" maxlength="500">`;
  return html`<div class="actions">${verbs.map((v) => {
    if (v === 'progress' || v === 'resolve') return form(v, note);
    if (v === 'reassign')
      return form(
        v,
        html`<select name="to" aria-label="${a.to}">${people.map((p) => html`<option value="${p.id}">${p.name}</option>`)}</select>`,
      );
    return form(v, '');
  })}</div>`;
}
