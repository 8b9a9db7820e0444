// `gridbot start` with WeCom enabled by the environment: a real process connects to the
// loopback WeCom server with the configured BotID and Secret, answers a message through its
// frame, and stops cleanly; wrong credentials stop the start with WeCom's error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killAll, startGridbot } from '../support/process.js';
import { FakeWecom } from '../support/wecom-server.js';

let dir: string;
let wecom: FakeWecom;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gridbot-wecom-'));
  wecom = await FakeWecom.start();
});
afterEach(async () => {
  await killAll();
  await wecom.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (secret: string) => ({
  DATABASE_URL: `file:${join(dir, 'gridbot.db')}`,
  GRIDBOT_WECOM: 'true',
  WECOM_BOT_ID: wecom.botId,
  WECOM_BOT_SECRET: secret,
  WECOM_WS_URL: wecom.url,
  GRIDBOT_WECOM_ACCOUNT: 'wecom-xingfu',
});

describe('gridbot start with WeCom', () => {
  it('connects with the configured bot, answers through the frame, and stops cleanly', async () => {
    const p = startGridbot('wecom', env(wecom.secret));
    const started = await p.waitForLog('gridbot started');
    expect(started.adapters).toEqual(['wecom:wecom-xingfu']);
    expect(wecom.subscribes).toBe(1);
    const asked = wecom.say('zhangsan', '帮助');
    const reply = await wecom.waitFor((d) => d.msgid === asked, 'the answer to 帮助');
    expect(reply).toMatchObject({ via: 'reply', chatId: 'zhangsan' });
    expect(reply.content.length).toBeGreaterThan(10);
    expect(await p.terminate()).toEqual({ code: 0, signal: null });
    expect(p.problems()).toEqual([]);
  });

  it('stops the start on a wrong secret, naming WeCom’s error', async () => {
    const p = startGridbot('wecom-bad', env('wrong'));
    const exit = await p.exited;
    expect(exit.code).not.toBe(0);
    expect(p.stderr).toMatch(/853000/);
  });
});
