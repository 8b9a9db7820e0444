/**
 * Scheduler scenarios on PostgreSQL (a fresh database per test). Skipped, visibly, when no
 * server answers, unless GRIDBOT_REQUIRE_PG=1 makes that a failure.
 */
import { describe, it } from 'vitest';
import { freshPostgresDb } from './db.js';
import { schedulerScenarios } from './scenarios.js';

const probe = await freshPostgresDb().catch(() => null);
await probe?.close();
const reachable = probe !== null;

if (!reachable && process.env.GRIDBOT_REQUIRE_PG === '1') {
  describe('scheduler on PostgreSQL', () => {
    it('needs a reachable PostgreSQL (GRIDBOT_REQUIRE_PG=1)', () => {
      throw new Error('PostgreSQL is not reachable');
    });
  });
} else {
  describe.skipIf(!reachable)('scheduler on PostgreSQL', () => {
    schedulerScenarios(async () => {
      const db = await freshPostgresDb();
      if (!db) throw new Error('PostgreSQL went away');
      return db;
    });
  });
}
