/**
 * The `gridbot` command: start the bot, open the console chat, import or show the org,
 * migrate the database, read messages with the NLU, invite a person to bind their account,
 * serve the web console and make its login links and API keys.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { App } from '../app.js';
import { ConsoleAdapter } from '../adapters/console/index.js';
import { runConsole } from '../adapters/console/repl.js';
import { type Adapter, systemClock } from '../common/types.js';
import { ConfigError, loadConfig, type Config, webBaseUrl } from '../common/config.js';
import { createLogger } from '../common/log.js';

/** The process logger (pino: it can also be flushed before exit). */
type Logger = ReturnType<typeof createLogger>;
import { OrgFileError } from '../services/org/file.js';
import { importOrg } from '../services/org/import.js';
import { openDatabase, redactUrl } from '../store/client.js';
import { migrate } from '../store/migrate.js';
import { orgSummary } from './org-show.js';
import { createInvite } from './invite.js';
import { scheduleAdd, scheduleCancel, scheduleList } from './schedule.js';
import { apiKeyCreate, webLink } from './web.js';

const program = new Command();
program
  .name('gridbot')
  .description("网格助手: turns residents' group-chat reports into tracked tickets for grid governance (网格化管理).")
  .option('--db <url>', 'database URL (overrides DATABASE_URL), e.g. file:./data/gridbot.db or postgresql://…')
  .showHelpAfterError();

function setup(options: { chatInTerminal?: boolean } = {}): { config: Config; logger: Logger } {
  const db = program.opts().db as string | undefined;
  const config = loadConfig(process.env, db ? { databaseUrl: db } : {});
  return { config, logger: createLogger(config.logLevel, 'gridbot', options.chatInTerminal ? LOG_FILE : undefined) };
}

/** Where logs go while a person chats in the terminal. */
const LOG_FILE = 'data/gridbot.log';
const terminalChat = () => process.stdin.isTTY === true && process.stdout.isTTY === true;

program
  .command('start')
  .description('start the bot with the adapters enabled in configuration (console by default)')
  .action(async () => {
    const { config, logger } = setup({ chatInTerminal: terminalChat() && loadConfig(process.env).console.enabled });
    const adapters: Adapter[] = [];
    if (config.wechat.enabled) {
      const { WechatAdapter } = await import('../adapters/wechat/index.js');
      adapters.push(
        new WechatAdapter({
          token: config.wechat.token!,
          endpoint: config.wechat.endpoint,
          tls: config.wechat.tls,
          account: config.wechat.account,
          botNames: config.botNames,
          logger: logger.child({ adapter: 'wechat' }),
        }),
      );
    }
    if (config.telegram.enabled) {
      const { TelegramAdapter } = await import('../adapters/telegram/index.js');
      const t = config.telegram;
      adapters.push(
        new TelegramAdapter({
          token: t.token!,
          apiRoot: t.apiRoot,
          account: t.account,
          mode: t.mode,
          botNames: config.botNames,
          logger: logger.child({ adapter: 'telegram' }),
          ...(t.mode === 'webhook'
            ? {
                webhook: {
                  port: t.webhookPort ?? 8443,
                  path: t.webhookPath,
                  secretToken: t.webhookSecret!, // required in webhook mode (loadConfig)
                  host: t.webhookHost,
                  url: t.webhookUrl,
                },
              }
            : {}),
        }),
      );
    }
    if (config.telegram.enabled && config.telegram.mode === 'webhook' && !config.telegram.webhookUrl)
      logger.warn(
        { host: config.telegram.webhookHost, port: config.telegram.webhookPort ?? 8443 },
        'telegram: GRIDBOT_TELEGRAM_WEBHOOK_URL is not set, so the webhook is not registered with Telegram; register it yourself with the same secret',
      );
    if (config.wecom.enabled) {
      const { WecomAdapter } = await import('../adapters/wecom/index.js');
      const w = config.wecom;
      adapters.push(
        new WecomAdapter({
          botId: w.botId!,
          secret: w.secret!,
          wsUrl: w.wsUrl,
          account: w.account,
          logger: logger.child({ adapter: 'wecom' }),
        }),
      );
    }
    await runApp(config, logger, adapters, config.console.enabled);
  });

program
  .command('console')
  .description(
    'chat with the bot in this terminal; pipe "[chat] [speaker] text" lines or pass --script to run non-interactively',
  )
  .option('--script <file>', 'read messages from a file instead of the terminal')
  .action(async (options: { script?: string }) => {
    const { config, logger } = setup({ chatInTerminal: !options.script && terminalChat() });
    await runApp(config, logger, [], true, options.script);
  });

