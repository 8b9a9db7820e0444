/** What the console's routes share: its dependencies and the per-request values. */
import type { Config } from '../common/config.js';
import type { Logger } from '../common/log.js';
import type { Clock } from '../common/types.js';
import type { Scope } from '../services/console/scope.js';
import type { Session } from '../services/web-access.js';
import type { Prisma } from '../store/client.js';
import type { MediaStore } from '../store/media-store.js';

export interface WebDeps {
  /** The database client; writes run in its transactions. */
  db: Prisma;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Called after messages were queued, so the outbox senders deliver them now. */
  wake?: () => void;
  /** Where photos are kept (default: the configured media directory). */
  media?: MediaStore;
}

/** Hono's environment for the console: the signed-in session, what it may see, the parsed form. */
export interface Env {
  Variables: {
    session: Session;
    scope: Scope;
    form: Record<string, string | File | (string | File)[]>;
  };
}
