/**
 * Scheduler scenarios on PostgreSQL (a fresh database per test). `describePg` skips visibly
 * when no server answers, and fails when GRIDBOT_REQUIRE_PG=1.
 */
import { describePg } from '../support/db.js';
import { freshPostgresDb } from './db.js';
import { schedulerScenarios } from './scenarios.js';

describePg('scheduler on PostgreSQL', () => {
  schedulerScenarios(freshPostgresDb);
});
