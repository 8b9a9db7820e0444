// Two real `gridbot start` processes on one PostgreSQL database, each with its own Telegram
// account (its own fake Bot API server over loopback HTTP). Residents write in the groups of
// both accounts at once; every message must have exactly one effect and every reply must be
// delivered exactly once, by the account that serves the chat. Then one instance is killed
// with SIGKILL while it is sending, and a replacement for its account (new instance id) takes
// its claimed rows over once their lease expires: nothing is lost, and a re-send is limited to
// the rows that were in flight at the kill (at most the sender's batch).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/client.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { createPgDatabase, describePg } from '../support/db.js';
import { killAll, startGridbot, type GridbotProcess } from '../support/process.js';
import {
  compareDeliveries,
  eventually,
  expectOneEffectEach,
  outboxRows,
  reportText,
  resident,
  tgUnits,
  writeOrg,
  type TgUnit,
} from './support.js';

/** OutboxSender's default batch: the most rows one instance can hold claimed at once. */
const SENDER_BATCH = 20;
const LEASE_SECONDS = 3;

describePg('several instances on one PostgreSQL database', () => {
  let dir: string;
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  let db: Database;
  const fakes: Record<string, FakeBotApi> = {};
  const procs: GridbotProcess[] = [];
  let units: TgUnit[];
  let orgFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridbot-multi-'));
    pgdb = await createPgDatabase('gridbot_multi');
    fakes['tg-a'] = await FakeBotApi.start();
    fakes['tg-b'] = await FakeBotApi.start();
    // Chats of account A in buildings 1–5, of account B in buildings 6–10; 4 units each.
    units = [...tgUnits(-1002000000000, 5, 4, 'tg-a', 1), ...tgUnits(-1003000000000, 5, 4, 'tg-b', 6)];
    orgFile = writeOrg(dir, units);
  });

  afterAll(async () => {
    await killAll();
    await db?.close().catch(() => {});
    await Promise.all(Object.values(fakes).map((f) => f.close()));
    await pgdb?.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (instance: string, account: string) => {
    const p = startGridbot(instance, {
      DATABASE_URL: pgdb.url,
      GRIDBOT_ORG_FILE: orgFile,
      GRIDBOT_INSTANCE_ID: instance,
      GRIDBOT_TELEGRAM: 'true',
      GRIDBOT_TELEGRAM_ACCOUNT: account,
      TELEGRAM_BOT_TOKEN: `${account}:token`,
      TELEGRAM_API_ROOT: fakes[account].apiRoot,
      GRIDBOT_OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    procs.push(p);
    return p;
  };

  /** Pushes `perChat` reports into every chat, round-robin over chats so sends interleave. */
  const pushReports = (perChat: number, offset: number): string[] => {
    const keys: string[] = [];
    for (let n = 0; n < perChat; n++) {
      for (const unit of units) {
        const m = fakes[unit.account].say(
          unit.chat,
          resident(fakes[unit.account], unit, offset + n),
          `${unit.building}栋${unit.unit}单元${reportText(offset + n)}`,
        );
        keys.push(`telegram:${unit.account}:${unit.chat.id}:${m.message_id}`);
      }
    }
    return keys;
  };

  const allSent = () => [...fakes['tg-a'].sent, ...fakes['tg-b'].sent];

  it('two instances started at once share the work: one effect per message, one delivery per reply, by the right account', async () => {
    const a = start('a', 'tg-a');
    const b = start('b', 'tg-b');
    await Promise.all([a.waitForLog('gridbot started', 60_000), b.waitForLog('gridbot started', 60_000)]);
    db = await openDatabase(pgdb.url, { poolSize: 2 });

    const keys = pushReports(3, 0); // 40 chats × 3 = 120 messages, 60 per account
    await eventually(
      async () =>
        (await db.prisma.inboundMessage.count()) === keys.length &&
        (await db.prisma.outbox.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0,
      60_000,
      'all messages handled and all replies sent',
      async () =>
        `${await db.prisma.inboundMessage.count()} inbound; outbox ${JSON.stringify(await db.prisma.outbox.groupBy({ by: ['status'], _count: true }))}\n${a.tail(10)}\n${b.tail(10)}`,
    );
    await expectOneEffectEach(db, keys);

    const rows = await outboxRows(db);
    expect(rows.length).toBeGreaterThanOrEqual(keys.length); // at least one reply per report
    expect(
      rows.filter((r) => r.status !== 'sent'),
      'rows not sent',
    ).toEqual([]);
    const { duplicates, missing, extra } = compareDeliveries(rows, allSent());
    expect({ duplicates, missing, extra }).toEqual({ duplicates: [], missing: [], extra: [] });
    expect(allSent().length).toBe(rows.length);

    // Each chat is answered by the bot the message came through, never by the other account.
    for (const [account, fake] of Object.entries(fakes)) {
      const own = new Set(units.filter((u) => u.account === account).map((u) => String(u.chat.id)));
      const strays = fake.sent.filter((c) => !own.has(String(c.params.chat_id)));
      expect(
        strays.map((c) => c.params.chat_id),
        `sends through ${account} to chats it does not serve`,
      ).toEqual([]);
      expect(fake.sent.length, `${account} delivered its share`).toBeGreaterThan(0);
    }
    // Both instances claimed fires of the shared scheduler, and each fire was claimed by one.
    const runs = await db.prisma.jobRun.findMany({ select: { jobKey: true, fireAt: true, claimedBy: true } });
    const fires = runs.map((r) => `${r.jobKey}@${r.fireAt.toISOString()}`);
    expect(new Set(fires).size).toBe(fires.length);
    expect(
      runs.every((r) => ['a', 'b'].includes(r.claimedBy) || r.claimedBy.startsWith('a') || r.claimedBy.startsWith('b')),
    ).toBe(true);
    for (const p of [a, b]) expect(p.problems(), `${p.name} logged errors`).toEqual([]);
  }, 120_000);

  it('an instance killed while sending has its claimed rows taken over after the lease by a replacement', async () => {
    const [a] = procs;
    const sentBefore = allSent().length;
    const rowsBefore = (await outboxRows(db)).length;
    // Slow account A's sends down (429 with retry_after 1s, several times) so rows pile up claimed.
    fakes['tg-a'].failNext('sendMessage', { code: 429, retry_after: 1 }, 3);
    const keys = pushReports(2, 100);
    // Kill A once it has rows claimed ('sending') and some of the new replies are out.
    await eventually(
      async () =>
        (await db.prisma.outbox.count({
          where: { status: 'sending', account: { in: ['tg-a', 'default'] }, claimedBy: { startsWith: 'a:' } },
        })) > 0,
      30_000,
      'instance a to hold claimed rows',
    );
    await a.kill();
    const inFlight = (
      await db.prisma.outbox.findMany({
        where: { status: 'sending', claimedBy: { startsWith: 'a:' } },
        select: { id: true },
      })
    ).map((r) => r.id);
    const claimedAtKill = inFlight.length;
    expect(claimedAtKill).toBeGreaterThan(0);
    expect(claimedAtKill).toBeLessThanOrEqual(SENDER_BATCH);
    // Messages that account A had fetched but not committed must come back to the replacement
    // (Telegram re-sends updates whose offset was not confirmed).
    const a2 = start('a2', 'tg-a');
    await a2.waitForLog('gridbot started', 60_000);

    const allKeys = [
      ...(await db.prisma.inboundMessage.findMany({ select: { dedupeKey: true } }))
        .map((m) => m.dedupeKey)
        .filter((k) => !keys.includes(k)),
      ...keys,
    ];
    await eventually(
      async () =>
        (await db.prisma.inboundMessage.count()) === allKeys.length &&
        (await db.prisma.outbox.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0,
      60_000,
      'everything handled and sent after the takeover',
      async () =>
        `${await db.prisma.inboundMessage.count()}/${allKeys.length} inbound; outbox ${JSON.stringify(await db.prisma.outbox.groupBy({ by: ['status'], _count: true }))}\n${a2.tail(15)}`,
    );
    await expectOneEffectEach(db, allKeys);
    const rows = await outboxRows(db);
    expect(rows.length).toBeGreaterThan(rowsBefore);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    const { duplicates, missing, extra } = compareDeliveries(rows, allSent());
    expect(missing, 'replies never delivered').toEqual([]);
    expect(extra).toEqual([]);
    // At-least-once: a row whose send reached Telegram just before the kill, but whose 'sent'
    // was never recorded, is sent again by the replacement. Only claimed rows can be; A's sender
    // delivers one row at a time, so at most one of them was actually on the wire.
    expect(duplicates.length, `duplicates ${JSON.stringify(duplicates)}`).toBeLessThanOrEqual(
      Math.min(claimedAtKill, 1),
    );
    expect(allSent().length - sentBefore).toBe(rows.length - rowsBefore + duplicates.length);
    // Rows A had claimed were finished by a2 (taken over after the lease), not left behind.
    const takenOver = await db.prisma.outbox.findMany({
      where: { id: { in: inFlight } },
      select: { status: true, claimedBy: true },
    });
    expect(takenOver.every((r) => r.status === 'sent' && r.claimedBy?.startsWith('a2:'))).toBe(true);
    const [b] = procs.slice(1);
    for (const p of [a2, b]) expect(p.problems(), `${p.name} logged errors`).toEqual([]);
  }, 120_000);
});
