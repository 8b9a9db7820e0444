/**
 * The staff web console (后台), a peer of the chat adapters: Hono routes rendered on the server
 * in Chinese, calling the same services and workflow as the chat. Served by the bot's process
 * when GRIDBOT_WEB=true, or alone by `gridbot web`.
 *
 * @example const web = await startWebServer({ db: db.prisma, config, clock, logger }); … await web.close();
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { T } from '../common/text/index.js';
import { registerAuth, requireSession } from './auth.js';
import { registerExports } from './exports.js';
import { messagePage } from './layout.js';
import { registerCharts } from './pages/charts.js';
import { registerHouseholds } from './pages/households.js';
import { registerMap } from './pages/map.js';
import { registerPlan } from './pages/plan.js';
import { registerTicket } from './pages/ticket.js';
import { registerTickets } from './pages/tickets.js';
import type { Env, WebDeps } from './types.js';

/** The console's routes, without a server (tests may call `app.request`). */
export function createWebApp(deps: WebDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    const t0 = performance.now();
    await next();
    // The page's own time, so a bench (or a browser's network panel) can tell it from the network.
    c.header('Server-Timing', `app;dur=${(performance.now() - t0).toFixed(1)}`);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  registerAuth(app, deps);
  // Exports and the API check their own credentials (a session, or an API key).
  registerExports(app, deps);
  registerPlan(app, deps);
  app.use('/', requireSession(deps));
  app.use('/tickets', requireSession(deps));
  app.use('/tickets/*', requireSession(deps));
  app.use('/charts', requireSession(deps));
  app.use('/households', requireSession(deps));
  registerMap(app, deps);
  registerTickets(app, deps);
  registerTicket(app, deps);
  registerCharts(app, deps);
  registerHouseholds(app, deps);
  app.notFound((c) => c.html(messagePage(T.web.title, T.web.notFound), 404));
  app.onError((error, c) => {
    deps.logger.error({ err: error, path: c.req.path }, 'web console error');
    return c.html(messagePage(T.web.title, T.internalError), 500);
  });
  return app;
}

export interface WebServer {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on `config.web.host:port` (port 0 picks a free one) and serves the console. */
export async function startWebServer(deps: WebDeps, listen?: { host?: string; port?: number }): Promise<WebServer> {
  const app = createWebApp(deps);
  const hostname = listen?.host ?? deps.config.web.host;
  const port = listen?.port ?? deps.config.web.port;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname, port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  deps.logger.info({ url: `http://${host}:${address.port}` }, 'web console listening');
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of a browser would hold the close for minutes.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
