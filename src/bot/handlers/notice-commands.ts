/**
 * Notices, schedules, digests and visits. Filled in by the notices-and-schedules work;
 * until then these commands answer that the feature is not available here.
 */
import type { CommandName } from '../../intents/index.js';
import type { Context } from '../context.js';

type Handler = (ctx: Context) => Promise<void>;

export const noticeCommands: Partial<Record<CommandName, Handler>> = {};
