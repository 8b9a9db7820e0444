/**
 * The one configuration schema. Settings come from the environment (GRIDBOT_*, DATABASE_URL)
 * and optionally a YAML/JSON file named by GRIDBOT_CONFIG; the environment wins. Parsed once
 * at start; nothing else reads process.env.
 */
import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { BOT_NAMES } from './text/names.js';
import { parseYaml } from './yaml.js';

const hhmm = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'expected HH:MM, e.g. 08:00');
const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
const minutes = z.coerce.number().positive();

const deadlineRule = z.object({ ackMinutes: minutes, resolveMinutes: minutes });

export const configSchema = z.object({
  databaseUrl: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'expected file:PATH for SQLite or postgresql://… for PostgreSQL')
    .default('file:./data/gridbot.db'),
  orgFile: z.string().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  timeZone: z.string().default('Asia/Shanghai'),
  instanceId: z.string().optional(),
  botNames: z.array(z.string()).default([...BOT_NAMES]),
  /** Where heads are pinged: in the chat the report came from, or by direct message. */
  pingMode: z.enum(['chat', 'direct']).default('chat'),
  deadlines: z
    .object({
      normal: deadlineRule.default({ ackMinutes: 120, resolveMinutes: 72 * 60 }),
      urgent: deadlineRule.default({ ackMinutes: 15, resolveMinutes: 240 }),
      byCategory: z.record(z.string(), deadlineRule).default({}),
    })
    .default({
      normal: { ackMinutes: 120, resolveMinutes: 4320 },
      urgent: { ackMinutes: 15, resolveMinutes: 240 },
      byCategory: {},
    }),
  followupReminderHours: z.coerce.number().positive().default(72),
  duplicateWindowHours: z.coerce.number().positive().default(72),
  /** After this many chases (催办) a ticket goes one level up. */
  chaseEscalateAfter: z.coerce.number().int().positive().default(3),
  /** A chase nudges the assignee at most once in this many minutes. */
  chaseNudgeMinutes: z.coerce.number().positive().default(60),
  /** "又坏了" within this many days of a resolution reopens the ticket and counts a relapse (反复). */
  relapseDays: z.coerce.number().positive().default(30),
  /** A report read with less confidence than this is not filed unasked: the bot stays quiet, or asks when @-mentioned. */
  reportConfidence: z.coerce.number().min(0).max(1).default(0.5),
  digestTime: hhmm.default('08:00'),
  weeklyDigestTime: hhmm.default('08:30'),
  digestCatchUpHours: z.coerce.number().nonnegative().default(6),
  noticeLateLimitMinutes: z.coerce.number().nonnegative().default(60),
  /**
   * How long an outbox claim holds without renewal; a live sender renews it every third of it,
   * so a dead instance's rows are taken over this long after it died.
   */
  outboxLeaseSeconds: z.coerce.number().positive().default(15),
  /** Longest one outbox send may take (pacing included) before it is retried as a transient failure. */
  outboxSendTimeoutSeconds: z.coerce.number().positive().default(90),
  /** How long start waits for one adapter (platform connection) before going on without it and retrying in the background. */
  adapterStartTimeoutSeconds: z.coerce.number().positive().default(20),
  console: z.object({ enabled: boolish.default(true) }).default({ enabled: true }),
  /** Photos, voice notes and files people send: where their bytes go and how many are taken. */
  media: z
    .object({
      /** Content-addressed store (default: media/ beside a SQLite file, else data/media). */
      dir: z.string().optional(),
      /** Largest file kept, in megabytes. */
      maxMegabytes: z.coerce.number().positive().default(20),
      /** Attachments kept per chat per day; more are recorded but not downloaded. */
      perChatPerDay: z.coerce.number().int().positive().default(200),
      /** Download attempts before a failure is final. */
      maxAttempts: z.coerce.number().int().positive().default(6),
      /** Seconds one download may take. */
      timeoutSeconds: z.coerce.number().positive().default(60),
    })
    .default({ maxMegabytes: 20, perChatPerDay: 200, maxAttempts: 6, timeoutSeconds: 60 }),
  wechat: z
    .object({
      enabled: boolish.default(false),
      token: z.string().optional(),
      endpoint: z.string().optional(),
      tls: boolish.default(true),
      account: z.string().default('wechat'),
    })
    .default({ enabled: false, tls: true, account: 'wechat' }),
  telegram: z
    .object({
      enabled: boolish.default(false),
      token: z.string().optional(),
      apiRoot: z.string().url().optional(),
      mode: z.enum(['polling', 'webhook']).default('polling'),
      webhookPort: z.coerce.number().int().positive().optional(),
      webhookPath: z.string().default('/telegram'),
      /** Telegram sends it with every update; 1–256 of A–Z, a–z, 0–9, _ and -. Required in webhook mode. */
      webhookSecret: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1–256 characters of A-Z, a-z, 0-9, _ and -')
        .optional(),
      /** Interface the webhook listens on: loopback, behind the TLS proxy that Telegram reaches. */
      webhookHost: z.string().default('127.0.0.1'),
      /** The public URL Telegram posts to (HTTPS for Telegram's own servers); registered with setWebhook and the secret at start. */
      webhookUrl: z.string().url().optional(),
      account: z.string().default('telegram'),
    })
    .default({
      enabled: false,
      mode: 'polling',
      webhookPath: '/telegram',
      webhookHost: '127.0.0.1',
      account: 'telegram',
    }),
  /** WeCom (企业微信) intelligent bot over the official long connection. */
  wecom: z
    .object({
      enabled: boolish.default(false),
      botId: z.string().optional(),
      secret: z.string().optional(),
      /** A private deployment's long-connection address (wss://…); WeCom's public one when absent. */
      wsUrl: z
        .string()
        .regex(/^wss?:\/\//, 'expected a ws:// or wss:// URL')
        .optional(),
      account: z.string().default('wecom'),
    })
    .default({ enabled: false, account: 'wecom' }),
  /** The staff web console (民情地图, tickets, charts, exports); see src/web. */
  web: z
    .object({
      enabled: boolish.default(false),
      host: z.string().default('127.0.0.1'),
      port: z.coerce.number().int().min(0).max(65535).default(8080),
      /** The public base URL used in links (login links, the digest); defaults to http://host:port. */
      url: z.string().url().optional(),
      /** Signs login links; when unset, one is generated and kept in the database. */
      secret: z.string().min(16).optional(),
      /** Where uploaded estate plans and digest chart images are written (default: web/ beside a SQLite file, else data/web). */
      dataDir: z.string().optional(),
    })
    .default({ enabled: false, host: '127.0.0.1', port: 8080 }),
});

