/** Options of the WeChat adapter and their defaults. */
import type { Logger } from '../../common/log.js';
import type { Pacer, PacingRules } from '../pacer.js';
import type { WechatyOptions } from 'wechaty';

/** How to reconnect after the puppet service connection drops. */
export interface ReconnectRules {
  /** First wait before reconnecting; doubles per failed attempt. */
  initialMs?: number;
  /** Longest wait between attempts. */
  maxMs?: number;
}

/** Everything the adapter needs; it reads no configuration of its own from the environment. */
export interface WechatOptions {
  /** Puppet service token from the provider (for a local gateway: `insecure_<anything>`). */
  token: string;
  /** `host:port` of the puppet service; omitted means discovery by token through the Wechaty authority. */
  endpoint?: string;
  /** Name of this bot account inside gridbot; defaults to "wechat". */
  account?: string;
  /** TLS to the puppet service; defaults to true. Only `false` talks plaintext (a local gateway). */
  tls?: boolean;
  /** Wechaty instance name (names its memory card). */
  name?: string;
  /** Send pacing; defaults to {@link DEFAULT_WECHAT_PACING}, each rule overridable. */
  pacing?: PacingRules;
  /** A ready pacer instead of `pacing`, e.g. shared, or with a fake clock in tests. */
  pacer?: Pacer;
  /** Extra names that count as addressing the bot when written as `@name`. */
  botNames?: string[];
  logger?: Logger;
  reconnect?: ReconnectRules;
  /** How many recent message ids to remember for dropping replays; default 5000. */
  dedupeSize?: number;
  /** Longest text of one WeChat message; default 2000. */
  maxTextLength?: number;
  /** A send that has not finished after this long fails as transient; default 30 s. */
  sendTimeoutMs?: number;
  /** Test hook: build the puppet yourself instead of connecting to a puppet service. */
  puppet?: () => NonNullable<WechatyOptions['puppet']>;
}

/**
 * Conservative pacing for a personal WeChat account. Tencent publishes no safe rate and
 * bans accounts that send like machines; these are the defaults commonly recommended by
 * puppet service operators: ≥1 s between messages to one chat, ≥3 s when switching
 * chats, ≤40 a minute per account, up to 1 s random jitter so gaps are not regular.
 */
export const DEFAULT_WECHAT_PACING: Required<
  Pick<PacingRules, 'sameChatGapMs' | 'otherChatGapMs' | 'perMinute' | 'jitterMs'>
> = {
  sameChatGapMs: 1000,
  otherChatGapMs: 3000,
  perMinute: 40,
  jitterMs: 1000,
};

export const DEFAULT_RECONNECT: Required<ReconnectRules> = { initialMs: 1000, maxMs: 60_000 };

/** Drops everything; the default when no logger is given. */
