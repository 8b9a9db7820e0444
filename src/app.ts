/**
 * Wires the parts together: database, message understanding, the core, the outbox senders,
 * the scheduler and whichever adapters the entry point passes in. Only the entry knows which
 * adapters run.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Bot } from './bot/engine.js';
import type { Deps } from './bot/context.js';
import { systemClock, type Adapter, type Clock } from './common/types.js';
import type { Config } from './common/config.js';
import { Scheduler } from './jobs/index.js';
import { registerJobs } from './jobs/register.js';
import type { Logger } from './common/log.js';
import { sweepDeadlines, sweepFollowups } from './services/escalation.js';
import { listenToMentions } from './services/intake.js';
import { importOrg, syncOrg } from './services/org/import.js';
import { registerAccounts } from './services/notify.js';
import { loadReader } from './services/reader.js';
import { OutboxSender } from './services/outbox.js';
import { mediaDir } from './services/media/attachments.js';
import { MediaFetcher } from './services/media/fetcher.js';
import { FileMediaStore, type MediaStore } from './store/media-store.js';
import { openDatabase, type Database } from './store/client.js';
import { PrismaRunClaims, PrismaScheduleStore } from './store/job-runs.js';
import { migrate } from './store/migrate.js';

export const DEMO_ORG = new URL('../org/demo.yaml', import.meta.url);

/** Pause before the second attempt to start an adapter; doubled each time up to the maximum. */
const ADAPTER_RETRY_FIRST_MS = 5_000;
const ADAPTER_RETRY_MAX_MS = 5 * 60_000;

export interface AppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  adapters?: Adapter[];
  /** Drive the scheduler by calling `tick` (tests) instead of its own timer. */
  manualTicks?: boolean;
  /** Open this database instead of `config.databaseUrl` (tests share one). */
  db?: Database;
  /** Keep photos and voice notes here instead of the configured directory. */
  media?: MediaStore;
}

export class App {
  readonly bot: Bot;
  readonly senders: OutboxSender[];
  readonly fetchers: MediaFetcher[];
  readonly scheduler: Scheduler;
  private inFlight = new Set<Promise<unknown>>();
  private started = false;
  private stopped = false;
  /** Background retries of adapters that did not start. */
  private readonly retries = new Set<ReturnType<typeof setTimeout>>();

  private constructor(
    readonly db: Database,
    readonly deps: Deps,
    readonly adapters: Adapter[],
    readonly options: AppOptions,
  ) {
    const owner = options.config.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.senders = adapters.map(
      (a) =>
        new OutboxSender(db.prisma, a, deps.clock, deps.logger.child({ adapter: a.platform }), {
          owner,
          ownerIsStable: !!options.config.instanceId,
          leaseMs: options.config.outboxLeaseSeconds * 1000,
          sendTimeoutMs: options.config.outboxSendTimeoutSeconds * 1000,
        }),
    );
    const media = deps.media ?? new FileMediaStore(mediaDir(options.config));
    this.fetchers = adapters.map(
      (a) =>
        new MediaFetcher(db.prisma, a, media, options.config, deps.clock, deps.logger.child({ media: a.platform }), {
          owner,
        }),
    );
    this.bot = new Bot(db, deps, () => {
      this.fetchers.forEach((f) => f.wake());
      this.senders.forEach((s) => s.wake());
    });
    this.scheduler = new Scheduler({
      claims: new PrismaRunClaims(db.prisma),
      schedules: new PrismaScheduleStore(db.prisma),
      clock: deps.clock,
      owner,
      timeZone: options.config.timeZone,
      logger: deps.logger.child({ part: 'scheduler' }),
      lateLimitMs: options.config.noticeLateLimitMinutes * 60_000,
      heartbeat: options.manualTicks ? false : '* * * * *',
    });
    const { config, logger, clock } = deps;
    this.scheduler.register({
      key: 'sweep:deadlines',
      cron: '* * * * *',
      catchUp: { windowMs: 24 * 3_600_000 },
      run: async () => {
        await sweepDeadlines(db, clock.now(), config, logger);
        await sweepFollowups(db, clock.now(), config.followupReminderHours, logger);
        this.senders.forEach((s) => s.wake());
      },
    });
    registerJobs(this.scheduler, { db, config, clock, logger, wake: () => this.senders.forEach((s) => s.wake()) });
  }

