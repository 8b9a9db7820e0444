/** Scheduler scenarios on real SQLite files (a fresh file per test). */
import { describe } from 'vitest';
import { freshSqliteDb } from './db.js';
import { schedulerScenarios } from './scenarios.js';

describe('scheduler on SQLite', () => {
  schedulerScenarios(freshSqliteDb);
});