export type Config = z.infer<typeof configSchema>;

/** Environment variable → path in the schema. `.env.example` documents each. */
const ENV_MAP: Record<string, string> = {
  DATABASE_URL: 'databaseUrl',
  GRIDBOT_ORG_FILE: 'orgFile',
  GRIDBOT_LOG_LEVEL: 'logLevel',
  GRIDBOT_TIME_ZONE: 'timeZone',
  GRIDBOT_INSTANCE_ID: 'instanceId',
  GRIDBOT_PING_MODE: 'pingMode',
  GRIDBOT_DIGEST_TIME: 'digestTime',
  GRIDBOT_WEEKLY_DIGEST_TIME: 'weeklyDigestTime',
  GRIDBOT_DIGEST_CATCH_UP_HOURS: 'digestCatchUpHours',
  GRIDBOT_NOTICE_LATE_LIMIT_MINUTES: 'noticeLateLimitMinutes',
  GRIDBOT_FOLLOWUP_REMINDER_HOURS: 'followupReminderHours',
  GRIDBOT_DUPLICATE_WINDOW_HOURS: 'duplicateWindowHours',
  GRIDBOT_CHASE_ESCALATE_AFTER: 'chaseEscalateAfter',
  GRIDBOT_CHASE_NUDGE_MINUTES: 'chaseNudgeMinutes',
  GRIDBOT_RELAPSE_DAYS: 'relapseDays',
  GRIDBOT_REPORT_CONFIDENCE: 'reportConfidence',
  GRIDBOT_OUTBOX_LEASE_SECONDS: 'outboxLeaseSeconds',
  GRIDBOT_OUTBOX_SEND_TIMEOUT_SECONDS: 'outboxSendTimeoutSeconds',
  GRIDBOT_ADAPTER_START_TIMEOUT_SECONDS: 'adapterStartTimeoutSeconds',
  GRIDBOT_CONSOLE: 'console.enabled',
  GRIDBOT_WECHAT: 'wechat.enabled',
  WECHATY_PUPPET_SERVICE_TOKEN: 'wechat.token',
  WECHATY_PUPPET_SERVICE_ENDPOINT: 'wechat.endpoint',
  GRIDBOT_WECHAT_TLS: 'wechat.tls',
  GRIDBOT_WECHAT_ACCOUNT: 'wechat.account',
  GRIDBOT_TELEGRAM: 'telegram.enabled',
  TELEGRAM_BOT_TOKEN: 'telegram.token',
  TELEGRAM_API_ROOT: 'telegram.apiRoot',
  GRIDBOT_TELEGRAM_MODE: 'telegram.mode',
  GRIDBOT_TELEGRAM_WEBHOOK_PORT: 'telegram.webhookPort',
  GRIDBOT_TELEGRAM_WEBHOOK_PATH: 'telegram.webhookPath',
  GRIDBOT_TELEGRAM_WEBHOOK_SECRET: 'telegram.webhookSecret',
  GRIDBOT_TELEGRAM_WEBHOOK_HOST: 'telegram.webhookHost',
  GRIDBOT_TELEGRAM_WEBHOOK_URL: 'telegram.webhookUrl',
  GRIDBOT_TELEGRAM_ACCOUNT: 'telegram.account',
  GRIDBOT_WECOM: 'wecom.enabled',
  WECOM_BOT_ID: 'wecom.botId',
  WECOM_BOT_SECRET: 'wecom.secret',
  WECOM_WS_URL: 'wecom.wsUrl',
  GRIDBOT_WECOM_ACCOUNT: 'wecom.account',
  GRIDBOT_WEB: 'web.enabled',
  GRIDBOT_WEB_HOST: 'web.host',
  GRIDBOT_WEB_PORT: 'web.port',
  GRIDBOT_WEB_URL: 'web.url',
  GRIDBOT_WEB_SECRET: 'web.secret',
  GRIDBOT_WEB_DATA_DIR: 'web.dataDir',
  GRIDBOT_MEDIA_DIR: 'media.dir',
  GRIDBOT_MEDIA_MAX_MB: 'media.maxMegabytes',
  GRIDBOT_MEDIA_PER_CHAT_PER_DAY: 'media.perChatPerDay',
};

