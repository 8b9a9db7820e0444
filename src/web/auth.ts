/**
 * Signing in and out: the one-time link shows a page with a button (link previews in chat apps
 * fetch the link too, so only the POST uses it up), a session cookie (HttpOnly, SameSite=Lax,
 * Secure behind https), a CSRF token on every form, and a rate limit on the link endpoint.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { webBaseUrl } from '../common/config.js';
import { T } from '../common/text/index.js';
import { scopeOfPerson } from '../services/console/scope.js';
import {
  checkLoginLink,
  csrfMatches,
  endSession,
  SESSION_DAYS,
  sessionOf,
  startSession,
  useLoginLink,
} from '../services/web-access.js';
import { messagePage, page } from './layout.js';
import type { Env, WebDeps } from './types.js';

export const COOKIE = 'gridbot_session';

/** Fixed one-minute windows per client address; enough to stop guessing links. */
export class RateLimit {
  private readonly hits = new Map<string, { start: number; n: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  allow(key: string): boolean {
    const t = this.now();
    const hit = this.hits.get(key);
    if (!hit || t - hit.start >= 60_000) {
      if (this.hits.size > 10_000) this.hits.clear();
      this.hits.set(key, { start: t, n: 1 });
      return true;
    }
    hit.n++;
    return hit.n <= this.perMinute;
  }
}

/** The client's address as the socket saw it. */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function registerAuth(app: Hono<Env>, deps: WebDeps): void {
  const secure = webBaseUrl(deps.config).startsWith('https:');
  const limit = new RateLimit(10, () => deps.clock.now().getTime());
  const limited: MiddlewareHandler<Env> = async (c, next) => {
    if (!limit.allow(clientAddress(c))) return c.html(messagePage(T.web.loginPage, T.web.loginSlowDown), 429);
    await next();
  };

  app.get('/login/:token', limited, async (c) => {
    const check = await checkLoginLink(deps.db, deps.config, c.req.param('token'), deps.clock.now());
    if (!check.ok) return c.html(messagePage(T.web.loginPage, T.web.loginBad), 403);
    const body = html`<h1>${T.web.loginPage}</h1>
<form method="post"><p>${T.web.loginAs(check.name)}</p><button id="enter">${T.web.loginButton}</button></form>`;
    return c.html(page(T.web.loginPage, body));
  });

  app.post('/login/:token', limited, async (c) => {
    if (!sameOrigin(c, deps)) return c.html(messagePage(T.web.loginPage, T.web.csrfBad), 403);
    const now = deps.clock.now();
    const used = await useLoginLink(deps.db, deps.config, c.req.param('token'), now);
    if (!used.ok) return c.html(messagePage(T.web.loginPage, T.web.loginBad), 403);
    const session = await startSession(deps.db, used.personId, now);
    setCookie(c, COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      maxAge: SESSION_DAYS * 86_400,
    });
    deps.logger.info({ person: used.personId }, 'web console login');
    return c.redirect('/', 303);
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, COOKIE);
    const session = await sessionOf(deps.db, token, deps.clock.now());
    const form = await c.req.parseBody();
    if (session && csrfMatches(session, form._csrf)) await endSession(deps.db, token);
    deleteCookie(c, COOKIE, { path: '/', secure });
    return c.redirect('/signed-out', 303);
  });

  app.get('/signed-out', (c) => c.html(messagePage(T.web.loginPage, T.web.loginNeeded)));
}

/** Every page below this needs a session; every POST needs the session's CSRF token. */
export function requireSession(deps: WebDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const now = deps.clock.now();
    const session = await sessionOf(deps.db, getCookie(c, COOKIE), now);
    if (!session) return c.html(messagePage(T.web.loginPage, T.web.loginNeeded), 401);
    const scope = await scopeOfPerson(deps.db, session.personId);
    if (!scope) return c.html(messagePage(T.web.title, T.web.forbidden, session.name, session.csrf), 403);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!sameOrigin(c, deps) || !csrfMatches(session, form._csrf)) {
        return c.html(messagePage(T.web.title, T.web.csrfBad, session.name, session.csrf), 403);
      }
      c.set('form', form);
    }
    c.set('session', session);
    c.set('scope', scope);
    await next();
  };
}

/** A browser's Origin header, when it sends one, must be this site (the request's or the configured one). */
function sameOrigin(c: Context, deps: WebDeps): boolean {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return origin !== 'null';
  return origin === new URL(c.req.url).origin || origin === new URL(webBaseUrl(deps.config)).origin;
}
