// Configuration: defaults, environment over file, and errors that name the bad setting.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/common/config.js';

describe('configuration', () => {
  it('has working defaults: SQLite under data/, console on, 08:00 digest in Asia/Shanghai', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: 'file:./data/gridbot.db',
      timeZone: 'Asia/Shanghai',
      digestTime: '08:00',
      pingMode: 'chat',
    });
    expect(c.console.enabled).toBe(true);
    expect(c.deadlines.urgent).toEqual({ ackMinutes: 15, resolveMinutes: 240 });
  });

  it('reads a YAML file and lets the environment win', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gridbot-config-')), 'gridbot.yaml');
    writeFileSync(
      file,
      'digestTime: "07:30"\ndeadlines:\n  byCategory:\n    safety: { ackMinutes: 30, resolveMinutes: 600 }\n',
    );
    const c = loadConfig({ GRIDBOT_CONFIG: file, GRIDBOT_DIGEST_TIME: '09:15' });
    expect(c.digestTime).toBe('09:15');
    expect(c.deadlines.byCategory.safety).toEqual({ ackMinutes: 30, resolveMinutes: 600 });
  });

  it('names the bad setting and what is wrong', () => {
    expect(() => loadConfig({ GRIDBOT_DIGEST_TIME: '8点' })).toThrow(
      /GRIDBOT_DIGEST_TIME \(digestTime\): expected HH:MM/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL \(databaseUrl\)/);
    expect(() => loadConfig({ GRIDBOT_TELEGRAM: 'true' })).toThrow(/TELEGRAM_BOT_TOKEN is required/);
    expect(() => loadConfig({ GRIDBOT_CONFIG: '/nonexistent.yaml' })).toThrow(ConfigError);
    expect(() => loadConfig({ GRIDBOT_WECOM: 'true', WECOM_BOT_ID: 'aib1' })).toThrow(/WECOM_BOT_SECRET are required/);
    expect(() => loadConfig({ WECOM_WS_URL: 'https://x' })).toThrow(/WECOM_WS_URL \(wecom.wsUrl\): expected a ws/);
  });

  it('reads the WeCom bot: off by default, BotID, Secret and a private deployment address', () => {
    expect(loadConfig({}).wecom).toEqual({ enabled: false, account: 'wecom' });
    const c = loadConfig({
      GRIDBOT_WECOM: 'true',
      WECOM_BOT_ID: 'aib1',
      WECOM_BOT_SECRET: 's3cret',
      WECOM_WS_URL: 'wss://openws.example.internal',
      GRIDBOT_WECOM_ACCOUNT: 'wecom-xingfu',
    });
    expect(c.wecom).toEqual({
      enabled: true,
      botId: 'aib1',
      secret: 's3cret',
      wsUrl: 'wss://openws.example.internal',
      account: 'wecom-xingfu',
    });
  });
});