async function runApp(
  config: Config,
  logger: Logger,
  adapters: Adapter[],
  withConsole: boolean,
  script?: string,
): Promise<void> {
  const consoleAdapter = withConsole
    ? new ConsoleAdapter({ output: process.stdout, botName: config.botNames[0] })
    : null;
  const app = await App.create({ config, logger, adapters: consoleAdapter ? [consoleAdapter, ...adapters] : adapters });
  await app.start();
  // The web console's libraries load only when it is enabled (memory: docs/decisions/0010-performance.md).
  const web = config.web.enabled
    ? await (await import('../web/server.js')).startWebServer({
        db: app.db.prisma,
        config,
        clock: app.deps.clock,
        logger: logger.child({ part: 'web' }),
        wake: () => app.senders.forEach((s) => s.wake()),
      })
    : null;
  logger.info(
    { instance: config.instanceId, adapters: app.adapters.map((a) => `${a.platform}:${a.account}`) },
    'gridbot started',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await web?.close();
    await app.stop();
    logger.info({ signal }, 'stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  if (!consoleAdapter) return;
  const chats = await app.db.prisma.chat.findMany({
    where: { platform: 'console', placeId: { not: null } },
    orderBy: { id: 'asc' },
  });
  const heads = await app.db.prisma.identity.findMany({
    where: { platform: 'console', personId: { not: null } },
    orderBy: { id: 'asc' },
  });
  const input = script ? (await import('node:fs')).createReadStream(script) : process.stdin;
  await runConsole(
    {
      adapter: consoleAdapter,
      settle: () => app.settle(),
      chats: chats.map((c) => c.externalId),
      people: heads.map((h) => h.externalId),
    },
    input,
    process.stdout,
    !script && process.stdin.isTTY === true,
  );
  await stop('end of input');
}

const org = program.command('org').description('the organisation: places, heads, chats, notice board');
org
  .command('import <file>')
  .description('create or update the hierarchy from a YAML or JSON file (idempotent; a bad file changes nothing)')
  .action(async (file: string) => {
    const { config, logger } = setup();
    const db = await openDatabase(config.databaseUrl);
    try {
      await migrate(db, (m) => logger.info(m));
      const result = await importOrg(db, readFileSync(file, 'utf8'), file);
      console.log(`imported ${file}: ${result.places} places, ${result.people} people, ${result.changes} changes`);
    } finally {
      await db.close();
    }
  });
org
  .command('show')
  .description('print the hierarchy with heads and bound chats')
  .action(async () => {
    const { config, logger } = setup();
    const db = await openDatabase(config.databaseUrl);
    try {
      await migrate(db, (m) => logger.info(m));
      console.log(await orgSummary(db));
    } finally {
      await db.close();
    }
  });

program
  .command('invite <person>')
  .description('make a binding code for a person (by key or name); they send "绑定 CODE" to link their chat account')
  .option('--days <n>', 'days the code stays valid', '7')
  .action(async (person: string, options: { days: string }) => {
    const { config, logger } = setup();
    const db = await openDatabase(config.databaseUrl);
    try {
      await migrate(db, (m) => logger.info(m));
      console.log(await createInvite(db, person, Number(options.days)));
    } finally {
      await db.close();
    }
  });

async function withDb(
  fn: (db: Awaited<ReturnType<typeof openDatabase>>, config: Config) => Promise<string>,
): Promise<void> {
  const { config, logger } = setup();
  const db = await openDatabase(config.databaseUrl);
  try {
    await migrate(db, (m) => logger.info(m));
    console.log(await fn(db, config));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  } finally {
    await db.close();
  }
}

const schedule = program.command('schedule').description('scheduled notices (定时通知)');
schedule
  .command('list')
  .description('active scheduled notices with their next run')
  .option('--place <key|name>', 'only schedules at or below this place')
  .action((o: { place?: string }) => withDb((db, config) => scheduleList(db, config, o)));
schedule
  .command('add')
  .description('schedule a notice; --when takes "每周五15:00", "明天8:00" or a cron like "0 15 * * 5"')
  .requiredOption('--place <key|name>', 'place key (e.g. xingfu/g1) or a unique name')
  .requiredOption('--when <phrase|cron>', 'when to send, in the configured time zone')
  .requiredOption('--text <text>', 'the notice text')
  .option('--author <person>', 'person key or name; hears progress by direct message')
  .action((o: { place: string; when: string; text: string; author?: string }) =>
    withDb((db, config) => scheduleAdd(db, config, o)),
  );
schedule
  .command('cancel <id>')
  .description('cancel a scheduled notice')
  .action((id: string) => withDb((db) => scheduleCancel(db, Number(id))));

program
  .command('web')
  .description(
    'serve the web console alone (GRIDBOT_WEB_HOST, GRIDBOT_WEB_PORT); a running bot delivers what it queues',
  )
  .action(async () => {
    const { config, logger } = setup();
    const db = await openDatabase(config.databaseUrl);
    await migrate(db, (m) => logger.info(m));
    const { startWebServer } = await import('../web/server.js');
    const web = await startWebServer({ db: db.prisma, config, clock: systemClock, logger });
    console.log(`web console on ${web.url} (links use ${webBaseUrl(config)})`);
    const stop = async () => {
      await web.close();
      await db.close();
      logger.flush();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
  });

program
  .command('web-link <person>')
  .description('print a one-time web console login link for a person (by key or name), e.g. the first administrator')
  .action((person: string) => withDb((db, config) => webLink(db, config, person)));

program
  .command('apikey')
  .description('API keys for the Open311 read API')
  .command('create <name>')
  .description('make an API key (printed once); --place limits it to a place and what is below it')
  .option('--place <key|name>', 'place key or unique name')
  .action((name: string, o: { place?: string }) => withDb((db) => apiKeyCreate(db, name, o.place)));

program
  .command('db')
  .description('database tasks')
  .command('migrate')
  .description('apply committed migrations (also done automatically at start)')
  .action(async () => {
    const { config } = setup();
    const db = await openDatabase(config.databaseUrl);
    try {
      const { applied } = await migrate(db, (m) => console.log(m));
      console.log(
        `${redactUrl(config.databaseUrl)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`,
      );
    } finally {
      await db.close();
    }
  });

program
  .command('nlu')
  .description('read JSON lines {"id","text"} on stdin, write one reading per line (see shared/nlu/SPEC.md)')
  .action(async () => {
    const { runNlu } = await import('./nlu.js');
    await runNlu(process.stdin, process.stdout);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof OrgFileError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
