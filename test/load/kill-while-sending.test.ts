// A real `gridbot start` process is killed (SIGKILL) while its reply is on the wire: the fake
// Bot API holds sendMessage unanswered, so the outbox row stays `sending`. With the default
// lease settings:
//  - the dead process's lease is short (a renewed lease, not one that must cover a whole send);
//  - restarted under the same instance id, the bot takes its own row back at once, before even
//    a ten-minute lease has run out, and delivers it;
//  - a different instance starting after the lease ran out takes the row over with its first
//    claim and says so in its log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/client.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { killAll, startGridbot, type GridbotProcess } from '../support/process.js';
import { eventually, resident, tgUnits, writeOrg, type TgUnit } from './support.js';

const ACCOUNT = 'tg-kill';
/** The default of GRIDBOT_OUTBOX_LEASE_SECONDS, which this test does not set. */
const DEFAULT_LEASE_MS = 15_000;

let dir: string;
let fake: FakeBotApi;
let units: TgUnit[];
let orgFile: string;
let dbUrl: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gridbot-kill-'));
  fake = await FakeBotApi.start();
  units = tgUnits(-1005000000000, 1, 2, ACCOUNT);
  orgFile = writeOrg(dir, units);
  dbUrl = `file:${join(dir, 'gridbot.db')}`;
});

afterEach(async () => {
  await killAll();
  await db?.close().catch(() => {});
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(name: string, instance: string, env: Record<string, string> = {}): GridbotProcess {
  return startGridbot(name, {
    ...env,
    DATABASE_URL: dbUrl,
    GRIDBOT_ORG_FILE: orgFile,
    GRIDBOT_INSTANCE_ID: instance,
    GRIDBOT_TELEGRAM: 'true',
    GRIDBOT_TELEGRAM_ACCOUNT: ACCOUNT,
    TELEGRAM_BOT_TOKEN: '123:kill',
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
}

/**
 * Starts `a` (with `env`), has a resident report, and kills `a` while the reply is held on the
 * wire; the lease it leaves runs at most `leaseMs` past the kill.
 */
async function killWhileSending(
  leaseMs = DEFAULT_LEASE_MS,
  env: Record<string, string> = {},
): Promise<{ id: number; leaseUntil: Date; killedAt: number }> {
  const a = start('a', 'a', env);
  await a.waitForLog('gridbot started', 60_000);
  db = await openDatabase(dbUrl);
  fake.holdNext('sendMessage', 1);
  const unit = units[0];
  fake.say(unit.chat, resident(fake, unit, 1), `${unit.building}栋${unit.unit}单元楼道灯坏了`);
  await fake.waitFor(() => fake.heldCalls === 1, 30_000, 'the reply on the wire');
  const row = await db.prisma.outbox.findFirstOrThrow({ where: { status: 'sending' } });
  await a.kill();
  const killedAt = Date.now();
  fake.release(); // the held request died with the process; later sends are answered
  const left = await db.prisma.outbox.findUniqueOrThrow({ where: { id: row.id } });
  expect(left.status).toBe('sending');
  expect(left.claimedBy).toMatch(/^a:/);
  // The lease left behind is the short renewed one, not one stretched over a whole send.
  expect(left.leaseUntil!.getTime() - killedAt).toBeLessThanOrEqual(leaseMs);
  return { id: row.id, leaseUntil: left.leaseUntil!, killedAt };
}

describe('an outbox row left sending by a killed process', () => {
  it('is taken back at once by the same instance restarted, before its lease runs out', async () => {
    // A long lease, so "before it runs out" does not depend on how fast a process starts.
    const long = { GRIDBOT_OUTBOX_LEASE_SECONDS: '600' };
    const { id, leaseUntil } = await killWhileSending(600_000, long);
    const sentBefore = fake.sent.length;
    const again = start('a-again', 'a', long);
    await again.waitForLog('gridbot started', 60_000);
    await eventually(
      async () => (await db.prisma.outbox.findUniqueOrThrow({ where: { id } })).status === 'sent',
      30_000,
      'the row delivered by the restarted instance',
    );
    const row = await db.prisma.outbox.findUniqueOrThrow({ where: { id } });
    expect(row.claimedBy).toMatch(/^a:/);
    expect(row.sentAt!.getTime()).toBeLessThan(leaseUntil.getTime());
    expect(again.logs.some((l) => /took back rows left sending/.test(l.msg ?? ''))).toBe(true);
    expect(fake.sent.length).toBeGreaterThan(sentBefore);
    expect(again.problems()).toEqual([]);
  }, 120_000);

  it('is taken over by another instance with its first claim once the lease has run out', async () => {
    const { id, leaseUntil } = await killWhileSending();
    await eventually(async () => Date.now() > leaseUntil.getTime(), 30_000, 'the lease to run out');
    const b = start('b', 'b');
    await b.waitForLog('gridbot started', 60_000);
    await eventually(
      async () => (await db.prisma.outbox.findUniqueOrThrow({ where: { id } })).status === 'sent',
      30_000,
      'the row delivered by the other instance',
    );
    const row = await db.prisma.outbox.findUniqueOrThrow({ where: { id } });
    expect(row.claimedBy).toMatch(/^b:/);
    expect(b.logs.some((l) => /taking over rows whose lease expired/.test(l.msg ?? ''))).toBe(true);
    expect(b.problems()).toEqual([]);
  }, 120_000);
});
