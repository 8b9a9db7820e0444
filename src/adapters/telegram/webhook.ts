/**
 * Serves Telegram webhook updates on node:http through grammY's `webhookCallback`, which
 * checks the secret token and answers only after the update was handled.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { webhookCallback } from 'grammy';
import type { Bot } from 'grammy';
import type { Logger } from '../../common/log.js';
import type { WebhookOptions } from './index.js';

/** Starts listening; resolves once the port is bound. */
export async function serveWebhook(bot: Bot, hook: WebhookOptions, log: Logger): Promise<http.Server> {
  const callback = webhookCallback(bot, 'http', {
    secretToken: hook.secretToken,
    // Answer before Telegram's own timeout: a late answer makes it redeliver (the core
    // dedupes, but the load is pointless). Handling continues either way.
    onTimeout: 'return',
    timeoutMilliseconds: 50_000,
  });
  if (!hook.secretToken) throw new Error('TelegramAdapter: a webhook needs a secret token');
  const expected = Buffer.from(hook.secretToken);
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== hook.path) return void res.writeHead(404).end();
    const given = req.headers['x-telegram-bot-api-secret-token'];
    const token = Buffer.from(typeof given === 'string' ? given : '');
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
      log.warn(
        { remote: req.socket.remoteAddress, reason: given === undefined ? 'no secret header' : 'wrong secret' },
        'telegram: webhook request rejected',
      );
      return void res.writeHead(401).end();
    }
    callback(req, res).catch((err) => {
      log.error({ err }, 'telegram: webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hook.port, hook.host, () => resolve());
  });
  return server;
}

/** Stops accepting connections and resolves when open requests (running handlers) are done. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections(); // keep-alive sockets would otherwise hold close() open
  });
}
