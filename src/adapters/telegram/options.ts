/** How a Telegram bot account is configured: token, mode, webhook, pacing. */
import type { Logger } from '../../common/log.js';
import type { PacingRules } from '../pacer.js';
import type { RetryOptions } from './errors.js';

/** Where to serve webhook updates. Telegram needs HTTPS, so put a TLS proxy in front. */
export interface WebhookOptions {
  port: number;
  /** Request path, e.g. '/telegram/hook'; other paths get 404. */
  path: string;
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; requests without it get 401. */
  secretToken: string;
  /** Interface to listen on; Node's default (all interfaces) when absent. */
  host?: string;
  /** Public HTTPS URL; when set, `start` registers it with setWebhook. */
  url?: string;
}

/** Everything the adapter needs; nothing is read from the environment. */
export interface TelegramOptions {
  /** Bot token from @BotFather. */
  token: string;
  /** Name of this bot account in the core. Default 'telegram'. */
  account?: string;
  /** Bot API server root, e.g. a local telegram-bot-api or a test server. Default Telegram's. */
  apiRoot?: string;
  /** Default 'polling'. */
  mode?: 'polling' | 'webhook';
  webhook?: WebhookOptions;
  /** Send pacing for this account. Default {@link DEFAULT_TELEGRAM_PACING}. */
  pacing?: PacingRules;
  /** Extra names that address the bot when written as `@name` (e.g. its Chinese display name). */
  botNames?: string[];
  logger?: Logger;
  retry?: RetryOptions;
  /** Long-poll timeout in seconds. Default 30. */
  pollTimeoutSeconds?: number;
  /** How long `stop` waits for running handlers. Default 30 000. */
  stopTimeoutMs?: number;
}

/**
 * Telegram's published limits: about 1 message per second in one chat, 20 per minute in one
 * group, 30 per second overall (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 */
export const DEFAULT_TELEGRAM_PACING: PacingRules = { sameChatGapMs: 1000, perChatPerMinute: 20, perSecond: 30 };
