// A real `gridbot start` process (SQLite file, Telegram adapter polling a fake Bot API server
// over loopback HTTP) receives a stream of resident reports and is stopped mid-stream:
//  - SIGKILL (crash): after a restart every message has exactly one effect (ticket or follow,
//    and its reply), every reply is delivered, and re-sends are bounded: only a row whose send
//    was on the wire at the kill can go out twice (the sender delivers one row at a time), so
//    duplicates ≤ 1 per account per crash, and only among the rows claimed at the kill.
//  - SIGTERM (graceful): the process exits 0 having finished what it started; no outbox row is
//    left 'sending', unconfirmed updates come back to the next process, and nothing is doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/client.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
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

const ACCOUNT = 'tg-main';
const LEASE_SECONDS = 2;

let dir: string;
let fake: FakeBotApi;
let units: TgUnit[];
let orgFile: string;
let dbUrl: string;
let db: Database | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gridbot-restart-'));
  fake = await FakeBotApi.start();
  units = tgUnits(-1004000000000, 10, 4, ACCOUNT); // 40 unit chats
  orgFile = writeOrg(dir, units);
  dbUrl = `file:${join(dir, 'gridbot.db')}`;
});

afterEach(async () => {
  await killAll();
  await db?.close().catch(() => {});
  db = undefined;
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(name: string): GridbotProcess {
  return startGridbot(name, {
    DATABASE_URL: dbUrl,
    GRIDBOT_ORG_FILE: orgFile,
    GRIDBOT_TELEGRAM: 'true',
    GRIDBOT_TELEGRAM_ACCOUNT: ACCOUNT,
    TELEGRAM_BOT_TOKEN: '123:restart',
    TELEGRAM_API_ROOT: fake.apiRoot,
    GRIDBOT_OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
  });
}

/** Pushes `total` reports round-robin over the chats, `perTick` every 20 ms; returns their dedupe keys as they go. */
function stream(total: number, perTick: number): { keys: string[]; done: Promise<void> } {
  const keys: string[] = [];
  const done = (async () => {
    for (let i = 0; i < total; ) {
      for (let k = 0; k < perTick && i < total; k++, i++) {
        const unit = units[i % units.length];
        const n = Math.floor(i / units.length);
        const m = fake.say(unit.chat, resident(fake, unit, n), `${unit.building}栋${unit.unit}单元${reportText(i)}`);
        keys.push(`telegram:${ACCOUNT}:${unit.chat.id}:${m.message_id}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return { keys, done };
}

async function settled(p: GridbotProcess, expected: number): Promise<void> {
  await eventually(
    async () =>
      (await db!.prisma.inboundMessage.count()) === expected &&
      (await db!.prisma.outbox.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0,
    90_000,
    `${expected} messages handled and every reply sent`,
    async () =>
      `${await db!.prisma.inboundMessage.count()} inbound; outbox ${JSON.stringify(await db!.prisma.outbox.groupBy({ by: ['status'], _count: true }))}; unconfirmed ${fake.unconfirmed}\n${p.tail(15)}`,
  );
}

describe('restarts of a real process under a stream of messages', () => {
  it('SIGKILL mid-stream: after a restart each message has one effect, every reply is delivered, re-sends are bounded', async () => {
    const first = start('first');
    await first.waitForLog('gridbot started', 60_000);
    db = await openDatabase(dbUrl);
    const { keys, done } = stream(400, 3);
    // Kill once a good part is handled and some replies are out, while updates keep coming.
    await eventually(
      async () => (await db!.prisma.inboundMessage.count()) >= 60 && fake.sent.length >= 3,
      60_000,
      'first replies',
    );
    await first.kill();
    expect(first.exit?.signal).toBe('SIGKILL');
    const handledAtKill = await db.prisma.inboundMessage.count();
    const inFlight = await db.prisma.outbox.findMany({ where: { status: 'sending' }, select: { id: true } });
    const sentAtKill = fake.sent.length;
    await done; // the rest arrive while the bot is down
    expect(handledAtKill).toBeLessThan(keys.length); // the kill really was mid-stream

    const second = start('second');
    await second.waitForLog('gridbot started', 60_000);
    await settled(second, keys.length);

    await expectOneEffectEach(db, keys);
    const rows = await outboxRows(db);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    const { duplicates, missing, extra } = compareDeliveries(rows, fake.sent);
    expect(missing, 'replies never delivered').toEqual([]);
    expect(extra, 'sends no outbox row asked for').toEqual([]);
    // The documented bound: at-least-once delivery re-sends at most the one row that was on
    // the wire at the kill, and only a row that was claimed ('sending') then.
    expect(duplicates.length, JSON.stringify(duplicates)).toBeLessThanOrEqual(Math.min(1, inFlight.length));
    expect(fake.sent.length).toBe(rows.length + duplicates.length);
    expect(sentAtKill).toBeGreaterThan(0);
    expect(second.problems()).toEqual([]);
    await expect(second.terminate()).resolves.toEqual({ code: 0, signal: null });
  }, 180_000);

  it('SIGTERM mid-stream: exits 0, finishes what it started, leaves nothing sending; the next process gets the rest once', async () => {
    const first = start('first');
    await first.waitForLog('gridbot started', 60_000);
    db = await openDatabase(dbUrl);
    const { keys, done } = stream(400, 3);
    await eventually(
      async () => (await db!.prisma.inboundMessage.count()) >= 60 && fake.sent.length >= 3,
      60_000,
      'first replies',
    );
    const exit = await first.terminate();
    expect(exit, first.tail()).toEqual({ code: 0, signal: null });
    expect(first.logs.some((l) => l.msg === 'stopped')).toBe(true);
    expect(first.problems(), 'errors while stopping').toEqual([]);
    // Nothing half done: no claimed row left behind, each recorded message has its replies queued.
    expect(await db.prisma.outbox.count({ where: { status: 'sending' } })).toBe(0);
    const handledAtStop = await db.prisma.inboundMessage.count();
    expect(handledAtStop).toBeLessThan(keys.length);
    const sentAtStop = fake.sent.length;
    await done;

    const second = start('second');
    await second.waitForLog('gridbot started', 60_000);
    await settled(second, keys.length);
    await expectOneEffectEach(db, keys);
    const rows = await outboxRows(db);
    const { duplicates, missing, extra } = compareDeliveries(rows, fake.sent);
    expect({ duplicates, missing, extra }).toEqual({ duplicates: [], missing: [], extra: [] });
    expect(fake.sent.length).toBe(rows.length);
    expect(sentAtStop).toBeGreaterThan(0);
    expect(fake.unconfirmed).toBe(0);
    expect(second.problems()).toEqual([]);
    await expect(second.terminate()).resolves.toEqual({ code: 0, signal: null });
  }, 180_000);
});
