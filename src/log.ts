/**
 * Structured logging with pino. Every log line about a message carries `msg` ids
 * (`inbound`, `ticket`, `outbox`) so one message can be followed end to end.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger; JSON lines on stderr so stdout stays free for console chat. */
export function createLogger(level: string, name = 'gridbot'): Logger {
  return pino({ name, level, base: { name } }, pino.destination({ fd: 2, sync: false }));
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
