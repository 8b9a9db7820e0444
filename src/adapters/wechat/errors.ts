/**
 * Maps what Wechaty, the puppet service and gRPC throw to the neutral {@link DeliveryError}.
 * Only failures that cannot succeed on retry are final; everything else is `transient`,
 * because a puppet service blips (re-login, reconnect) far more often than it rejects.
 */
import { DeliveryError } from '../../common/types.js';

/** gRPC status codes we care about (from @grpc/grpc-js `status`). */
export const GRPC = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** When a provider throttles us without saying for how long, wait this long before the next try. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

function codeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : JSON.stringify(err);
}

/** Converts any send failure into a `DeliveryError`; DeliveryErrors pass through. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = codeOf(err);
  const message = messageOf(err);
  const make = (kind: DeliveryError['kind'], opts: { retryAfterMs?: number } = {}): DeliveryError =>
    new DeliveryError(kind, `wechat: ${message}`, { ...opts, cause: err });

  if (code === GRPC.NOT_FOUND || /no payload found|not exist|not found/i.test(message)) return make('not_found');
  if (code === GRPC.PERMISSION_DENIED || code === GRPC.UNAUTHENTICATED) return make('forbidden');
  if (code === GRPC.INVALID_ARGUMENT) return make('invalid');
  if (code === GRPC.RESOURCE_EXHAUSTED || /too (many|frequent)|rate.?limit|频繁/i.test(message)) {
    return make('rate_limited', { retryAfterMs: DEFAULT_RETRY_AFTER_MS });
  }
  // UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, "not logged in", unknown: worth retrying.
  return make('transient');
}

/**
 * True when an error event means the gRPC event stream to the puppet service is gone, so
 * no more inbound events will arrive until we reconnect. Unary call failures (a payload
 * that could not be loaded) arrive as UNKNOWN and must not trigger a reconnect.
 */
export function isConnectionLoss(err: unknown): boolean {
  const code = codeOf(err);
  if (code === GRPC.UNAVAILABLE || code === GRPC.CANCELLED) return true;
  return /\b(UNAVAILABLE|CANCELLED)\b|Connection dropped|No connection established/.test(messageOf(err));
}
