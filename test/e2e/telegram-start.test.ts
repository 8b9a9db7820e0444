// Starting Telegram for real: `gridbot start` in webhook mode refuses to start without a secret
// and names the setting; with one it registers its public URL with setWebhook (and the secret),
// answers updates Telegram posts with it, and refuses and logs requests without it. With the Bot
// API unreachable, the other adapters start anyway: the console answers at once while Telegram
// is retried in the background, each attempt logged, and works once the API is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import { TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { App } from '../../src/app.js';
import { loadConfig } from '../../src/common/config.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { freshSqlite } from '../support/db.js';
import { fakeLogger } from '../support/logger.js';
import { killAll, startGridbot } from '../support/process.js';
import { eventually, resident, tgUnits, writeOrg, type TgUnit } from '../load/support.js';

const ACCOUNT = 'tg-hook';
let dir: string;
let fake: FakeBotApi;
let units: TgUnit[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gridbot-tg-start-'));
  fake = await FakeBotApi.start();
  units = tgUnits(-1006000000000, 1, 1, ACCOUNT);
});
afterEach(async () => {
  await killAll();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function webhookEnv(extra: Record<string, string>): Record<string, string> {
  return {
    DATABASE_URL: `file:${join(dir, 'gridbot.db')}`,
    GRIDBOT_ORG_FILE: writeOrg(dir, units),
    GRIDBOT_TELEGRAM: 'true',
    GRIDBOT_TELEGRAM_ACCOUNT: ACCOUNT,
    TELEGRAM_BOT_TOKEN: '123:hook',
    TELEGRAM_API_ROOT: fake.apiRoot,
    GRIDBOT_TELEGRAM_MODE: 'webhook',
    ...extra,
  };
}

describe('gridbot start with a Telegram webhook', () => {
  it('refuses to start without a secret, naming the setting', async () => {
    const p = startGridbot('no-secret', webhookEnv({ GRIDBOT_TELEGRAM_WEBHOOK_PORT: String(await freePort()) }));
    const exit = await p.exited;
    expect(exit.code).not.toBe(0);
    expect(p.stderr).toMatch(/GRIDBOT_TELEGRAM_WEBHOOK_SECRET is required when GRIDBOT_TELEGRAM_MODE=webhook/);
    expect(fake.callsOf('getMe')).toEqual([]);
  }, 60_000);

  it('registers its URL with the secret, answers updates, refuses and logs requests without the secret', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/tg/hook`;
    const p = startGridbot(
      'secret',
      webhookEnv({
        GRIDBOT_TELEGRAM_WEBHOOK_PORT: String(port),
        GRIDBOT_TELEGRAM_WEBHOOK_PATH: '/tg/hook',
        GRIDBOT_TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
        GRIDBOT_TELEGRAM_WEBHOOK_URL: url,
        GRIDBOT_TELEGRAM_WEBHOOK_SECRET: 'hook-secret_42',
      }),
    );
    await p.waitForLog('gridbot started', 60_000);
    expect(fake.webhook).toEqual({ url, secret_token: 'hook-secret_42' });

    // Telegram (the fake) posts with the secret: the report is filed and answered.
    const unit = units[0];
    fake.say(unit.chat, resident(fake, unit, 1), `${unit.building}栋${unit.unit}单元楼道灯坏了`);
    await fake.waitFor(() => fake.sent.length > 0, 30_000, 'the reply');
    expect(String(fake.sent[0].params.text)).toMatch(/#1/);
    expect(fake.webhookStatuses).toEqual([200]);

    // Anyone else is refused, and the refusal is logged.
    const update = JSON.stringify({ update_id: 999, message: { message_id: 9, date: 0, chat: unit.chat, text: 'x' } });
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: update });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    await p.waitUntil(
      () => p.logs.filter((l) => l.msg === 'telegram: webhook request rejected').length >= 2,
      10_000,
      'two rejections logged',
    );
    expect(p.logs.filter((l) => l.msg === 'telegram: webhook request rejected').map((l) => l.reason)).toEqual([
      'no secret header',
      'wrong secret',
    ]);
    expect(p.problems()).toEqual([]);
  }, 90_000);
});

describe('an unreachable Bot API', () => {
  it('does not hold up the start: the process starts and logs each attempt', async () => {
    const closed = await freePort(); // nothing listens there
    const p = startGridbot('unreachable', {
      DATABASE_URL: `file:${join(dir, 'gridbot.db')}`,
      GRIDBOT_ORG_FILE: writeOrg(dir, units),
      GRIDBOT_TELEGRAM: 'true',
      GRIDBOT_TELEGRAM_ACCOUNT: ACCOUNT,
      TELEGRAM_BOT_TOKEN: '123:down',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}`,
      GRIDBOT_ADAPTER_START_TIMEOUT_SECONDS: '2',
    });
    await p.waitForLog('gridbot started', 60_000);
    const first = p.logs.find((l) => /^adapter: not started in time|^adapter: could not start/.test(l.msg ?? ''));
    expect(first).toMatchObject({ adapter: 'telegram', account: ACCOUNT, attempt: 1 });
    await p.waitForLog('adapter: starting again', 30_000);
    expect(p.problems()).toEqual([]);
  }, 90_000);

  it('lets the console answer at once and starts Telegram in the background once the API is back', async () => {
    const fresh = await freshSqlite();
    const lines: string[] = [];
    const log = (_: object | string, msg?: string) => void lines.push(msg ?? String(_));
    const logger = fakeLogger({ info: log, warn: log, error: log });
    fake.holdNext('getMe', 1_000); // the API takes connections and never answers
    const console = new ConsoleAdapter();
    const telegram = new TelegramAdapter({ token: '123:later', apiRoot: fake.apiRoot, account: ACCOUNT, logger });
    const app = await App.create({
      config: loadConfig({ DATABASE_URL: fresh.url, GRIDBOT_ADAPTER_START_TIMEOUT_SECONDS: '1' }),
      logger,
      adapters: [console, telegram],
      db: fresh.db,
      manualTicks: true,
    });
    try {
      await app.start();
      await console.say({ chat: '3-2群', speaker: '居民小王', text: '3栋2单元楼道灯坏了' });
      await app.settle();
      expect(console.sent.map((s) => s.text).join('\n')).toMatch(/已受理 #1/);
      expect(lines).toContain('adapter: not started in time; stopping this attempt, retrying in the background');

      fake.release(); // the Bot API is back
      await eventually(async () => lines.includes('adapter: started'), 30_000, 'Telegram started on a later attempt');
      expect(lines).toContain('adapter: starting again');
      // Telegram now works: a DM to the bot is answered.
      const user = fake.user('李');
      fake.say(fake.dm(user), user, '帮助');
      await fake.waitFor(() => fake.sent.length > 0, 30_000, 'the Telegram reply');
      expect(String(fake.sent[0].params.text)).toMatch(/网格助手/);
    } finally {
      await app.stop();
      await fresh.cleanup();
    }
  }, 90_000);
});
