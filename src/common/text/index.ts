/**
 * Every Chinese sentence the bot says, in one place, keyed by purpose, and the names it shows
 * for stored codes. Each refusal says the reason, then the next step.
 */
import { CONSOLE_TEXT } from './console.js';
import { MEDIA_TEXT } from './media.js';
import { NOTICE_TEXT } from './notices.js';
import { TICKET_TEXT } from './tickets.js';
import { WEB_TEXT } from './web.js';

export { BOT_NAMES, CATEGORY_NAMES, EMERGENCY_REPAIR, EVENT_NAMES, ROLE_LABELS, STATUS_NAMES } from './names.js';
export { duration, when } from './format.js';
export type { DigestView } from './notices.js';
export { type RefusalLike, refusalText } from './refusals.js';

export const T = { ...TICKET_TEXT, ...NOTICE_TEXT, ...CONSOLE_TEXT, ...WEB_TEXT, ...MEDIA_TEXT } as const;
