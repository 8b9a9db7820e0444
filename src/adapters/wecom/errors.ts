/**
 * Maps what the WeCom SDK rejects with to the neutral {@link DeliveryError}. The SDK rejects a
 * send either with an Error (no connection, connection closed, no acknowledgement in 5 s) or
 * with WeCom's acknowledgement frame itself (`{ errcode, errmsg }`).
 *
 * WeCom publishes no error table for intelligent bots; the codes below are the ones its SDKs
 * and public integrations name, and the general 企业微信 codes for the same causes. Anything
 * else is `transient`: the outbox retries it a bounded number of times, which costs less than
 * dropping a ping for good on a code nobody documented.
 */
import { DeliveryError } from '../../common/types.js';

/** The reply's req_id is not (or no longer) valid: answer with a proactive send instead. */
export const INVALID_REQ_ID = 846605;
/** The stream a reply would update has expired (about six minutes after it began). */
export const STREAM_EXPIRED = 846608;
/** Wrong BotID or Secret; reconnecting cannot help. */
export const AUTH_FAILED = 853000;

/** 接口调用超过限制 and its relatives: WeCom throttles per conversation per minute. */
const RATE_LIMITED = new Set([45009, 45033, 45047]);
/** Not allowed: no privilege, API forbidden, or the bot's credentials were refused. */
const FORBIDDEN = new Set([AUTH_FAILED, 48002, 60011, 60020]);
/** The request itself is wrong: message type, parameters, empty or over-long content. */
const INVALID = new Set([40008, 40058, 41010, 44004, 45002]);

/** WeCom counts per minute, so a throttled conversation is tried again after one. */
const RATE_LIMIT_WAIT_MS = 60_000;

/** The errcode of an acknowledgement frame the SDK rejected with, if that is what `err` is. */
export function errcodeOf(err: unknown): number | undefined {
  const code = (err as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code : undefined;
}

/** True when a reply failed only because its frame can no longer be answered. */
export function isStaleReply(err: unknown): boolean {
  const code = errcodeOf(err);
  return code === INVALID_REQ_ID || code === STREAM_EXPIRED;
}

/** Converts any send failure into a DeliveryError; DeliveryErrors pass through. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = errcodeOf(err);
  if (code !== undefined) {
    const message = `wecom: errcode ${code}: ${String((err as { errmsg?: unknown }).errmsg ?? '')}`;
    if (RATE_LIMITED.has(code)) return new DeliveryError('rate_limited', message, { retryAfterMs: RATE_LIMIT_WAIT_MS });
    if (FORBIDDEN.has(code)) return new DeliveryError('forbidden', message);
    if (INVALID.has(code) || code === INVALID_REQ_ID || code === STREAM_EXPIRED)
      return new DeliveryError('invalid', message);
    return new DeliveryError('transient', message);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/exceeds max size/.test(message))
    return new DeliveryError('rate_limited', `wecom: ${message}`, { retryAfterMs: 5_000 });
  // Not connected, connection closed while waiting, acknowledgement timed out: all pass.
  return new DeliveryError('transient', `wecom: ${message}`, { cause: err });
}

/** Maps a failed media download: an expired URL (they last five minutes) is gone for good. */
export function downloadError(error: unknown): DeliveryError {
  const status = (error as { response?: { status?: number } }).response?.status;
  const message = `wecom: download failed: ${(error as Error).message}`;
  if (status === 403 || status === 404 || status === 410) return new DeliveryError('not_found', message);
  if (/decryptFile/.test((error as Error).message)) return new DeliveryError('invalid', message);
  return new DeliveryError('transient', message, { cause: error });
}
