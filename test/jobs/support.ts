/** Small helpers shared by the scheduler tests: a controlled clock and a recording logger. */
import type { Clock } from '../../src/common/types.js';
import type { Logger } from '../../src/common/log.js';
import { fakeLogger } from '../support/logger.js';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date): Date {
    this.t = new Date(t);
    return this.now();
  }
}

/** One log call. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  obj: Record<string, unknown>;
}

/** A logger that keeps every line for assertions. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object | string, msg?: string) => {
    lines.push({ level, msg: msg ?? '', obj: obj as Record<string, unknown> });
  };
  return Object.assign(fakeLogger({ info: at('info'), warn: at('warn'), error: at('error') }), { lines });
}

/** An instant given as Shanghai wall-clock time ("2024-01-05 15:00"). */
export function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** A promise that never settles: a job whose instance died mid-run. */
export function never(): Promise<void> {
  return new Promise(() => {});
}

/** Yield to the event loop a few times so concurrently started work interleaves. */
export async function jitter(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}
