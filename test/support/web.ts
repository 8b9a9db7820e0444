// The console harness plus the web console on a loopback port, sharing its database and clock:
// a head asks the bot for "后台" in a direct chat, the link it sends opens a session, and what
// the console does reaches the chats through the same outbox.
import { silentLogger } from '../../src/common/log.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { type Harness, startHarness, texts } from './harness.js';

export interface WebHarness extends Harness {
  web: WebServer;
  /** Asks the bot for a login link in a direct chat, as `person` would; returns the link. */
  loginLink(person: string): Promise<string>;
}

export async function startWebHarness(options: { provider?: 'sqlite' | 'postgresql' } = {}): Promise<WebHarness> {
  const h = await startHarness({ provider: options.provider, config: { 'web.enabled': true } });
  const config = h.app.deps.config;
  const web = await startWebServer(
    {
      db: h.db.prisma,
      config,
      clock: h.clock,
      logger: silentLogger,
      wake: () => h.app.senders.forEach((s) => s.wake()),
    },
    { host: '127.0.0.1', port: 0 },
  );
  // Links name the server's real port, known only once it listens.
  config.web.url = web.url;
  return {
    ...h,
    web,
    async loginLink(person: string) {
      const said = texts(await h.say('私聊', person, '后台'));
      const url = /https?:\/\/\S+\/login\/\S+/.exec(said)?.[0];
      if (!url) throw new Error(`no login link in: ${said}`);
      return url;
    },
    async close() {
      await web.close();
      await h.close();
    },
  };
}

/** A cookie-keeping HTTP client that does not follow redirects, so tests see each answer. */
export class Client {
  private cookie = '';

  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    return this.keep(await fetch(new URL(path, this.base), { redirect: 'manual', headers: this.headers() }));
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(
      await fetch(new URL(path, this.base), {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams(form),
        headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      }),
    );
  }

  /** Opens a login link the way a browser would: the page, then its button. */
  async login(link: string): Promise<Response> {
    const path = new URL(link).pathname;
    await this.get(path);
    return this.post(path, {});
  }

  /** The CSRF token of the session, read from a page's logout form. */
  async csrf(): Promise<string> {
    const html = await (await this.get('/tickets')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error('no CSRF token on the page');
    return token;
  }

  get cookieHeader(): string {
    return this.cookie;
  }

  private headers(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie } : {};
  }

  private keep(res: Response): Response {
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      if (/=;|Max-Age=0/i.test(c) || pair.endsWith('=')) this.cookie = '';
      else this.cookie = pair;
    }
    return res;
  }
}