/** Thrown when a setting is invalid; the message names the setting and what is wrong. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the configuration from an environment and an optional file.
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: Record<string, unknown> = {}): Config {
  const fromFile = env.GRIDBOT_CONFIG ? readConfigFile(env.GRIDBOT_CONFIG) : {};
  const raw: Record<string, unknown> = structuredClone(fromFile);
  const origin = new Map<string, string>();
  for (const [name, path] of Object.entries(ENV_MAP)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, path, value);
    origin.set(path, name);
  }
  if (env.GRIDBOT_BOT_NAMES)
    raw.botNames = env.GRIDBOT_BOT_NAMES.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  for (const [path, value] of Object.entries(overrides)) setPath(raw, path, value);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const path = issue.path.join('.');
      const envName = origin.get(path);
      return `  ${envName ? `${envName} (${path})` : path}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.wechat.enabled && !config.wechat.token)
    throw new ConfigError('WECHATY_PUPPET_SERVICE_TOKEN is required when GRIDBOT_WECHAT=true');
  if (config.telegram.enabled && !config.telegram.token)
    throw new ConfigError('TELEGRAM_BOT_TOKEN is required when GRIDBOT_TELEGRAM=true');
  if (config.telegram.enabled && config.telegram.mode === 'webhook' && !config.telegram.webhookSecret)
    throw new ConfigError(
      'GRIDBOT_TELEGRAM_WEBHOOK_SECRET is required when GRIDBOT_TELEGRAM_MODE=webhook: Telegram sends it with every update and requests without it are refused (make one with `openssl rand -hex 32`)',
    );
  if (config.wecom.enabled && !(config.wecom.botId && config.wecom.secret))
    throw new ConfigError('WECOM_BOT_ID and WECOM_BOT_SECRET are required when GRIDBOT_WECOM=true');
  return config;
}

/** The console's public base URL without a trailing slash. */
export function webBaseUrl(config: Config): string {
  const host = config.web.host.includes(':') ? `[${config.web.host}]` : config.web.host;
  return (config.web.url ?? `http://${host}:${config.web.port}`).replace(/\/+$/, '');
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new ConfigError(`GRIDBOT_CONFIG: file not found: ${path}`);
  try {
    const value = parseYaml(readFileSync(path, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch (error) {
    throw new ConfigError(`GRIDBOT_CONFIG: ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
