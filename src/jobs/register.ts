/**
 * The application's jobs: digests, the weekly summary, monthly visit lists, notice progress
 * reports, and the handler for scheduled notices (`Schedule` rows of kind `notice`).
 * Each fire is claimed in the database by the Scheduler, and every message a job queues
 * carries a dedupe key derived from the fire, so nothing is ever sent twice.
 */
import type { Clock } from '../common/types.js';
import { type Config, webBaseUrl } from '../common/config.js';
import type { Logger } from '../common/log.js';
import { sendDigests } from '../services/digest-send.js';
import { webDataDir } from '../services/web-access.js';
import { cronAt } from '../services/local-time.js';
import { reportNotices } from '../services/notices.js';
import { fireScheduledNotice } from '../services/schedules.js';
import { sendVisitLists } from '../services/visits.js';
import type { Database } from '../store/client.js';
import type { Scheduler } from './scheduler.js';

export interface JobDeps {
  db: Database;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Tells the outbox senders there is new work. */
  wake(): void;
}

const HOUR = 3_600_000;

/** Visit lists go out on the 1st of each month at 09:00 local time. */
export const VISITS_CRON = '0 9 1 * *';

export function registerJobs(scheduler: Scheduler, deps: JobDeps): void {
  const { db, config, clock, wake } = deps;
  const tz = config.timeZone;
  const log = deps.logger.child({ part: 'jobs' });
  const digestCatchUp = { windowMs: config.digestCatchUpHours * HOUR };
  // The digest links to the web console only where one is served (or its URL configured).
  const extras = {
    imageDir: webDataDir(config),
    ...(config.web.enabled || config.web.url ? { link: webBaseUrl(config) } : {}),
  };

  scheduler.register({
    key: 'digest:daily',
    cron: cronAt(config.digestTime),
    catchUp: digestCatchUp,
    run: async (fireAt) => {
      if (await sendDigests(db, 'daily', fireAt, clock.now(), tz, log, extras)) wake();
    },
  });
  scheduler.register({
    key: 'digest:weekly',
    cron: cronAt(config.weeklyDigestTime, '1'),
    catchUp: digestCatchUp,
    run: async (fireAt) => {
      if (await sendDigests(db, 'weekly', fireAt, clock.now(), tz, log, extras)) wake();
    },
  });
  scheduler.register({
    key: 'visits:monthly',
    cron: VISITS_CRON,
    // A visit list is still useful a few days late; older missed months are skipped.
    catchUp: { windowMs: 72 * HOUR },
    run: async (fireAt) => {
      if (await sendVisitLists(db, fireAt, clock.now(), tz, log)) wake();
    },
  });
  scheduler.register({
    key: 'notices:progress',
    cron: '* * * * *',
    catchUp: { windowMs: 24 * HOUR },
    run: async () => {
      if (await reportNotices(db, clock.now(), log)) wake();
    },
  });
  scheduler.onSchedule(
    'notice',
    async (row, fireAt) => {
      await fireScheduledNotice(db, row, fireAt, clock.now(), log);
      wake();
    },
    // A recurring notice missed by more than the late limit is skipped, like a one-shot one.
    { catchUp: { windowMs: config.noticeLateLimitMinutes * 60_000 } },
  );
}
