/** What the WeCom adapter takes, the platform's published limits it defaults to, and the SDK client. */
import { WSClient } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../common/log.js';
import type { Clock } from '../../common/types.js';
import type { PacingRules } from '../pacer.js';

/** Everything the adapter needs; nothing is read from the environment. */
export interface WecomOptions {
  /** The intelligent bot's BotID (企业微信管理后台 → 智能机器人 → API 模式 → 长连接). */
  botId: string;
  /** The long-connection Secret shown next to the BotID. */
  secret: string;
  /** Name of this bot account in the core. Default 'wecom'. */
  account?: string;
  /** A private deployment's long-connection address; default WeCom's public one. */
  wsUrl?: string;
  logger?: Logger;
  /** Send pacing per conversation. Default {@link DEFAULT_WECOM_PACING}. */
  pacing?: PacingRules;
  /** How long a received frame may still be answered through the reply call. Default 5 minutes. */
  replyWindowMs?: number;
  /** How long an `enter_chat` event may still get a welcome reply. Default 4.5 s (WeCom allows 5 s). */
  welcomeWindowMs?: number;
  /** Replies at once to one person. Default 3 (WeCom's limit on interactions in progress). */
  maxInFlightPerUser?: number;
  /** How long `start` waits for the first authentication before going on in the background. Default 15 s. */
  startTimeoutMs?: number;
  /** SDK: first reconnect delay in ms, doubling up to 30 s. Default 1000. */
  reconnectIntervalMs?: number;
  /** SDK: application heartbeat (`ping`) interval in ms; two missed acks drop the connection. Default 30 000. */
  heartbeatIntervalMs?: number;
  /** Frames remembered for replies and message ids remembered for deduplication. Default 5000. */
  memorySize?: number;
  clock?: Clock;
}

/**
 * WeCom allows 30 messages a minute and 1000 an hour per conversation, replies and proactive
 * sends together. 16 a minute keeps a busy chat under both (16 × 60 = 960 an hour) without an
 * hourly rule; a gap of 1 s keeps bursts readable.
 */
export const DEFAULT_WECOM_PACING: PacingRules = { sameChatGapMs: 1000, perChatPerMinute: 16 };

/**
 * Longest text in one message, in UTF-8 bytes. A stream reply takes 20 480 bytes; WeCom does
 * not publish a limit for proactive markdown (群机器人 markdown takes 4096), so both use 4000.
 */
export const WECOM_MAX_BYTES = 4000;

export const DEFAULTS = {
  account: 'wecom',
  replyWindowMs: 5 * 60_000,
  welcomeWindowMs: 4_500,
  maxInFlightPerUser: 3,
  startTimeoutMs: 15_000,
  memorySize: 5000,
} as const;

/** The SDK's long-connection client for these options, logging through ours. */
export function createClient(options: WecomOptions, log: Logger): WSClient {
  return new WSClient({
    botId: options.botId,
    secret: options.secret,
    wsUrl: options.wsUrl,
    reconnectInterval: options.reconnectIntervalMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    maxReconnectAttempts: -1, // a bot that gives up reconnecting is silently dead
    logger: sdkLogger(log),
  });
}

/** The SDK's logger on ours: its routine chatter (connecting, frames) at debug. */
function sdkLogger(log: Logger) {
  const child = log.child({ sdk: 'aibot' });
  const line =
    (level: 'debug' | 'warn') =>
    (message: string, ...args: unknown[]) =>
      child[level]({ args: args.length ? args.map(String) : undefined }, message);
  return { debug: line('debug'), info: line('debug'), warn: line('warn'), error: line('warn') };
}
