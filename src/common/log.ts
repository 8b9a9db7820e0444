/**
 * Structured logging with pino. Every log line about a message carries `in` (the inbound dedupe
 * key) and, where known, `ticket` and `outbox` ids, so one message can be followed end to end.
 */
import { type Logger as Pino, pino } from 'pino';

/**
 * The one logger interface of the code base: pino's methods, object first, and children that
 * carry bindings. A pino logger is one; tests may pass anything shaped like it.
 */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Creates the process logger: JSON lines on stderr, so stdout stays free for console chat, or
 * appended to `file` (a person chatting in a terminal should not see log lines between replies).
 */
export function createLogger(level: string, name = 'gridbot', file?: string): Pino {
  const destination = file
    ? pino.destination({ dest: file, mkdir: true, sync: false })
    : pino.destination({ fd: 2, sync: false });
  return pino({ name, level, base: { name } }, destination);
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
