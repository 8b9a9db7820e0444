// A whole bot on a real database with the console adapter and a controllable clock:
// say something as someone in a chat, get back what the bot sent because of it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from '../../src/app.js';
import { ConsoleAdapter, type Delivered } from '../../src/adapters/console/index.js';
import type { Adapter, Clock, Inbound } from '../../src/common/types.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import type { Database } from '../../src/store/client.js';
import { freshPostgres, freshSqlite } from './db.js';

export class TestClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date): void {
    this.at = at;
  }
  advance(ms: number): Date {
    this.at = new Date(this.at.getTime() + ms);
    return this.now();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface Harness {
  app: App;
  db: Database;
  clock: TestClock;
  console: ConsoleAdapter;
  /** Says `text` in `chat` as `speaker`; returns the lines the bot delivered as a result. */
  say(chat: string, speaker: string, text: string, messageId?: string): Promise<Delivered[]>;
  /** Runs the scheduler's due work at the clock's time and returns what was delivered. */
  tick(): Promise<Delivered[]>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    provider?: 'sqlite' | 'postgresql';
    config?: Record<string, unknown>;
    adapters?: Adapter[];
    start?: Date;
  } = {},
): Promise<Harness> {
  const fresh = options.provider === 'postgresql' ? await freshPostgres() : await freshSqlite();
  const clock = new TestClock(options.start ?? new Date('2026-11-23T01:00:00Z')); // Monday 09:00 in Shanghai
  const console = new ConsoleAdapter();
  const mediaDir = await mkdtemp(join(tmpdir(), 'gridbot-media-'));
  const config = loadConfig({ DATABASE_URL: fresh.url }, { 'media.dir': mediaDir, ...(options.config ?? {}) });
  const app = await App.create({
    config,
    logger: silentLogger,
    clock,
    adapters: [console, ...(options.adapters ?? [])],
    db: fresh.db,
    manualTicks: true,
  });
  await app.start();
  const collect = async (work: () => Promise<unknown>) => {
    const before = console.sent.length;
    await work();
    await app.settle();
    return console.sent.slice(before);
  };
  return {
    app,
    db: fresh.db,
    clock,
    console,
    say: (chat, speaker, text, messageId) => collect(() => console.say({ chat, speaker, text, messageId })),
    tick: () => collect(() => app.scheduler.tick(clock.now())),
    close: async () => {
      await app.stop();
      await fresh.cleanup();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

/** The texts of delivered messages, joined for easy matching. */
export const texts = (lines: Delivered[]) => lines.map((l) => l.text).join('\n');

/** A resident's plain message in a console group, as the adapter hands it to the bot. */
export function groupMessage(m: { id: string; chat: string; from: string; text: string; at: Date }): Inbound {
  return {
    platform: 'console',
    account: 'console',
    messageId: m.id,
    kind: 'message',
    chat: { id: m.chat, kind: 'group' },
    from: { id: m.from, name: m.from },
    text: m.text,
    mentionsBot: false,
    mentions: [],
    sentAt: m.at,
  };
}