  /** Opens and migrates the database, loads the org (the demo one when none exists) and the learned model. */
  static async create(options: AppOptions): Promise<App> {
    const { config, logger } = options;
    const db = options.db ?? (await openDatabase(config.databaseUrl));
    if (!options.db) await migrate(db, (m) => logger.info(m));
    await loadOrg(db, config, logger);
    const pipeline = await loadReader(db.prisma, config.botNames, (m) => logger.info(m));
    const adapters = options.adapters ?? [];
    const directToStrangers = (platform: string) =>
      adapters.some((a) => a.platform === platform && a.capabilities.directToStrangers);
    const groupMentionsOnly = (platform: string) =>
      adapters.some((a) => a.platform === platform && a.capabilities.groupMentionsOnly);
    const deps: Deps = {
      config,
      logger,
      clock: options.clock ?? systemClock,
      pipeline,
      directToStrangers,
      groupMentionsOnly,
      media: options.media ?? new FileMediaStore(mediaDir(config)),
    };
    return new App(db, deps, adapters, options);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const accounts = this.adapters.map((a) => ({
      platform: a.platform,
      account: a.account,
      directToStrangers: a.capabilities.directToStrangers,
    }));
    await registerAccounts(this.db.prisma, accounts, this.deps.clock.now());
    for (const adapter of this.adapters)
      if (adapter.capabilities.groupMentionsOnly) await listenToMentions(this.db.prisma, adapter.platform);
    // Each adapter starts on its own: one platform that cannot be reached never holds up another.
    await Promise.all(this.adapters.map((adapter, i) => this.launch(adapter, this.senders[i], this.fetchers[i])));
    await this.scheduler.start();
  }

  /**
   * Starts one adapter and, once it runs, its sender. The first attempt is awaited for at most
   * the start timeout; when it does not finish in time (the platform cannot be reached), attempts
   * go on in the background with a growing pause, each one logged, until one succeeds or the app
   * stops. A first attempt that is refused outright (wrong credentials) fails the start.
   */
  private async launch(adapter: Adapter, sender: OutboxSender, fetcher: MediaFetcher, attempt = 1): Promise<void> {
    const log = this.deps.logger.child({ adapter: adapter.platform, account: adapter.account });
    const timeoutMs = this.options.config.adapterStartTimeoutSeconds * 1000;
    if (attempt > 1) log.info({ attempt }, 'adapter: starting again');
    const started = adapter.start((message) => this.track(this.bot.handle(message)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      started.then(
        () => 'started' as const,
        (error: unknown) => error,
      ),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    if (outcome === 'started') {
      if (this.stopped) return void (await adapter.stop().catch(() => {}));
      if (attempt > 1) log.info({ attempt }, 'adapter: started');
      sender.start();
      fetcher.start();
      return;
    }
    const retryInMs = Math.min(ADAPTER_RETRY_MAX_MS, ADAPTER_RETRY_FIRST_MS * 2 ** (attempt - 1));
    if (outcome === 'timeout') {
      log.warn(
        { attempt, timeoutMs, retryInMs },
        'adapter: not started in time; stopping this attempt, retrying in the background',
      );
      // Aborts the attempt (the Telegram adapter gives up its getMe retries); it settles soon after.
      await adapter.stop().catch((e) => log.debug({ err: e }, 'adapter: stopping a slow start failed'));
      await Promise.race([started.catch(() => {}), new Promise((r) => setTimeout(r, timeoutMs).unref?.())]);
    } else if (attempt === 1) {
      // Refused outright at the first try (a wrong token or secret): a setting to fix, not an outage.
      throw outcome;
    } else {
      log.warn({ err: outcome, attempt, retryInMs }, 'adapter: could not start; retrying in the background');
    }
    if (this.stopped) return;
    const retry = setTimeout(() => {
      this.retries.delete(retry);
      if (!this.stopped) void this.launch(adapter, sender, fetcher, attempt + 1);
    }, retryInMs);
    retry.unref?.();
    this.retries.add(retry);
  }

  /** Graceful stop: no new input, in-flight messages finish, queued replies get a last chance. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const retry of this.retries) clearTimeout(retry);
    this.retries.clear();
    for (const adapter of this.adapters)
      await adapter.stop().catch((e) => this.deps.logger.warn({ err: e }, 'adapter stop failed'));
    await Promise.allSettled([...this.inFlight]);
    await this.scheduler.stop();
    await Promise.all(this.fetchers.map((f) => f.stop()));
    await Promise.all(this.senders.map((s) => s.stop()));
    if (!this.options.db) await this.db.close();
  }

  /** Delivers every due outbox row now (tests and the console call this between messages). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    for (const fetcher of this.fetchers) await fetcher.drain();
    for (const sender of this.senders) await sender.drain();
  }

  private async track<T>(work: Promise<T>): Promise<void> {
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }
}

async function loadOrg(db: Database, config: Config, logger: Logger): Promise<void> {
  if (config.orgFile) {
    // Not imported again when neither the file nor the rows it binds changed since its import.
    const result = await syncOrg(db, readFileSync(config.orgFile, 'utf8'), config.orgFile);
    logger.info(result, 'org file loaded');
    return;
  }
  if ((await db.prisma.place.count()) > 0) return;
  const result = await importOrg(db, readFileSync(DEMO_ORG, 'utf8'), 'org/demo.yaml');
  logger.info(result, 'demo organisation loaded');
}
