/**
 * Retrying and error mapping for Bot API calls.
 *
 * 429s are retried by `@grammyjs/auto-retry` (it waits the `retry_after` Telegram asks for).
 * 5xx and network errors are retried by {@link boundedServerRetry} below instead, because
 * auto-retry 2.0.2 (a) retries network errors (`HttpError`) forever — its `maxRetryAttempts`
 * only counts non-network failures — and (b) hard-codes a 3 s first backoff for 5xx, too slow
 * for tests and not configurable. Whatever is still failing after that becomes a
 * {@link DeliveryError}, and the core's outbox decides about later retries.
 */
import { GrammyError, HttpError } from 'grammy';
import type { Transformer } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { DeliveryError } from '../../common/types.js';

/** How hard to retry inside one `send` before giving up with a {@link DeliveryError}. */
export interface RetryOptions {
  /** Retries after the first attempt, per kind (429 / 5xx+network). Default 3. */
  maxRetryAttempts?: number;
  /** A 429 asking to wait longer than this fails at once (rate_limited). Default 30. */
  maxDelaySeconds?: number;
  /** First backoff after a 5xx or network error, doubled each time. Default 1000. */
  serverErrorDelayMs?: number;
}

/** Transformers to install with `bot.api.config.use(...)`, in this order. */
export function retryTransformers(options: RetryOptions = {}): Transformer[] {
  const maxRetryAttempts = options.maxRetryAttempts ?? 3;
  return [
    boundedServerRetry(maxRetryAttempts, options.serverErrorDelayMs ?? 1000),
    autoRetry({
      maxRetryAttempts,
      maxDelaySeconds: options.maxDelaySeconds ?? 30,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  ];
}

/**
 * Retries 5xx answers and network errors a bounded number of times with doubling delays.
 * Skips `getUpdates`: the runner already retries fetching with its own backoff, and
 * retrying here too would only stretch the time until it notices an abort.
 */
export function boundedServerRetry(maxRetries: number, firstDelayMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    if (method === 'getUpdates') return prev(method, payload, signal);
    let delay = firstDelayMs;
    for (let attempt = 0; ; attempt++) {
      let retry: boolean;
      try {
        const result = await prev(method, payload, signal);
        retry = !result.ok && result.error_code >= 500;
        if (!retry || attempt >= maxRetries) return result;
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted || attempt >= maxRetries) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  };
}

/**
 * Maps whatever a Bot API call threw to a {@link DeliveryError}.
 *
 * @example toDeliveryError(new GrammyError('…', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', {}))
 *   // → DeliveryError kind 'forbidden'
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const description = error.description;
    if (code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return new DeliveryError('rate_limited', description, { retryAfterMs: Math.ceil(seconds * 1000), cause: error });
    }
    if (code === 403 || code === 401) return new DeliveryError('forbidden', description, { cause: error });
    if (code === 400 && /chat not found|user not found|peer_id_invalid|upgraded to a supergroup/i.test(description)) {
      // "upgraded to a supergroup" carries parameters.migrate_to_chat_id: the old id is gone for good.
      const moved = error.parameters.migrate_to_chat_id;
      return new DeliveryError('not_found', moved ? `${description} (now ${moved})` : description, { cause: error });
    }
    if (code >= 500) return new DeliveryError('transient', description, { cause: error });
    return new DeliveryError('invalid', description, { cause: error });
  }
  if (error instanceof HttpError) return new DeliveryError('transient', error.message, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError('transient', message, { cause: error });
}
