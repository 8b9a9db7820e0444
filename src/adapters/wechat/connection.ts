/**
 * The parts of connecting to a puppet service that Wechaty does not do for us: it swallows
 * a failed puppet start (emitting an error instead of rejecting), never re-opens a dropped
 * event stream, and a stop against a dead service can hang.
 */
import net from 'node:net';
import { WechatyBuilder, type Wechaty } from 'wechaty';
import type { Logger } from '../../common/log.js';
import type { WechatOptions } from './options.js';

/** Builds a fresh Wechaty for one connection: no listener survives into the next one. */
export function buildWechaty(o: WechatOptions): Wechaty {
  if (o.puppet) return WechatyBuilder.build({ name: o.name, puppet: o.puppet() });
  return WechatyBuilder.build({
    name: o.name,
    puppet: 'wechaty-puppet-service',
    // tls.disable is passed explicitly either way: the library honours it before its
    // WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT env switch, so no process-wide env is
    // needed and a stray env var cannot turn TLS off for an account configured with TLS.
    puppetOptions: { token: o.token, endpoint: o.endpoint, tls: { disable: o.tls === false } } as Record<
      string,
      unknown
    >,
  });
}

/**
 * Resolves when `host:port` accepts a TCP connection. Starting Wechaty against a dead port
 * costs 5+ s of library timeouts and leaves a half-started puppet, so reconnects check first.
 * Endpoints in other forms (dns:///, discovery by token) are not probed.
 */
export async function probeEndpoint(endpoint: string | undefined, timeoutMs = 3000): Promise<void> {
  const m = endpoint?.match(/^(\[[^\]]+\]|[^:/[\]]+):(\d+)$/);
  if (!m) return;
  const host = m[1].replace(/^\[|\]$/g, '');
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port: Number(m[2]) });
    const done = (err?: Error): void => {
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`UNAVAILABLE: ${endpoint} did not answer in ${timeoutMs} ms`)));
    socket.once('connect', () => done());
    socket.once('error', (e) => done(new Error(`UNAVAILABLE: ${endpoint}: ${e.message}`)));
  });
}

/** True when the puppet really started; Wechaty's start() resolves even when it did not. */
export function puppetStarted(bot: Wechaty): boolean {
  const state = (bot.puppet as unknown as { state?: { active(): unknown } }).state;
  return state ? state.active() === true : true;
}

/**
 * The puppet-service client's gRPC manager, which is the only place that reports a dead
 * event stream (`end`, non-OK `status`). Undefined for other puppets.
 */
export function streamEvents(bot: Wechaty): NodeJS.EventEmitter | undefined {
  try {
    return (bot.puppet as unknown as { grpcManager?: NodeJS.EventEmitter }).grpcManager;
  } catch {
    return undefined; // the getter throws when there is no manager
  }
}

/** Stops a Wechaty, giving up after `timeoutMs` so a dead service cannot hang us. */
export async function stopQuietly(bot: Wechaty, logger: Logger, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  const stopping = bot.stop().catch((err) => logger.debug({ err: (err as Error).message }, 'wechat: stop failed'));
  await Promise.race([stopping, timeout]);
  clearTimeout(timer);
  await closePayloadStore(bot, logger);
}

/**
 * puppet-service caches payloads in a LevelDB under ~/.wechaty/…/<token>, opened on login and
 * closed only on logout — not when the connection stops. A connection that ends without a
 * logout (service restart, reconnect) keeps the database locked, and the next connection of
 * the same token then fails every room and contact lookup with "Database is not open".
 */
async function closePayloadStore(bot: Wechaty, logger: Logger): Promise<void> {
  try {
    await payloadStore(bot)?.stop();
  } catch (err) {
    logger.debug({ err: (err as Error).message }, 'wechat: closing the payload cache failed');
  }
}

interface PayloadStore {
  accountId?: string;
  start(accountId: string): Promise<void>;
  stop(): Promise<void>;
}

const payloadStore = (bot: Wechaty): PayloadStore | undefined =>
  (bot.puppet as unknown as { _payloadStore?: PayloadStore })._payloadStore;

/** True for the error a payload cache gives when it could not open (its database was still locked). */
export const isPayloadCacheClosed = (err: unknown): boolean =>
  /Database is not open/.test(String((err as Error)?.message ?? err));

/**
 * Opens the payload cache of a logged-in connection again. Its first open can lose a race with
 * the previous connection's close (puppet-service closes on a logout event, asynchronously);
 * by the time a send has failed on it, that close is long done.
 */
export async function reopenPayloadStore(bot: Wechaty, logger: Logger): Promise<void> {
  const store = payloadStore(bot);
  const account = store?.accountId;
  if (!store || !account) return;
  try {
    await store.stop();
    await store.start(account);
    logger.warn({ account }, 'wechat: payload cache reopened');
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'wechat: reopening the payload cache failed');
  }
}
