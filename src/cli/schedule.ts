/**
 * `gridbot schedule list|add|cancel`: scheduled notices from the command line, through the
 * same services as the chat commands ("定时列表", "定时 …", "取消定时 N").
 */
import { when as formatWhen } from '../common/text/index.js';
import type { Config } from '../common/config.js';
import { parseWhen } from '../intents/index.js';
import { cancelSchedule, createNoticeSchedule, listSchedules } from '../services/schedules.js';
import type { Database } from '../store/client.js';

/** A place by key ("xingfu/g1") or, when unique, by name ("第一网格"). */
async function findPlace(db: Database, ref: string) {
  const byKey = await db.prisma.place.findUnique({ where: { key: ref } });
  if (byKey) return byKey;
  const byName = await db.prisma.place.findMany({ where: { name: ref } });
  if (byName.length === 1) return byName[0];
  throw new Error(
    byName.length ? `place "${ref}" is ambiguous; use its key (gridbot org show)` : `unknown place "${ref}"`,
  );
}

/** One line per active notice schedule: id, rule, place, next run, text. */
export async function scheduleList(
  db: Database,
  config: Config,
  options: { place?: string; now?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const scope = options.place ? await findPlace(db, options.place) : null;
  const rows = await listSchedules(db.prisma, scope, now, config.timeZone);
  if (!rows.length) return 'no active schedules';
  return rows
    .map(
      (r) => `#${r.id}\t${r.rule}\t${r.place}\tnext ${r.next ? formatWhen(r.next, config.timeZone) : '-'}\t${r.text}`,
    )
    .join('\n');
}

/**
 * Adds a scheduled notice. `when` is a phrase as in chat ("每周五15:00", "明天8:00") or a
 * 5-field cron expression ("0 15 * * 5") in the configured time zone.
 */
export async function scheduleAdd(
  db: Database,
  config: Config,
  options: { place: string; when: string; text: string; author?: string; now?: Date },
): Promise<string> {
  const now = options.now ?? new Date();
  const place = await findPlace(db, options.place);
  const cron =
    /^\s*\S+(\s+\S+){4}\s*$/.test(options.when) && /^[\d*,/\-\s]+$/.test(options.when) ? options.when.trim() : null;
  const spec = cron ? { kind: 'recurring' as const, cron, text: cron } : parseWhen(options.when, now, config.timeZone);
  if (!spec)
    throw new Error(
      `cannot read the time "${options.when}"; try "每周五15:00", "明天8:00" or a cron like "0 15 * * 5"`,
    );
  const author = options.author
    ? ((await db.prisma.person.findUnique({ where: { key: options.author } })) ??
      (await db.prisma.person.findFirst({ where: { name: options.author } })))
    : null;
  if (options.author && !author) throw new Error(`unknown person "${options.author}"`);
  const result = await createNoticeSchedule(db.prisma, {
    place,
    text: options.text,
    authorId: author?.id ?? null,
    when: spec,
    timeZone: config.timeZone,
    now,
  });
  if (!result.ok) {
    throw new Error(
      result.reason === 'past'
        ? `${formatWhen(result.at!, config.timeZone)} is in the past`
        : `the time "${options.when}" never fires`,
    );
  }
  return `schedule #${result.id}: ${result.rule} → ${place.name}, next ${formatWhen(result.next, config.timeZone)}`;
}

/** Cancels a schedule by id. */
export async function scheduleCancel(db: Database, id: number): Promise<string> {
  if (!Number.isInteger(id) || id <= 0) throw new Error(`not a schedule id: ${id}`);
  if (!(await cancelSchedule(db.prisma, id))) throw new Error(`no active schedule #${id}`);
  return `schedule #${id} cancelled`;
}
