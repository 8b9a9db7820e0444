/**
 * Structured logging with pino. Every log line about a message carries `msg` ids
 * (`inbound`, `ticket`, `outbox`) so one message can be followed end to end.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the process logger: JSON lines on stderr, so stdout stays free for console chat, or
 * appended to `file` (a person chatting in a terminal should not see log lines between replies).
 */
export function createLogger(level: string, name = 'gridbot', file?: string): Logger {
  const destination = file
    ? pino.destination({ dest: file, mkdir: true, sync: false })
    : pino.destination({ fd: 2, sync: false });
  return pino({ name, level, base: { name } }, destination);
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
